import type { Cadence, Role, Track } from './cohorts';
import { type FunnelTable, MIN_CELL, type SuppressedTable, suppressFunnel } from './suppression';

/**
 * The program report: pure functions from rows a repository read to the numbers admins see.
 * Survey figures are aggregates only, and hidden below MIN_CELL responses; comments are counted,
 * never read.
 */

export const FUNNEL_STAGES = ['enrolled', 'matched', 'met', 'completed'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Days in one cadence period, for "active in the last period". */
export const CADENCE_DAYS: Record<Cadence, number> = { weekly: 7, biweekly: 14, monthly: 31 };

/** Words counted in the objectives participants wrote, as themes of what they ask for. */
export const OBJECTIVE_KEYWORDS = [
  'career',
  'communication',
  'confidence',
  'delegation',
  'feedback',
  'influence',
  'leadership',
  'management',
  'network',
  'strategy',
  'technical',
] as const;

export interface ReportEnrollment {
  readonly userId: string;
  readonly track: Track;
  readonly role: Role;
  readonly state: 'enrolled' | 'matched' | 'withdrawn' | 'completed';
  /** Breakdown key (e.g. `department`, or a sensitive question's key) → the answer's label. */
  readonly groups: Readonly<Record<string, string>>;
}

export interface ReportPairing {
  readonly id: number;
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
  readonly pulseAnswers: number;
  readonly objectives: readonly string[];
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
  readonly enrolled: number;
  readonly matchedPeople: number;
  /** Share of enrolled people in at least one pairing, 0..1; null with nobody enrolled. */
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
  readonly keywords: readonly { keyword: string; count: number }[];
  readonly failedMessages: number;
  /** Everyone's funnel: program-level counts, public like `enrolled` (breakdowns are suppressed). */
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

export function weeklyCheckIns(
  pairings: readonly ReportPairing[],
  checkIns: readonly { pairingId: number; metOn: string }[],
  today: string,
): WeekPoint[] {
  if (pairings.length === 0) return [];
  const first = mondayOf(Math.min(...pairings.map((p) => dayNumber(p.createdAt))));
  const last = mondayOf(dayNumber(today));
  const points: WeekPoint[] = [];
  for (let week = first; week <= last; week += 7) {
    const end = week + 6;
    const pairs = pairings.filter(
      (p) => dayNumber(p.createdAt) <= end && (p.endedAt === null || dayNumber(p.endedAt) >= week),
    ).length;
    const count = checkIns.filter((c) => {
      const day = dayNumber(c.metOn);
      return day >= week && day <= end;
    }).length;
    points.push({ week: dateOf(week), checkIns: count, pairs, perPair: pairs === 0 ? null : count / pairs });
  }
  return points;
}

/** The stage each person reached, as cumulative flags in FUNNEL_STAGES order. */
function stagesReached(
  e: ReportEnrollment,
  paired: ReadonlySet<string>,
  met: ReadonlySet<string>,
): readonly boolean[] {
  return [true, paired.has(e.userId), met.has(e.userId), e.state === 'completed'];
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
  const active = live.filter((p) =>
    checkIns.some((c) => {
      const day = dayNumber(c.metOn);
      return c.pairingId === p.id && day <= todayDay && day > todayDay - CADENCE_DAYS[p.cadence];
    }),
  );
  return { live, active };
}

export interface CohortHeadline {
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
  return {
    matchRate:
      enrolledUserIds.length === 0
        ? null
        : enrolledUserIds.filter((u) => paired.has(u)).length / enrolledUserIds.length,
    activePairs: active.length,
    livePairs: live.length,
  };
}

export function programReport(input: ReportInput): ProgramReport {
  const { enrollments, pairings, checkIns, today } = input;
  const paired = new Set(pairings.flatMap((p) => p.members));
  const firstMeeting = new Map<number, number>();
  for (const c of checkIns) {
    const day = dayNumber(c.metOn);
    firstMeeting.set(c.pairingId, Math.min(firstMeeting.get(c.pairingId) ?? day, day));
  }
  const met = new Set(pairings.filter((p) => firstMeeting.has(p.id)).flatMap((p) => p.members));

  const enrollment = new Map<string, { track: Track; role: Role; count: number }>();
  for (const e of enrollments) {
    const key = `${e.track}:${e.role}`;
    const row = enrollment.get(key) ?? { track: e.track, role: e.role, count: 0 };
    enrollment.set(key, { ...row, count: row.count + 1 });
  }
  const matchedPeople = enrollments.filter((e) => paired.has(e.userId)).length;

  const waits = pairings.flatMap((p) => {
    const first = firstMeeting.get(p.id);
    return first === undefined ? [] : [Math.max(0, first - dayNumber(p.createdAt))];
  });
  const { live, active } = pairActivity(pairings, checkIns, today);

  const people = enrollments.map((e) => ({ e, reached: stagesReached(e, paired, met) }));
  const total = funnelTable(
    people.map((p) => ({ category: 'all', reached: p.reached })),
    [],
  ).total;
  const breakdowns = input.breakdowns.map((b) => {
    const rows = people.map((p) => ({ category: p.e.groups[b.key] ?? NOT_ANSWERED, reached: p.reached }));
    const categories = [...new Set(rows.map((r) => r.category))].sort((x, y) =>
      x === NOT_ANSWERED ? 1 : y === NOT_ANSWERED ? -1 : x.localeCompare(y),
    );
    return { ...b, table: suppressFunnel(funnelTable(rows, categories)) };
  });

  const lowered = input.objectives.map((o) => o.toLowerCase());
  const keywords = OBJECTIVE_KEYWORDS.map((keyword) => ({
    keyword,
    count: lowered.filter((o) => new RegExp(`\\b${keyword}`).test(o)).length,
  })).filter((k) => k.count > 0);

  return {
    enrollment: [...enrollment.values()],
    enrolled: enrollments.length,
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
    pulseAnswers: input.pulseAnswers,
    keywords,
    failedMessages: input.failedMessages,
    funnel: total,
    breakdowns,
  };
}
