import { stringify } from 'csv-stringify/sync';
import { type ChartDefinition, funnelChart, weeklyChart } from '../domain/charts';
import { isoDate } from '../domain/dates';
import {
  type CohortHeadline,
  cohortHeadline,
  type ProgramReport,
  programReport,
} from '../domain/report-metrics';
import type { Question } from '../domain/questions';
import { reportCsvRows } from '../domain/report-table';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortBySlug, listCohorts } from '../repositories/cohorts';
import { answersToQuestions } from '../repositories/profile-answers';
import { listQuestions } from '../repositories/questions';
import {
  countFailedOutbox,
  countPulseAnswers,
  reportCheckInDates,
  reportEnrollments,
  reportPairings,
  reportSurveyResponses,
} from '../repositories/reports';
import { renderChartPng } from './chart-renderer';
import type { ServiceDeps } from './deps';

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

/**
 * The program report for one cohort, or for all of them (slug null), with its charts. Reads
 * sensitive answers only to count them into suppressed funnel tables; reading is audited.
 */
export async function buildProgramReport(
  deps: ServiceDeps,
  actorId: string,
  slug: string | null,
): Promise<ReportOutcome> {
  const { db } = deps;
  const now = deps.clock();
  const cohorts = slug === null ? await listCohorts(db) : [await findCohortBySlug(db, slug)];
  const found = cohorts.filter((c) => c !== undefined);
  if (slug !== null && found.length === 0)
    return { ok: false, reason: `There is no cohort called \`${slug}\`.` };
  const ids = found.map((c) => c.id);

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
      countPulseAnswers(db, ids),
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

  const report = programReport({
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
  await insertAuditEntry(db, {
    actorUserId: actorId,
    action: 'report.view',
    target: slug ?? '*',
    outcome: 'ok',
    details: { cohorts: ids.length, enrolled: report.enrolled },
    at: now.toISOString(),
  });
  const scope: ReportScope = {
    slug,
    name: slug === null ? 'All cohorts' : (found[0]?.name ?? slug),
    cohorts: ids.length,
  };
  return {
    ok: true,
    scope,
    report,
    charts: chartsFor(report, `${slug ?? 'all-cohorts'}-${isoDate(now)}`),
  };
}

export type ReportExportOutcome =
  { ok: true; scope: ReportScope; filename: string; csv: string } | { ok: false; reason: string };

/** The report's tables as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark). */
export async function programReportCsv(
  deps: ServiceDeps,
  actorId: string,
  slug: string,
): Promise<ReportExportOutcome> {
  const outcome = await buildProgramReport(deps, actorId, slug);
  if (!outcome.ok) return outcome;
  const csv = stringify(reportCsvRows(outcome.scope.name, outcome.report), {
    bom: true,
    record_delimiter: 'windows',
  });
  return { ok: true, scope: outcome.scope, filename: `${slug}-report-${isoDate(deps.clock())}.csv`, csv };
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
