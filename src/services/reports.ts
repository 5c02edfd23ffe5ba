import { stringify } from 'csv-stringify/sync';
import { type ChartDefinition, funnelChart, weeklyChart } from '../domain/charts';
import { isoDate } from '../domain/dates';
import {
  type CohortHeadline,
  cohortHeadline,
  type ProgramReport,
  programReport,
  type ReportInput,
} from '../domain/report-metrics';
import type { Cohort } from '../../db/schema';
import type { Question } from '../domain/questions';
import { reportCsvRows } from '../domain/report-table';
import type { ThemeAnswer } from '../domain/themes';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortBySlug, listCohorts } from '../repositories/cohorts';
import { answersToQuestions } from '../repositories/profile-answers';
import { listQuestions } from '../repositories/questions';
import {
  countFailedOutbox,
  reportCheckInDates,
  reportEnrollments,
  reportPairings,
  reportPulseAnswers,
  reportSurveyResponses,
} from '../repositories/reports';
import { renderChartPng } from './chart-renderer';
import type { ServiceDeps } from './deps';
import type { Db } from '../../db/connection';

/** Non-sensitive questions the funnel is broken down by; every sensitive question is added. */
export const BREAKDOWN_KEYS = ['department', 'job_level'] as const;
const OBJECTIVES_KEY = 'objectives';

export interface ReportChart {
  readonly filename: string;
  readonly title: string;
  readonly altText: string;
  readonly png: Buffer;
}

export interface ReportScope {
  /** Null: every cohort. */
  readonly slug: string | null;
  readonly name: string;
  readonly cohorts: number;
}

export interface ReportChartSpec extends ChartDefinition {
  readonly filename: string;
}

export type ReportOutcome =
  | { ok: true; scope: ReportScope; report: ProgramReport; charts: ReportChartSpec[] }
  | { ok: false; reason: string };

function answerLabel(question: Question, value: string | readonly string[]): string {
  const values = typeof value === 'string' ? [value] : value;
  return values.map((v) => question.options.find((o) => o.value === v)?.label ?? v).join(' + ');
}

/** The funnel, and check-ins per week once there are pairs. */
function chartsFor(report: ProgramReport, stem: string): ReportChartSpec[] {
  const definitions: ChartDefinition[] = [funnelChart(report.funnel)];
  if (report.weekly.length > 0) definitions.push(weeklyChart(report.weekly));
  return definitions.map((chart) => ({ ...chart, filename: `${stem}-${chart.name}.png` }));
}

/** Draws one of the report's charts as a PNG file (the first call loads the renderer: about a second). */
export async function renderReportChart(chart: ReportChartSpec): Promise<ReportChart> {
  return {
    filename: chart.filename,
    title: chart.title,
    altText: chart.altText,
    png: await renderChartPng(chart.spec),
  };
}

type Rows<T extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<T>>;

/** Everything a report reads, for a set of cohorts, read once. */
interface ReportRows {
  readonly questions: ReadonlyMap<number, readonly Question[]>;
  readonly enrollments: Rows<typeof reportEnrollments>;
  readonly pairings: Rows<typeof reportPairings>;
  readonly checkIns: Rows<typeof reportCheckInDates>;
  readonly survey: Rows<typeof reportSurveyResponses>;
  readonly pulse: Rows<typeof reportPulseAnswers>;
  readonly failedMessages: number;
  /** Answers to breakdown questions and objectives, by enrollment. */
  readonly answers: Rows<typeof answersToQuestions>;
}

/** Reads sensitive answers only to count them into suppressed tables. */
async function loadReportRows(db: Db, ids: readonly number[]): Promise<ReportRows> {
  const banks = await Promise.all(ids.map(async (id) => [id, await listQuestions(db, id)] as const));
  const wanted = banks
    .flatMap(([, bank]) => bank)
    .filter((q) => isBreakdown(q) || isObjectives(q))
    .map((q) => q.id);
  const [enrollments, pairings, checkIns, survey, pulse, failedMessages, answers] = await Promise.all([
    reportEnrollments(db, ids),
    reportPairings(db, ids),
    reportCheckInDates(db, ids),
    reportSurveyResponses(db, ids),
    reportPulseAnswers(db, ids),
    countFailedOutbox(db),
    answersToQuestions(db, wanted),
  ]);
  return {
    questions: new Map(banks),
    enrollments,
    pairings,
    checkIns,
    survey,
    pulse,
    failedMessages,
    answers,
  };
}

