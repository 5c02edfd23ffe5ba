import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { CheckInField } from '../../../domain/check-ins';
import { saveCheckIn } from '../../../services/check-ins';
import type { SlackDeps } from '../../deps';
import { publishHome } from '../../publish-home';
import { CheckInIds } from '../../ids';

const element = z
  .object({
    value: z.string().nullish(),
    selected_date: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
  })
  .optional();
const field = z.record(z.string(), element).optional();

const submission = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    private_metadata: z.string().transform((raw, ctx) => {
      const parsed = z.object({ pairingId: z.number().int() }).safeParse(JSON.parse(raw || '{}'));
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'bad private_metadata' });
        return z.NEVER;
      }
      return parsed.data;
    }),
    state: z.object({ values: z.record(z.string(), field) }),
  }),
});

const BLOCK_OF: Record<CheckInField, string> = {
  metOn: CheckInIds.date,
  duration: CheckInIds.duration,
  topics: CheckInIds.topics,
  notes: CheckInIds.notes,
  rating: CheckInIds.rating,
};

/**
 * Check-in modal submitted: save it and refresh the members' Home tabs, or send field errors back
 * into the modal.
 */
export function register(app: App, deps: SlackDeps): void {
  app.view(CheckInIds.modal, async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const { user, view } = submission.parse(args.body);
    const get = (block: string) => view.state.values[block]?.[CheckInIds.value];
    const outcome = await saveCheckIn(deps, {
      pairingId: view.private_metadata.pairingId,
      userId: user.id,
      form: {
        metOn: get(CheckInIds.date)?.selected_date ?? undefined,
        duration: get(CheckInIds.duration)?.value ?? undefined,
        topics: get(CheckInIds.topics)?.value ?? undefined,
        notes: get(CheckInIds.notes)?.value ?? undefined,
        rating: get(CheckInIds.rating)?.selected_option?.value ?? undefined,
      },
    });
    if (outcome.ok) {
      await args.ack();
      // Each member's Home tab shows when the pair last met and how many check-ins it logged.
      for (const member of outcome.members) await publishHome(deps, args.client, member);
      return;
    }
    const errors: Record<string, string> = {};
    for (const [key, message] of Object.entries(outcome.problems) as [CheckInField, string][]) {
      errors[BLOCK_OF[key]] = message;
    }
    await args.ack({ response_action: 'errors', errors });
  });
}
