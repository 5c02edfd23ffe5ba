import type { KnownBlock } from '@slack/types';
import type { Cohort } from '../../domain/cohorts';
import type { StoredProposal } from '../../repositories/match-proposals';
import { COMMAND, MatchIds } from '../ids';
import type { EphemeralMessage } from './help';
import { chunkLines, escapeMrkdwn, truncate } from './text';

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

function capped(lines: readonly string[], more: (n: number) => string): string[] {
  return lines.length <= LIST_MAX ? [...lines] : [...lines.slice(0, LIST_MAX), more(lines.length - LIST_MAX)];
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
    blocks.push(...sections(['*Unmatched*', ...capped(lines, (n) => `…and ${n} more (see the CSV)`)], 3));
  }
  if (proposal.suggestions.length > 0) {
    const lines = proposal.suggestions.map((s) => `• ${escapeMrkdwn(s.text)}`);
    blocks.push(...sections(['*Suggestions*', ...capped(lines, (n) => `…and ${n} more`)], 2));
  }
  if (proposal.warnings.length > 0) {
    const lines = proposal.warnings.map((w) => `• ${escapeMrkdwn(w)}`);
    blocks.push(...sections([':warning: *Warnings*', ...capped(lines, (n) => `…and ${n} more`)], 2));
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
          text: `${stats.matched} introductions will be sent and *${escapeMrkdwn(cohort.name)}* becomes active.`,
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
