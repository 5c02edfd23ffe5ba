import type { Cadence, Role, Track } from './cohorts';
import { type FunnelTable, MIN_CELL, type SuppressedTable, suppressFunnel } from './suppression';
import { extractThemes, type Theme, type ThemeAnswer } from './themes';

/**
 * The program report: pure functions from rows a repository read to the numbers admins see.
 * Survey figures are aggregates only, and hidden below MIN_CELL responses; comments are counted,
 * never read.
 */

export const FUNNEL_STAGES = ['enrolled', 'matched', 'met', 'completed'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Days in one cadence period, for "active in the last period". */
export const CADENCE_DAYS: Record<Cadence, number> = { weekly: 7, biweekly: 14, monthly: 31 };

export interface ReportEnrollment {
  readonly cohortId: number;
  readonly userId: string;
  readonly track: Track;
  readonly role: Role;
  readonly state: 'enrolled' | 'matched' | 'withdrawn' | 'completed';
  /** Breakdown key (e.g. `department`, or a sensitive question's key) → the answer's label. */
  readonly groups: Readonly<Record<string, string>>;
}

export interface ReportPairing {
  readonly id: number;
  readonly cohortId: number;
  readonly state: 'active' | 'paused' | 'ended';
  readonly cadence: Cadence;
  /** When the pair was made (ISO instant). */
  readonly createdAt: string;
  readonly endedAt: string | null;
  readonly atRisk: boolean;
  readonly members: readonly string[];
}

export interface ReportSurveyResponse {
  readonly satisfaction: number | null;
  readonly goalProgress: number | null;
  readonly nps: number | null;
  readonly leadershipInterest: 'yes' | 'no' | 'unsure' | null;
  readonly hasComment: boolean;
}

export interface Breakdown {
  readonly key: string;
  readonly label: string;
  readonly sensitive: boolean;
}

export interface ReportInput {
  /** Today, YYYY-MM-DD. */
  readonly today: string;
  readonly enrollments: readonly ReportEnrollment[];
  readonly pairings: readonly ReportPairing[];
  readonly checkIns: readonly { pairingId: number; metOn: string }[];
  readonly survey: readonly ReportSurveyResponse[];
  /** What people wrote in pulses: read only to count themes, never shown or returned. */
  readonly pulseAnswers: readonly ThemeAnswer[];
  /** What people wrote as objectives: likewise. */
  readonly objectives: readonly ThemeAnswer[];
  readonly failedMessages: number;
  readonly breakdowns: readonly Breakdown[];
}

export interface WeekPoint {
  /** Monday of the week, YYYY-MM-DD. */
  readonly week: string;
  readonly checkIns: number;
  readonly pairs: number;
  /** Check-ins per pair that existed that week; null with no pairs. */
  readonly perPair: number | null;
}

export interface SurveySummary {
  readonly responses: number;
  /** False when fewer than MIN_CELL responded: then every figure below is null. */
  readonly shown: boolean;
  readonly satisfaction: number | null;
  readonly goalProgress: number | null;
  readonly nps: number | null;
  readonly leadershipInterest: number | null;
  readonly comments: number;
}

export interface FunnelBreakdown extends Breakdown {
  readonly table: SuppressedTable;
}

export interface ProgramReport {
  readonly enrollment: readonly { track: Track; role: Role; count: number }[];
  /** Enrollments: someone in two cohorts counts twice. */
  readonly enrolled: number;
  /** Distinct people among the enrollments (equal to `enrolled` within one cohort). */
  readonly people: number;
  /** Enrollments paired in their own cohort. */
  readonly matchedPeople: number;
  /** Share of enrollments paired in their own cohort, 0..1; null with nobody enrolled. */
  readonly matchRate: number | null;
  readonly medianDaysToFirstCheckIn: number | null;
  readonly weekly: readonly WeekPoint[];
  readonly livePairs: number;
  readonly activePairs: number;
  readonly activeShare: number | null;
  readonly atRiskPairs: number;
  readonly leftEarly: number;
  readonly survey: SurveySummary;
  readonly pulseAnswers: number;
  /**
   * Employee-input themes: words and phrases with the number of answers mentioning them, each
   * mentioned in at least 5 answers (a rarer one could quote or identify someone).
   */
  readonly themes: { readonly objectives: readonly Theme[]; readonly pulse: readonly Theme[] };
  readonly failedMessages: number;
  /**
   * Everyone's funnel, counting each person once at the furthest stage any of their enrollments
   * reached: program-level counts, public like `enrolled` (breakdowns are suppressed).
   */
  readonly funnel: readonly number[];
  readonly breakdowns: readonly FunnelBreakdown[];
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the ISO week containing the day. */
function mondayOf(day: number): number {
  return day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
}

export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? 0) + hi) / 2;
}

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** Net Promoter Score: % of 9–10 minus % of 0–6, over those who answered; null with none. */
export function netPromoterScore(scores: readonly (number | null)[]): number | null {
  const known = scores.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  const promoters = known.filter((v) => v >= 9).length;
  const detractors = known.filter((v) => v <= 6).length;
  return ((promoters - detractors) / known.length) * 100;
}

