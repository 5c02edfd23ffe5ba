import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { openPulse } from '../../../services/pulses';
import type { SlackDeps } from '../../deps';
import { PulseIds } from '../../ids';
import { openModal } from '../../open-modal';
import { pulseModal } from '../../views/pulse';

const press = z.looseObject({
  user: z.looseObject({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.tuple([z.looseObject({ value: z.string().regex(/^\d+$/) })]).rest(z.unknown()),
});

/** "Share your input" on a pulse: anyone in the channel may answer, so no admin check here. */
export function register(app: App, deps: SlackDeps): void {
  app.action(
    PulseIds.open,
    async ({ ack, body, client, respond }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
      await ack();
      const parsed = press.safeParse(body);
      if (!parsed.success) return deps.logger.event('warn', 'malformed pulse button', {});
      const pulse = await openPulse(deps, Number(parsed.data.actions[0].value));
      if (pulse === undefined) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: 'This question is no longer open.',
        });
        return;
      }
      await openModal(client, deps.logger, parsed.data.trigger_id, pulseModal(pulse));
    },
  );
}
