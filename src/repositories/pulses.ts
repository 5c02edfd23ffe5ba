import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';

export interface PulseRow {
  readonly id: number;
  readonly cohortId: number;
  readonly anonymous: boolean;
  readonly channelId: string;
  readonly createdAt: Instant;
}

export interface PulseAnswerRow {
  readonly pulseId: number;
  /** Always null for an anonymous pulse. */
  readonly authorUserId: string | null;
  readonly answer: string;
  readonly at: Instant;
}

function toPulse(r: {
  id: number;
  cohort_id: number;
  anonymous: number;
  channel_id: string;
  created_at: string;
}): PulseRow {
  return {
    id: r.id,
    cohortId: r.cohort_id,
    anonymous: r.anonymous === 1,
    channelId: r.channel_id,
    createdAt: r.created_at,
  };
}

export async function insertPulse(
  db: Db,
  pulse: { cohortId: number; anonymous: boolean; channelId: string; createdBy: string },
  at: Instant,
): Promise<number> {
  const row = await db
    .insertInto('pulses')
    .values({
      cohort_id: pulse.cohortId,
      anonymous: pulse.anonymous ? 1 : 0,
      channel_id: pulse.channelId,
      created_by: pulse.createdBy,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findPulse(db: Db, id: number): Promise<PulseRow | undefined> {
  const row = await db
    .selectFrom('pulses')
    .select(['id', 'cohort_id', 'anonymous', 'channel_id', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toPulse(row);
}

export async function pulsesOfCohort(db: Db, cohortId: number, limit: number): Promise<PulseRow[]> {
  const rows = await db
    .selectFrom('pulses')
    .select(['id', 'cohort_id', 'anonymous', 'channel_id', 'created_at'])
    .where('cohort_id', '=', cohortId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toPulse);
}

/**
 * Stores an answer. With an author, a second answer replaces the first; without one (an
 * anonymous pulse) every answer is its own row, since nothing may tell whose it was.
 */
export async function saveAnswer(
  db: Db,
  answer: { pulseId: number; authorUserId: string | null; answer: string },
  at: Instant,
): Promise<void> {
  const insert = db.insertInto('pulse_answers').values({
    pulse_id: answer.pulseId,
    author_user_id: answer.authorUserId,
    answer: answer.answer,
    created_at: at,
    updated_at: at,
  });
  if (answer.authorUserId === null) {
    await insert.execute();
    return;
  }
  await insert
    .onConflict((oc) =>
      oc.columns(['pulse_id', 'author_user_id']).doUpdateSet({ answer: answer.answer, updated_at: at }),
    )
    .execute();
}

export async function answersToPulses(db: Db, pulseIds: readonly number[]): Promise<PulseAnswerRow[]> {
  if (pulseIds.length === 0) return [];
  const rows = await db
    .selectFrom('pulse_answers')
    .select(['pulse_id', 'author_user_id', 'answer', 'updated_at'])
    .where('pulse_id', 'in', pulseIds)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    pulseId: r.pulse_id,
    authorUserId: r.author_user_id,
    answer: r.answer,
    at: r.updated_at,
  }));
}
