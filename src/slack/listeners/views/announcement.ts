import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { AnnouncementProblem } from '../../../domain/announcements';
import { ADMIN_REFUSAL, authorizeAdmin } from '../../../services/admins';
import { queueAnnouncement, saveAnnouncementDraft } from '../../../services/announcements';
import type { SlackDeps } from '../../deps';
import { AnnounceIds as Ids } from '../../ids';
import {
  BLOCK_OF_ANNOUNCEMENT_FIELD,
  parseComposerSubmission,
  parsePreviewMetadata,
} from '../../parse/announcement-submission';
import { viewSubmission } from '../../state';
import { announcementPreview, announcementQueuedMessage } from '../../views/announcement';
import { noticeModal } from '../../views/notice-modal';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs;

function fieldErrors(problems: readonly AnnouncementProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { field, message } of problems) errors[BLOCK_OF_ANNOUNCEMENT_FIELD[field]] = message;
  return errors;
}

/** The composer was submitted: check it, keep it as a draft, and push the preview over it. */
function onComposerSubmit(deps: SlackDeps) {
  return async ({ ack, body }: Args): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    if (!parsed.success) {
      deps.logger.event('warn', 'malformed announcement composer submission', {
        issues: parsed.error.issues.length,
      });
      return ack({
        response_action: 'errors',
        errors: { [Ids.text]: 'Something was wrong with this form; please try again.' },
      });
    }
    const { user, view } = parsed.data;
    if (!(await authorizeAdmin(deps, user.id, `view:${Ids.composerModal}`))) {
      return ack({ response_action: 'errors', errors: { [Ids.text]: ADMIN_REFUSAL } });
    }
    const submission = parseComposerSubmission(view.state.values, view.private_metadata);
    if (!submission.ok) return ack({ response_action: 'errors', errors: submission.errors });
    const outcome = await saveAnnouncementDraft(deps, user.id, {
      cohortId: submission.cohortId,
      composerViewId: view.id,
      draft: submission.draft,
    });
    if (!outcome.ok) return ack({ response_action: 'errors', errors: fieldErrors(outcome.problems) });
    await ack({ response_action: 'push', view: announcementPreview(outcome.announcement) });
  };
}

/** Post (or Schedule) on the preview: queue it once, close the modals, confirm by DM. */
function onPreviewSubmit(deps: SlackDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    const announcementId = parsed.success
      ? parsePreviewMetadata(parsed.data.view.private_metadata)
      : undefined;
    if (!parsed.success || announcementId === undefined) {
      deps.logger.event('warn', 'malformed announcement preview submission', {});
      return ack({
        response_action: 'update',
        view: noticeModal('Nothing posted', 'This preview is out of date.'),
      });
    }
    const userId = parsed.data.user.id;
    if (!(await authorizeAdmin(deps, userId, `view:${Ids.previewModal}`))) {
      return ack({ response_action: 'update', view: noticeModal('Not allowed', ADMIN_REFUSAL) });
    }
    const outcome = await queueAnnouncement(deps, userId, announcementId);
    if (!outcome.ok)
      return ack({ response_action: 'update', view: noticeModal('Nothing posted', outcome.reason) });
    await ack({ response_action: 'clear' });
    if (outcome.newlyQueued) {
      await client.chat.postMessage({ channel: userId, ...announcementQueuedMessage(outcome.announcement) });
    }
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.view(Ids.composerModal, onComposerSubmit(deps));
  app.view(Ids.previewModal, onPreviewSubmit(deps));
}