export function summariseSurvey(responses: readonly ReportSurveyResponse[]): SurveySummary {
  const comments = responses.filter((r) => r.hasComment).length;
  const shown = responses.length >= MIN_CELL;
  const interest = responses.filter((r) => r.leadershipInterest !== null);
  return {
    responses: responses.length,
    shown,
    satisfaction: shown ? mean(responses.map((r) => r.satisfaction)) : null,
    goalProgress: shown ? mean(responses.map((r) => r.goalProgress)) : null,
    nps: shown ? netPromoterScore(responses.map((r) => r.nps)) : null,
    leadershipInterest:
      shown && interest.length > 0
        ? interest.filter((r) => r.leadershipInterest === 'yes').length / interest.length
        : null,
    comments,
  };
}

/** Check-ins and live pairs per week, from the first pair's week to this week; linear in rows. */
export function weeklyCheckIns(
  pairings: readonly ReportPairing[],
  checkIns: readonly { pairingId: number; metOn: string }[],
  today: string,
): WeekPoint[] {
  if (pairings.length === 0) return [];
  const created = pairings.map((p) => dayNumber(p.createdAt));
  const first = mondayOf(created.reduce((a, b) => Math.min(a, b)));
  const weeks = (mondayOf(dayNumber(today)) - first) / 7 + 1;
  if (weeks <= 0) return [];
  const weekOf = (day: number) => (mondayOf(day) - first) / 7;
  const counts = new Int32Array(weeks);
  for (const c of checkIns) {
    const w = weekOf(dayNumber(c.metOn));
    if (w >= 0 && w < weeks) counts[w] = (counts[w] ?? 0) + 1;
  }
  // A pair counts in every week from the one it was made in to the one it ended in.
  const starts = new Int32Array(weeks + 1);
  pairings.forEach((p, i) => {
    const from = Math.max(0, weekOf(created[i] ?? 0));
    const to = p.endedAt === null ? weeks - 1 : Math.min(weeks - 1, weekOf(dayNumber(p.endedAt)));
    if (from > to) return;
    starts[from] = (starts[from] ?? 0) + 1;
    starts[to + 1] = (starts[to + 1] ?? 0) - 1;
  });
  const points: WeekPoint[] = [];
  let pairs = 0;
  for (let w = 0; w < weeks; w++) {
    pairs += starts[w] ?? 0;
    const count = counts[w] ?? 0;
    points.push({
      week: dateOf(first + 7 * w),
      checkIns: count,
      pairs,
      perPair: pairs === 0 ? null : count / pairs,
    });
  }
  return points;
}

/** Key of one person's membership of one cohort. */
function membership(cohortId: number, userId: string): string {
  return `${cohortId}:${userId}`;
}

/** The stage an enrollment reached, as cumulative flags in FUNNEL_STAGES order. */
function stagesReached(
  e: ReportEnrollment,
  paired: ReadonlySet<string>,
  met: ReadonlySet<string>,
): readonly boolean[] {
  const key = membership(e.cohortId, e.userId);
  return [true, paired.has(key), met.has(key), e.state === 'completed'];
}

interface Person {
  readonly reached: readonly boolean[];
  readonly groups: Readonly<Record<string, string>>;
}

