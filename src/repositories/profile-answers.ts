import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';
import type { AnswerValue } from '../domain/questions';

/** Stored answers seen per question (the enrollment side reads them per person instead). */

const answerJson = z.union([z.string(), z.array(z.string())]);

export interface StoredAnswer {
  readonly enrollmentId: number;
  readonly questionId: number;
  readonly value: AnswerValue;
}

/** How many people answered each question; questions nobody answered are absent. */
export async function countAnswersByQuestion(
  db: Db,
  questionIds: readonly number[],
): Promise<Map<number, number>> {
  if (questionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('profile_answers')
    .select(['question_id', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .where('question_id', 'in', questionIds)
    .groupBy('question_id')
    .execute();
  return new Map(rows.map((r) => [r.question_id, Number(r.n)]));
}

/** Every answer to the given questions. Callers pass only the questions they may read. */
export async function answersToQuestions(db: Db, questionIds: readonly number[]): Promise<StoredAnswer[]> {
  if (questionIds.length === 0) return [];
  const rows = await db
    .selectFrom('profile_answers')
    .select(['enrollment_id', 'question_id', 'value'])
    .where('question_id', 'in', questionIds)
    .orderBy('enrollment_id')
    .execute();
  return rows.map((r) => ({
    enrollmentId: r.enrollment_id,
    questionId: r.question_id,
    value: answerJson.parse(JSON.parse(r.value)),
  }));
}

export async function setAnswerValue(
  db: Db,
  answer: { enrollmentId: number; questionId: number; value: AnswerValue },
  at: Instant,
): Promise<void> {
  await db
    .updateTable('profile_answers')
    .set({ value: JSON.stringify(answer.value), updated_at: at })
    .where('enrollment_id', '=', answer.enrollmentId)
    .where('question_id', '=', answer.questionId)
    .execute();
}

export async function deleteAnswer(db: Db, enrollmentId: number, questionId: number): Promise<void> {
  await db
    .deleteFrom('profile_answers')
    .where('enrollment_id', '=', enrollmentId)
    .where('question_id', '=', questionId)
    .execute();
}
