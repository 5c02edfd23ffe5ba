import type { KnownBlock } from '@slack/types';

const count = new Intl.NumberFormat('en-US');

export interface ProgressInput {
  readonly label: string;
  readonly sent: number;
  readonly failed: number;
  readonly total: number;
}

/** The admin's progress line for a long send, kept current with chat.update. */
export function progressMessage(input: ProgressInput): { text: string; blocks: KnownBlock[] } {
  const done = input.sent + input.failed === input.total;
  const head = `${done ? 'Done: sent' : 'Sent'} ${count.format(input.sent)} of ${count.format(input.total)} ${input.label}`;
  const failed =
    input.failed === 0
      ? ''
      : ` (${count.format(input.failed)} could not be delivered; they are listed in the admin report)`;
  const text = `${head}${failed}.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
