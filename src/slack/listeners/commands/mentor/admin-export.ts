import { cohortExport } from '../../../../services/exports';
import { uploadToDm } from '../../../upload';
import { noticeMessage } from '../../../views/help';
import { escapeMrkdwn } from '../../../views/text';
import type { Subcommand } from '../router';
import { cohortSlugArg } from './cohort-arg';

const USAGE = 'admin export <short-name>';

export const adminExport: Subcommand = {
  path: ['admin', 'export'],
  usage: USAGE,
  summary:
    'a CSV of enrollments, answers (never self-identification), pairings and check-ins, sent to your DM',
  audience: 'admin',
  run: async (ctx) => {
    const slug = await cohortSlugArg(ctx, USAGE);
    if (slug === undefined) return;
    const outcome = await cohortExport(ctx.deps, ctx.userId, slug);
    if (!outcome.ok) return ctx.reply(noticeMessage(outcome.reason));
    const name = escapeMrkdwn(outcome.cohort.name);
    const uploaded = await uploadToDm(ctx.client, ctx.deps.logger, ctx.userId, {
      filename: outcome.filename,
      title: `${outcome.cohort.name}: export`,
      bytes: Buffer.from(outcome.csv, 'utf8'),
      comment: `Export of *${name}*: ${outcome.people} people. Self-identification answers are never exported.`,
    });
    await ctx.reply(
      noticeMessage(
        uploaded.ok
          ? `Sent \`${outcome.filename}\` (${outcome.people} people) to our DM.`
          : `Slack did not take the file (${uploaded.reason}); please try again in a minute.`,
      ),
    );
  },
};
