import { type ConstraintVerb, changeConstraint } from '../../../../services/match-constraints';
import { openMatchRequests } from '../../../../services/match-requests';
import { previewMatches } from '../../../../services/matching';
import { rematch } from '../../../../services/rematch';
import { COMMAND } from '../../../ids';
import { parseCohortAndPeople } from '../../../parse/command-args';
import { noticeMessage } from '../../../views/help';
import { matchPreviewMessage } from '../../../views/match-preview';
import { matchRequestListMessage } from '../../../views/match-request';
import { escapeMrkdwn, truncate } from '../../../views/text';
import type { Subcommand, SubcommandContext } from '../router';
import { cohortSlugArg } from './cohort-arg';

/** `/mentor admin match|pin|forbid|unpin|unforbid|rematch|requests`: the admin side of matching. */

export const adminMatch: Subcommand = {
  path: ['admin', 'match'],
  usage: 'admin match <short-name>',
  summary: 'preview the proposed matches (nothing is sent until you approve)',
  audience: 'admin',
  run: async (ctx) => {
    const slug = await cohortSlugArg(ctx, 'admin match <short-name>');
    if (slug === undefined) return;
    const outcome = await previewMatches(ctx.deps, ctx.userId, { slug });
    if (!outcome.ok) return ctx.reply(noticeMessage(truncate(outcome.reason, 3000)));
    await ctx.reply(matchPreviewMessage({ ...outcome, page: 0 }));
  },
};

/** `<short-name> @a @b`: exactly two people, or the usage. */
async function twoPeople(ctx: SubcommandContext, usage: string) {
  const args = parseCohortAndPeople(ctx.args);
  if (args.ok && args.userIds.length === 2)
    return { slug: args.slug, first: args.userIds[0] ?? '', second: args.userIds[1] ?? '' };
  const bad =
    !args.ok && args.problem === 'not_people'
      ? `${args.tokens.map((t) => `\`${escapeMrkdwn(t)}\``).join(', ')} ${args.tokens.length === 1 ? 'is' : 'are'} not a person. `
      : '';
  await ctx.reply(
    noticeMessage(
      truncate(`${bad}Usage: \`${COMMAND} ${usage}\`: mention two different people with @.`, 3000),
    ),
  );
  return undefined;
}

const CONSTRAINTS: { verb: ConstraintVerb; people: string; summary: string }[] = [
  { verb: 'pin', people: '@mentor @mentee', summary: 'always pair this mentor with this mentee' },
  { verb: 'forbid', people: '@person @person', summary: 'never pair these two (either way round)' },
  { verb: 'unpin', people: '@mentor @mentee', summary: 'remove a pin' },
  { verb: 'unforbid', people: '@person @person', summary: 'remove a forbid' },
];

export const matchConstraints: Subcommand[] = CONSTRAINTS.map(({ verb, people, summary }) => {
  const usage = `admin ${verb} <short-name> ${people}`;
  return {
    path: ['admin', verb],
    usage,
    summary,
    audience: 'admin',
    run: async (ctx) => {
      const args = await twoPeople(ctx, usage);
      if (args === undefined) return;
      const outcome = await changeConstraint(ctx.deps, ctx.userId, { verb, ...args });
      await ctx.reply(noticeMessage(outcome.ok ? outcome.message : `Nothing changed: ${outcome.reason}`));
    },
  };
});

export const adminRematch: Subcommand = {
  path: ['admin', 'rematch'],
  usage: 'admin rematch <short-name> @person',
  summary: 'match a late joiner (or someone whose partner left) without touching other pairs',
  audience: 'admin',
  run: async (ctx) => {
    const args = parseCohortAndPeople(ctx.args);
    if (!args.ok || args.userIds.length !== 1) {
      return ctx.reply(
        noticeMessage(`Usage: \`${COMMAND} admin rematch <short-name> @person\`: mention one person with @.`),
      );
    }
    const outcome = await rematch(ctx.deps, ctx.userId, args.slug, args.userIds[0] ?? '');
    await ctx.reply(noticeMessage(truncate(outcome.ok ? outcome.message : outcome.reason, 3000)));
  },
};

export const adminMatchRequests: Subcommand = {
  path: ['admin', 'requests'],
  usage: 'admin requests <short-name>',
  summary: 'open requests for a different match',
  audience: 'admin',
  run: async (ctx) => {
    const slug = await cohortSlugArg(ctx, 'admin requests <short-name>');
    if (slug === undefined) return;
    const outcome = await openMatchRequests(ctx.deps, slug);
    await ctx.reply(outcome.ok ? matchRequestListMessage(outcome) : noticeMessage(outcome.reason));
  },
};
