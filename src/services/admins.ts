import type { Db } from '../../db/connection';
import { type AuditRecord, insertAuditEntry, recentAuditEntries } from '../repositories/audit';

/**
 * Who runs the program. Today: the users named in ADMIN_USER_IDS. Every decision is made on the
 * server from this list, never from anything a Slack payload claims.
 */
export interface AdminDirectory {
  isAdmin(userId: string): Promise<boolean>;
}

export function adminDirectoryFromIds(adminUserIds: readonly string[]): AdminDirectory {
  const admins = new Set(adminUserIds);
  return { isAdmin: async (userId) => admins.has(userId) };
}

export async function audit(db: Db, record: AuditRecord): Promise<void> {
  await insertAuditEntry(db, record);
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
