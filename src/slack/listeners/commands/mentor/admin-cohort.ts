import { z } from 'zod';
import { type LifecycleAction, SLUG_PATTERN, STATE_LABELS } from '../../../../domain/cohorts';
import { addDays, isoDate } from '../../../../domain/dates';
import {
  changeCohortState,
  findCohortForEditing,
  listCohortSummaries,
  newCohortSkills,
} from '../../../../services/cohorts';
import { COMMAND } from '../../../ids';
import { cohortListMessage } from '../../../views/cohort-list';
import { cohortModal } from '../../../views/cohort-modal';
import { noticeMessage } from '../../../views/help';
import { escapeMrkdwn } from '../../../views/text';
import type { Subcommand, SubcommandContext } from '../router';

const slugArgs = z.tuple([z.string().toLowerCase().regex(SLUG_PATTERN)]);

/** Reads the one `<slug>` argument, or answers with the usage and returns undefined. */
async function slugFrom(ctx: SubcommandContext, usage: string): Promise<string | undefined> {
  const parsed = slugArgs.safeParse(ctx.args);
  if (parsed.success) return parsed.data[0];
  await ctx.reply(
    noticeMessage(`Usage: \`${COMMAND} ${usage}\`. See \`${COMMAND} admin cohort list\` for short names.`),
  );
  return undefined;
}

export function newCohortDefaults(now: Date) {
  const opens = isoDate(now);
  return { opens, closes: addDays(opens, 14), starts: addDays(opens, 21), ends: addDays(opens, 21 + 182) };
}

export const cohortNew: Subcommand = {
  path: ['admin', 'cohort', 'new'],
  usage: 'admin cohort new',
  summary: 'create a cohort (name, track, dates, guidelines, surveys)',
  audience: 'admin',
  run: async (ctx) => {
    await ctx.openModal(
      cohortModal({ defaults: newCohortDefaults(ctx.deps.clock()), skills: newCohortSkills() }),
    );
  },
};

export const cohortEdit: Subcommand = {
  path: ['admin', 'cohort', 'edit'],
  usage: 'admin cohort edit <short-name>',
  summary: "change a cohort's settings",
  audience: 'admin',
  run: async (ctx) => {
    const slug = await slugFrom(ctx, 'admin cohort edit <short-name>');
    if (slug === undefined) return;
    const found = await findCohortForEditing(ctx.deps.db, slug);
    if (found === undefined)
      return ctx.reply(noticeMessage(`There is no cohort called \`${escapeMrkdwn(slug)}\`.`));
    await ctx.openModal(cohortModal({ ...found, defaults: newCohortDefaults(ctx.deps.clock()) }));
  },
};

export const cohortList: Subcommand = {
  path: ['admin', 'cohort', 'list'],
  usage: 'admin cohort list',
  summary: 'every cohort with its state and enrollment counts',
  audience: 'admin',
  run: async (ctx) => ctx.reply(cohortListMessage(await listCohortSummaries(ctx.deps.db))),
};

const LIFECYCLE: { action: LifecycleAction; word: string; summary: string }[] = [
  { action: 'open', word: 'open', summary: 'open enrollment' },
  { action: 'close', word: 'close', summary: 'close enrollment (the cohort moves on to matching)' },
  { action: 'complete', word: 'complete', summary: 'mark an active cohort as completed' },
];

/** The reply to a lifecycle change, shared by the commands and the cohort list's buttons. */
export async function runLifecycle(
  ctx: Pick<SubcommandContext, 'deps' | 'userId' | 'reply'>,
  slug: string,
  action: LifecycleAction,
): Promise<void> {
  const outcome = await changeCohortState(ctx.deps, ctx.userId, slug, action);
  if (!outcome.ok) return ctx.reply(noticeMessage(`Nothing changed: ${outcome.reason}`));
  const { cohort } = outcome;
  await ctx.reply(
    noticeMessage(
      `*${escapeMrkdwn(cohort.name)}* (\`${cohort.slug}\`) is now: ${STATE_LABELS[cohort.state]}.`,
    ),
  );
}

export const cohortLifecycle: Subcommand[] = LIFECYCLE.map(({ action, word, summary }) => ({
  path: ['admin', 'cohort', word],
  usage: `admin cohort ${word} <short-name>`,
  summary,
  audience: 'admin',
  run: async (ctx) => {
    const slug = await slugFrom(ctx, `admin cohort ${word} <short-name>`);
    if (slug !== undefined) await runLifecycle(ctx, slug, action);
  },
}));
