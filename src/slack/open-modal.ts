import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { AppLogger } from '../logger';

/** Slack's reason for a failed Web API call, when it gave one (`ok:false` → `data.error`). */
export function slackError(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export const MODAL_RETRY_HINT =
  "Sorry, Slack didn't let me open that form in time. Please run the command again; it usually works on the second try.";

/**
 * Opens a modal with a trigger_id. Triggers expire after 3 seconds and work once, so a slow
 * moment or a redelivered request can lose the race: that is an expected outcome, logged and
 * answered with a retry hint, not an error.
 */
export async function openModal(
  client: WebClient,
  logger: AppLogger,
  triggerId: string,
  view: ModalView,
): Promise<{ ok: true; viewId: string } | { ok: false; reason: string }> {
  try {
    const result = await client.views.open({ trigger_id: triggerId, view });
    return { ok: true, viewId: result.view?.id ?? '' };
  } catch (error) {
    const reason = slackError(error) ?? 'request_failed';
    logger.event('warn', 'views.open failed', { reason, callbackId: view.callback_id ?? null });
    return { ok: false, reason };
  }
}
