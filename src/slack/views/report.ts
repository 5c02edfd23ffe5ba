import type { KnownBlock } from '@slack/types';
import { FUNNEL_STAGES, type ProgramReport } from '../../domain/report-metrics';
import { cell, decimal, headlineRows } from '../../domain/report-table';
import type { Theme } from '../../domain/themes';
import type { ReportScope } from '../../services/reports';
import type { EphemeralMessage } from './help';
import { escapeMrkdwn, truncate } from './text';

/** Room for the other blocks within Slack's 50 per message. */
const BREAKDOWNS_SHOWN = 30;
const WEEKS_SHOWN = 12;

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } };
}

function funnelTable(
  label: string,
  rows: readonly { category: string; values: readonly (number | null)[] }[],
): string {
  const header = ['', ...FUNNEL_STAGES];
  const body = rows.map((r) => [r.category, ...FUNNEL_STAGES.map((_, i) => cell(r.values[i] ?? null))]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((b) => (b[c] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((t, c) => t.padEnd(widths[c] ?? 0)).join(' | ');
  const lines = [line(header), ...body.map(line)].map(escapeMrkdwn);
  return `*${escapeMrkdwn(label)}*\n\`\`\`${lines.join('\n')}\`\`\``;
}

/**
 * `/mentor admin report`: headline figures, the participation funnel with small groups
 * suppressed, check-ins per week and input themes. No names, no comments, no notes. Pure.
 */
export function reportMessage(scope: ReportScope, report: ProgramReport): EphemeralMessage {
  const title =
    scope.slug === null ? `Program report: all cohorts (${scope.cohorts})` : `Program report: ${scope.name}`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } },
    section(
      headlineRows(report)
        .map(([m, v]) => `${m}: *${escapeMrkdwn(v)}*`)
        .join('\n'),
    ),
  ];
  const enrollment = report.enrollment.map((e) => `${e.track} · ${e.role}: ${e.count}`);
  blocks.push(
    section(
      ['*Enrollment by track and role*', ...(enrollment.length === 0 ? ['_Nobody yet._'] : enrollment)].join(
        '\n',
      ),
    ),
  );
  const weeks = report.weekly
    .slice(-WEEKS_SHOWN)
    .map((w) => `${w.week}: ${w.checkIns} check-ins · ${w.pairs} pairs · ${decimal(w.perPair)} per pair`);
  blocks.push(
    section(['*Check-ins per week*', ...(weeks.length === 0 ? ['_No pairs yet._'] : weeks)].join('\n')),
  );
  blocks.push({ type: 'divider' });
  blocks.push(
    section(funnelTable('Participation funnel', [{ category: 'Everyone', values: report.funnel }])),
  );
  for (const b of report.breakdowns.slice(0, BREAKDOWNS_SHOWN)) {
    const marked = b.sensitive && !/self-identification/i.test(b.label);
    const label = `By ${b.label}${marked ? ' (self-identification)' : ''}`;
    if (b.table.withheld) {
      blocks.push(section(`*${escapeMrkdwn(label)}*\n_Withheld: too few people to show any group._`));
      continue;
    }
    const rows = [
      ...b.table.categories.map((category, r) => ({ category, values: b.table.rows[r] ?? [] })),
      { category: 'Total', values: b.table.total },
    ];
    blocks.push(section(funnelTable(label, rows)));
  }
  const themes = (list: readonly Theme[]) =>
    list.length === 0
      ? '_none mentioned by 5 or more yet_'
      : list.map((t) => `${escapeMrkdwn(t.phrase)} (${t.answers})`).join(' · ');
  blocks.push(
    { type: 'divider' },
    section(
      `*Employee input*: themes, with the number of answers mentioning each\nObjectives: ${themes(report.themes.objectives)}\nPulse answers (${report.pulseAnswers}): ${themes(report.themes.pulse)}`,
    ),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Groups of fewer than 5 people, and cells that would reveal them, are shown as "fewer than 5". Survey comments and self-identification are never shown with names. Charts are in our DM.',
        },
      ],
    },
  );
  return { text: title, blocks };
}
