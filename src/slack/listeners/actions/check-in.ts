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
import { checkInModal } from '../../views/check-in-modal';

type ActionArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const buttonBody = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ value: z.string().regex(/^\d+$/) })).min(1),
});

const selectBody = z.object({
  user: z.object({ id: z.string().min(1) }),
  actions: z
    .array(z.object({ selected_option: z.object({ value: z.string().regex(/^\d+:[a-z]+$/) }) }))
    .min(1),
});

async function reply(args: ActionArgs, text: string): Promise<void> {
  await args.respond({ response_type: 'ephemeral', replace_original: false, text });
}

function answer(outcome: PairingActionOutcome): string {
  return outcome.ok ? outcome.message : outcome.reason;
}

/** "Yes, log it" and "We've met": open the check-in modal. */
function openCheckIn(deps: SlackDeps) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const body = buttonBody.parse(args.body);
    const pairingId = Number(body.actions[0]?.value);
    const start = await startCheckIn(deps, pairingId, body.user.id);
    if (!start.ok) return reply(args, start.reason);
    await args.client.views.open({
      trigger_id: body.trigger_id,
      view: checkInModal({ pairingId, today: start.today }),
    });
  };
}

function pairingButton(
  deps: SlackDeps,
  run: (deps: SlackDeps, pairingId: number, userId: string) => Promise<PairingActionOutcome>,
) {
  return async (args: ActionArgs): Promise<void> => {
    await args.ack();
    const body = buttonBody.parse(args.body);
    await reply(args, answer(await run(deps, Number(body.actions[0]?.value), body.user.id)));
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
    const body = selectBody.parse(args.body);
    const [id, cadence] = (body.actions[0]?.selected_option.value ?? '').split(':');
    const parsed = z.enum(CADENCES).safeParse(cadence);
    if (!parsed.success) return reply(args, 'Please pick weekly, every two weeks or monthly.');
    await reply(args, answer(await changeCadence(deps, Number(id), body.user.id, parsed.data)));
  });
}
