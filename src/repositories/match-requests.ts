import type { Db } from '../../db/connection';
import type { Instant, MatchRequestResolution } from '../../db/schema';

export interface MatchRequestRow {
  readonly id: number;
  readonly cohortId: number;
  readonly pairingId: number;
  readonly userId: string;
  readonly reason: string;
  readonly createdAt: Instant;
  readonly resolvedAt: Instant | null;
  readonly resolvedBy: string | null;
  readonly resolution: MatchRequestResolution | null;
}

const COLUMNS = [
  'id',
  'cohort_id',
  'pairing_id',
  'user_id',
  'reason',
  'created_at',
  'resolved_at',
  'resolved_by',
  'resolution',
] as const;

function toRow(r: {
  id: number;
  cohort_id: number;
  pairing_id: number;
  user_id: string;
  reason: string;
  created_at: Instant;
  resolved_at: Instant | null;
  resolved_by: string | null;
  resolution: MatchRequestResolution | null;
}): MatchRequestRow {
  return {
    id: r.id,
    cohortId: r.cohort_id,
    pairingId: r.pairing_id,
    userId: r.user_id,
    reason: r.reason,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    resolution: r.resolution,
  };
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

export async function findMatchRequest(db: Db, id: number): Promise<MatchRequestRow | undefined> {
  const row = await db
    .selectFrom('match_change_requests')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toRow(row);
}

/** The person's open request about this pairing, if any (there is at most one). */
export async function findOpenMatchRequest(
  db: Db,
  pairingId: number,
  userId: string,
): Promise<MatchRequestRow | undefined> {
  const row = await db
    .selectFrom('match_change_requests')
    .select(COLUMNS)
    .where('pairing_id', '=', pairingId)
    .where('user_id', '=', userId)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : toRow(row);
}

export async function setMatchRequestReason(db: Db, id: number, reason: string): Promise<void> {
  await db.updateTable('match_change_requests').set({ reason }).where('id', '=', id).execute();
}

/** Resolves an open request; false when it was resolved already (nothing changes twice). */
export async function resolveMatchRequestRow(
  db: Db,
  id: number,
  values: { by: string; resolution: MatchRequestResolution; at: Instant },
): Promise<boolean> {
  const result = await db
    .updateTable('match_change_requests')
    .set({ resolved_at: values.at, resolved_by: values.by, resolution: values.resolution })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Requests no admin has resolved yet, oldest first. */
export async function openMatchRequestRows(db: Db, cohortId: number): Promise<MatchRequestRow[]> {
  const rows = await db
    .selectFrom('match_change_requests')
    .select(COLUMNS)
    .where('cohort_id', '=', cohortId)
    .where('resolved_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}
