import { loadBankBySlug } from '../../../../services/question-bank';
import { questionBankModal } from '../../../views/question-bank';
import type { Subcommand } from '../router';
import { cohortSlugArg, noSuchCohort } from './cohort-arg';

const USAGE = 'admin questions <short-name>';

export const adminQuestions: Subcommand = {
  path: ['admin', 'questions'],
  usage: USAGE,
  summary: "a cohort's profile questions: add, edit, reorder and remove them",
  audience: 'admin',
  run: async (ctx) => {
    const slug = await cohortSlugArg(ctx, USAGE);
    if (slug === undefined) return;
    const bank = await loadBankBySlug(ctx.deps.db, slug);
    if (bank === undefined) return ctx.reply(noSuchCohort(slug));
    await ctx.openModal(questionBankModal(bank));
  },
};
