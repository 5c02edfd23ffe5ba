import type { WebClient } from '@slack/web-api';
import type { AppLogger } from '../logger';
import { slackError } from './open-modal';

export interface UploadFile {
  readonly filename: string;
  readonly title: string;
  readonly bytes: Buffer;
  readonly comment: string;
  /** For images: what a screen reader says instead. */
  readonly altText?: string;
}

/**
 * Puts a file into the bot's DM with a person (files.uploadV2 needs a channel id, not a user id,
 * so the DM is opened first). A refusal from Slack is logged and returned, not thrown.
 */
export async function uploadToDm(
  client: WebClient,
  logger: AppLogger,
  userId: string,
  file: UploadFile,
): Promise<{ ok: true; channelId: string } | { ok: false; reason: string }> {
  try {
    const opened = await client.conversations.open({ users: userId });
    const channelId = opened.channel?.id;
    if (channelId === undefined) return { ok: false, reason: 'no_channel' };
    await client.filesUploadV2({
      channel_id: channelId,
      file: file.bytes,
      filename: file.filename,
      title: file.title,
      initial_comment: file.comment,
      ...(file.altText === undefined ? {} : { alt_text: file.altText }),
    });
    return { ok: true, channelId };
  } catch (error) {
    const reason = slackError(error) ?? 'request_failed';
    logger.event('warn', 'file upload to a DM failed', { reason, filename: file.filename });
    return { ok: false, reason };
  }
}
