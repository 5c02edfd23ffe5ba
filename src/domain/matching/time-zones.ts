/**
 * Working-hours overlap between time zones on a given day. Offsets come from Intl for the
 * reference date, so daylight saving is whatever it is on that day in each zone: in mid-March New
 * York has already moved its clocks and Berlin has not, and the pair briefly gains an hour.
 */

export interface WorkingHours {
  readonly start: number;
  readonly end: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midday UTC of a YYYY-MM-DD date, or undefined if it is not a real date. */
export function referenceInstant(date: string): Date | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const instant = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), 12));
  return instant.toISOString().startsWith(date) ? instant : undefined;
}

const DAY_MS = 86_400_000;
/** Two years and a day: longer than any mentoring programme, short enough to sample cheaply. */
export const MAX_SPAN_MS = 731 * DAY_MS;

/** The instants whose offsets decide overlap: the start, every seventh day after it, and the end. */
export function referenceInstants(start: Date, end: Date | undefined): Date[] {
  if (end === undefined || end <= start) return [start];
  const instants: Date[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += 7 * DAY_MS) instants.push(new Date(t));
  instants.push(end);
  return instants;
}

const OFFSET = /^GMT(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/;

/**
 * One formatter per zone name (null for a name Intl rejects): building one costs far more than
 * using it, and validation and compilation both ask about the same few zones.
 */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    } catch {
      formatter = null;
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC at `at`, or undefined for a zone Intl does not know. */
export function utcOffsetMinutes(timeZone: string, at: Date): number | undefined {
  const formatter = formatterFor(timeZone);
  if (formatter === null) return undefined;
  let name: string | undefined;
  try {
    name = formatter.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return undefined;
  }
  const match = OFFSET.exec(name ?? '');
  if (!match) return undefined;
  const [, sign, hours, minutes] = match;
  if (sign === undefined) return 0;
  const value = Number(hours) * 60 + Number(minutes ?? 0);
  return sign === '-' ? -value : value;
}

export function isTimeZone(timeZone: string): boolean {
  return utcOffsetMinutes(timeZone, new Date(0)) !== undefined;
}

/**
 * Hours both people are at work, given their offsets in minutes. Windows are compared on the
 * same day and on neighbouring days, because Tokyo's morning is the previous evening in
 * California: that overlap happens on four weekdays out of five, which is enough to meet.
 */
export function overlapHours(offsetA: number, offsetB: number, hours: WorkingHours): number {
  const startA = hours.start * 60 - offsetA;
  const startB = hours.start * 60 - offsetB;
  const length = (hours.end - hours.start) * 60;
  let best = 0;
  for (const shift of [-1440, 0, 1440]) {
    const from = Math.max(startA, startB + shift);
    const to = Math.min(startA + length, startB + shift + length);
    best = Math.max(best, to - from);
  }
  return best / 60;
}
