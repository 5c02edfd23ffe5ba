import type { KnownBlock, ModalView } from '@slack/types';
import type { OpenMatchRequest } from '../../services/match-requests';
import { MatchIds as Ids } from '../ids';
import type { EphemeralMessage } from './help';
import type { Message } from './scheduled';
import { escapeMrkdwn, plural, truncate } from './text';

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

/**
 * The admins' DM: the reason is written for them, so it is included (it is never logged). It
 * carries Rematch and Dismiss, so an admin can act where they read it.
 */
export function matchRequestAdminMessage(input: {
  requestId: number;
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
    requestButtons(input.requestId, Ids.requestDmActionsPrefix),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Open requests: \`/mentor admin requests ${input.cohortSlug}\`` }],
    },
  ];
  return { text, blocks };
}

/**
 * An admin's DM after they resolved the request from it: what it said stays, the buttons give way
 * to what was done, so the DM no longer offers a decision already taken.
 */
export function resolvedAdminMessage(
  original: { readonly text: string; readonly blocks: readonly KnownBlock[] },
  notice: string,
): EphemeralMessage {
  const done: KnownBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: truncate(`:white_check_mark: ${notice}`, 3000) }],
  };
  const blocks = original.blocks.map((block) => (block.type === 'actions' ? done : block));
  return {
    text: truncate(`${original.text} ${notice}`, 3000),
    blocks: blocks.includes(done) ? blocks : [...blocks, done],
  };
}

/** Requests shown with buttons: two blocks each, leaving room for the header, a notice and "more". */
export const REQUESTS_SHOWN = 20;

function requestButtons(requestId: number, blockPrefix: string = Ids.requestActionsPrefix): KnownBlock {
  const button = (actionId: string, label: string, confirm: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id: actionId,
    text: plain(label),
    value: String(requestId),
    ...(style === undefined ? {} : { style }),
    confirm: {
      title: plain(label),
      text: { type: 'mrkdwn' as const, text: confirm },
      confirm: plain(label),
      deny: plain('Cancel'),
    },
  });
  return {
    type: 'actions',
    block_id: `${blockPrefix}${requestId}`,
    elements: [
      button(
        Ids.requestRematch,
        'Rematch',
        'End their current pairing and match them with someone new? Their partner is told the pairing ended, not why.',
        'primary',
      ),
      button(Ids.requestDismiss, 'Dismiss', 'Keep their current pairing? They are told you looked at it.'),
    ],
  };
}

/**
 * The admins' list of open requests, each with Rematch and Dismiss. `notice` says what the last
 * button did when the list is redrawn after it. Never a silent cut: a longer list says how many
 * more there are.
 */
export function matchRequestListMessage(input: {
  cohortName: string;
  requests: readonly OpenMatchRequest[];
  notice?: string;
}): EphemeralMessage {
  const { cohortName, requests } = input;
  const noticeBlocks: KnownBlock[] =
    input.notice === undefined
      ? []
      : [{ type: 'section', text: { type: 'mrkdwn', text: truncate(input.notice, 3000) } }];
  if (requests.length === 0) {
    const text = `No open requests for a different match in ${cohortName}.`;
    return {
      text: input.notice ?? text,
      blocks: [...noticeBlocks, { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }],
    };
  }
  const shown = requests.slice(0, REQUESTS_SHOWN);
  const header = `*Open requests for a different match in ${escapeMrkdwn(cohortName)}* (${requests.length})`;
  const blocks: KnownBlock[] = [...noticeBlocks, { type: 'section', text: { type: 'mrkdwn', text: header } }];
  for (const r of shown) {
    const others = r.memberIds
      .filter((id) => id !== r.userId)
      .map((id) => `<@${id}>`)
      .join(', ');
    const line = `• <@${r.userId}> (with ${others || 'nobody'}), ${r.createdAt.slice(0, 10)}: ${escapeMrkdwn(truncate(r.reason.replace(/\s+/g, ' '), 300))}`;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: line } }, requestButtons(r.id));
  }
  const more = requests.length - shown.length;
  if (more > 0) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `…and ${plural(more, 'more open request')}, oldest first. Resolve these to see the rest.`,
        },
      ],
    });
  }
  const summary = `${plural(requests.length, 'open request')} for a different match in ${cohortName}.`;
  return { text: input.notice === undefined ? summary : `${input.notice} ${summary}`, blocks };
}

/** The requester's DM once an admin has decided; never repeats the reason. */
export function matchRequestResolvedMessage(input: {
  cohortName: string;
  adminId: string;
  resolution: 'rematched' | 'dismissed';
}): Message {
  const cohort = escapeMrkdwn(input.cohortName);
  const text =
    input.resolution === 'dismissed'
      ? `<@${input.adminId}> looked at your request for a different match in *${cohort}* and is keeping your current pairing for now. If you would like to talk it over, send them a message.`
      : `<@${input.adminId}> found you a new match in *${cohort}*. Your previous pairing has ended, and the introduction to your new one is on its way.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** Why a Rematch or Dismiss did nothing: someone resolved the request first. */
export function alreadyResolvedText(input: {
  resolution: 'rematched' | 'dismissed' | null;
  resolvedBy: string | null;
  resolvedAt: string;
}): string {
  const how = input.resolution === 'rematched' ? 'rematched' : 'dismissed';
  const by = input.resolvedBy === null ? '' : ` by <@${input.resolvedBy}>`;
  return `This request was already ${how}${by} on ${input.resolvedAt.slice(0, 10)}; nothing changed.`;
}

/** To the partner of someone who left their pairing for a new match; never says why they left. */
export function pairingEndedMessage(input: { cohortName: string; rematched: boolean }): Message {
  const text = `Your mentoring pairing in *${escapeMrkdwn(input.cohortName)}* has been changed by the program admins. ${input.rematched ? 'The introduction to your new match is on its way.' : 'They will look for a new match for you; nothing is needed from you.'}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** To a group someone left for a new match: who, so nobody waits for them; never why. */
export function groupMemberLeftMessage(input: { cohortName: string; leaverId: string }): Message {
  const text = `<@${input.leaverId}> has moved to a different mentoring match in *${escapeMrkdwn(input.cohortName)}*, arranged by the program admins. Your group carries on as before, in this conversation from now on; nothing is needed from you.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
