import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { type LifecycleAction, SLUG_PATTERN } from '../../../domain/cohorts';
import { ADMIN_REFUSAL, authorizeAdmin } from '../../../services/admins';
import { findCohort } from '../../../services/cohorts';
import type { SlackDeps } from '../../deps';
import { CohortIds } from '../../ids';
import { openModal } from '../../open-modal';
import { type EphemeralMessage, noticeMessage } from '../../views/help';
import { cohortModal } from '../../views/cohort-modal';
import { newCohortDefaults, runLifecycle } from '../commands/mentor/admin-cohort';

const buttonPress = z.looseObject({
  user: z.looseObject({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z
    .tuple([z.looseObject({ value: z.string().toLowerCase().regex(SLUG_PATTERN) })])
    .rest(z.unknown()),
});

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/** Buttons on the cohort list: each re-checks that the presser is an admin. */
function onButton(deps: SlackDeps, actionId: string, lifecycle: LifecycleAction | 'edit') {
  return async ({ ack, body, respond, client }: Args): Promise<void> => {
    await ack();
    const reply = async (message: EphemeralMessage) => {
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    };
    const parsed = buttonPress.safeParse(body);
    if (!parsed.success) return deps.logger.event('warn', 'malformed cohort button', { actionId });
    const { user, trigger_id: triggerId } = parsed.data;
    const slug = parsed.data.actions[0].value;
    if (!(await authorizeAdmin(deps, user.id, `button:${actionId}`, slug)))
      return reply(noticeMessage(ADMIN_REFUSAL));
    if (lifecycle !== 'edit') return runLifecycle({ deps, userId: user.id, reply }, slug, lifecycle);
    const cohort = await findCohort(deps.db, slug);
    if (cohort === undefined) return reply(noticeMessage('That cohort no longer exists.'));
    const opened = await openModal(
      client,
      deps.logger,
      triggerId,
      cohortModal({ cohort, defaults: newCohortDefaults(deps.clock()) }),
    );
    if (!opened.ok)
      await reply(noticeMessage('Slack did not let me open the form in time; please press Edit again.'));
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.action(CohortIds.edit, onButton(deps, CohortIds.edit, 'edit'));
  app.action(CohortIds.open, onButton(deps, CohortIds.open, 'open'));
  app.action(CohortIds.close, onButton(deps, CohortIds.close, 'close'));
}
