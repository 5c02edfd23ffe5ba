import { pulseResults, startPulse } from '../../../../services/pulses';
import { COMMAND } from '../../../ids';
import { parsePulseArgs } from '../../../parse/command-args';
import { noticeMessage } from '../../../views/help';
import { pulseResultsMessage } from '../../../views/pulse';
import type { Subcommand } from '../router';
import { cohortSlugArg } from './cohort-arg';

const USAGE = 'admin pulse <short-name> [anonymous]';
const RESULTS_USAGE = 'admin pulse-results <short-name>';

export const adminPulse: Subcommand = {
  path: ['admin', 'pulse'],
  usage: USAGE,
  summary:
    'ask the cohort\'s channel "What should this program offer you?" (add `anonymous` to store no names)',
  audience: 'admin',
  run: async (ctx) => {
    const args = parsePulseArgs(ctx.args);
    if (!args.ok) return ctx.reply(noticeMessage(`Usage: \`${COMMAND} ${USAGE}\`.`));
    const outcome = await startPulse(ctx.deps, ctx.userId, args.slug, args.anonymous);
    if (!outcome.ok) return ctx.reply(noticeMessage(`Nothing was posted: ${outcome.reason}`));
    await ctx.reply(
      noticeMessage(
        `Posting the ${args.anonymous ? 'anonymous ' : ''}pulse to <#${outcome.channelId}>. Read the answers with \`${COMMAND} admin pulse-results ${args.slug}\`.`,
      ),
    );
  },
};

export const adminPulseResults: Subcommand = {
  path: ['admin', 'pulse-results'],
  usage: RESULTS_USAGE,
  summary: 'the answers to the latest pulses (no names for anonymous ones)',
  audience: 'admin',
  run: async (ctx) => {
    const slug = await cohortSlugArg(ctx, RESULTS_USAGE);
    if (slug === undefined) return;
    const outcome = await pulseResults(ctx.deps, ctx.userId, slug);
    await ctx.reply(
      outcome.ok ? pulseResultsMessage(outcome.cohort, outcome.pulses) : noticeMessage(outcome.reason),
    );
  },
};
