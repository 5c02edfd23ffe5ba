import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { EphemeralMessage } from './views/help';

type ActionArgs = Pick<AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>, 'respond' | 'client'>;

/**
 * Replies where a button was pressed: on a message, privately through its response_url; on the
 * Home tab or in a modal, where Slack gives no response_url, as a DM from the app.
 */
export function replyWhereClicked(
  args: ActionArgs,
  click: { readonly userId: string; readonly responseUrl: string | undefined },
) {
  return async (message: EphemeralMessage & { replace?: boolean }): Promise<void> => {
    const { replace, ...content } = message;
    if (click.responseUrl !== undefined)
      await args.respond({ response_type: 'ephemeral', replace_original: replace ?? false, ...content });
    else await args.client.chat.postMessage({ channel: click.userId, ...content });
  };
}
