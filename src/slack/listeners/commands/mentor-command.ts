import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { ADMIN_REFUSAL, recordRefusal } from '../../../services/admins';
import { tokenize } from '../../command-text';
import { MODAL_RETRY_HINT, openModal } from '../../open-modal';
import type { SlackDeps } from '../../deps';
import { type EphemeralMessage, helpMessage, noticeMessage, unknownCommandMessage } from '../../views/help';
import { adminOnlyTarget, resolveSubcommand, type Subcommand } from './router';

const slashCommand = z.object({
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
  text: z.string().default(''),
});

/**
 * `/mentor …`: acknowledge at once (Slack allows 3 seconds), then resolve the subcommand and run
 * it, answering with ephemeral messages through the response URL.
 */
export function mentorCommand(deps: SlackDeps, subcommands: readonly Subcommand[]) {
  return async ({ command, ack, respond, client }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    await ack();
    const reply = async (message: EphemeralMessage): Promise<void> => {
      const response = await respond({ response_type: 'ephemeral', ...message });
      if (!response.ok)
        deps.logger.event('warn', 'response_url rejected a reply', { status: response.status });
    };
    const parsed = slashCommand.safeParse(command);
    if (!parsed.success) {
      deps.logger.event('warn', 'malformed slash command payload', { issues: parsed.error.issues.length });
      return;
    }
    const { user_id: userId, channel_id: channelId, trigger_id: triggerId, text } = parsed.data;
    const isAdmin = await deps.admins.isAdmin(userId);
    const visible = subcommands.filter((s) => isAdmin || s.audience === 'member');
    const words = tokenize(text);
    if (words.length === 0) return reply(helpMessage({ commands: visible, isAdmin }));

    const resolution = resolveSubcommand(words, subcommands, visible);
    const refused = isAdmin ? undefined : adminOnlyTarget(resolution, words);
    if (refused !== undefined) {
      await recordRefusal(deps, userId, `command:${refused}`);
      return reply(noticeMessage(ADMIN_REFUSAL));
    }
    switch (resolution.kind) {
      case 'match':
        return resolution.subcommand.run({
          userId,
          channelId,
          triggerId,
          args: resolution.args,
          isAdmin,
          visible,
          reply,
          openModal: async (view) => {
            const opened = await openModal(client, deps.logger, triggerId, view);
            if (!opened.ok) await reply(noticeMessage(MODAL_RETRY_HINT));
            return opened.ok;
          },
          client,
          deps,
        });
      case 'partial':
        return reply(
          helpMessage({ commands: resolution.options.filter((s) => visible.includes(s)), isAdmin }),
        );
      case 'unknown':
        return reply(unknownCommandMessage({ ...resolution, commands: visible }));
    }
  };
}
