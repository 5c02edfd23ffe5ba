import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { closestMatch, editDistance } from '../../../domain/suggest';
import type { SlackDeps } from '../../deps';
import type { CommandHelp, EphemeralMessage } from '../../views/help';

export interface SubcommandContext {
  readonly userId: string;
  readonly channelId: string;
  readonly triggerId: string;
  /** Words after the subcommand's path. */
  readonly args: readonly string[];
  readonly isAdmin: boolean;
  /** The subcommands this user may run, for help texts. */
  readonly visible: readonly Subcommand[];
  readonly reply: (message: EphemeralMessage) => Promise<void>;
  /** Opens a modal with the command's trigger; on failure the user already got a retry hint. */
  readonly openModal: (view: ModalView) => Promise<boolean>;
  readonly client: WebClient;
  readonly deps: SlackDeps;
}

/**
 * One `/mentor` subcommand. Each lives in its own module under `mentor/` and is listed in
 * `mentor/index.ts`; the router finds it by the longest matching path, so nested admin commands
 * (`admin cohort new`) need no switch anywhere.
 */
export interface Subcommand extends CommandHelp {
  /** Words that select this subcommand, e.g. ['admin', 'audit']. Lowercase. */
  readonly path: readonly string[];
  run(ctx: SubcommandContext): Promise<void>;
}

export type Resolution =
  | { kind: 'match'; subcommand: Subcommand; args: string[] }
  /** The words typed are the start of one or more paths, e.g. `/mentor admin`. */
  | { kind: 'partial'; prefix: string[]; options: Subcommand[] }
  | { kind: 'unknown'; typed: string; suggestion: string | undefined };

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= words.length && prefix.every((word, i) => words[i] === word);
}

/**
 * Finds the subcommand the words name. `candidates` for suggestions are the subcommands the user
 * may run, so a typo never advertises an admin command to a member.
 */
export function resolveSubcommand(
  words: readonly string[],
  all: readonly Subcommand[],
  candidates: readonly Subcommand[],
): Resolution {
  const lowered = words.map((w) => w.toLowerCase());
  let best: Subcommand | undefined;
  for (const sub of all) {
    if (startsWith(lowered, sub.path) && (best === undefined || sub.path.length > best.path.length))
      best = sub;
  }
  if (best !== undefined) return { kind: 'match', subcommand: best, args: words.slice(best.path.length) };

  const options = all.filter((sub) => lowered.length > 0 && startsWith(sub.path, lowered));
  if (options.length > 0) return { kind: 'partial', prefix: lowered, options };

  // Compare what was typed with each path over the same number of words; the nearest wins.
  let suggestion: { usage: string; distance: number } | undefined;
  for (const sub of candidates) {
    const typed = lowered.slice(0, sub.path.length).join(' ');
    const path = sub.path.join(' ');
    if (closestMatch(typed, [path]) === undefined) continue;
    const distance = editDistance(typed, path);
    if (suggestion === undefined || distance < suggestion.distance)
      suggestion = { usage: sub.usage, distance };
  }
  return { kind: 'unknown', typed: words.join(' '), suggestion: suggestion?.usage };
}

/**
 * What a non-admin tried, when the resolution is admin-only (a match of an admin subcommand, or
 * a prefix of admin subcommands only, such as `/mentor admin`); undefined when members may go on.
 */
export function adminOnlyTarget(resolution: Resolution, words: readonly string[]): string | undefined {
  if (resolution.kind === 'match') {
    return resolution.subcommand.audience === 'admin' ? resolution.subcommand.path.join(' ') : undefined;
  }
  if (resolution.kind === 'partial' && resolution.options.every((s) => s.audience === 'admin')) {
    return words.slice(0, 3).join(' ').toLowerCase();
  }
  return undefined;
}
