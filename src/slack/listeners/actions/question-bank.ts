import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { ADMIN_REFUSAL, authorizeAdmin } from '../../../services/admins';
import { moveQuestion, questionToChange } from '../../../services/question-bank';
import type { SlackDeps } from '../../deps';
import { QuestionIds as Ids } from '../../ids';
import { parseBankMetadata } from '../../parse/question-submission';
import { pushModal, updateModal } from '../../view-stack';
import { noticeModal } from '../../views/notice-modal';
import { bankChangeNotice, questionBankModal } from '../../views/question-bank';
import { type EditorMetadata, questionEditorModal, removeQuestionModal } from '../../views/question-editor';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const actor = z.looseObject({
  user: z.looseObject({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
});

/** A press inside the list modal: the view tells which list to refresh, the value what to do. */
function pressInList<T extends z.ZodType>(action: T) {
  return z.looseObject({
    view: z.looseObject({ id: z.string().min(1), private_metadata: z.string() }),
    actions: z.tuple([action]).rest(z.unknown()),
  });
}

const menuPress = pressInList(
  z.looseObject({
    selected_option: z.looseObject({
      value: z
        .string()
        .transform((value) => {
          const [verb, questionId] = value.split(':');
          return { verb, questionId };
        })
        .pipe(
          z.object({
            verb: z.enum(['edit', 'up', 'down', 'remove']),
            questionId: z.string().regex(/^\d+$/).transform(Number),
          }),
        ),
    }),
  }),
);
const addPress = pressInList(z.looseObject({ value: z.string().regex(/^\d+$/).transform(Number) }));

interface Press {
  readonly deps: SlackDeps;
  readonly client: WebClient;
  readonly userId: string;
  readonly triggerId: string;
}

/**
 * Every press re-checks that the presser is an admin: anyone can craft a block action, so the
 * check comes before anything else is read from it.
 */
async function allowed(deps: SlackDeps, client: WebClient, body: unknown, actionId: string) {
  const who = actor.safeParse(body);
  if (!who.success) {
    deps.logger.event('warn', 'malformed question bank action', { actionId });
    return undefined;
  }
  const { user, trigger_id: triggerId } = who.data;
  if (await authorizeAdmin(deps, user.id, `button:${actionId}`)) return { userId: user.id, triggerId };
  await pushModal(client, deps.logger, triggerId, noticeModal('Not allowed', ADMIN_REFUSAL));
  return undefined;
}

async function explain(press: Press, reason: string): Promise<void> {
  await pushModal(press.client, press.deps.logger, press.triggerId, noticeModal('Nothing changed', reason));
}

/** Move up or down: the list modal is redrawn in place. */
async function move(
  press: Press,
  metadata: EditorMetadata & { questionId: number },
  direction: 'up' | 'down',
) {
  const moved = await moveQuestion(press.deps, press.userId, { ...metadata, direction });
  if (!moved.ok) return explain(press, moved.reason);
  const view = questionBankModal(moved.bank, bankChangeNotice(moved.change));
  await updateModal(press.client, press.deps.logger, metadata.listViewId, view);
}

/** Edit or remove: the editor or the removal check is pushed over the list. */
async function pushFor(press: Press, metadata: EditorMetadata, verb: 'edit' | 'remove') {
  const found = await questionToChange(press.deps.db, metadata.cohortId, metadata.questionId);
  if (!found.ok) return explain(press, found.reason);
  const { bank, question } = found;
  const view =
    question === undefined
      ? questionEditorModal({ track: bank.cohort.track, metadata })
      : verb === 'edit'
        ? questionEditorModal({ track: bank.cohort.track, metadata, question })
        : removeQuestionModal({ metadata, question });
  await pushModal(press.client, press.deps.logger, press.triggerId, view);
}

function onMenu(deps: SlackDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    await ack();
    const who = await allowed(deps, client, body, Ids.menu);
    if (who === undefined) return;
    const parsed = menuPress.safeParse(body);
    const bank = parsed.success ? parseBankMetadata(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || bank === undefined)
      return deps.logger.event('warn', 'malformed question menu press', {});
    const { verb, questionId } = parsed.data.actions[0].selected_option.value;
    const metadata = { cohortId: bank.cohortId, questionId, listViewId: parsed.data.view.id };
    const press = { deps, client, ...who };
    if (verb === 'up' || verb === 'down') await move(press, metadata, verb);
    else await pushFor(press, metadata, verb);
  };
}

function onAdd(deps: SlackDeps) {
  return async ({ ack, body, client }: Args): Promise<void> => {
    await ack();
    const who = await allowed(deps, client, body, Ids.add);
    if (who === undefined) return;
    const parsed = addPress.safeParse(body);
    if (!parsed.success) return deps.logger.event('warn', 'malformed add-question press', {});
    const metadata = {
      cohortId: parsed.data.actions[0].value,
      questionId: null,
      listViewId: parsed.data.view.id,
    };
    await pushFor({ deps, client, ...who }, metadata, 'edit');
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.action(Ids.menu, onMenu(deps));
  app.action(Ids.add, onAdd(deps));
}
