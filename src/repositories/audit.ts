import type { Db } from '../../db/connection';
import type { AuditEntry, Instant } from '../../db/schema';

export interface AuditRecord {
  readonly actorUserId: string;
  readonly action: string;
  readonly target?: string | undefined;
  readonly outcome: 'ok' | 'denied' | 'failed';
  /** Never survey answers or self-identification. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
  readonly at: Instant;
}

export async function insertAuditEntry(db: Db, record: AuditRecord): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: record.actorUserId,
      action: record.action,
      target: record.target ?? null,
      outcome: record.outcome,
      details: JSON.stringify(record.details ?? {}),
      created_at: record.at,
    })
    .execute();
}

export async function recentAuditEntries(db: Db, limit: number): Promise<AuditEntry[]> {
  return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
