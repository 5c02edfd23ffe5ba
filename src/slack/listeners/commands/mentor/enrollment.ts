import { z } from 'zod';
import { SLUG_PATTERN } from '../../../../domain/cohorts';
import { findCohort } from '../../../../services/cohorts';
import { loadJoinForm, loadProfileForm, statusOf } from '../../../../services/enrollment';
import { COMMAND } from '../../../ids';
import { enrollModal } from '../../../views/enroll-modal';
import { leaveConfirmMessage, noOpenCohortMessage, statusMessage } from '../../../views/enrollment-messages';
import { noticeMessage } from '../../../views/help';
import { escapeMrkdwn } from '../../../views/text';
import type { Subcommand, SubcommandContext } from '../router';

const optionalSlug = z.union([z.tuple([]), z.tuple([z.string().toLowerCase().regex(SLUG_PATTERN)])]);

/** The optional `[short-name]` argument as a cohort id; undefined (with a reply sent) when wrong. */
async function cohortArg(ctx: SubcommandContext, usage: string): Promise<{ cohortId?: number } | undefined> {
  const parsed = optionalSlug.safeParse(ctx.args);
  if (!parsed.success) {
    await ctx.reply(noticeMessage(`Usage: \`${COMMAND} ${usage}\``));
    return undefined;
  }
  const slug = parsed.data[0];
  if (slug === undefined) return {};
  const cohort = await findCohort(ctx.deps.db, slug);
  if (cohort === undefined) {
    await ctx.reply(
      noticeMessage(
        `There is no program called \`${escapeMrkdwn(slug)}\`. Try \`${COMMAND} ${usage.split(' ')[0]}\` on its own.`,
      ),
    );
    return undefined;
  }
  return { cohortId: cohort.id };
}

export const join: Subcommand = {
  path: ['join'],
  usage: 'join [program]',
  summary: 'join a mentoring program as a mentor or mentee',
  audience: 'member',
  run: async (ctx) => {
    const selection = await cohortArg(ctx, 'join [program]');
    if (selection === undefined) return;
    const outcome = await loadJoinForm(ctx.deps, ctx.userId, selection);
    if (!outcome.ok) return ctx.reply(noOpenCohortMessage(ctx.deps.config.adminUserIds));
    await ctx.openModal(enrollModal(outcome.form));
  },
};

export const profile: Subcommand = {
  path: ['profile'],
  usage: 'profile [program]',
  summary: 'see and change your answers',
  audience: 'member',
  run: async (ctx) => {
    const selection = await cohortArg(ctx, 'profile [program]');
    if (selection === undefined) return;
    const outcome = await loadProfileForm(ctx.deps, ctx.userId, selection);
    if (!outcome.ok) {
      return ctx.reply(
        noticeMessage(`You're not enrolled in a program yet. Join one with \`${COMMAND} join\`.`),
      );
    }
    await ctx.openModal(enrollModal(outcome.form));
  },
};

export const status: Subcommand = {
  path: ['status'],
  usage: 'status',
  summary: 'your programs, your match and your next check-in',
  audience: 'member',
  run: async (ctx) => ctx.reply(statusMessage(await statusOf(ctx.deps, ctx.userId), ctx.userId)),
};

export const leave: Subcommand = {
  path: ['leave'],
  usage: 'leave',
  summary: 'leave a program (asks first)',
  audience: 'member',
  run: async (ctx) => ctx.reply(leaveConfirmMessage(await statusOf(ctx.deps, ctx.userId))),
};
