import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';
import type { Question, QuestionOption, QuestionSpec } from '../domain/questions';

const optionsJson = z.array(z.object({ value: z.string(), label: z.string() }));

type QuestionRow = {
  id: number;
  key: string;
  kind: Question['kind'];
  label: string;
  help_text: string | null;
  options: string;
  required: number;
  sensitive: number;
  matching_use: Question['matchingUse'];
  weight: Question['weight'];
  max_selections: number | null;
  audience: Question['audience'];
};

function toQuestion(row: QuestionRow): Question {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    label: row.label,
    helpText: row.help_text,
    options: optionsJson.parse(JSON.parse(row.options)),
    required: row.required === 1,
    sensitive: row.sensitive === 1,
    matchingUse: row.matching_use,
    weight: row.weight,
    maxSelections: row.max_selections,
    audience: row.audience,
  };
}

function toColumns(spec: QuestionSpec) {
  return {
    key: spec.key,
    kind: spec.kind,
    label: spec.label,
    help_text: spec.helpText,
    options: JSON.stringify(spec.options satisfies readonly QuestionOption[]),
    required: spec.required ? 1 : 0,
    sensitive: spec.sensitive ? 1 : 0,
    matching_use: spec.matchingUse,
    weight: spec.weight,
    max_selections: spec.maxSelections,
    audience: spec.audience,
  };
}

const COLUMNS = [
  'id',
  'key',
  'kind',
  'label',
  'help_text',
  'options',
  'required',
  'sensitive',
  'matching_use',
  'weight',
  'max_selections',
  'audience',
] as const;

export async function listQuestions(db: Db, cohortId: number): Promise<Question[]> {
  const rows = await db
    .selectFrom('profile_questions')
    .select(COLUMNS)
    .where('cohort_id', '=', cohortId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toQuestion);
}

export async function insertQuestions(
  db: Db,
  cohortId: number,
  specs: readonly QuestionSpec[],
  at: Instant,
  firstPosition = 0,
): Promise<void> {
  if (specs.length === 0) return;
  await db
    .insertInto('profile_questions')
    .values(
      specs.map((spec, i) => ({
        ...toColumns(spec),
        cohort_id: cohortId,
        position: firstPosition + i,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

export async function updateQuestion(db: Db, id: number, spec: QuestionSpec, at: Instant): Promise<void> {
  await db
    .updateTable('profile_questions')
    .set({ ...toColumns(spec), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteQuestion(db: Db, id: number): Promise<void> {
  await db.deleteFrom('profile_questions').where('id', '=', id).execute();
}

export async function setQuestionPositions(
  db: Db,
  orderedIds: readonly number[],
  at: Instant,
): Promise<void> {
  for (const [position, id] of orderedIds.entries()) {
    await db
      .updateTable('profile_questions')
      .set({ position, updated_at: at })
      .where('id', '=', id)
      .execute();
  }
}
