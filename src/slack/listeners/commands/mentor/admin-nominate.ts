import { nominate } from '../../../../services/nominations';
import { COMMAND } from '../../../ids';
import { parseCohortAndPeople } from '../../../parse/command-args';
import { noticeMessage } from '../../../views/help';
import { nominationReply } from '../../../views/nomination';
import { escapeMrkdwn, truncate } from '../../../views/text';
import type { Subcommand } from '../router';

const USAGE = 'admin nominate <short-name> @person [@person …]';
const HINT = `Usage: \`${COMMAND} ${USAGE}\`: mention each person with @ (pick them from Slack's list).`;

export const adminNominate: Subcommand = {
  path: ['admin', 'nominate'],
  usage: USAGE,
  summary: 'nominate employees for a cohort; each gets an invitation by DM',
  audience: 'admin',
  run: async (ctx) => {
    const args = parseCohortAndPeople(ctx.args);
    if (!args.ok) {
      const bad =
        args.problem === 'not_people'
          ? `${args.tokens.map((t) => `\`${escapeMrkdwn(t)}\``).join(', ')} ${args.tokens.length === 1 ? 'is' : 'are'} not a person. `
          : '';
      return ctx.reply(noticeMessage(truncate(`${bad}${HINT}`, 3000)));
    }
    const outcome = await nominate(ctx.deps, ctx.userId, args.slug, args.userIds);
    await ctx.reply(
      outcome.ok ? nominationReply(outcome) : noticeMessage(`Nobody was nominated: ${outcome.reason}`),
    );
  },
};
