import type { KnownBlock } from '@slack/types';
import type { Cohort } from '../../domain/cohorts';
import type { StoredProposal } from '../../repositories/match-proposals';
import { COMMAND, MatchIds } from '../ids';
import { type EphemeralMessage, noticeMessage } from './help';
import { chunkLines, escapeMrkdwn, plural, truncate } from './text';

/**
 * The admin's preview of a proposal: numbers first, then who is left out and why, then the pairs
 * a page at a time, so any cohort stays within an ephemeral message's 50 blocks. Pure.
 */

export const PAIRS_PER_PAGE = 10;
const LIST_MAX = 25;
const SECTION_MAX = 3000;
const BAR_WIDTH = 20;
const REASONS_SHOWN = 3;

function sections(lines: readonly string[], maxBlocks: number): KnownBlock[] {
  return chunkLines(lines, SECTION_MAX)
    .slice(0, maxBlocks)
    .map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

/** Text bars, one per score bucket, scaled to the fullest bucket. */
export function histogramLines(histogram: StoredProposal['stats']['histogram']): string[] {
  const most = Math.max(1, ...histogram.map((b) => b.count));
  return histogram.map((b) => {
    const bar = '█'.repeat(Math.round((b.count / most) * BAR_WIDTH));
    return `${String(b.from).padStart(3)}–${String(b.to).padEnd(3)} ${bar} ${b.count}`;
  });
}

export function pageCount(proposal: StoredProposal): number {
  return Math.max(1, Math.ceil(proposal.pairs.length / PAIRS_PER_PAGE));
}

/**
 * A titled list in at most `maxBlocks` sections: up to LIST_MAX items, fewer if long items would
 * overflow the blocks, and always a last line saying how many were left out, never a silent cut.
 */
function listSections(
  title: string,
  items: readonly string[],
  maxBlocks: number,
  more: (n: number) => string,
): KnownBlock[] {
  for (let shown = Math.min(items.length, LIST_MAX); ; shown--) {
    const lines = [
      title,
      ...items.slice(0, shown),
      ...(shown < items.length ? [more(items.length - shown)] : []),
    ];
    const chunks = chunkLines(lines, SECTION_MAX);
    if (chunks.length <= maxBlocks || shown === 0) return sections(lines, maxBlocks);
  }
}

/** One introduction per pair, or per group on the group track. */
export function introductionCount(proposal: StoredProposal): number {
  return proposal.track === 'group'
    ? new Set(proposal.pairs.map((p) => p.mentorId)).size
    : proposal.pairs.length;
}

/** What replaces an approved preview, so its buttons cannot be pressed again. */
export function approvedPreviewMessage(input: {
  cohort: Pick<Cohort, 'name'>;
  pairings: number;
  introductions: number;
}): EphemeralMessage {
  return noticeMessage(
    `:white_check_mark: Approved: ${plural(input.pairings, 'pairing')} in *${escapeMrkdwn(input.cohort.name)}*, which is now active. ${plural(input.introductions, 'introduction')} on their way.`,
  );
}

/** What replaces a preview that went out of date, with the one button that helps. */
export function stalePreviewMessage(input: { proposalId: number; reason: string }): EphemeralMessage {
  const text = `Nothing was approved. ${input.reason}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } },
      {
        type: 'actions',
        block_id: MatchIds.previewActions,
        elements: [
          {
            type: 'button',
            action_id: MatchIds.rerun,
            style: 'primary',
            text: { type: 'plain_text', text: 'Re-run' },
            value: String(input.proposalId),
          },
        ],
      },
    ],
  };
}

export function matchPreviewMessage(input: {
  cohort: Pick<Cohort, 'name' | 'slug'>;
  proposalId: number;
  proposal: StoredProposal;
  page: number;
}): EphemeralMessage {
  const { proposal, proposalId, cohort } = input;
  const name = (id: string) => escapeMrkdwn(proposal.names[id] ?? id);
  const pages = pageCount(proposal);
  const page = Math.min(Math.max(0, input.page), pages - 1);
  const { stats } = proposal;
  const headline = `Match preview for ${cohort.name}: ${stats.matched} of ${stats.mentees} mentees matched, ${proposal.unmatched.length} unmatched.`;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`Match preview: ${cohort.name}`, 150) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Matched:* ${stats.matched} of ${stats.mentees} mentees (${stats.mentors} mentors)   *Unmatched:* ${proposal.unmatched.length}   *Mean score:* ${stats.meanScore.toFixed(1)}${stats.certified ? '   _proven optimal_' : ''}`,
      },
    },
    ...sections(['*Score distribution*', `\`\`\`${histogramLines(stats.histogram).join('\n')}\`\`\``], 1),
  ];
  if (proposal.unmatched.length > 0) {
    const lines = proposal.unmatched.map((u) => `• ${name(u.menteeId)} — ${escapeMrkdwn(u.reason)}`);
    blocks.push(...listSections('*Unmatched*', lines, 3, (n) => `…and ${n} more (see the CSV)`));
  }
  if (proposal.suggestions.length > 0) {
    const lines = proposal.suggestions.map((s) => `• ${escapeMrkdwn(s.text)}`);
    blocks.push(...listSections('*Suggestions*', lines, 2, (n) => `…and ${n} more (see the CSV)`));
  }
  if (proposal.warnings.length > 0) {
    const lines = proposal.warnings.map((w) => `• ${escapeMrkdwn(w)}`);
    blocks.push(...listSections(':warning: *Warnings*', lines, 2, (n) => `…and ${n} more (see the CSV)`));
  }
  const first = page * PAIRS_PER_PAGE;
  const shown = proposal.pairs.slice(first, first + PAIRS_PER_PAGE);
  blocks.push({ type: 'divider' });
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text:
          proposal.pairs.length === 0
            ? 'No pairs in this proposal.'
            : `Pairs ${first + 1}–${first + shown.length} of ${proposal.pairs.length} (page ${page + 1} of ${pages})`,
      },
    ],
  });
  for (const pair of shown) {
    const top = [...pair.reasons].sort((a, b) => b.points - a.points).slice(0, REASONS_SHOWN);
    const text = [
      `*${name(pair.mentorId)}* ↔ *${name(pair.menteeId)}* — score ${pair.score}${pair.pinned ? ' :pushpin:' : ''}`,
      ...top.map((r) => `• ${escapeMrkdwn(r.text)}`),
    ].join('\n');
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } });
  }
  const value = String(proposalId);
  const button = (actionId: string, text: string, v: string) => ({
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text },
    value: v,
  });
  const elements = [];
  if (page > 0) elements.push(button(MatchIds.pagePrevious, '‹ Previous', `${proposalId}:${page - 1}`));
  if (page < pages - 1) elements.push(button(MatchIds.page, 'Next ›', `${proposalId}:${page + 1}`));
  elements.push(
    {
      ...button(MatchIds.approve, 'Approve', value),
      style: 'primary' as const,
      confirm: {
        title: { type: 'plain_text' as const, text: 'Approve these matches?' },
        text: {
          type: 'mrkdwn' as const,
          text: `${plural(introductionCount(proposal), 'introduction')} will be sent and *${escapeMrkdwn(cohort.name)}* becomes active.`,
        },
        confirm: { type: 'plain_text' as const, text: 'Approve' },
        deny: { type: 'plain_text' as const, text: 'Not yet' },
      },
    },
    button(MatchIds.rerun, 'Re-run', value),
    button(MatchIds.csv, 'Download CSV', value),
  );
  blocks.push({ type: 'actions', block_id: MatchIds.previewActions, elements });
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Adjust with \`${COMMAND} admin pin ${cohort.slug} @mentor @mentee\` or \`${COMMAND} admin forbid ${cohort.slug} @a @b\`, then Re-run.`,
      },
    ],
  });
  return { text: headline, blocks: blocks.slice(0, 50) };
}
