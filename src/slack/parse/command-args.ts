import { z } from 'zod';
import { SLUG_PATTERN } from '../../domain/cohorts';

/**
 * Arguments of admin commands. With `should_escape` on, Slack sends a mention as `<@U123|name>`
 * (or `<@U123>`); a channel `<#C…>`, a user group `<!subteam^…>` or a plain word is not a person.
 */

const mention = z
  .string()
  .regex(/^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/)
  .transform((token) => token.slice(2, -1).split('|')[0] ?? '');

const slug = z.string().toLowerCase().regex(SLUG_PATTERN);

export type PeopleArgs =
  | { ok: true; slug: string; userIds: string[] }
  | { ok: false; problem: 'usage' }
  | { ok: false; problem: 'not_people'; tokens: string[] };

/** `<short-name> @person …`: the cohort and the people, each once, in the order given. */
export function parseCohortAndPeople(args: readonly string[]): PeopleArgs {
  const [first, ...rest] = args;
  const cohort = slug.safeParse(first);
  if (!cohort.success || rest.length === 0) return { ok: false, problem: 'usage' };
  const userIds: string[] = [];
  const bad: string[] = [];
  for (const token of rest) {
    const parsed = mention.safeParse(token);
    if (parsed.success) {
      if (!userIds.includes(parsed.data)) userIds.push(parsed.data);
    } else bad.push(token);
  }
  return bad.length > 0
    ? { ok: false, problem: 'not_people', tokens: bad }
    : { ok: true, slug: cohort.data, userIds };
}

export type PulseArgs = { ok: true; slug: string; anonymous: boolean } | { ok: false };

/** `<short-name> [anonymous]`. */
export function parsePulseArgs(args: readonly string[]): PulseArgs {
  const cohort = slug.safeParse(args[0]);
  const flag = args[1]?.toLowerCase();
  if (!cohort.success || args.length > 2 || (flag !== undefined && flag !== 'anonymous'))
    return { ok: false };
  return { ok: true, slug: cohort.data, anonymous: flag === 'anonymous' };
}
