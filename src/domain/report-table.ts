import { spreadsheetSafe } from './cohort-export';
import { FUNNEL_STAGES, type ProgramReport } from './report-metrics';

/**
 * The report as plain tables, shared by the Slack message and the CSV export so both print the
 * same (already suppressed) numbers. Pure.
 */

export const SUPPRESSED = 'fewer than 5';

export function cell(value: number | null): string {
  return value === null ? SUPPRESSED : String(value);
}

export function percent(share: number | null): string {
  return share === null ? 'n/a' : `${Math.round(share * 100)}%`;
}

export function decimal(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(1);
}

/** Headline figures as [measure, value] pairs. */
export function headlineRows(report: ProgramReport): [string, string][] {
  const s = report.survey;
  const surveyValue = (v: string) => (s.shown ? v : `hidden (${s.responses} responses, fewer than 5)`);
  // Across cohorts someone can be enrolled twice: then enrollments and people are told apart.
  const twice = report.people !== report.enrolled;
  return [
    ['Enrolled', String(report.enrolled)],
    ...(twice
      ? [['People enrolled (some in more than one cohort)', String(report.people)] as [string, string]]
      : []),
    [twice ? 'Matched enrollments' : 'Matched people', String(report.matchedPeople)],
    ['Match rate', percent(report.matchRate)],
    ['Median days from match to first check-in', decimal(report.medianDaysToFirstCheckIn)],
    ['Pairs not ended', String(report.livePairs)],
    ['Pairs active in their last cadence period', `${report.activePairs} (${percent(report.activeShare)})`],
    ['At-risk pairs', String(report.atRiskPairs)],
    ['Participants who left early', String(report.leftEarly)],
    ['Survey responses', String(s.responses)],
    ['Average satisfaction (1-5)', surveyValue(decimal(s.satisfaction))],
    ['Average goal progress (1-5)', surveyValue(decimal(s.goalProgress))],
    ['NPS', surveyValue(s.nps === null ? 'n/a' : String(Math.round(s.nps)))],
    ['More interested in leadership roles', surveyValue(percent(s.leadershipInterest))],
    ['Survey comments written (never shown)', String(s.comments)],
    ['Pulse answers', String(report.pulseAnswers)],
    ['Failed outbox messages (all cohorts)', String(report.failedMessages)],
  ];
}

/** Every table of the report as CSV records: Table, Group, Category, Measure, Value. */
export function reportCsvRows(scopeName: string, report: ProgramReport): string[][] {
  const rows: string[][] = [['Scope', 'Table', 'Group', 'Category', 'Measure', 'Value']];
  const add = (table: string, group: string, category: string, measure: string, value: string) =>
    rows.push([scopeName, table, group, category, measure, value]);
  for (const [measure, value] of headlineRows(report)) add('Summary', '', '', measure, value);
  for (const e of report.enrollment) add('Enrollment', e.track, e.role, 'people', String(e.count));
  for (const w of report.weekly) {
    add('Check-ins per week', w.week, '', 'check-ins', String(w.checkIns));
    add('Check-ins per week', w.week, '', 'pairs', String(w.pairs));
    add('Check-ins per week', w.week, '', 'per pair', decimal(w.perPair));
  }
  FUNNEL_STAGES.forEach((stage, i) => add('Funnel', 'Everyone', 'All', stage, String(report.funnel[i] ?? 0)));
  for (const b of report.breakdowns) {
    const line = (category: string, values: readonly (number | null)[]) =>
      FUNNEL_STAGES.forEach((stage, i) => add('Funnel', b.label, category, stage, cell(values[i] ?? null)));
    if (b.table.withheld) add('Funnel', b.label, 'Withheld', 'too few people', '');
    b.table.categories.forEach((category, r) => line(category, b.table.rows[r] ?? []));
    line('Total', b.table.total);
  }
  for (const t of report.themes.objectives)
    add('Themes', 'Objectives', t.phrase, 'answers mentioning', String(t.answers));
  for (const t of report.themes.pulse)
    add('Themes', 'Pulse answers', t.phrase, 'answers mentioning', String(t.answers));
  return rows.map((row) => row.map(spreadsheetSafe));
}
