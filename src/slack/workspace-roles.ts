import { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { AppLogger } from '../logger';
import type { WorkspaceRoleLookup } from '../services/admins';
import { slackError } from './open-modal';

const usersInfo = z.looseObject({
  user: z.looseObject({
    is_admin: z.boolean().optional(),
    is_owner: z.boolean().optional(),
    deleted: z.boolean().optional(),
  }),
});

/**
 * Workspace roles from users.info, with a client of its own: an admin check sits in front of a
 * person waiting for an answer, so it fails fast instead of retrying for minutes like the default
 * client (and a 429 fails too, rather than pausing every other call).
 */
export function slackWorkspaceRoles(options: {
  botToken: string;
  apiUrl: string | undefined;
  logger: AppLogger;
}): WorkspaceRoleLookup {
  const client = new WebClient(options.botToken, {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    logger: options.logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 5000,
  });
  return async (userId) => {
    try {
      const parsed = usersInfo.safeParse(await client.users.info({ user: userId }));
      if (!parsed.success) return { ok: false, reason: 'unexpected_response' };
      const { user } = parsed.data;
      return {
        ok: true,
        isAdmin: user.is_admin === true,
        isOwner: user.is_owner === true,
        deleted: user.deleted === true,
      };
    } catch (error) {
      return {
        ok: false,
        reason: slackError(error) ?? (error instanceof Error ? error.message : 'request_failed'),
      };
    }
  };
}
