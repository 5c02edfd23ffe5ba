import { cohortRoster } from '../../../../services/roster';
import { noticeMessage } from '../../../views/help';
import { rosterMessage } from '../../../views/roster';
import type { Subcommand } from '../router';
import { cohortSlugArg } from './cohort-arg';

const USAGE = 'admin roster <short-name>';

export const adminRoster: Subcommand = {
  path: ['admin', 'roster'],
  usage: USAGE,
  summary: 'who is in a cohort: counts by role and state, nominations, recent enrollments',
  audience: 'admin',
  run: async (ctx) => {
    const slug = await cohortSlugArg(ctx, USAGE);
    if (slug === undefined) return;
    const outcome = await cohortRoster(ctx.deps, ctx.userId, slug);
    await ctx.reply(outcome.ok ? rosterMessage(outcome.roster) : noticeMessage(outcome.reason));
  },
};
