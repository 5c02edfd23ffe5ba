import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { findCohort } from '../../../services/cohorts';
import { loadJoinForm, loadProfileForm, withdraw } from '../../../services/enrollment';
import type { SlackDeps } from '../../deps';
import { EnrollIds } from '../../ids';
import { openModal, slackError } from '../../open-modal';
import { parseEnrollMetadata } from '../../parse/enroll-submission';
import { publishHome } from '../../publish-home';
import { replyWhereClicked } from '../../reply-where-clicked';
import { enrollModal } from '../../views/enroll-modal';
import { adminLeftNotice, noOpenCohortMessage, partnerLeftNotice } from '../../views/enrollment-messages';
import { noticeMessage } from '../../views/help';
import { escapeMrkdwn } from '../../views/text';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const action = z.looseObject({
  user: z.looseObject({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
  actions: z
    .tuple([
      z.looseObject({
        value: z.string().optional(),
        selected_option: z.looseObject({ value: z.string() }).nullish(),
      }),
    ])
    .rest(z.unknown()),
  view: z.looseObject({ id: z.string(), hash: z.string(), private_metadata: z.string() }).optional(),
});
type Parsed = z.infer<typeof action>;

function replier(deps: SlackDeps, args: Args, parsed: Parsed) {
  return replyWhereClicked(args, {
    userId: parsed.user.id,
    responseUrl: parsed.response_url,
    logger: deps.logger,
  });
}

function withParsed(deps: SlackDeps, name: string, run: (args: Args, parsed: Parsed) => Promise<void>) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const parsed = action.safeParse(args.body);
    if (!parsed.success) return deps.logger.event('warn', 'malformed enrollment action', { action: name });
    await run(args, parsed.data);
  };
}

/** Picking another program or role in the modal redraws it with that program's questions. */
function onModalChange(deps: SlackDeps, changed: 'cohort' | 'role') {
  return withParsed(deps, changed, async ({ client }, parsed) => {
    const view = parsed.view;
    const meta = view === undefined ? undefined : parseEnrollMetadata(view.private_metadata);
    if (view === undefined || meta === undefined) return;
    const picked = parsed.actions[0].selected_option?.value;
    const roleParsed = z.enum(['mentor', 'mentee']).safeParse(picked);
    const cohortId = changed === 'cohort' ? Number(picked) : meta.cohortId;
    const role = changed === 'role' && roleParsed.success ? roleParsed.data : (meta.role ?? undefined);
    const outcome =
      meta.mode === 'join'
        ? await loadJoinForm(deps, parsed.user.id, { cohortId, ...(role ? { role } : {}) })
        : await loadProfileForm(deps, parsed.user.id, { cohortId });
    if (!outcome.ok) return;
    try {
      // The hash makes Slack refuse an update based on a stale view (two quick changes).
      await client.views.update({ view_id: view.id, hash: view.hash, view: enrollModal(outcome.form) });
    } catch (error) {
      deps.logger.event('info', 'enrollment modal update skipped', {
        reason: slackError(error) ?? 'request_failed',
      });
    }
  });
}

/** "Join" buttons on invitations, announcements and the Home tab (value: a program's short name). */
function onJoinButton(deps: SlackDeps) {
  return withParsed(deps, 'join', async (args, parsed) => {
    const reply = replier(deps, args, parsed);
    const slug = parsed.actions[0].value ?? '';
    const cohort = slug === '' ? undefined : await findCohort(deps.db, slug);
    const outcome = await loadJoinForm(deps, parsed.user.id, cohort ? { cohortId: cohort.id } : {});
    if (!outcome.ok) return reply(noOpenCohortMessage(deps.config.adminUserIds));
    if (cohort !== undefined && outcome.form.cohort.id !== cohort.id) {
      return reply(noticeMessage(`Enrollment for *${escapeMrkdwn(cohort.name)}* is not open.`));
    }
    const opened = await openModal(args.client, deps.logger, parsed.trigger_id, enrollModal(outcome.form));
    if (!opened.ok)
      await reply(
        noticeMessage('Slack did not let me open the form in time; please press the button again.'),
      );
  });
}

function onEditProfile(deps: SlackDeps) {
  return withParsed(deps, 'edit_profile', async (args, parsed) => {
    const outcome = await loadProfileForm(deps, parsed.user.id);
    if (!outcome.ok)
      return replier(deps, args, parsed)(noticeMessage("You're not enrolled in a program yet."));
    await openModal(args.client, deps.logger, parsed.trigger_id, enrollModal(outcome.form));
  });
}

function onLeaveConfirm(deps: SlackDeps) {
  return withParsed(deps, 'leave', async (args, parsed) => {
    const reply = replier(deps, args, parsed);
    const enrollmentId = Number(parsed.actions[0].value);
    if (!Number.isInteger(enrollmentId)) return;
    const outcome = await withdraw(deps, parsed.user.id, enrollmentId, {
      partner: partnerLeftNotice,
      admin: adminLeftNotice,
    });
    if (!outcome.ok) return reply({ ...noticeMessage(outcome.reason), replace: true });
    await reply({
      ...noticeMessage(
        `You've left *${escapeMrkdwn(outcome.cohort.name)}*. Thank you for taking part. Your self-identification answers have been deleted.`,
      ),
      replace: true,
    });
    // Wherever Leave was pressed, the Home tab should stop listing the program.
    await publishHome(deps, args.client, parsed.user.id);
  });
}

function onLeaveCancel(deps: SlackDeps) {
  return withParsed(deps, 'leave_cancel', async (args, parsed) => {
    await replier(
      deps,
      args,
      parsed,
    )({ ...noticeMessage('Good to have you. Nothing changed.'), replace: true });
  });
}

export function register(app: App, deps: SlackDeps): void {
  app.action(EnrollIds.cohort, onModalChange(deps, 'cohort'));
  app.action(EnrollIds.role, onModalChange(deps, 'role'));
  app.action(EnrollIds.joinButton, onJoinButton(deps));
  app.action(EnrollIds.editProfile, onEditProfile(deps));
  app.action(EnrollIds.leaveConfirm, onLeaveConfirm(deps));
  app.action(EnrollIds.leaveCancel, onLeaveCancel(deps));
}
