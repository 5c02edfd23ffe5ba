import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { ANNOUNCEMENT_TEXT_MAX } from '../../domain/announcements';
import type { Cohort } from '../../domain/cohorts';
import type { OutboxPayload } from '../../repositories/outbox';
import { EnrollIds, AnnounceIds as Ids } from '../ids';
import type { EphemeralMessage } from './help';
import { escapeMrkdwn, truncate } from './text';

/** An announcement as views need it. */
export interface AnnouncementContent {
  readonly id: number;
  readonly cohort: Cohort;
  readonly channelId: string;
  /** Slack mrkdwn as the admin wrote it: shown as written, formatting and mentions included. */
  readonly text: string;
  readonly joinButton: boolean;
  readonly postAt: string | null;
}

export interface ComposerMetadata {
  readonly cohortId: number;
}

export interface PreviewMetadata {
  readonly announcementId: number;
}

function plain(text: string) {
  return { type: 'plain_text' as const, text };
}

/** Slack renders `<!date^…>` in each reader's own time zone. */
function when(postAt: string | null): string {
  if (postAt === null) return 'as soon as you press *Post*';
  const seconds = Math.floor(Date.parse(postAt) / 1000);
  return `on <!date^${seconds}^{date_long_pretty} at {time}|${postAt.slice(0, 16).replace('T', ' ')} UTC>`;
}

/**
 * The message itself. The preview shows the same blocks, except that its Join button is inert:
 * nothing is posted yet, so pressing it must not start an enrollment.
 */
function messageBlocks(content: AnnouncementContent, preview: boolean): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(content.text.trim(), 3000) } },
  ];
  if (content.joinButton) {
    blocks.push({
      type: 'actions',
      block_id: Ids.joinActions,
      elements: [
        {
          type: 'button',
          action_id: preview ? Ids.previewJoin : EnrollIds.joinButton,
          style: 'primary',
          text: plain(`Join ${truncate(content.cohort.name, 60)}`),
          value: content.cohort.slug,
        },
      ],
    });
  }
  return blocks;
}

export function announcementMessage(content: AnnouncementContent): OutboxPayload {
  return {
    text: truncate(content.text.trim().split('\n')[0] ?? '', 150),
    blocks: messageBlocks(content, false),
  };
}

const JOIN_OPTION: PlainTextOption = {
  value: 'join',
  text: plain('Add a "Join" button'),
  description: plain('Opens enrollment in this cohort for whoever presses it.'),
};

/** The composer: channel, text, Join button, and when to post. Pure. */
export function announcementComposer(cohort: Cohort): ModalView {
  return {
    type: 'modal',
    callback_id: Ids.composerModal,
    private_metadata: JSON.stringify({ cohortId: cohort.id } satisfies ComposerMetadata),
    title: plain('Announcement'),
    submit: plain('Preview'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `For *${escapeMrkdwn(cohort.name)}* (\`${cohort.slug}\`). Typical moments: enrollment opens, pairs are formed, the wrap-up and recognition at the end.`,
          },
        ],
      },
      {
        type: 'input',
        block_id: Ids.channel,
        label: plain('Channel'),
        hint: plain('A private channel needs the bot invited first.'),
        element: {
          type: 'conversations_select',
          action_id: Ids.value,
          filter: {
            include: ['public', 'private'],
            exclude_bot_users: true,
            exclude_external_shared_channels: true,
          },
          ...(cohort.announcementChannelId ? { initial_conversation: cohort.announcementChannelId } : {}),
        },
      },
      {
        type: 'input',
        block_id: Ids.text,
        label: plain('Message'),
        hint: plain('Slack formatting works: *bold*, _italic_, <https://example.com|links>, bullet lists.'),
        element: {
          type: 'plain_text_input',
          action_id: Ids.value,
          multiline: true,
          max_length: ANNOUNCEMENT_TEXT_MAX,
          placeholder: plain('Enrollment for the spring leadership cohort is open until Friday…'),
        },
      },
      {
        type: 'input',
        block_id: Ids.options,
        optional: true,
        label: plain('Button'),
        element: { type: 'checkboxes', action_id: Ids.value, options: [JOIN_OPTION] },
      },
      {
        type: 'input',
        block_id: Ids.postAt,
        optional: true,
        label: plain('Post later'),
        hint: plain('Leave empty to post as soon as you confirm the preview.'),
        element: { type: 'datetimepicker', action_id: Ids.value },
      },
    ],
  };
}

/** The preview pushed over the composer: the message as it will appear, with Post and Back. */
export function announcementPreview(content: AnnouncementContent): ModalView {
  return {
    type: 'modal',
    callback_id: Ids.previewModal,
    private_metadata: JSON.stringify({ announcementId: content.id } satisfies PreviewMetadata),
    title: plain('Preview'),
    submit: plain(content.postAt === null ? 'Post' : 'Schedule'),
    close: plain('Back'),
    blocks: [
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Goes to <#${content.channelId}> ${when(content.postAt)}.` }],
      },
      { type: 'divider' },
      ...messageBlocks(content, true),
      { type: 'divider' },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: '*Back* returns to the message to change it; nothing is posted until you confirm.',
          },
        ],
      },
    ],
  };
}

/** The admin's confirmation once the announcement is queued. */
export function announcementQueuedMessage(content: AnnouncementContent): EphemeralMessage {
  const text =
    content.postAt === null
      ? `Your announcement for *${escapeMrkdwn(content.cohort.name)}* is on its way to <#${content.channelId}>.`
      : `Your announcement for *${escapeMrkdwn(content.cohort.name)}* goes to <#${content.channelId}> ${when(content.postAt)}.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
