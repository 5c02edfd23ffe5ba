import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';

export interface Nomination {
  readonly userId: string;
  readonly nominatedBy: string;
  readonly createdAt: Instant;
}

/** Stores nominations; returns the people who were not nominated for this cohort before. */
export async function insertNominations(
  db: Db,
  args: { cohortId: number; userIds: readonly string[]; nominatedBy: string; at: Instant },
): Promise<string[]> {
  if (args.userIds.length === 0) return [];
  const rows = await db
    .insertInto('nominations')
    .values(
      args.userIds.map((user_id) => ({
        cohort_id: args.cohortId,
        user_id,
        nominated_by: args.nominatedBy,
        created_at: args.at,
      })),
    )
    .onConflict((oc) => oc.columns(['cohort_id', 'user_id']).doNothing())
    .returning('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export async function listNominations(db: Db, cohortId: number): Promise<Nomination[]> {
  const rows = await db
    .selectFrom('nominations')
    .select(['user_id', 'nominated_by', 'created_at'])
    .where('cohort_id', '=', cohortId)
    .orderBy('created_at')
    .orderBy('user_id')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, nominatedBy: r.nominated_by, createdAt: r.created_at }));
}
