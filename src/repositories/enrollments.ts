import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { EnrollmentState, Instant } from '../../db/schema';
import type { Role } from '../domain/cohorts';
import type { AnswerValue } from '../domain/questions';

export interface EnrollmentRow {
  readonly id: number;
  readonly cohortId: number;
  readonly userId: string;
  readonly role: Role;
  readonly state: EnrollmentState;
  readonly matchOnSensitive: boolean;
  readonly recognitionOptIn: boolean;
  readonly enrolledAt: Instant;
}

const COLUMNS = [
  'id',
  'cohort_id',
  'user_id',
  'role',
  'state',
  'match_on_sensitive',
  'recognition_opt_in',
  'enrolled_at',
] as const;

function toEnrollment(row: {
  id: number;
  cohort_id: number;
  user_id: string;
  role: Role;
  state: EnrollmentState;
  match_on_sensitive: number;
  recognition_opt_in: number;
  enrolled_at: string;
}): EnrollmentRow {
  return {
    id: row.id,
    cohortId: row.cohort_id,
    userId: row.user_id,
    role: row.role,
    state: row.state,
    matchOnSensitive: row.match_on_sensitive === 1,
    recognitionOptIn: row.recognition_opt_in === 1,
    enrolledAt: row.enrolled_at,
  };
}

export async function findEnrollment(
  db: Db,
  cohortId: number,
  userId: string,
): Promise<EnrollmentRow | undefined> {
  const row = await db
    .selectFrom('enrollments')
    .select(COLUMNS)
    .where('cohort_id', '=', cohortId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row === undefined ? undefined : toEnrollment(row);
}

export async function findEnrollmentById(db: Db, id: number): Promise<EnrollmentRow | undefined> {
  const row = await db.selectFrom('enrollments').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toEnrollment(row);
}

export async function enrollmentsOfUser(db: Db, userId: string): Promise<EnrollmentRow[]> {
  const rows = await db
    .selectFrom('enrollments')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('enrolled_at', 'desc')
    .execute();
  return rows.map(toEnrollment);
}

/**
 * Creates the enrollment or, when the person enrolled in this cohort before, updates it in place
 * (re-joining after leaving included): one row per person and cohort, never two.
 */
export async function upsertEnrollment(
  db: Db,
  values: {
    cohortId: number;
    userId: string;
    role: Role;
    matchOnSensitive: boolean;
    recognitionOptIn: boolean;
    state: EnrollmentState;
  },
  at: Instant,
): Promise<number> {
  const changes = {
    role: values.role,
    state: values.state,
    match_on_sensitive: values.matchOnSensitive ? 1 : 0,
    recognition_opt_in: values.recognitionOptIn ? 1 : 0,
    withdrawn_at: null,
    updated_at: at,
  };
  const row = await db
    .insertInto('enrollments')
    .values({ cohort_id: values.cohortId, user_id: values.userId, ...changes, enrolled_at: at })
    .onConflict((oc) => oc.columns(['cohort_id', 'user_id']).doUpdateSet(changes))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function withdrawEnrollment(db: Db, id: number, at: Instant): Promise<void> {
  await db
    .updateTable('enrollments')
    .set({ state: 'withdrawn', withdrawn_at: at, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Moves some of a cohort's people to another state, only from the states listed. */
export async function moveEnrollments(
  db: Db,
  change: {
    readonly cohortId: number;
    readonly userIds: readonly string[];
    readonly from: readonly EnrollmentState[];
    readonly to: EnrollmentState;
  },
  at: Instant,
): Promise<void> {
  if (change.userIds.length === 0) return;
  await db
    .updateTable('enrollments')
    .set({ state: change.to, updated_at: at })
    .where('cohort_id', '=', change.cohortId)
    .where('user_id', 'in', change.userIds)
    .where('state', 'in', change.from)
    .execute();
}

const answerJson = z.union([z.string(), z.array(z.string())]);

/** Answers by question id. */
export async function answersOf(db: Db, enrollmentId: number): Promise<Map<number, AnswerValue>> {
  const rows = await db
    .selectFrom('profile_answers')
    .select(['question_id', 'value'])
    .where('enrollment_id', '=', enrollmentId)
    .execute();
  return new Map(rows.map((r) => [r.question_id, answerJson.parse(JSON.parse(r.value))]));
}

/** Replaces the answers to the given questions: a question answered blank loses its answer. */
export async function replaceAnswers(
  db: Db,
  enrollmentId: number,
  questionIds: readonly number[],
  answers: ReadonlyMap<number, AnswerValue>,
  at: Instant,
): Promise<void> {
  if (questionIds.length > 0) {
    await db
      .deleteFrom('profile_answers')
      .where('enrollment_id', '=', enrollmentId)
      .where('question_id', 'in', questionIds)
      .execute();
  }
  const rows = [...answers.entries()]
    .filter(([questionId]) => questionIds.includes(questionId))
    .map(([questionId, value]) => ({
      enrollment_id: enrollmentId,
      question_id: questionId,
      value: JSON.stringify(value),
      updated_at: at,
    }));
  if (rows.length > 0) await db.insertInto('profile_answers').values(rows).execute();
}

export async function deleteAnswersTo(
  db: Db,
  enrollmentId: number,
  questionIds: readonly number[],
): Promise<void> {
  if (questionIds.length === 0) return;
  await db
    .deleteFrom('profile_answers')
    .where('enrollment_id', '=', enrollmentId)
    .where('question_id', 'in', questionIds)
    .execute();
}

export async function isNominated(db: Db, cohortId: number, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('nominations')
    .select('user_id')
    .where('cohort_id', '=', cohortId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
