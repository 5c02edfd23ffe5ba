import { z } from 'zod';
import { SLUG_PATTERN } from '../../../../domain/cohorts';
import { COMMAND } from '../../../ids';
import { noticeMessage } from '../../../views/help';
import { escapeMrkdwn } from '../../../views/text';
import type { SubcommandContext } from '../router';

const slug = z.string().toLowerCase().regex(SLUG_PATTERN);

/**
 * Reads the `<short-name>` that starts the arguments, or answers with the usage and returns
 * undefined. Words after it are the caller's.
 */
export async function cohortSlugArg(
  ctx: Pick<SubcommandContext, 'args' | 'reply'>,
  usage: string,
  options: { exact: boolean } = { exact: true },
): Promise<string | undefined> {
  const parsed = slug.safeParse(ctx.args[0]);
  if (parsed.success && (!options.exact || ctx.args.length === 1)) return parsed.data;
  await ctx.reply(
    noticeMessage(`Usage: \`${COMMAND} ${usage}\`. See \`${COMMAND} admin cohort list\` for short names.`),
  );
  return undefined;
}

export function noSuchCohort(slugText: string) {
  return noticeMessage(`There is no cohort called \`${escapeMrkdwn(slugText)}\`.`);
}
