import { findCohort } from '../../../../services/cohorts';
import { announcementComposer } from '../../../views/announcement';
import type { Subcommand } from '../router';
import { cohortSlugArg, noSuchCohort } from './cohort-arg';

const USAGE = 'admin announce <short-name>';

export const adminAnnounce: Subcommand = {
  path: ['admin', 'announce'],
  usage: USAGE,
  summary: 'post an announcement about a cohort to a channel, now or later, after a preview',
  audience: 'admin',
  run: async (ctx) => {
    const slug = await cohortSlugArg(ctx, USAGE);
    if (slug === undefined) return;
    const cohort = await findCohort(ctx.deps.db, slug);
    if (cohort === undefined) return ctx.reply(noSuchCohort(slug));
    await ctx.openModal(announcementComposer(cohort));
  },
};
