import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { submitEnrollment } from '../../../services/enrollment';
import type { SlackDeps } from '../../deps';
import { EnrollIds } from '../../ids';
import { parseEnrollMetadata, parseEnrollValues } from '../../parse/enroll-submission';
import { publishHome } from '../../publish-home';
import { viewSubmission } from '../../state';
import { fetchProfile } from '../../user-profile';
import { questionBlockId } from '../../views/enroll-modal';
import { enrollmentConfirmation } from '../../views/enrollment-messages';

const submitter = z.looseObject({ user: z.looseObject({ id: z.string(), name: z.string().optional() }) });

/** Maps the service's field names onto the modal's blocks; anything else lands on the first block. */
function errorsFor(problems: readonly { field: string; message: string }[], blockIds: ReadonlySet<string>) {
  const errors: Record<string, string> = {};
  for (const { field, message } of problems) {
    const candidate =
      field === 'cohort' ? EnrollIds.cohort : field === 'role' ? EnrollIds.role : questionBlockId(field);
    const block = blockIds.has(candidate) ? candidate : EnrollIds.cohort;
    errors[block] = errors[block] === undefined ? message : `${errors[block]} ${message}`;
  }
  return errors;
}

function onSubmit(deps: SlackDeps) {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackViewMiddlewareArgs): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    const meta = parsed.success ? parseEnrollMetadata(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || meta === undefined) {
      deps.logger.event('warn', 'malformed enrollment submission');
      return ack({
        response_action: 'errors',
        errors: {
          [EnrollIds.cohort]: 'This form is out of date; please close it and run /mentor join again.',
        },
      });
    }
    const { user, view } = parsed.data;
    const values = parseEnrollValues(view.state.values);
    const name = submitter.safeParse(body).data?.user.name ?? user.id;
    const outcome = await submitEnrollment(deps, {
      mode: meta.mode,
      userId: user.id,
      cohortId: meta.cohortId,
      role: values.role ?? meta.role ?? undefined,
      answers: values.answers,
      matchOnSensitive: values.matchOnSensitive,
      recognitionOptIn: values.recognitionOptIn,
      profile: await fetchProfile(client, deps.logger, user.id, name),
      confirmation: enrollmentConfirmation,
    });
    if (!outcome.ok) {
      return ack({
        response_action: 'errors',
        errors: errorsFor(outcome.problems, new Set(Object.keys(view.state.values))),
      });
    }
    await ack();
    // The Home tab lists the person's programs: show the one just joined (or edited) there too.
    await publishHome(deps, client, user.id);
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.view(EnrollIds.modal, onSubmit(deps));
}
