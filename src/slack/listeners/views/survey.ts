import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { SurveyField } from '../../../domain/check-ins';
import { submitSurvey } from '../../../services/surveys';
import type { SlackDeps } from '../../deps';
import { SurveyIds } from '../../ids';

const element = z
  .object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() })
  .optional();

const submission = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    private_metadata: z.string().transform((raw, ctx) => {
      const parsed = z.object({ surveyId: z.number().int() }).safeParse(JSON.parse(raw || '{}'));
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'bad private_metadata' });
        return z.NEVER;
      }
      return parsed.data;
    }),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), element).optional()) }),
  }),
});

const BLOCK_OF: Record<SurveyField, string> = {
  satisfaction: SurveyIds.satisfaction,
  goalProgress: SurveyIds.goalProgress,
  nps: SurveyIds.nps,
  leadership: SurveyIds.leadership,
  comments: SurveyIds.comments,
};

/** Survey submitted: store one answer per person, or explain in the modal (closed, answered). */
export function register(app: App, deps: SlackDeps): void {
  app.view(SurveyIds.modal, async (args: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const { user, view } = submission.parse(args.body);
    const pick = (block: string) =>
      view.state.values[block]?.[SurveyIds.value]?.selected_option?.value ?? undefined;
    const outcome = await submitSurvey(deps, {
      surveyId: view.private_metadata.surveyId,
      userId: user.id,
      form: {
        satisfaction: pick(SurveyIds.satisfaction),
        goalProgress: pick(SurveyIds.goalProgress),
        nps: pick(SurveyIds.nps),
        leadership: pick(SurveyIds.leadership),
        comments: view.state.values[SurveyIds.comments]?.[SurveyIds.value]?.value ?? undefined,
      },
    });
    if (outcome.ok) return args.ack();
    const errors: Record<string, string> = {};
    for (const [key, message] of Object.entries(outcome.problems) as [SurveyField, string][]) {
      errors[BLOCK_OF[key]] = message;
    }
    await args.ack({ response_action: 'errors', errors });
  });
}