function isBreakdown(q: Question): boolean {
  return q.sensitive || (BREAKDOWN_KEYS as readonly string[]).includes(q.key);
}

function isObjectives(q: Question): boolean {
  return q.key === OBJECTIVES_KEY && !q.sensitive;
}

/** The report input for some of the cohorts whose rows were read. */
function reportInput(rows: ReportRows, ids: readonly number[], now: Date): ReportInput {
  const cohorts = new Set(ids);
  const questions = ids.flatMap((id) => rows.questions.get(id) ?? []);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const enrollments = rows.enrollments.filter((e) => cohorts.has(e.cohortId));
  const owner = new Map(enrollments.map((e) => [e.enrollmentId, e]));
  const groups = new Map<number, Record<string, string>>();
  const objectives: ThemeAnswer[] = [];
  for (const a of rows.answers) {
    const question = byId.get(a.questionId);
    const enrollment = owner.get(a.enrollmentId);
    if (question === undefined || enrollment === undefined) continue;
    if (isObjectives(question))
      objectives.push({
        text: [a.value].flat().join(' '),
        author: enrollment.userId,
        group: String(enrollment.cohortId),
      });
    else
      groups.set(a.enrollmentId, {
        ...groups.get(a.enrollmentId),
        [question.key]: answerLabel(question, a.value),
      });
  }
  const pairings = rows.pairings.filter((p) => cohorts.has(p.cohortId));
  const pairingIds = new Set(pairings.map((p) => p.id));
  return {
    today: isoDate(now),
    enrollments: enrollments.map((e) => ({ ...e, groups: groups.get(e.enrollmentId) ?? {} })),
    pairings,
    checkIns: rows.checkIns.filter((c) => pairingIds.has(c.pairingId)),
    survey: rows.survey.filter((r) => cohorts.has(r.cohortId)),
    pulseAnswers: rows.pulse
      .filter((a) => cohorts.has(a.cohortId))
      .map((a) => ({
        text: a.text,
        // Anonymous answers have no author: the same words twice to one pulse count once.
        author: a.authorUserId ?? `pulse ${a.pulseId}: ${a.text.trim().toLowerCase()}`,
        group: String(a.cohortId),
      })),
    objectives,
    failedMessages: rows.failedMessages,
    breakdowns: [...new Map(questions.filter(isBreakdown).map((q) => [q.key, q])).values()].map((q) => ({
      key: q.key,
      label: q.label,
      sensitive: q.sensitive,
    })),
  };
}

/**
 * The report over these cohorts, and each cohort's own: with more than one cohort, the combined
 * figures are suppressed jointly with the per-cohort ones (see crossScopeHidden), because both
 * are published.
 */
async function computeReports(
  db: Db,
  ids: readonly number[],
  now: Date,
): Promise<{ whole: ProgramReport; parts: Map<number, ProgramReport> }> {
  const rows = await loadReportRows(db, ids);
  const parts = new Map(ids.map((id) => [id, programReport(reportInput(rows, [id], now))]));
  if (ids.length === 1)
    return { whole: parts.get(ids[0] ?? 0) ?? programReport(reportInput(rows, ids, now)), parts };
  return { whole: programReport(reportInput(rows, ids, now), [...parts.values()]), parts };
}

/** The cohorts a report covers: one by short name, or all of them (slug null). */
async function reportCohorts(
  deps: ServiceDeps,
  slug: string | null,
): Promise<{ ok: true; cohorts: Cohort[] } | { ok: false; reason: string }> {
  if (slug === null) return { ok: true, cohorts: await listCohorts(deps.db) };
  const cohort = await findCohortBySlug(deps.db, slug);
  return cohort === undefined
    ? { ok: false, reason: `There is no cohort called \`${slug}\`.` }
    : { ok: true, cohorts: [cohort] };
}

