import type { Db } from '../../db/connection';
import type { Cadence, Track } from '../../db/schema';

/**
 * Inserts cohorts, people and pairings straight into the database, as the matching service will
 * once it exists. Returns ids for the tests to use.
 */

export const SEED_AT = '2026-11-02T08:00:00.000Z';

export async function seedUser(db: Db, id: string, tz: string | null): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id,
      name: id.toLowerCase(),
      real_name: `User ${id}`,
      tz,
      created_at: SEED_AT,
      updated_at: SEED_AT,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ tz }))
    .execute();
}

export interface CohortSeed {
  readonly slug?: string;
  readonly track?: Track;
  readonly startsOn?: string;
  readonly endsOn?: string;
  readonly channel?: string | null;
  readonly surveyMidpoint?: boolean;
  readonly surveyEnd?: boolean;
  readonly guidelines?: string;
}

export async function seedCohort(db: Db, seed: CohortSeed = {}): Promise<number> {
  const row = await db
    .insertInto('cohorts')
    .values({
      slug: seed.slug ?? 'spring',
      name: 'Spring leadership cohort',
      track: seed.track ?? 'high_potential',
      state: 'active',
      starts_on: seed.startsOn ?? '2026-11-02',
      ends_on: seed.endsOn ?? '2027-04-30',
      announcement_channel_id: seed.channel ?? null,
      guidelines: seed.guidelines ?? 'Meet regularly. Be candid and kind. What is said stays between you.',
      survey_midpoint: seed.surveyMidpoint === false ? 0 : 1,
      survey_end: seed.surveyEnd === false ? 0 : 1,
      created_by: 'U0ADMIN01',
      created_at: SEED_AT,
      updated_at: SEED_AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface PairingSeed {
  readonly cohortId: number;
  readonly mentor: string;
  readonly mentees: readonly string[];
  readonly cadence?: Cadence;
  readonly conversationId?: string | null;
  readonly createdAt?: string;
  readonly reasons?: readonly string[];
}

export async function seedPairing(db: Db, seed: PairingSeed): Promise<number> {
  const at = seed.createdAt ?? SEED_AT;
  const row = await db
    .insertInto('pairings')
    .values({
      cohort_id: seed.cohortId,
      cadence: seed.cadence ?? 'weekly',
      reasons: JSON.stringify(seed.reasons ?? ['Both want to grow as product leaders']),
      conversation_id: seed.conversationId ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('pairing_members')
    .values([
      { pairing_id: row.id, user_id: seed.mentor, role: 'mentor' },
      ...seed.mentees.map((user_id) => ({ pairing_id: row.id, user_id, role: 'mentee' as const })),
    ])
    .execute();
  for (const user of [seed.mentor, ...seed.mentees]) {
    await db
      .insertInto('enrollments')
      .values({
        cohort_id: seed.cohortId,
        user_id: user,
        role: user === seed.mentor ? 'mentor' : 'mentee',
        state: 'matched',
        enrolled_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(['cohort_id', 'user_id']).doNothing())
      .execute();
  }
  return row.id;
}

export async function outboxRows(db: Db) {
  return db.selectFrom('outbox').selectAll().orderBy('id').execute();
}
