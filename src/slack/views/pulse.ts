import type { KnownBlock, ModalView } from '@slack/types';
import type { Cohort } from '../../domain/cohorts';
import { formatDate } from '../../domain/dates';
import { PULSE_ANSWER_MAX, PULSE_PROMPT } from '../../domain/pulses';
import type { OutboxPayload } from '../../repositories/outbox';
import type { OpenPulse, PulseResult } from '../../services/pulses';
import { PulseIds as Ids } from '../ids';
import type { EphemeralMessage } from './help';
import { chunkLines, escapeMrkdwn, truncate } from './text';

export interface PulseMetadata {
  readonly pulseId: number;
}

const ANONYMOUS_NOTE = 'Answers are anonymous: nobody, admins included, can see who wrote them.';
const NAMED_NOTE = 'The admins running the program see your name with your answer.';
/** Ephemeral messages hold 50 blocks; leave room for the header and the "more" note. */
const RESULT_BLOCKS_MAX = 46;

function plain(text: string) {
  return { type: 'plain_text' as const, text };
}

/** The prompt posted to the cohort's channel. Pure. */
export function pulsePrompt(input: { cohort: Cohort; pulseId: number; anonymous: boolean }): OutboxPayload {
  return {
    text: PULSE_PROMPT,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${PULSE_PROMPT}*\nThe team running *${escapeMrkdwn(input.cohort.name)}* wants to hear it from you: topics, formats, anything that would make mentoring more useful to you.`,
        },
      },
      {
        type: 'actions',
        block_id: Ids.actions,
        elements: [
          {
            type: 'button',
            action_id: Ids.open,
            style: 'primary',
            text: plain('Share your input'),
            value: String(input.pulseId),
          },
        ],
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: input.anonymous ? ANONYMOUS_NOTE : NAMED_NOTE }],
      },
    ],
  };
}

/** The one-question modal behind the prompt's button. Pure. */
export function pulseModal(pulse: OpenPulse): ModalView {
  return {
    type: 'modal',
    callback_id: Ids.modal,
    private_metadata: JSON.stringify({ pulseId: pulse.id } satisfies PulseMetadata),
    title: plain('Your input'),
    submit: plain('Send'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `For *${escapeMrkdwn(pulse.cohortName)}*. ${pulse.anonymous ? ANONYMOUS_NOTE : NAMED_NOTE}`,
          },
        ],
      },
      {
        type: 'input',
        block_id: Ids.answer,
        label: plain(PULSE_PROMPT),
        element: {
          type: 'plain_text_input',
          action_id: Ids.value,
          multiline: true,
          max_length: PULSE_ANSWER_MAX,
        },
      },
    ],
  };
}

export function pulseThanks(anonymous: boolean): ModalView {
  return {
    type: 'modal',
    callback_id: Ids.thanks,
    title: plain('Thank you'),
    close: plain('Close'),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: anonymous
            ? 'Thank you! Your answer reached the program team, without your name.'
            : 'Thank you! Your answer reached the program team.',
        },
      },
    ],
  };
}

/** Answers for admins: with authors where the pulse was named, never where it was anonymous. */
export function pulseResultsMessage(cohort: Cohort, pulses: readonly PulseResult[]): EphemeralMessage {
  const title = `Employee input: ${truncate(cohort.name, 100)}`;
  if (pulses.length === 0) {
    const text = `No pulses yet for *${escapeMrkdwn(cohort.name)}*. Ask with \`/mentor admin pulse ${cohort.slug} [anonymous]\`.`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(title) }];
  let hidden = 0;
  for (const pulse of pulses) {
    const kind = pulse.anonymous ? 'anonymous' : 'named';
    const heading = `*Pulse of ${formatDate(pulse.createdAt.slice(0, 10))}* · ${kind} · ${pulse.answers.length} ${pulse.answers.length === 1 ? 'answer' : 'answers'}`;
    const lines = pulse.answers.map((a) => {
      const text = escapeMrkdwn(a.answer.replace(/\s+/g, ' '));
      return a.author === null ? `• ${text}` : `• ${text} — <@${a.author}>`;
    });
    const sections = chunkLines(lines.length === 0 ? ['_No answers yet._'] : lines, 3000);
    if (blocks.length + 2 > RESULT_BLOCKS_MAX) {
      hidden += pulse.answers.length;
      continue;
    }
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: heading } });
    for (const [i, text] of sections.entries()) {
      if (blocks.length >= RESULT_BLOCKS_MAX) {
        hidden += sections.slice(i).join('\n').split('\n').length;
        break;
      }
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
    }
  }
  if (hidden > 0) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${hidden} more answers did not fit here.` }],
    });
  }
  return { text: title, blocks };
}
