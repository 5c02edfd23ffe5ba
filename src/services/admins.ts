import type { Db } from '../../db/connection';
import type { AppLogger } from '../logger';
import { type AuditRecord, insertAuditEntry, recentAuditEntries } from '../repositories/audit';

/**
 * Who runs the program: the users named in ADMIN_USER_IDS and, with
 * ADMINS_INCLUDE_WORKSPACE_ADMINS, the workspace's admins and owners. Every decision is made on
 * the server, never from anything a Slack payload claims.
 */
export interface AdminDirectory {
  isAdmin(userId: string): Promise<boolean>;
}

export function adminDirectoryFromIds(adminUserIds: readonly string[]): AdminDirectory {
  const admins = new Set(adminUserIds);
  return { isAdmin: async (userId) => admins.has(userId) };
}

/** What the workspace says about a person's role; the Slack adapter answers it from users.info. */
export type WorkspaceRoleLookup = (
  userId: string,
) => Promise<
  { ok: true; isAdmin: boolean; isOwner: boolean; deleted: boolean } | { ok: false; reason: string }
>;

/** How long a workspace role is trusted before Slack is asked again. */
export const WORKSPACE_ROLE_TTL_MS = 5 * 60_000;
/**
 * How long a failed lookup stands: long enough that one request's repeated checks agree (and a
 * refusal is audited), and that an outage at Slack is not answered with a call per click.
 */
export const FAILED_LOOKUP_TTL_MS = 30_000;
const CACHE_PRUNE_AT = 1000;

/**
 * ADMIN_USER_IDS plus the workspace's own admins and owners. Roles are cached briefly so a
 * command does not wait for Slack each time, yet a demoted admin loses access within minutes.
 * A failed lookup counts as "not an admin" (and is logged), never as an error, and stands only
 * briefly, so a later attempt asks again.
 */
export function adminDirectoryWithWorkspaceAdmins(options: {
  adminUserIds: readonly string[];
  lookup: WorkspaceRoleLookup;
  clock: () => Date;
  logger: AppLogger;
  ttlMs?: number;
}): AdminDirectory {
  const listed = new Set(options.adminUserIds);
  const ttlMs = options.ttlMs ?? WORKSPACE_ROLE_TTL_MS;
  const cache = new Map<string, { isAdmin: boolean; until: number }>();
  const pending = new Map<string, Promise<boolean>>();

  const remember = (userId: string, isAdmin: boolean, forMs: number): boolean => {
    const now = options.clock().getTime();
    if (cache.size >= CACHE_PRUNE_AT) {
      for (const [id, entry] of cache) if (entry.until <= now) cache.delete(id);
    }
    cache.set(userId, { isAdmin, until: now + forMs });
    return isAdmin;
  };

  const ask = async (userId: string): Promise<boolean> => {
    const roles = await options.lookup(userId);
    if (!roles.ok) {
      options.logger.event('warn', 'workspace role lookup failed; treating the user as not an admin', {
        userId,
        reason: roles.reason,
      });
      return remember(userId, false, Math.min(FAILED_LOOKUP_TTL_MS, ttlMs));
    }
    return remember(userId, !roles.deleted && (roles.isAdmin || roles.isOwner), ttlMs);
  };

  return {
    isAdmin: async (userId) => {
      if (listed.has(userId)) return true;
      const cached = cache.get(userId);
      if (cached !== undefined && cached.until > options.clock().getTime()) return cached.isAdmin;
      // Concurrent checks for one person (a command, then its modal) share one call to Slack.
      let asking = pending.get(userId);
      if (asking === undefined) {
        asking = ask(userId).finally(() => pending.delete(userId));
        pending.set(userId, asking);
      }
      return asking;
    },
  };
}

export async function audit(db: Db, record: AuditRecord): Promise<void> {
  await insertAuditEntry(db, record);
}

export const ADMIN_REFUSAL =
  'That is for program admins. If you help run the mentoring program, ask an admin to add you.';

/**
 * The server-side check behind every admin command and button: never trust that a button was
 * only shown to admins, since anyone can craft a payload. A refusal is audited.
 */
export async function authorizeAdmin(
  deps: { db: Db; admins: AdminDirectory; clock: () => Date },
  userId: string,
  action: string,
  target?: string,
): Promise<boolean> {
  if (await deps.admins.isAdmin(userId)) return true;
  await recordRefusal(deps, userId, action, target);
  return false;
}

/** Audits a refused admin attempt, for callers that already know the person is no admin. */
export async function recordRefusal(
  deps: { db: Db; clock: () => Date },
  userId: string,
  action: string,
  target?: string,
): Promise<void> {
  await insertAuditEntry(deps.db, {
    actorUserId: userId,
    action,
    target,
    outcome: 'denied',
    at: deps.clock().toISOString(),
  });
}

export interface AuditView {
  readonly at: string;
  readonly actorUserId: string;
  readonly action: string;
  readonly target: string | null;
  readonly outcome: 'ok' | 'denied' | 'failed';
}

export async function listRecentAudit(db: Db, limit: number): Promise<AuditView[]> {
  const rows = await recentAuditEntries(db, limit);
  return rows.map((row) => ({
    at: row.created_at,
    actorUserId: row.actor_user_id,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
  }));
}
