import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { type LifecycleAction, SLUG_PATTERN } from '../../../domain/cohorts';
import { ADMIN_REFUSAL, authorizeAdmin } from '../../../services/admins';
import { findCohortForEditing } from '../../../services/cohorts';
import type { SlackDeps } from '../../deps';
import { ALL_COHORTS, CohortIds } from '../../ids';
import { openModal } from '../../open-modal';
import { deliverReport } from '../../deliver-report';
import { publishHome } from '../../publish-home';
import { replyWhereClicked } from '../../reply-where-clicked';
import { noticeMessage } from '../../views/help';
import { cohortModal } from '../../views/cohort-modal';
import { newCohortDefaults, runLifecycle } from '../commands/mentor/admin-cohort';

const buttonPress = z.looseObject({
  user: z.looseObject({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
  view: z.looseObject({ type: z.string(), hash: z.string().optional() }).optional(),
  actions: z
    .tuple([
      z.looseObject({
        value: z.union([z.literal(ALL_COHORTS), z.string().toLowerCase().regex(SLUG_PATTERN)]),
      }),
    ])
    .rest(z.unknown()),
});

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

/**
 * Buttons on the cohort list and the admin's Home tab: each re-checks that the presser is an
 * admin, answers where the button was (privately on a message, by DM from Home) and, after a
 * change made from Home, republishes it so it shows the new state.
 */
function onButton(deps: SlackDeps, actionId: string, press: LifecycleAction | 'edit' | 'report') {
  return async (args: Args): Promise<void> => {
    const { ack, body, client } = args;
    await ack();
    const parsed = buttonPress.safeParse(body);
    if (!parsed.success) return deps.logger.event('warn', 'malformed cohort button', { actionId });
    const { user, trigger_id: triggerId } = parsed.data;
    const reply = replyWhereClicked(args, {
      userId: user.id,
      responseUrl: parsed.data.response_url,
      logger: deps.logger,
    });
    const value = parsed.data.actions[0].value;
    if (!(await authorizeAdmin(deps, user.id, `button:${actionId}`, value)))
      return reply(noticeMessage(ADMIN_REFUSAL));
    if (press === 'report')
      return deliverReport({ deps, client, userId: user.id, reply }, value === ALL_COHORTS ? null : value);
    if (value === ALL_COHORTS) return deps.logger.event('warn', 'malformed cohort button', { actionId });
    const slug = value;
    if (press !== 'edit') {
      await runLifecycle({ deps, userId: user.id, reply }, slug, press);
      if (parsed.data.view?.type === 'home') await publishHome(deps, client, user.id, parsed.data.view.hash);
      return;
    }
    const found = await findCohortForEditing(deps.db, slug);
    if (found === undefined) return reply(noticeMessage('That cohort no longer exists.'));
    const opened = await openModal(
      client,
      deps.logger,
      triggerId,
      cohortModal({ ...found, defaults: newCohortDefaults(deps.clock()) }),
    );
    if (!opened.ok)
      await reply(noticeMessage('Slack did not let me open the form in time; please press Edit again.'));
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.action(CohortIds.edit, onButton(deps, CohortIds.edit, 'edit'));
  app.action(CohortIds.open, onButton(deps, CohortIds.open, 'open'));
  app.action(CohortIds.close, onButton(deps, CohortIds.close, 'close'));
  app.action(CohortIds.report, onButton(deps, CohortIds.report, 'report'));
}
