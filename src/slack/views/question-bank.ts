import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { ROLE_LABELS, type Track } from '../../domain/cohorts';
import { isSelect, QUESTIONS_MAX } from '../../domain/question-bank';
import { KIND_LABELS, MATCHING_USE_LABELS, type Question } from '../../domain/questions';
import type { BankChange, BankQuestion, QuestionBank } from '../../services/question-bank';
import { QuestionIds as Ids } from '../ids';
import type { EphemeralMessage } from './help';
import { escapeMrkdwn, truncate } from './text';

/** What the list modal carries between interactions. */
export interface BankMetadata {
  readonly cohortId: number;
}

const SECTION_MAX = 3000;

function plain(text: string) {
  return { type: 'plain_text' as const, text };
}

function menuOption(text: string, verb: string, questionId: number): PlainTextOption {
  return { text: plain(text), value: `${verb}:${questionId}` };
}

export function audienceLabel(track: Track, audience: Question['audience']): string {
  return audience === null ? 'Everyone' : `${ROLE_LABELS[track][audience]}s only`;
}

function describe(track: Track, entry: BankQuestion, position: number): string {
  const q = entry.question;
  const facts = [
    KIND_LABELS[q.kind],
    q.required ? 'required' : 'optional',
    ...(q.sensitive ? ['🔒 self-identification (nobody sees answers)'] : []),
    MATCHING_USE_LABELS[q.matchingUse],
    `weight ${q.weight}`,
    audienceLabel(track, q.audience),
  ];
  const lines = [`*${position}. ${escapeMrkdwn(q.label)}*`, facts.join(' · ')];
  if (isSelect(q.kind)) {
    const max = q.maxSelections === null ? '' : `, pick up to ${q.maxSelections}`;
    const shown = q.options.map((o) => o.label).join(', ');
    lines.push(`${q.options.length} options${max}: ${escapeMrkdwn(truncate(shown, 300))}`);
  }
  lines.push(entry.answers === 0 ? '_Not answered yet_' : `_Answered by ${entry.answers}_`);
  return truncate(lines.join('\n'), SECTION_MAX);
}

/** The one line that tells the admin what their last change did. */
export function bankChangeNotice(change: BankChange): string {
  const label = `*${escapeMrkdwn(change.label)}*`;
  switch (change.kind) {
    case 'added':
      return `✓ Added ${label} at the end. The next enrollment form asks it.`;
    case 'moved':
      return `✓ Moved ${label} ${change.direction}.`;
    case 'removed':
      return change.answers === 0
        ? `✓ Removed ${label}.`
        : `✓ Removed ${label} and the ${change.answers} ${change.answers === 1 ? 'answer' : 'answers'} to it.`;
    case 'saved': {
      if (change.lostOptions.length === 0) return `✓ Saved ${label}.`;
      const lost = change.lostOptions
        .map((o) => `“${escapeMrkdwn(o.label)}” (${o.answers} ${o.answers === '1' ? 'answer' : 'answers'})`)
        .join(', ');
      const emptied =
        change.emptiedAnswers === '0' ? '' : ` ${change.emptiedAnswers} left with no answer at all.`;
      return `⚠ Saved ${label}. Removed options were taken out of stored answers: ${lost}.${emptied}`;
    }
  }
}

/** A change that altered or deleted stored answers, worth a DM the admin can keep. */
export function changedAnswers(change: BankChange): boolean {
  return (
    (change.kind === 'saved' && change.lostOptions.some((o) => o.answers !== '0')) ||
    (change.kind === 'removed' && change.answers > 0)
  );
}

export function bankChangeMessage(bank: QuestionBank, change: BankChange): EphemeralMessage {
  const text = `Profile questions of *${escapeMrkdwn(bank.cohort.name)}* (\`${bank.cohort.slug}\`): ${bankChangeNotice(change)}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } }] };
}

/**
 * The cohort's question bank: every question in the order enrollment asks them, each with a menu
 * (edit, move, remove), and a button to add one. Pure.
 */
export function questionBankModal(bank: QuestionBank, notice?: string): ModalView {
  const { cohort, questions } = bank;
  const locked = cohort.state === 'completed';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(cohort.name)}* (\`${cohort.slug}\`): ${questions.length} questions, asked in this order when people enroll.`,
      },
    },
  ];
  if (notice !== undefined) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(notice, SECTION_MAX) }] });
  }
  blocks.push({ type: 'divider' });
  questions.forEach((entry, i) => {
    const id = entry.question.id;
    const options = [
      menuOption('Edit', 'edit', id),
      ...(i > 0 ? [menuOption('Move up', 'up', id)] : []),
      ...(i < questions.length - 1 ? [menuOption('Move down', 'down', id)] : []),
      menuOption('Remove', 'remove', id),
    ];
    blocks.push({
      type: 'section',
      block_id: `${Ids.itemPrefix}${id}`,
      text: { type: 'mrkdwn', text: describe(cohort.track, entry, i + 1) },
      ...(locked ? {} : { accessory: { type: 'overflow', action_id: Ids.menu, options } }),
    });
  });
  if (questions.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '_No questions yet._' } });
  }
  blocks.push({ type: 'divider' });
  if (locked) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'This cohort is completed, so its questions can no longer change.' },
      ],
    });
  } else if (questions.length >= QUESTIONS_MAX) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `The bank is full (${QUESTIONS_MAX} questions): remove one to add another.` },
      ],
    });
  } else {
    blocks.push({
      type: 'actions',
      block_id: Ids.addActions,
      elements: [
        {
          type: 'button',
          action_id: Ids.add,
          style: 'primary',
          text: plain('Add question'),
          value: String(cohort.id),
        },
      ],
    });
  }
  return {
    type: 'modal',
    callback_id: Ids.listModal,
    private_metadata: JSON.stringify({ cohortId: cohort.id } satisfies BankMetadata),
    title: plain('Profile questions'),
    close: plain('Done'),
    blocks,
  };
}
