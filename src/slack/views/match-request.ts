import type { KnownBlock, ModalView } from '@slack/types';
import type { OpenMatchRequest } from '../../services/match-requests';
import { MatchIds as Ids } from '../ids';
import type { EphemeralMessage } from './help';
import type { Message } from './scheduled';
import { chunkLines, escapeMrkdwn, truncate } from './text';

/** "Request a different match": the modal, the admins' DM, and the admins' list. Pure. */

export const MATCH_REQUEST_REASON_MAX = 1000;

export interface MatchRequestMetadata {
  readonly pairingId: number;
}

function plain(text: string) {
  return { type: 'plain_text' as const, text };
}

export function matchRequestModal(pairingId: number): ModalView {
  return {
    type: 'modal',
    callback_id: Ids.requestModal,
    private_metadata: JSON.stringify({ pairingId } satisfies MatchRequestMetadata),
    title: plain('A different match'),
    submit: plain('Send to admins'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Only the program admins read this. Your current pairing stays as it is until they reach out.',
          },
        ],
      },
      {
        type: 'input',
        block_id: Ids.requestReason,
        label: plain('Why would a different match suit you better?'),
        element: {
          type: 'plain_text_input',
          action_id: Ids.value,
          multiline: true,
          max_length: MATCH_REQUEST_REASON_MAX,
        },
      },
    ],
  };
}

/** The admins' DM: the reason is written for them, so it is included (it is never logged). */
export function matchRequestAdminMessage(input: {
  requesterId: string;
  cohortName: string;
  cohortSlug: string;
  memberIds: readonly string[];
  reason: string;
  /** They asked again while their request was open: this is added to that request. */
  addedToOpen: boolean;
}): Message {
  const others = input.memberIds.filter((id) => id !== input.requesterId).map((id) => `<@${id}>`);
  const asked = input.addedToOpen ? 'added to their open request for' : 'asked for';
  const text = `:arrows_counterclockwise: <@${input.requesterId}> ${asked} a different match in *${escapeMrkdwn(input.cohortName)}* (currently with ${others.join(', ') || 'nobody'}).`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`>${escapeMrkdwn(input.reason).replace(/\n/g, '\n>')}`, 3000) },
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Open requests: \`/mentor admin requests ${input.cohortSlug}\`` }],
    },
  ];
  return { text, blocks };
}

export function matchRequestListMessage(
  cohortName: string,
  requests: readonly OpenMatchRequest[],
): EphemeralMessage {
  if (requests.length === 0) {
    const text = `No open requests for a different match in ${cohortName}.`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }] };
  }
  const lines = requests.map((r) => {
    const others = r.memberIds
      .filter((id) => id !== r.userId)
      .map((id) => `<@${id}>`)
      .join(', ');
    return `• <@${r.userId}> (with ${others || 'nobody'}), ${r.createdAt.slice(0, 10)}: ${escapeMrkdwn(truncate(r.reason.replace(/\s+/g, ' '), 300))}`;
  });
  const header = `*Open requests for a different match in ${escapeMrkdwn(cohortName)}* (${requests.length})`;
  const blocks: KnownBlock[] = chunkLines([header, ...lines], 3000)
    .slice(0, 49)
    .map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
  return { text: `${requests.length} open requests for a different match in ${cohortName}.`, blocks };
}
