import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { DraftProblem } from '../../../domain/question-bank';
import { ADMIN_REFUSAL, authorizeAdmin } from '../../../services/admins';
import {
  type BankChange,
  type QuestionBank,
  removeQuestion,
  saveQuestion,
} from '../../../services/question-bank';
import type { SlackDeps } from '../../deps';
import { QuestionIds as Ids } from '../../ids';
import {
  BLOCK_OF_DRAFT_FIELD,
  parseEditorMetadata,
  parseQuestionSubmission,
} from '../../parse/question-submission';
import { viewSubmission } from '../../state';
import { updateModal } from '../../view-stack';
import { noticeModal } from '../../views/notice-modal';
import {
  bankChangeMessage,
  bankChangeNotice,
  changedAnswers,
  questionBankModal,
} from '../../views/question-bank';

type Args = AllMiddlewareArgs & SlackViewMiddlewareArgs;

function fieldErrors(problems: readonly DraftProblem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { field, message } of problems) {
    const block = BLOCK_OF_DRAFT_FIELD[field];
    errors[block] = errors[block] === undefined ? message : `${errors[block]} ${message}`;
  }
  return errors;
}

/**
 * After the pushed modal closed, the list below it shows the new bank and what changed; a change
 * that altered stored answers is also sent to the admin as a DM they can keep.
 */
async function showChange(
  deps: SlackDeps,
  client: WebClient,
  input: { userId: string; listViewId: string; bank: QuestionBank; change: BankChange },
): Promise<void> {
  const { bank, change } = input;
  await updateModal(client, deps.logger, input.listViewId, questionBankModal(bank, bankChangeNotice(change)));
  if (changedAnswers(change))
    await client.chat.postMessage({ channel: input.userId, ...bankChangeMessage(bank, change) });
}

function onEditorSubmit(deps: SlackDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    if (!parsed.success) {
      deps.logger.event('warn', 'malformed question editor submission', {
        issues: parsed.error.issues.length,
      });
      return ack({
        response_action: 'errors',
        errors: { [Ids.label]: 'Something was wrong with this form; please try again.' },
      });
    }
    const { user, view } = parsed.data;
    if (!(await authorizeAdmin(deps, user.id, `view:${Ids.editorModal}`))) {
      return ack({ response_action: 'errors', errors: { [Ids.label]: ADMIN_REFUSAL } });
    }
    const submission = parseQuestionSubmission(view.state.values, view.private_metadata);
    if (!submission.ok) return ack({ response_action: 'errors', errors: submission.errors });
    const { metadata, draft } = submission;
    const outcome = await saveQuestion(deps, user.id, {
      cohortId: metadata.cohortId,
      questionId: metadata.questionId,
      draft,
    });
    if (!outcome.ok) return ack({ response_action: 'errors', errors: fieldErrors(outcome.problems) });
    await ack();
    await showChange(deps, client, { userId: user.id, listViewId: metadata.listViewId, ...outcome });
  };
}

function onRemoveSubmit(deps: SlackDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    const parsed = viewSubmission.safeParse(body);
    const metadata = parsed.success ? parseEditorMetadata(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || metadata === undefined || metadata.questionId === null) {
      deps.logger.event('warn', 'malformed question removal submission', {});
      return ack({
        response_action: 'update',
        view: noticeModal('Nothing changed', 'This form is out of date.'),
      });
    }
    const userId = parsed.data.user.id;
    if (!(await authorizeAdmin(deps, userId, `view:${Ids.removeModal}`))) {
      return ack({ response_action: 'update', view: noticeModal('Not allowed', ADMIN_REFUSAL) });
    }
    const outcome = await removeQuestion(deps, userId, {
      cohortId: metadata.cohortId,
      questionId: metadata.questionId,
    });
    if (!outcome.ok)
      return ack({ response_action: 'update', view: noticeModal('Nothing changed', outcome.reason) });
    await ack();
    await showChange(deps, client, { userId, listViewId: metadata.listViewId, ...outcome });
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.view(Ids.editorModal, onEditorSubmit(deps));
  app.view(Ids.removeModal, onRemoveSubmit(deps));
}
