import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { z } from 'zod';
import { ADMIN_REFUSAL, authorizeAdmin } from '../../../services/admins';
import { approveProposal } from '../../../services/match-approval';
import {
  dismissMatchRequest,
  rematchMatchRequest,
  type ResolveOutcome,
} from '../../../services/match-requests';
import { previewMatches, proposalExport, storedProposalOf } from '../../../services/matching';
import type { SlackDeps } from '../../deps';
import { MatchIds } from '../../ids';
import { openModal } from '../../open-modal';
import { uploadToDm } from '../../upload';
import { type EphemeralMessage, noticeMessage } from '../../views/help';
import { approvedPreviewMessage, matchPreviewMessage, stalePreviewMessage } from '../../views/match-preview';
import { matchRequestListMessage, matchRequestModal, resolvedAdminMessage } from '../../views/match-request';
import { truncate } from '../../views/text';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>;

const buttonPress = z.looseObject({
  user: z.looseObject({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  actions: z.tuple([z.looseObject({ value: z.string(), block_id: z.string().optional() })]).rest(z.unknown()),
});

/**
 * The DM a request button was pressed on, when it was: Slack echoes the message back, and these
 * are our own blocks (from `matchRequestAdminMessage`), so they are passed on as they came.
 */
const pressedInAdminDm = z.looseObject({
  actions: z
    .tuple([z.looseObject({ block_id: z.string().startsWith(MatchIds.requestDmActionsPrefix) })])
    .rest(z.unknown()),
  message: z.looseObject({ text: z.string(), blocks: z.array(z.looseObject({ type: z.string() })).min(1) }),
});
const proposalValue = z
  .string()
  .regex(/^\d{1,12}$/)
  .transform(Number);
const pageValue = z
  .string()
  .regex(/^\d{1,12}:\d{1,6}$/)
  .transform((v) => ({
    id: Number(v.split(':')[0]),
    page: Number(v.split(':')[1]),
  }));

/**
 * The preview's buttons. Anyone can craft a button payload, so each re-checks that the presser is
 * an admin before touching the proposal its value names.
 */
function adminButton<T>(
  deps: SlackDeps,
  actionId: string,
  value: z.ZodType<T, string>,
  run: (args: Args, userId: string, value: T) => Promise<void>,
) {
  return async (args: Args): Promise<void> => {
    await args.ack();
    const parsed = buttonPress.safeParse(args.body);
    const parsedValue = value.safeParse(parsed.data?.actions[0].value);
    if (!parsed.success || !parsedValue.success)
      return deps.logger.event('warn', 'malformed match button', { actionId });
    const userId = parsed.data.user.id;
    if (!(await authorizeAdmin(deps, userId, `button:${actionId}`)))
      return reply(args, noticeMessage(ADMIN_REFUSAL));
    await run(args, userId, parsedValue.data);
  };
}

async function reply(args: Args, message: EphemeralMessage): Promise<void> {
  await args.respond({
    response_type: 'ephemeral',
    replace_original: false,
    ...message,
  });
}

async function replacePreview(args: Args, message: EphemeralMessage): Promise<void> {
  await args.respond({
    response_type: 'ephemeral',
    replace_original: true,
    ...message,
  });
}

/**
 * The list redrawn with what the button did, or, pressed on an admin's DM, that DM with the
 * outcome in place of its buttons. A refusal (already resolved, no room) leaves either as it is.
 */
async function afterResolution(args: Args, outcome: ResolveOutcome): Promise<void> {
  if (!outcome.ok) return reply(args, noticeMessage(truncate(outcome.reason, 3000)));
  const dm = pressedInAdminDm.safeParse(args.body);
  if (dm.success) {
    const { text, blocks } = dm.data.message;
    const original = { text, blocks: blocks as unknown as KnownBlock[] };
    await args.respond({ replace_original: true, ...resolvedAdminMessage(original, outcome.notice) });
    return;
  }
  await replacePreview(args, matchRequestListMessage({ ...outcome.list, notice: outcome.notice }));
}

export function register(app: App, deps: SlackDeps): void {
  const turnPage = adminButton(deps, MatchIds.page, pageValue, async (args, _userId, { id, page: to }) => {
    const found = await storedProposalOf(deps.db, id);
    if (!found.ok) return reply(args, noticeMessage(found.reason));
    await replacePreview(
      args,
      matchPreviewMessage({
        cohort: found.cohort,
        proposalId: id,
        proposal: found.record.proposal,
        page: to,
      }),
    );
  });
  app.action(MatchIds.page, turnPage);
  app.action(MatchIds.pagePrevious, turnPage);

  app.action(
    MatchIds.approve,
    adminButton(deps, MatchIds.approve, proposalValue, async (args, userId, id) => {
      const outcome = await approveProposal(deps, userId, id);
      if (outcome.ok) return replacePreview(args, approvedPreviewMessage(outcome));
      if (outcome.stale)
        return replacePreview(args, stalePreviewMessage({ proposalId: id, reason: outcome.reason }));
      await reply(args, noticeMessage(`Nothing was approved: ${outcome.reason}`));
    }),
  );

  app.action(
    MatchIds.rerun,
    adminButton(deps, MatchIds.rerun, proposalValue, async (args, userId, id) => {
      const found = await storedProposalOf(deps.db, id);
      if (!found.ok) return reply(args, noticeMessage(found.reason));
      const outcome = await previewMatches(deps, userId, {
        id: found.cohort.id,
      });
      if (!outcome.ok) return reply(args, noticeMessage(truncate(outcome.reason, 3000)));
      await replacePreview(args, matchPreviewMessage({ ...outcome, page: 0 }));
    }),
  );

  app.action(
    MatchIds.csv,
    adminButton(deps, MatchIds.csv, proposalValue, async (args, userId, id) => {
      const outcome = await proposalExport(deps, userId, id);
      if (!outcome.ok) return reply(args, noticeMessage(outcome.reason));
      const uploaded = await uploadToDm(args.client, deps.logger, userId, {
        filename: outcome.filename,
        title: `Proposed matches for ${outcome.cohort.name}`,
        bytes: Buffer.from(outcome.csv, 'utf8'),
        comment: `Proposed matches for *${outcome.cohort.name}* (preview ${id}).`,
      });
      await reply(
        args,
        noticeMessage(
          uploaded.ok
            ? 'The CSV is in your DM with me.'
            : `Slack did not take the file (${uploaded.reason}); please try again.`,
        ),
      );
    }),
  );

  app.action(
    MatchIds.requestDismiss,
    adminButton(deps, MatchIds.requestDismiss, proposalValue, async (args, userId, id) =>
      afterResolution(args, await dismissMatchRequest(deps, userId, id)),
    ),
  );

  app.action(
    MatchIds.requestRematch,
    adminButton(deps, MatchIds.requestRematch, proposalValue, async (args, userId, id) =>
      afterResolution(args, await rematchMatchRequest(deps, userId, id)),
    ),
  );

  // A participant's button on the introduction: membership is checked when the form is sent.
  app.action(MatchIds.requestChange, async (args: Args) => {
    await args.ack();
    const parsed = buttonPress.safeParse(args.body);
    const pairingId = proposalValue.safeParse(parsed.data?.actions[0].value);
    if (!parsed.success || !pairingId.success)
      return deps.logger.event('warn', 'malformed match request button', {});
    const opened = await openModal(
      args.client,
      deps.logger,
      parsed.data.trigger_id,
      matchRequestModal(pairingId.data),
    );
    if (!opened.ok)
      await reply(
        args,
        noticeMessage('Slack did not let me open the form in time; please press the button again.'),
      );
  });
}
