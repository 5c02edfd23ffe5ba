import { stringify } from 'csv-stringify/sync';
import { PNG } from 'pngjs';
import { barChart } from '../domain/bar-chart';
import { isoDate } from '../domain/dates';
import {
  type CohortHeadline,
  cohortHeadline,
  type ProgramReport,
  FUNNEL_STAGES,
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

export type ReportOutcome =
  | { ok: true; scope: ReportScope; report: ProgramReport; charts: ReportChart[] }
  | { ok: false; reason: string };

function answerLabel(question: Question, value: string | readonly string[]): string {
  const values = typeof value === 'string' ? [value] : value;
  return values.map((v) => question.options.find((o) => o.value === v)?.label ?? v).join(' + ');
}

function encodePng(values: readonly (number | null)[]): Buffer {
  const raster = barChart(values);
  const png = new PNG({ width: raster.width, height: raster.height });
  png.data = Buffer.from(raster.data);
  return PNG.sync.write(png);
}

function charts(report: ProgramReport, stem: string): ReportChart[] {
  const funnel = FUNNEL_STAGES.map((stage, i) => `${stage}: ${report.funnel[i] ?? 0}`);
  const weeks = report.weekly.map((w) => `week of ${w.week}: ${w.checkIns}`);
  return [
    {
      filename: `${stem}-funnel.png`,
      title: 'Participation funnel',
      altText: `Bar chart of the participation funnel, one bar per stage: ${funnel.join('; ')}.`,
      png: encodePng(report.funnel),
    },
    {
      filename: `${stem}-check-ins.png`,
      title: 'Check-ins per week',
      altText:
        weeks.length === 0
          ? 'Bar chart of check-ins per week: no pairs yet.'
          : `Bar chart of check-ins per week, one bar per week: ${weeks.join('; ')}.`,
      png: encodePng(report.weekly.map((w) => w.checkIns)),
    },
  ];
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
  return { ok: true, scope, report, charts: charts(report, `${slug ?? 'all-cohorts'}-${isoDate(now)}`) };
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
