import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { answerPulse } from '../../../services/pulses';
import type { SlackDeps } from '../../deps';
import { PulseIds as Ids } from '../../ids';
import { readText, viewSubmission } from '../../state';
import { pulseThanks } from '../../views/pulse';

const metadata = z.object({ pulseId: z.number().int().positive() });

function pulseIdOf(raw: string): number | undefined {
  try {
    const parsed = metadata.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.pulseId : undefined;
  } catch {
    return undefined;
  }
}

/** An employee's answer to a pulse: stored (without a name when anonymous), then thanked. */
export function register(app: App, deps: SlackDeps): void {
  app.view(Ids.modal, async ({ ack, body }: AllMiddlewareArgs & SlackViewMiddlewareArgs) => {
    const parsed = viewSubmission.safeParse(body);
    const pulseId = parsed.success ? pulseIdOf(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || pulseId === undefined) {
      deps.logger.event('warn', 'malformed pulse answer', {});
      return ack({
        response_action: 'errors',
        errors: { [Ids.answer]: 'Something was wrong with this form; please try again.' },
      });
    }
    const text = readText(parsed.data.view.state.values, Ids.answer) ?? '';
    const outcome = await answerPulse(deps, { pulseId, userId: parsed.data.user.id, text });
    if (!outcome.ok) return ack({ response_action: 'errors', errors: { [Ids.answer]: outcome.problem } });
    await ack({ response_action: 'update', view: pulseThanks(outcome.anonymous) });
  });
}
