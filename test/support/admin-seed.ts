import type { Db } from '../../db/connection';
import type { CohortState, EnrollmentState, EnrollmentRole as Role, Track } from '../../db/schema';
import { type AnswerValue, defaultQuestionBank } from '../../src/domain/questions';
import { insertQuestions, listQuestions } from '../../src/repositories/questions';
import type { Harness } from './harness';
import { SEED_AT, seedCohort, seedUser } from './seed';

/**
 * Cohorts with their default question bank, and people enrolled with answers, written straight
 * into the database where the enrollment UI is not what a test is about.
 */

export async function seedBankCohort(
  db: Db,
  seed: { slug: string; state: CohortState; track?: Track; channel?: string | null; guidelines?: string },
): Promise<number> {
  const cohortId = await seedCohort(db, {
    slug: seed.slug,
    track: seed.track ?? 'high_potential',
    channel: seed.channel ?? null,
    ...(seed.guidelines === undefined ? {} : { guidelines: seed.guidelines }),
  });
  await db
    .updateTable('cohorts')
    .set({ state: seed.state, enrollment_closes_on: '2026-12-18', updated_at: SEED_AT })
    .where('id', '=', cohortId)
    .execute();
  await insertQuestions(db, cohortId, defaultQuestionBank(seed.track ?? 'high_potential'), SEED_AT);
  return cohortId;
}

export async function seedEnrollment(
  db: Db,
  seed: {
    cohortId: number;
    userId: string;
    role: Role;
    state?: EnrollmentState;
    enrolledAt?: string;
    answers?: Readonly<Record<string, AnswerValue>>;
  },
): Promise<number> {
  await seedUser(db, seed.userId, 'Europe/London');
  const at = seed.enrolledAt ?? SEED_AT;
  const row = await db
    .insertInto('enrollments')
    .values({
      cohort_id: seed.cohortId,
      user_id: seed.userId,
      role: seed.role,
      state: seed.state ?? 'enrolled',
      enrolled_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const questions = await listQuestions(db, seed.cohortId);
  for (const [key, value] of Object.entries(seed.answers ?? {})) {
    const question = questions.find((q) => q.key === key);
    if (question === undefined) throw new Error(`no question ${key}`);
    await db
      .insertInto('profile_answers')
      .values({
        enrollment_id: row.id,
        question_id: question.id,
        value: JSON.stringify(value),
        updated_at: at,
      })
      .execute();
  }
  return row.id;
}

/** The text of an ephemeral reply to a command, blocks included. */
export async function replyTo(h: Harness, userId: string, text: string): Promise<string> {
  const sent = await h.driver.command({ userId, text });
  const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
  return `${String(reply.body.text)}\n${JSON.stringify(reply.body.blocks ?? [])}`;
}

export async function answersOf(db: Db, enrollmentId: number): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('profile_answers')
    .innerJoin('profile_questions', 'profile_questions.id', 'profile_answers.question_id')
    .select(['profile_questions.key', 'profile_answers.value'])
    .where('profile_answers.enrollment_id', '=', enrollmentId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
}

/** The field errors a view submission's ack carried (empty when it carried none). */
export function fieldErrorsOf(response: {
  json: Record<string, unknown> | undefined;
}): Record<string, string> {
  const errors = response.json?.errors;
  return typeof errors === 'object' && errors !== null ? (errors as Record<string, string>) : {};
}
