import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { AppLogger } from '../logger';
import type { UserProfile } from '../repositories/users';
import { slackError } from './open-modal';

const userInfo = z.looseObject({
  user: z.looseObject({
    id: z.string(),
    team_id: z.string().optional(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    tz: z.string().optional(),
    deleted: z.boolean().optional(),
    profile: z
      .looseObject({ real_name: z.string().optional(), display_name: z.string().optional() })
      .optional(),
  }),
});

/** users.info must not eat the 3 seconds Slack gives a modal submission. */
const LOOKUP_BUDGET_MS = 1500;

/**
 * Name and time zone from users.info. If Slack is slow or says no, the person is still saved
 * with what the request carried; the time zone is filled in on a later save.
 */
export async function fetchProfile(
  client: WebClient,
  logger: AppLogger,
  userId: string,
  fallbackName: string,
): Promise<UserProfile> {
  const fallback: UserProfile = {
    id: userId,
    teamId: null,
    name: fallbackName,
    realName: null,
    tz: null,
    deleted: false,
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), LOOKUP_BUDGET_MS);
    });
    const result = await Promise.race([client.users.info({ user: userId }), timeout]);
    if (result === 'timeout') {
      logger.event('warn', 'users.info too slow; saving without a time zone', { userId });
      return fallback;
    }
    const parsed = userInfo.safeParse(result);
    if (!parsed.success) return fallback;
    const u = parsed.data.user;
    return {
      id: userId,
      teamId: u.team_id ?? null,
      name: u.name ?? fallbackName,
      realName: u.profile?.real_name || u.real_name || null,
      tz: u.tz ?? null,
      deleted: u.deleted ?? false,
    };
  } catch (error) {
    logger.event('warn', 'users.info failed', { userId, reason: slackError(error) ?? 'request_failed' });
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}
