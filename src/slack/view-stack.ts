import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { AppLogger } from '../logger';
import { slackError } from './open-modal';

/**
 * Pushing onto and updating an open modal stack. The person may have closed the modal meanwhile,
 * or the trigger may have expired: both are expected, logged and reported as false, never thrown.
 */

export async function pushModal(
  client: WebClient,
  logger: AppLogger,
  triggerId: string,
  view: ModalView,
): Promise<boolean> {
  try {
    await client.views.push({ trigger_id: triggerId, view });
    return true;
  } catch (error) {
    logger.event('warn', 'views.push failed', {
      reason: slackError(error) ?? 'request_failed',
      callbackId: view.callback_id ?? null,
    });
    return false;
  }
}

export async function updateModal(
  client: WebClient,
  logger: AppLogger,
  viewId: string,
  view: ModalView,
): Promise<boolean> {
  try {
    await client.views.update({ view_id: viewId, view });
    return true;
  } catch (error) {
    logger.event('warn', 'views.update failed', {
      reason: slackError(error) ?? 'request_failed',
      callbackId: view.callback_id ?? null,
    });
    return false;
  }
}