/**
 * One row per person, however many cohorts they joined: the furthest stage any enrollment
 * reached, and for each breakdown the answer they gave most recently (enrollments arrive oldest
 * first). Counting people, not enrollments, keeps a group of 5 from being 3 people.
 */
function distinctPeople(
  enrollments: readonly ReportEnrollment[],
  reachedBy: (e: ReportEnrollment) => readonly boolean[],
): Person[] {
  const people = new Map<string, { reached: boolean[]; groups: Record<string, string> }>();
  for (const e of enrollments) {
    const reached = reachedBy(e);
    const person = people.get(e.userId);
    if (person === undefined) {
      people.set(e.userId, { reached: [...reached], groups: { ...e.groups } });
      continue;
    }
    reached.forEach((r, s) => {
      if (r) person.reached[s] = true;
    });
    Object.assign(person.groups, e.groups);
  }
  return [...people.values()];
}

function funnelTable(
  people: readonly { category: string; reached: readonly boolean[] }[],
  categories: readonly string[],
): FunnelTable {
  const count = (rows: typeof people) =>
    FUNNEL_STAGES.map((_, s) => rows.filter((p) => p.reached[s] === true).length);
  return {
    categories,
    rows: categories.map((c) => count(people.filter((p) => p.category === c))),
    total: count(people),
  };
}

export const NOT_ANSWERED = 'Not answered';

/** Pairs not ended, and of those the ones with a check-in within their own last cadence period. */
export function pairActivity(
  pairings: readonly ReportPairing[],
  checkIns: readonly { pairingId: number; metOn: string }[],
  today: string,
): { live: ReportPairing[]; active: ReportPairing[] } {
  const live = pairings.filter((p) => p.state !== 'ended');
  const todayDay = dayNumber(today);
  const latest = new Map<number, number>();
  for (const c of checkIns) {
    const day = dayNumber(c.metOn);
    if (day <= todayDay && day > (latest.get(c.pairingId) ?? -Infinity)) latest.set(c.pairingId, day);
  }
  const active = live.filter((p) => (latest.get(p.id) ?? -Infinity) > todayDay - CADENCE_DAYS[p.cadence]);
  return { live, active };
}

export interface CohortHeadline {
  readonly enrolled: number;
  readonly matched: number;
  readonly matchRate: number | null;
  readonly activePairs: number;
  readonly livePairs: number;
}

/** The one line App Home shows per cohort: match rate and active pairs. */
export function cohortHeadline(
  enrolledUserIds: readonly string[],
  pairings: readonly ReportPairing[],
  checkIns: readonly { pairingId: number; metOn: string }[],
  today: string,
): CohortHeadline {
  const paired = new Set(pairings.flatMap((p) => p.members));
  const { live, active } = pairActivity(pairings, checkIns, today);
  const matched = enrolledUserIds.filter((u) => paired.has(u)).length;
  return {
    enrolled: enrolledUserIds.length,
    matched,
    matchRate: enrolledUserIds.length === 0 ? null : matched / enrolledUserIds.length,
    activePairs: active.length,
    livePairs: live.length,
  };
}

/** Cohort headlines added up: the match rate is over every enrollment, each in its own cohort. */
export function combineHeadlines(headlines: Iterable<CohortHeadline>): CohortHeadline {
  let enrolled = 0;
  let matched = 0;
  let activePairs = 0;
  let livePairs = 0;
  for (const h of headlines) {
    enrolled += h.enrolled;
    matched += h.matched;
    activePairs += h.activePairs;
    livePairs += h.livePairs;
  }
  return { enrolled, matched, matchRate: enrolled === 0 ? null : matched / enrolled, activePairs, livePairs };
}

/**
 * Cells of a report over several cohorts that must be hidden because each cohort's own report is
 * published too. Every category of a cohort is public (its table lists it, or the cohort has
 * nobody in it, or lacks the question so everyone is "not answered"), and a cell is shown only
 * if (a) every cohort shows its own cell, so the sum adds nothing a reader could not add, and (b)
 * the people counted in more than one cohort (Σ parts − whole, since the whole counts a person
 * once) are 0 or at least MIN_CELL, so the overlap is not a small group either.
 */
