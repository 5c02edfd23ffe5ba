import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Cadence, EnrollmentState, Instant } from '../../db/schema';
import type { Role } from '../domain/cohorts';
import type { PairRef } from '../domain/matching';
import type { AnswerValue } from '../domain/questions';
import { moveEnrollments } from './enrollments';

/** Who takes part in matching, their answers, and the pairs the engine must respect. */

export interface MatchingPerson {
  readonly enrollmentId: number;
  readonly userId: string;
  readonly role: Role;
  readonly state: EnrollmentState;
  readonly matchOnSensitive: boolean;
  readonly name: string;
  readonly tz: string | null;
}

/** Everyone enrolled in the cohort who has not withdrawn, with name and time zone. */
export async function matchingPeople(db: Db, cohortId: number): Promise<MatchingPerson[]> {
  const rows = await db
    .selectFrom('enrollments as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .select([
      'e.id',
      'e.user_id',
      'e.role',
      'e.state',
      'e.match_on_sensitive',
      'u.name',
      'u.real_name',
      'u.tz',
    ])
    .where('e.cohort_id', '=', cohortId)
    .where('e.state', '!=', 'withdrawn')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    enrollmentId: r.id,
    userId: r.user_id,
    role: r.role,
    state: r.state,
    matchOnSensitive: r.match_on_sensitive === 1,
    name: r.real_name ?? r.name ?? r.user_id,
    tz: r.tz ?? null,
  }));
}

const answerJson = z.union([z.string(), z.array(z.string())]);

/** Answers by enrollment id, then question id. */
export async function answersOfEnrollments(
  db: Db,
  enrollmentIds: readonly number[],
): Promise<Map<number, Map<number, AnswerValue>>> {
  const result = new Map<number, Map<number, AnswerValue>>();
  if (enrollmentIds.length === 0) return result;
  const rows = await db
    .selectFrom('profile_answers')
    .select(['enrollment_id', 'question_id', 'value'])
    .where('enrollment_id', 'in', enrollmentIds)
    .execute();
  for (const row of rows) {
    const parsed = answerJson.safeParse(JSON.parse(row.value));
    if (!parsed.success) continue;
    const mine = result.get(row.enrollment_id) ?? new Map<number, AnswerValue>();
    mine.set(row.question_id, parsed.data);
    result.set(row.enrollment_id, mine);
  }
  return result;
}

/** Every mentor–mentee pair that ever shared a pairing, in any cohort: never repeated. */
export async function previousPairs(db: Db): Promise<PairRef[]> {
  const rows = await db
    .selectFrom('pairing_members as mentor')
    .innerJoin('pairing_members as mentee', 'mentee.pairing_id', 'mentor.pairing_id')
    .select(['mentor.user_id as mentorId', 'mentee.user_id as menteeId'])
    .where('mentor.role', '=', 'mentor')
    .where('mentee.role', '=', 'mentee')
    .distinct()
    .execute();
  return rows;
}

const managerJson = z.string().min(1);

/**
 * Who reports to whom, from the latest manager answer each person gave in any cohort: enough to
 * see a manager's manager who is not in the cohort being matched.
 */
