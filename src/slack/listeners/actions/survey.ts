import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { startSurvey } from '../../../services/surveys';
import type { SlackDeps } from '../../deps';
import { SurveyIds } from '../../ids';
import { surveyModal } from '../../views/survey-modal';

const body = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ value: z.string().regex(/^\d+$/) })).min(1),
});

/** "Answer the survey": open the survey, or explain politely why not (closed, answered). */
export function register(app: App, deps: SlackDeps): void {
  app.action(SurveyIds.open, async (args: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
    await args.ack();
    const parsed = body.parse(args.body);
    const start = await startSurvey(deps, Number(parsed.actions[0]?.value), parsed.user.id);
    if (!start.ok) {
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: start.reason });
      return;
    }
    await args.client.views.open({ trigger_id: parsed.trigger_id, view: surveyModal(start) });
  });
}