export function crossScopeHidden(
  whole: FunnelTable,
  parts: readonly { readonly table: SuppressedTable | undefined; readonly funnel: readonly number[] }[],
): boolean[][] {
  return whole.categories.map((category, r) =>
    whole.total.map((_, s) => {
      let sum = 0;
      for (const part of parts) {
        let value: number | null;
        if (part.table === undefined) value = category === NOT_ANSWERED ? (part.funnel[s] ?? 0) : 0;
        else if (part.table.withheld) value = null;
        else {
          const i = part.table.categories.indexOf(category);
          value = i < 0 ? 0 : (part.table.rows[i]?.[s] ?? null);
        }
        if (value === null) return true;
        sum += value;
      }
      const overlap = sum - (whole.rows[r]?.[s] ?? 0);
      return overlap > 0 && overlap < MIN_CELL;
    }),
  );
}

/**
 * The report. `parts`: for a report over several cohorts, each cohort's own report, so that no
 * cell here, set beside theirs, reveals a small group by subtraction.
 */
export function programReport(input: ReportInput, parts: readonly ProgramReport[] = []): ProgramReport {
  const { enrollments, pairings, checkIns, today } = input;
  const paired = new Set(pairings.flatMap((p) => p.members.map((m) => membership(p.cohortId, m))));
  const firstMeeting = new Map<number, number>();
  for (const c of checkIns) {
    const day = dayNumber(c.metOn);
    firstMeeting.set(c.pairingId, Math.min(firstMeeting.get(c.pairingId) ?? day, day));
  }
  const met = new Set(
    pairings
      .filter((p) => firstMeeting.has(p.id))
      .flatMap((p) => p.members.map((m) => membership(p.cohortId, m))),
  );

  const enrollment = new Map<string, { track: Track; role: Role; count: number }>();
  for (const e of enrollments) {
    const key = `${e.track}:${e.role}`;
    const row = enrollment.get(key) ?? { track: e.track, role: e.role, count: 0 };
    enrollment.set(key, { ...row, count: row.count + 1 });
  }
  const matchedPeople = enrollments.filter((e) => paired.has(membership(e.cohortId, e.userId))).length;

  const waits = pairings.flatMap((p) => {
    const first = firstMeeting.get(p.id);
    return first === undefined ? [] : [Math.max(0, first - dayNumber(p.createdAt))];
  });
  const { live, active } = pairActivity(pairings, checkIns, today);

  const people = distinctPeople(enrollments, (e) => stagesReached(e, paired, met));
  const total = funnelTable(
    people.map((p) => ({ category: 'all', reached: p.reached })),
    [],
  ).total;
  const breakdowns = input.breakdowns.map((b) => {
    const rows = people.map((p) => ({ category: p.groups[b.key] ?? NOT_ANSWERED, reached: p.reached }));
    const categories = [...new Set(rows.map((r) => r.category))].sort((x, y) =>
      x === NOT_ANSWERED ? 1 : y === NOT_ANSWERED ? -1 : x.localeCompare(y),
    );
    const table = funnelTable(rows, categories);
    const forced =
      parts.length > 1
        ? crossScopeHidden(
            table,
            parts.map((p) => ({ table: p.breakdowns.find((x) => x.key === b.key)?.table, funnel: p.funnel })),
          )
        : undefined;
    return { ...b, table: suppressFunnel(table, forced) };
  });

  return {
    enrollment: [...enrollment.values()],
    enrolled: enrollments.length,
    people: people.length,
    matchedPeople,
    matchRate: enrollments.length === 0 ? null : matchedPeople / enrollments.length,
    medianDaysToFirstCheckIn: median(waits),
    weekly: weeklyCheckIns(pairings, checkIns, today),
    livePairs: live.length,
    activePairs: active.length,
    activeShare: live.length === 0 ? null : active.length / live.length,
    atRiskPairs: live.filter((p) => p.atRisk).length,
    leftEarly: enrollments.filter((e) => e.state === 'withdrawn').length,
    survey: summariseSurvey(input.survey),
    pulseAnswers: input.pulseAnswers.length,
    themes: { objectives: extractThemes(input.objectives), pulse: extractThemes(input.pulseAnswers) },
    failedMessages: input.failedMessages,
    funnel: total,
    breakdowns,
  };
}
