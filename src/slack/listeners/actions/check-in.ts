import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { CADENCES } from '../../../domain/cohorts';
import { startCheckIn } from '../../../services/check-ins';
import {
  changeCadence,
  type PairingActionOutcome,
  pausePairing,
  requestHelp,
  snoozeNudge,
} from '../../../services/nudges';
import type { SlackDeps } from '../../deps';
import { CheckInIds } from '../../ids';
import { openModal } from '../../open-modal';
import { replyWhereClicked } from '../../reply-where-clicked';
import { checkInModal } from '../../views/check-in-modal';
import { noticeMessage } from '../../views/help';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const buttonBody = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
  actions: z.array(z.object({ value: z.string().regex(/^\d+$/) })).min(1),
});

const selectBody = z.object({
  user: z.object({ id: z.string().min(1) }),
  response_url: z.string().optional(),
  actions: z
    .array(z.object({ selected_option: z.object({ value: z.string().regex(/^\d+:[a-z]+$/) }) }))
    .min(1),
});

/** On a nudge, privately under it; from the Home tab (no response_url), by DM. */
async function reply(
  deps: SlackDeps,
  args: ActionArgs,
  body: { user: { id: string }; response_url?: string | undefined },
  text: string,
): Promise<void> {
  await replyWhereClicked(args, {
    userId: body.user.id,
    responseUrl: body.response_url,
    logger: deps.logger,
  })(noticeMessage(text));
}

function answer(outcome: PairingActionOutcome): string {
  return outcome.ok ? outcome.message : outcome.reason;
}

/** "Yes, log it" and "We've met": open the check-in modal. */
function openCheckIn(deps: SlackDeps) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const parsed = buttonBody.safeParse(args.body);
    if (!parsed.success) return deps.logger.event('warn', 'malformed check-in button', {});
    const body = parsed.data;
    const pairingId = Number(body.actions[0]?.value);
    const start = await startCheckIn(deps, pairingId, body.user.id);
    if (!start.ok) return reply(deps, args, body, start.reason);
    const opened = await openModal(
      args.client,
      deps.logger,
      body.trigger_id,
      checkInModal({ pairingId, today: start.today }),
    );
    if (!opened.ok)
      await reply(
        deps,
        args,
        body,
        'Slack did not let me open the form in time; please press the button again.',
      );
  };
}

function pairingButton(
  deps: SlackDeps,
  run: (deps: SlackDeps, pairingId: number, userId: string) => Promise<PairingActionOutcome>,
) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const parsed = buttonBody.safeParse(args.body);
    if (!parsed.success) return deps.logger.event('warn', 'malformed check-in button', {});
    const body = parsed.data;
    await reply(deps, args, body, answer(await run(deps, Number(body.actions[0]?.value), body.user.id)));
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.action(CheckInIds.logMeeting, openCheckIn(deps));
  app.action(CheckInIds.introMet, openCheckIn(deps));
  app.action(CheckInIds.snooze, pairingButton(deps, snoozeNudge));
  app.action(CheckInIds.pause, pairingButton(deps, pausePairing));
  app.action(CheckInIds.needHelp, pairingButton(deps, requestHelp));
  app.action(CheckInIds.cadence, async (args: ActionArgs) => {
    await args.ack();
    const picked = selectBody.safeParse(args.body);
    if (!picked.success) return deps.logger.event('warn', 'malformed cadence choice', {});
    const body = picked.data;
    const [id, cadence] = (body.actions[0]?.selected_option.value ?? '').split(':');
    const parsed = z.enum(CADENCES).safeParse(cadence);
    if (!parsed.success) return reply(deps, args, body, 'Please pick weekly, every two weeks or monthly.');
    await reply(deps, args, body, answer(await changeCadence(deps, Number(id), body.user.id, parsed.data)));
  });
}
