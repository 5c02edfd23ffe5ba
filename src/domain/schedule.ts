import { DateTime, IANAZone } from 'luxon';
import type { Cadence } from './cohorts';
import { addDays } from './dates';

export { addDays };

/**
 * When check-in nudges and other scheduled messages reach people: 10:00 on one of their working
 * days (Monday to Friday) in their own time zone, and for a group spread over time zones an hour
 * inside everyone's working day. Pure: instants in, instants out; Luxon does the calendar and
 * daylight-saving arithmetic of each zone.
 */

export const NUDGE_HOUR = 10;
export const WORKDAY_START_MINUTES = 9 * 60;
export const WORKDAY_END_MINUTES = 17 * 60;
/** How far ahead a common hour is looked for before a group is nudged one person at a time. */
export const COMMON_SLOT_SEARCH_DAYS = 14;

/** An IANA zone Luxon knows, or UTC for a person whose zone is unknown or invalid. */
export function safeZone(tz: string | null | undefined): string {
  return tz !== null && tz !== undefined && IANAZone.isValidZone(tz) ? tz : 'UTC';
}

function inZone(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone });
}

/** The calendar date (YYYY-MM-DD) it is in `zone` at `at`. */
export function localDate(at: Date, zone: string): string {
  return inZone(at, zone).toISODate() ?? at.toISOString().slice(0, 10);
}

/** The instant `date` begins in `zone`. */
export function startOfLocalDay(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

function isWorkday(local: DateTime): boolean {
  return local.weekday <= 5;
}

function minutesOfDay(local: DateTime): number {
  return local.hour * 60 + local.minute;
}

/** Within 09:00–17:00 on a weekday, in that person's zone. */
export function isWorkingTime(at: Date, zone: string): boolean {
  const local = inZone(at, zone);
  const minutes = minutesOfDay(local);
  return isWorkday(local) && minutes >= WORKDAY_START_MINUTES && minutes < WORKDAY_END_MINUTES;
}

/** The first instant at or after `earliest` that is `hour`:00 on a weekday in `zone`. */
export function nextWorkingSlot(earliest: Date, zone: string, hour = NUDGE_HOUR): Date {
  let day = inZone(earliest, zone).startOf('day');
  for (let i = 0; i < 10; i++) {
    // In a daylight-saving gap Luxon moves the wall time forward, as a person's clock does.
    const candidate = day.set({ hour, minute: 0, second: 0, millisecond: 0 });
    if (isWorkday(candidate) && candidate.toMillis() >= earliest.getTime()) return candidate.toJSDate();
    day = day.plus({ days: 1 });
  }
  throw new Error(`no working slot found in ${zone}`);
}

/**
 * The best whole hour (in the first zone's clock) on the first day that has one where every
 * zone is inside its working day: closest to 10:00 for everyone, then to 10:00 for the first
 * zone (the mentor's), then earliest. Undefined when no such hour exists within the search.
 */
export function commonWorkingSlot(earliest: Date, zones: readonly string[]): Date | undefined {
  const [lead] = zones;
  if (lead === undefined) return undefined;
  let day = inZone(earliest, lead).startOf('day');
  for (let i = 0; i < COMMON_SLOT_SEARCH_DAYS; i++) {
    let best: { at: DateTime; score: number; lead: number } | undefined;
    for (let hour = 0; hour < 24; hour++) {
      const at = day.set({ hour, minute: 0, second: 0, millisecond: 0 });
      if (at.toMillis() < earliest.getTime() || at.hour !== hour) continue;
      const instant = at.toJSDate();
      if (!zones.every((zone) => isWorkingTime(instant, zone))) continue;
      const distance = (zone: string) => Math.abs(minutesOfDay(inZone(instant, zone)) - NUDGE_HOUR * 60);
      const score = zones.reduce((sum, zone) => sum + distance(zone), 0);
      const leadDistance = distance(lead);
      if (best === undefined || score < best.score || (score === best.score && leadDistance < best.lead)) {
        best = { at, score, lead: leadDistance };
      }
    }
    if (best !== undefined) return best.at.toJSDate();
    day = day.plus({ days: 1 });
  }
  return undefined;
}

export interface Recipient {
  readonly userId: string;
  readonly zone: string;
}

/**
 * How one nudge round reaches a pair or group: together in their conversation at a common
 * working hour, or, when their working days never overlap, to each person at their own 10:00.
 * `dueOn` is the local date (first recipient's zone) that names the round.
 */
export type NudgePlan =
  | { readonly kind: 'together'; readonly at: Date; readonly dueOn: string }
  | {
      readonly kind: 'separate';
      readonly dueOn: string;
      readonly slots: readonly { readonly userId: string; readonly at: Date }[];
    };

export function planNudge(earliest: Date, recipients: readonly Recipient[]): NudgePlan {
  const zones = [...new Set(recipients.map((r) => r.zone))];
  const lead = zones[0] ?? 'UTC';
  const together = zones.length <= 1 ? nextWorkingSlot(earliest, lead) : commonWorkingSlot(earliest, zones);
  if (together !== undefined) return { kind: 'together', at: together, dueOn: localDate(together, lead) };
  const slots = recipients.map((r) => ({ userId: r.userId, at: nextWorkingSlot(earliest, r.zone) }));
  const first = slots.reduce((a, b) => (b.at < a.at ? b : a));
  return { kind: 'separate', dueOn: localDate(first.at, lead), slots };
}

/** The earliest instant of a plan: when its round is due. */
export function planStart(plan: NudgePlan): Date {
  if (plan.kind === 'together') return plan.at;
  return plan.slots.reduce((a, b) => (b.at < a.at ? b : a)).at;
}

const PERIOD: Record<Cadence, { weeks?: number; months?: number }> = {
  weekly: { weeks: 1 },
  biweekly: { weeks: 2 },
  monthly: { months: 1 },
};

/** `date` plus `times` cadence periods (a month from 31 January is the last day of February). */
export function addCadence(date: string, cadence: Cadence, times = 1): string {
  const period = PERIOD[cadence];
  const shifted = DateTime.fromISO(date, { zone: 'UTC' }).plus({
    weeks: (period.weeks ?? 0) * times,
    months: (period.months ?? 0) * times,
  });
  return shifted.toISODate() ?? date;
}

/** Whole cadence periods from `from` to `to` (0 when `to` is before one period has passed). */
export function periodsElapsed(from: string, to: string, cadence: Cadence): number {
  let n = 0;
  while (addCadence(from, cadence, n + 1) <= to) n += 1;
  return n;
}

/** Days between two YYYY-MM-DD dates. */
export function daysBetween(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: 'UTC' });
  const b = DateTime.fromISO(to, { zone: 'UTC' });
  return Math.round(b.diff(a, 'days').days);
}

/** Halfway between two dates, rounded down to a whole day. */
export function midpointDate(startsOn: string, endsOn: string): string {
  return addDays(startsOn, Math.floor(daysBetween(startsOn, endsOn) / 2));
}
