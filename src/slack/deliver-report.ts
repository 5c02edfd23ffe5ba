import type { WebClient } from '@slack/web-api';
import { buildProgramReport, renderReportChart } from '../services/reports';
import type { SlackDeps } from './deps';
import { uploadToDm } from './upload';
import { type EphemeralMessage, noticeMessage } from './views/help';
import { reportMessage } from './views/report';

/**
 * The report as a message where it was asked for, then its charts as PNG files in the admin's DM,
 * each drawn and uploaded in turn after the message is sent, so the numbers arrive first and one
 * failed chart neither loses the others nor goes unmentioned. Used by `/mentor admin report` and
 * by the Report buttons on the cohort list and App Home.
 */
export async function deliverReport(
  ctx: {
    readonly deps: SlackDeps;
    readonly client: WebClient;
    readonly userId: string;
    readonly reply: (message: EphemeralMessage) => Promise<void>;
  },
  slug: string | null,
): Promise<void> {
  const outcome = await buildProgramReport(ctx.deps, ctx.userId, slug);
  if (!outcome.ok) return ctx.reply(noticeMessage(outcome.reason));
  await ctx.reply(reportMessage(outcome.scope, outcome.report));
  const missing: string[] = [];
  for (const spec of outcome.charts) {
    try {
      const chart = await renderReportChart(spec);
      const uploaded = await uploadToDm(ctx.client, ctx.deps.logger, ctx.userId, {
        filename: chart.filename,
        title: `${outcome.scope.name}: ${chart.title}`,
        bytes: chart.png,
        comment: chart.altText,
        altText: chart.altText,
      });
      if (!uploaded.ok) missing.push(chart.title);
    } catch (error) {
      ctx.deps.logger.event('warn', 'report chart could not be drawn', {
        chart: spec.name,
        reason: error instanceof Error ? error.message : 'unknown',
      });
      missing.push(spec.title);
    }
  }
  if (missing.length > 0)
    await ctx.reply(
      noticeMessage(
        `The chart${missing.length === 1 ? '' : 's'} _${missing.join('_ and _')}_ could not be sent; the numbers in the report are complete. Please try again in a minute for the picture${missing.length === 1 ? '' : 's'}.`,
      ),
    );
}
