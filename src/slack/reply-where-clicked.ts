import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppLogger } from '../logger';
import { slackError } from './open-modal';
import type { EphemeralMessage } from './views/help';

type ActionArgs = Pick<AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>, 'respond' | 'client'>;

/**
 * Replies where a button was pressed: on a message, privately through its response_url; on the
 * Home tab or in a modal, where Slack gives no response_url, as a DM from the app. A DM Slack
 * refuses is logged, not thrown.
 */
export function replyWhereClicked(
  args: ActionArgs,
  click: { readonly userId: string; readonly responseUrl: string | undefined; readonly logger: AppLogger },
) {
  return async (message: EphemeralMessage & { replace?: boolean }): Promise<void> => {
    const { replace, ...content } = message;
    if (click.responseUrl !== undefined)
      await args.respond({ response_type: 'ephemeral', replace_original: replace ?? false, ...content });
    else
      try {
        await args.client.chat.postMessage({ channel: click.userId, ...content });
      } catch (error) {
        // Nowhere else to say it: the person clicked on a surface with no reply channel.
        click.logger.event('warn', 'reply by DM failed', { reason: slackError(error) ?? 'request_failed' });
      }
  };
}