export async function reportingLines(db: Db): Promise<{ id: string; managerId: string }[]> {
  const rows = await db
    .selectFrom('profile_answers as a')
    .innerJoin('profile_questions as q', 'q.id', 'a.question_id')
    .innerJoin('enrollments as e', 'e.id', 'a.enrollment_id')
    .select(['e.user_id', 'a.value', 'a.updated_at'])
    .where('q.key', '=', 'manager')
    .orderBy('a.updated_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
  const lines = new Map<string, string>();
  for (const row of rows) {
    if (lines.has(row.user_id)) continue;
    const parsed = managerJson.safeParse(JSON.parse(row.value));
    if (parsed.success && parsed.data !== row.user_id) lines.set(row.user_id, parsed.data);
  }
  return [...lines].map(([id, managerId]) => ({ id, managerId }));
}

/** Mentees per mentor in the cohort's active or paused pairings. */
export async function menteesPerMentor(db: Db, cohortId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('pairings as p')
    .innerJoin('pairing_members as mentor', 'mentor.pairing_id', 'p.id')
    .innerJoin('pairing_members as mentee', 'mentee.pairing_id', 'p.id')
    .select(['mentor.user_id as mentorId', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .where('p.cohort_id', '=', cohortId)
    .where('p.state', 'in', ['active', 'paused'])
    .where('mentor.role', '=', 'mentor')
    .where('mentee.role', '=', 'mentee')
    .groupBy('mentor.user_id')
    .execute();
  return new Map(rows.map((r) => [r.mentorId, Number(r.n)]));
}

/** People of the cohort who belong to an active or paused pairing. */
export async function pairedUserIds(db: Db, cohortId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('pairings as p')
    .innerJoin('pairing_members as m', 'm.pairing_id', 'p.id')
    .select('m.user_id')
    .where('p.cohort_id', '=', cohortId)
    .where('p.state', 'in', ['active', 'paused'])
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export type ConstraintKind = 'pin' | 'forbid';

export interface MatchConstraint {
  readonly kind: ConstraintKind;
  readonly mentorId: string;
  readonly menteeId: string;
}

export async function listConstraints(db: Db, cohortId: number): Promise<MatchConstraint[]> {
  const rows = await db
    .selectFrom('match_constraints')
    .select(['kind', 'mentor_id', 'mentee_id'])
    .where('cohort_id', '=', cohortId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ kind: r.kind, mentorId: r.mentor_id, menteeId: r.mentee_id }));
}

export async function insertConstraint(
  db: Db,
  values: MatchConstraint & { cohortId: number; createdBy: string; at: Instant },
): Promise<void> {
  await db
    .insertInto('match_constraints')
    .values({
      cohort_id: values.cohortId,
      kind: values.kind,
      mentor_id: values.mentorId,
      mentee_id: values.menteeId,
      created_by: values.createdBy,
      created_at: values.at,
    })
    .onConflict((oc) => oc.columns(['cohort_id', 'kind', 'mentor_id', 'mentee_id']).doNothing())
    .execute();
}

/** Deletes constraints of this kind between the two people in either order; returns how many. */
export async function deleteConstraintBetween(
  db: Db,
  cohortId: number,
  kind: ConstraintKind,
  a: string,
  b: string,
): Promise<number> {
  const result = await db
    .deleteFrom('match_constraints')
    .where('cohort_id', '=', cohortId)
    .where('kind', '=', kind)
    .where((eb) =>
      eb.or([
        eb.and([eb('mentor_id', '=', a), eb('mentee_id', '=', b)]),
        eb.and([eb('mentor_id', '=', b), eb('mentee_id', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A mentee is pinned to one mentor at most: a new pin replaces the old one. */
export async function deletePinsOfMentee(db: Db, cohortId: number, menteeId: string): Promise<void> {
  await db
    .deleteFrom('match_constraints')
    .where('cohort_id', '=', cohortId)
    .where('kind', '=', 'pin')
    .where('mentee_id', '=', menteeId)
    .execute();
}

export interface NewPairing {
  readonly cohortId: number;
  readonly mentorId: string;
  readonly menteeIds: readonly string[];
  readonly cadence: Cadence;
  readonly score: number | null;
  readonly reasons: readonly string[];
  readonly approvedBy: string;
  readonly at: Instant;
}

export async function insertPairing(db: Db, pairing: NewPairing): Promise<number> {
  const row = await db
    .insertInto('pairings')
    .values({
      cohort_id: pairing.cohortId,
      cadence: pairing.cadence,
      score: pairing.score,
      reasons: JSON.stringify(pairing.reasons),
      approved_by: pairing.approvedBy,
      created_at: pairing.at,
      updated_at: pairing.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('pairing_members')
    .values([
      { pairing_id: row.id, user_id: pairing.mentorId, role: 'mentor' },
      ...pairing.menteeIds.map((id) => ({ pairing_id: row.id, user_id: id, role: 'mentee' as const })),
    ])
    .execute();
  return row.id;
}

export async function markEnrollmentsMatched(
  db: Db,
  cohortId: number,
  userIds: readonly string[],
  at: Instant,
): Promise<void> {
  // Anyone not withdrawn.
  await moveEnrollments(
    db,
    { cohortId, userIds, from: ['enrolled', 'matched', 'completed'], to: 'matched' },
    at,
  );
}
