import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { requestDifferentMatch } from '../../../services/match-requests';
import type { SlackDeps } from '../../deps';
import { MatchIds as Ids } from '../../ids';
import { readText, viewSubmission } from '../../state';
import { noticeModal } from '../../views/notice-modal';

const metadata = z.object({ pairingId: z.number().int().positive() });

function pairingIdOf(raw: string): number | undefined {
  try {
    const parsed = metadata.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.pairingId : undefined;
  } catch {
    return undefined;
  }
}

/** "Request a different match": stored and sent to the admins; the reason is never logged. */
export function register(app: App, deps: SlackDeps): void {
  app.view(Ids.requestModal, async ({ ack, body }: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const parsed = viewSubmission.safeParse(body);
    const pairingId = parsed.success ? pairingIdOf(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || pairingId === undefined) {
      deps.logger.event('warn', 'malformed match request', {});
      return ack({
        response_action: 'errors',
        errors: { [Ids.requestReason]: 'Something was wrong with this form; please try again.' },
      });
    }
    const reason = readText(parsed.data.view.state.values, Ids.requestReason) ?? '';
    const outcome = await requestDifferentMatch(deps, { pairingId, userId: parsed.data.user.id, reason });
    if (!outcome.ok && outcome.field)
      return ack({ response_action: 'errors', errors: { [Ids.requestReason]: outcome.reason } });
    await ack({
      response_action: 'update',
      view: noticeModal('A different match', outcome.ok ? outcome.message : outcome.reason),
    });
  });
}
