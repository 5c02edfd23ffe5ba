import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { SettingsProblem } from '../../../domain/cohorts';
import { ADMIN_REFUSAL, authorizeAdmin } from '../../../services/admins';
import { createCohort, editCohort } from '../../../services/cohorts';
import type { SlackDeps } from '../../deps';
import { CohortIds } from '../../ids';
import { BLOCK_OF_FIELD, parseCohortSubmission } from '../../parse/cohort-submission';
import { viewSubmission } from '../../state';
import { cohortSavedMessage } from '../../views/cohort-saved';

function fieldErrors(problems: readonly SettingsProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { field, message } of problems) {
    const block = BLOCK_OF_FIELD[field];
    errors[block] = errors[block] === undefined ? message : `${errors[block]} ${message}`;
  }
  return errors;
}

/** The cohort modal was submitted: validate everything, save, or send field errors back. */
function onSubmit(deps: SlackDeps) {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackViewMiddlewareArgs): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    if (!parsed.success) {
      deps.logger.event('warn', 'malformed cohort modal submission', { issues: parsed.error.issues.length });
      return ack({
        response_action: 'errors',
        errors: { [CohortIds.name]: 'Something was wrong with this form; please try again.' },
      });
    }
    const { user, view } = parsed.data;
    if (!(await authorizeAdmin(deps, user.id, 'view:cohort_modal'))) {
      return ack({ response_action: 'errors', errors: { [CohortIds.name]: ADMIN_REFUSAL } });
    }
    const submission = parseCohortSubmission(view.state.values, view.private_metadata);
    if (!submission.ok) return ack({ response_action: 'errors', errors: submission.errors });
    const outcome =
      submission.cohortId === null
        ? await createCohort(deps, user.id, submission.settings)
        : await editCohort(deps, user.id, submission.cohortId, submission.settings);
    if (!outcome.ok) return ack({ response_action: 'errors', errors: fieldErrors(outcome.problems) });
    await ack();
    await client.chat.postMessage({
      channel: user.id,
      ...cohortSavedMessage(outcome.cohort, submission.cohortId === null),
    });
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.view(CohortIds.modal, onSubmit(deps));
}
