import type { KnownBlock } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { AppLogger } from '../logger';

/**
 * The four Web API calls the outbox dispatcher makes, over a WebClient that leaves retries and
 * rate limits to the dispatcher. Answers are parsed with zod, so nothing untyped leaves here.
 */
export interface OutboxSlack {
  /** conversations.open: one user is their DM, several (up to 8) their group DM. */
  openConversation(userIds: readonly string[]): Promise<string>;
  /** chat.postMessage carrying the outbox key in its metadata. */
  postMessage(args: PostArgs): Promise<{ channel: string; ts: string }>;
  updateMessage(args: {
    channel: string;
    ts: string;
    text: string;
    blocks?: readonly unknown[];
  }): Promise<void>;
  /** ts of a message in `channel`'s recent history carrying this outbox key, if any. */
  findPosted(channel: string, key: string): Promise<string | undefined>;
}

export interface PostArgs {
  readonly channel: string;
  readonly text: string;
  readonly blocks?: readonly unknown[];
  readonly key: string;
}

export const OUTBOX_EVENT_TYPE = 'mentor_bot_outbox';
/** How many of a conversation's latest messages are searched for a key after a crash. */
export const HISTORY_SCAN_LIMIT = 300;

/** Timeout of one Web API call; the lease on a row being sent is far longer. */
export const SLACK_CALL_TIMEOUT_MS = 15_000;

export function dispatcherWebClient(
  token: string,
  apiUrl: string | undefined,
  logger?: AppLogger,
): WebClient {
  return new WebClient(token, {
    ...(apiUrl === undefined ? {} : { slackApiUrl: apiUrl }),
    ...(logger === undefined ? {} : { logger: logger.child('web-api') }),
    // The dispatcher owns retries (backoff, failure after a limit) and rate limits (shared pause).
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: SLACK_CALL_TIMEOUT_MS,
  });
}

const opened = z.object({ channel: z.object({ id: z.string().min(1) }) });
const posted = z.object({ channel: z.string().min(1), ts: z.string().min(1) });
const history = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z
          .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() })
          .optional(),
      }),
    )
    .default([]),
  has_more: z.boolean().optional(),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

// Blocks were built by our own typed view functions and stored as JSON in the outbox.
function asBlocks(blocks: readonly unknown[] | undefined): KnownBlock[] | undefined {
  return blocks === undefined ? undefined : (blocks as KnownBlock[]);
}

export function slackOutbox(client: WebClient): OutboxSlack {
  return {
    openConversation: async (userIds) => {
      const answer = await client.conversations.open({ users: userIds.join(','), return_im: false });
      return opened.parse(answer).channel.id;
    },
    postMessage: async (args) => {
      const blocks = asBlocks(args.blocks);
      const answer = await client.chat.postMessage({
        channel: args.channel,
        text: args.text,
        ...(blocks === undefined ? {} : { blocks }),
        metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: args.key } },
        unfurl_links: false,
        unfurl_media: false,
      });
      return posted.parse(answer);
    },
    updateMessage: async (args) => {
      const blocks = asBlocks(args.blocks);
      await client.chat.update({
        channel: args.channel,
        ts: args.ts,
        text: args.text,
        ...(blocks === undefined ? {} : { blocks }),
      });
    },
    findPosted: async (channel, key) => {
      let cursor: string | undefined;
      let seen = 0;
      do {
        const page = history.parse(
          await client.conversations.history({
            channel,
            limit: 100,
            include_all_metadata: true,
            ...(cursor === undefined ? {} : { cursor }),
          }),
        );
        const hit = page.messages.find(
          (m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && m.metadata.event_payload?.key === key,
        );
        if (hit !== undefined) return hit.ts;
        seen += page.messages.length;
        cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
      } while (cursor !== undefined && seen < HISTORY_SCAN_LIMIT);
      return undefined;
    },
  };
}
