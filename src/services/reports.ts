import { stringify } from 'csv-stringify/sync';
import { type ChartDefinition, funnelChart, weeklyChart } from '../domain/charts';
import { isoDate } from '../domain/dates';
import {
  type CohortHeadline,
  cohortHeadline,
  type ProgramReport,
  programReport,
} from '../domain/report-metrics';
import type { Cohort } from '../../db/schema';
import type { Question } from '../domain/questions';
import { reportCsvRows } from '../domain/report-table';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortBySlug, listCohorts } from '../repositories/cohorts';
import { answersToQuestions } from '../repositories/profile-answers';
import { listQuestions } from '../repositories/questions';
import {
  countFailedOutbox,
  reportCheckInDates,
  reportEnrollments,
  reportPairings,
  pulseAnswerTexts,
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

/** Draws the report's charts as PNG files (the first call loads the renderer: about a second). */
export async function renderReportCharts(charts: readonly ReportChartSpec[]): Promise<ReportChart[]> {
  const rendered: ReportChart[] = [];
  for (const chart of charts)
    rendered.push({
      filename: chart.filename,
      title: chart.title,
      altText: chart.altText,
      png: await renderChartPng(chart.spec),
    });
  return rendered;
}

/** The report over these cohorts' rows. Reads sensitive answers only to count them. */
async function computeReport(db: Db, ids: readonly number[], now: Date): Promise<ProgramReport> {
  const questions = (await Promise.all(ids.map((id) => listQuestions(db, id)))).flat();
  const grouping = questions.filter(
    (q) => q.sensitive || (BREAKDOWN_KEYS as readonly string[]).includes(q.key),
  );
  const objectives = questions.filter((q) => q.key === OBJECTIVES_KEY && !q.sensitive);
  const [enrollments, pairings, checkIns, survey, pulseAnswers, failedMessages, grouped, written] =
    await Promise.all([
      reportEnrollments(db, ids),
      reportPairings(db, ids),
      reportCheckInDates(db, ids),
      reportSurveyResponses(db, ids),
      pulseAnswerTexts(db, ids),
      countFailedOutbox(db),
      answersToQuestions(
        db,
        grouping.map((q) => q.id),
      ),
      answersToQuestions(
        db,
        objectives.map((q) => q.id),
      ),
    ]);

  const byId = new Map(grouping.map((q) => [q.id, q]));
  const groups = new Map<number, Record<string, string>>();
  for (const a of grouped) {
    const question = byId.get(a.questionId);
    if (question === undefined) continue;
    groups.set(a.enrollmentId, {
      ...groups.get(a.enrollmentId),
      [question.key]: answerLabel(question, a.value),
    });
  }
  const breakdowns = [...new Map(grouping.map((q) => [q.key, q])).values()].map((q) => ({
    key: q.key,
    label: q.label,
    sensitive: q.sensitive,
  }));

  return programReport({
    today: isoDate(now),
    enrollments: enrollments.map((e) => ({ ...e, groups: groups.get(e.enrollmentId) ?? {} })),
    pairings,
    checkIns,
    survey,
    pulseAnswers,
    objectives: written.map((a) => [a.value].flat().join(' ')),
    failedMessages,
    breakdowns,
  });
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
  const report = await computeReport(deps.db, ids, now);
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
  const sections: { name: string; report: ProgramReport }[] = [
    {
      name: scope.name,
      report: await computeReport(
        deps.db,
        found.cohorts.map((c) => c.id),
        now,
      ),
    },
  ];
  if (slug === null)
    for (const cohort of [...found.cohorts].reverse())
      sections.push({ name: cohort.name, report: await computeReport(deps.db, [cohort.id], now) });
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
