import { z } from 'zod';
import { SLUG_PATTERN } from '../../../../domain/cohorts';
import { cohortExport } from '../../../../services/exports';
import { programReportCsv } from '../../../../services/reports';
import { COMMAND } from '../../../ids';
import { uploadToDm } from '../../../upload';
import { noticeMessage } from '../../../views/help';
import { escapeMrkdwn } from '../../../views/text';
import type { Subcommand, SubcommandContext } from '../router';

const USAGE = 'admin export <short-name> | admin export [<short-name>] --report';

const slug = z.string().toLowerCase().regex(SLUG_PATTERN);
const reportFlag = z.string().toLowerCase().pipe(z.literal('--report'));
const exportArgs = z.union([
  z.tuple([slug]).transform(([s]) => ({ kind: 'cohort' as const, slug: s })),
  z.tuple([slug, reportFlag]).transform(([s]) => ({ kind: 'report' as const, slug: s })),
  z.tuple([reportFlag]).transform(() => ({ kind: 'report' as const, slug: null })),
]);

async function sendCsv(
  ctx: SubcommandContext,
  file: { filename: string; title: string; csv: string; comment: string },
  done: string,
) {
  const uploaded = await uploadToDm(ctx.client, ctx.deps.logger, ctx.userId, {
    filename: file.filename,
    title: file.title,
    bytes: Buffer.from(file.csv, 'utf8'),
    comment: file.comment,
  });
  await ctx.reply(
    noticeMessage(
      uploaded.ok ? done : `Slack did not take the file (${uploaded.reason}); please try again in a minute.`,
    ),
  );
}

export const adminExport: Subcommand = {
  path: ['admin', 'export'],
  usage: USAGE,
  summary:
    'a CSV of enrollments, answers (never self-identification), pairings and check-ins, sent to your DM; with --report, the report tables instead (no short name: every cohort, combined and one by one)',
  audience: 'admin',
  run: async (ctx) => {
    const args = exportArgs.safeParse(ctx.args);
    if (!args.success)
      return ctx.reply(
        noticeMessage(
          `Usage: \`${COMMAND} ${USAGE}\`. See \`${COMMAND} admin cohort list\` for short names.`,
        ),
      );
    if (args.data.kind === 'report') {
      const outcome = await programReportCsv(ctx.deps, ctx.userId, args.data.slug);
      if (!outcome.ok) return ctx.reply(noticeMessage(outcome.reason));
      return sendCsv(
        ctx,
        {
          filename: outcome.filename,
          title: `${outcome.scope.name}: report`,
          csv: outcome.csv,
          comment: `Report tables of *${escapeMrkdwn(outcome.scope.name)}*. Groups of fewer than 5 are suppressed.`,
        },
        `Sent \`${outcome.filename}\` (report tables) to our DM.`,
      );
    }
    const outcome = await cohortExport(ctx.deps, ctx.userId, args.data.slug);
    if (!outcome.ok) return ctx.reply(noticeMessage(outcome.reason));
    return sendCsv(
      ctx,
      {
        filename: outcome.filename,
        title: `${outcome.cohort.name}: export`,
        csv: outcome.csv,
        comment: `Export of *${escapeMrkdwn(outcome.cohort.name)}*: ${outcome.people} people. Self-identification answers are never exported.`,
      },
      `Sent \`${outcome.filename}\` (${outcome.people} people) to our DM.`,
    );
  },
};
