import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';

export interface MatchRequestRow {
  readonly id: number;
  readonly pairingId: number;
  readonly userId: string;
  readonly reason: string;
  readonly createdAt: Instant;
}

export async function insertMatchRequest(
  db: Db,
  values: { cohortId: number; pairingId: number; userId: string; reason: string; at: Instant },
): Promise<number> {
  const row = await db
    .insertInto('match_change_requests')
    .values({
      cohort_id: values.cohortId,
      pairing_id: values.pairingId,
      user_id: values.userId,
      reason: values.reason,
      created_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Requests no admin has resolved yet, oldest first. */
export async function openMatchRequestRows(db: Db, cohortId: number): Promise<MatchRequestRow[]> {
  const rows = await db
    .selectFrom('match_change_requests')
    .select(['id', 'pairing_id', 'user_id', 'reason', 'created_at'])
    .where('cohort_id', '=', cohortId)
    .where('resolved_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    pairingId: r.pairing_id,
    userId: r.user_id,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}