function scopeOf(slug: string | null, cohorts: readonly Cohort[]): ReportScope {
  return {
    slug,
    name: slug === null ? 'All cohorts' : (cohorts[0]?.name ?? slug),
    cohorts: cohorts.length,
  };
}

/**
 * The program report for one cohort, or for all of them (slug null), with its charts. Reads
 * sensitive answers only to count them into suppressed funnel tables; reading is audited.
 */
export async function buildProgramReport(
  deps: ServiceDeps,
  actorId: string,
  slug: string | null,
): Promise<ReportOutcome> {
  const now = deps.clock();
  const found = await reportCohorts(deps, slug);
  if (!found.ok) return found;
  const ids = found.cohorts.map((c) => c.id);
  const { whole: report } = await computeReports(deps.db, ids, now);
  await insertAuditEntry(deps.db, {
    actorUserId: actorId,
    action: 'report.view',
    target: slug ?? '*',
    outcome: 'ok',
    details: { cohorts: ids.length, enrolled: report.enrolled },
    at: now.toISOString(),
  });
  return {
    ok: true,
    scope: scopeOf(slug, found.cohorts),
    report,
    charts: chartsFor(report, `${slug ?? 'all-cohorts'}-${isoDate(now)}`),
  };
}

export type ReportExportOutcome =
  { ok: true; scope: ReportScope; filename: string; csv: string } | { ok: false; reason: string };

/**
 * The report's tables as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark). For all cohorts
 * (slug null): the combined tables, then each cohort's, told apart by the Scope column, so one
 * file compares cohorts. Audited once, as an export.
 */
export async function programReportCsv(
  deps: ServiceDeps,
  actorId: string,
  slug: string | null,
): Promise<ReportExportOutcome> {
  const now = deps.clock();
  const found = await reportCohorts(deps, slug);
  if (!found.ok) return found;
  const scope = scopeOf(slug, found.cohorts);
  const ids = found.cohorts.map((c) => c.id);
  const { whole, parts } = await computeReports(deps.db, ids, now);
  const sections: { name: string; report: ProgramReport }[] = [{ name: scope.name, report: whole }];
  // Every cohort too when there are several, oldest first, named with its short name.
  if (ids.length > 1)
    for (const cohort of [...found.cohorts].reverse()) {
      const report = parts.get(cohort.id);
      if (report !== undefined) sections.push({ name: `${cohort.name} (${cohort.slug})`, report });
    }
  const rows = sections.flatMap((section, i) =>
    reportCsvRows(section.name, section.report).slice(i === 0 ? 0 : 1),
  );
  await insertAuditEntry(deps.db, {
    actorUserId: actorId,
    action: 'report.export',
    target: slug ?? '*',
    outcome: 'ok',
    details: { cohorts: found.cohorts.length },
    at: now.toISOString(),
  });
  const csv = stringify(rows, { bom: true, record_delimiter: 'windows' });
  return { ok: true, scope, filename: `${slug ?? 'all-cohorts'}-report-${isoDate(now)}.csv`, csv };
}

/** Per cohort id, the match rate and active pairs App Home shows admins. Read-only, not audited. */
export async function cohortHeadlines(
  deps: ServiceDeps,
  cohortIds: readonly number[],
): Promise<Map<number, CohortHeadline>> {
  const { db } = deps;
  const [enrollments, pairings, checkIns] = await Promise.all([
    reportEnrollments(db, cohortIds),
    reportPairings(db, cohortIds),
    reportCheckInDates(db, cohortIds),
  ]);
  const today = isoDate(deps.clock());
  return new Map(
    cohortIds.map((id) => {
      const mine = pairings.filter((p) => p.cohortId === id);
      const ids = new Set(mine.map((p) => p.id));
      return [
        id,
        cohortHeadline(
          enrollments.filter((e) => e.cohortId === id).map((e) => e.userId),
          mine,
          checkIns.filter((c) => ids.has(c.pairingId)),
          today,
        ),
      ];
    }),
  );
}
