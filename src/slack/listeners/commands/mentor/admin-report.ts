import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { SLUG_PATTERN } from '../../../../domain/cohorts';
import { buildProgramReport, renderReportCharts } from '../../../../services/reports';
import type { SlackDeps } from '../../../deps';
import { COMMAND } from '../../../ids';
import { uploadToDm } from '../../../upload';
import { type EphemeralMessage, noticeMessage } from '../../../views/help';
import { reportMessage } from '../../../views/report';
import type { Subcommand } from '../router';

const USAGE = 'admin report [<short-name>]';

/** No words: every cohort; one word: that cohort. */
const reportArgs = z.union([
  z.tuple([]).transform(() => null),
  z.tuple([z.string().toLowerCase().regex(SLUG_PATTERN)]).transform(([slug]) => slug),
]);

/**
 * The report as a message where it was asked for, then its charts as PNG files in the admin's DM
 * (drawn after the message is sent, so the numbers arrive first). Used by the command and by the
 * Report buttons on the cohort list and App Home.
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
  for (const chart of await renderReportCharts(outcome.charts)) {
    await uploadToDm(ctx.client, ctx.deps.logger, ctx.userId, {
      filename: chart.filename,
      title: `${outcome.scope.name}: ${chart.title}`,
      bytes: chart.png,
      comment: chart.altText,
      altText: chart.altText,
    });
  }
}

export const adminReport: Subcommand = {
  path: ['admin', 'report'],
  usage: USAGE,
  summary:
    'program metrics, the participation funnel by group (small groups suppressed) and charts; no slug reports every cohort',
  audience: 'admin',
  run: async (ctx) => {
    const parsed = reportArgs.safeParse(ctx.args);
    if (!parsed.success) return ctx.reply(noticeMessage(`Usage: \`${COMMAND} ${USAGE}\``));
    await deliverReport(ctx, parsed.data);
  },
};
