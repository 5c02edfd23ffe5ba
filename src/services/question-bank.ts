import type { Db } from '../../db/connection';
import type { Cohort } from '../domain/cohorts';
import {
  type DraftProblem,
  moveInOrder,
  pruneAnswer,
  type QuestionDraft,
  removedOptions,
  reportableCount,
  specFromDraft,
  validateQuestionDraft,
} from '../domain/question-bank';
import type { Question } from '../domain/questions';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortById, findCohortBySlug } from '../repositories/cohorts';
import {
  answersToQuestions,
  countAnswersByQuestion,
  deleteAnswer,
  setAnswerValue,
} from '../repositories/profile-answers';
import {
  deleteQuestion,
  insertQuestions,
  listQuestions,
  setQuestionPositions,
  updateQuestion,
} from '../repositories/questions';
import { writeTransaction } from '../repositories/transactions';
import { toCohort } from './cohorts';
import type { ServiceDeps } from './deps';

export interface BankQuestion {
  readonly question: Question;
  /** People who answered it. */
  readonly answers: number;
}

export interface QuestionBank {
  readonly cohort: Cohort;
  readonly questions: readonly BankQuestion[];
}

/** An option an edit removed, and how many answers lost it (small sensitive groups suppressed). */
export interface LostOption {
  readonly label: string;
  readonly answers: string;
}

/** What a change did, for the notice in the list modal and the admin's DM. */
export type BankChange =
  | { readonly kind: 'added'; readonly label: string }
  | {
      readonly kind: 'saved';
      readonly label: string;
      readonly lostOptions: readonly LostOption[];
      /** Answers that lost every value they had, and so were deleted. */
      readonly emptiedAnswers: string;
    }
  | { readonly kind: 'moved'; readonly label: string; readonly direction: 'up' | 'down' }
  | { readonly kind: 'removed'; readonly label: string; readonly answers: number };

export type SaveOutcome =
  { ok: true; bank: QuestionBank; change: BankChange } | { ok: false; problems: DraftProblem[] };
export type BankOutcome =
  { ok: true; bank: QuestionBank; change: BankChange } | { ok: false; reason: string };
export type QuestionLookup =
  { ok: true; bank: QuestionBank; question: BankQuestion | undefined } | { ok: false; reason: string };

const GONE = 'That question is no longer in the bank; it may have been removed meanwhile.';
const NO_COHORT = 'That cohort no longer exists.';
const LOCKED = 'This cohort is completed: its questions stay as they were, so its history still reads right.';

async function bankOf(db: Db, cohort: Cohort): Promise<QuestionBank> {
  const questions = await listQuestions(db, cohort.id);
  const counts = await countAnswersByQuestion(
    db,
    questions.map((q) => q.id),
  );
  return {
    cohort,
    questions: questions.map((question) => ({ question, answers: counts.get(question.id) ?? 0 })),
  };
}

export async function loadBankBySlug(db: Db, slug: string): Promise<QuestionBank | undefined> {
  const row = await findCohortBySlug(db, slug);
  return row === undefined ? undefined : bankOf(db, toCohort(row));
}

export async function loadBank(db: Db, cohortId: number): Promise<QuestionBank | undefined> {
  const row = await findCohortById(db, cohortId);
  return row === undefined ? undefined : bankOf(db, toCohort(row));
}

/** The bank and, for an edit or a removal, the question, if the bank may still change. */
export async function questionToChange(
  db: Db,
  cohortId: number,
  questionId: number | null,
): Promise<QuestionLookup> {
  const bank = await loadBank(db, cohortId);
  if (bank === undefined) return { ok: false, reason: NO_COHORT };
  if (bank.cohort.state === 'completed') return { ok: false, reason: LOCKED };
  if (questionId === null) return { ok: true, bank, question: undefined };
  const question = bank.questions.find((q) => q.question.id === questionId);
  return question === undefined ? { ok: false, reason: GONE } : { ok: true, bank, question };
}

/**
 * Adds a question or saves an edited one. Answers already given stay consistent: options that
 * were removed are taken out of every answer (an answer left empty is deleted), and the admin is
 * told how many answers lost which option.
 */
export async function saveQuestion(
  deps: ServiceDeps,
  actorId: string,
  input: { cohortId: number; questionId: number | null; draft: QuestionDraft },
): Promise<SaveOutcome> {
  const at = deps.clock().toISOString();
  return writeTransaction(deps.db, async (trx) => {
    const found = await questionToChange(trx, input.cohortId, input.questionId);
    if (!found.ok) return { ok: false, problems: [{ field: 'label', message: found.reason }] };
    const { bank, question } = found;
    const current = question?.question;
    const problems = validateQuestionDraft(input.draft, {
      current,
      answers: question?.answers ?? 0,
      bankSize: bank.questions.length,
    });
    if (problems.length > 0) return { ok: false, problems };
    const spec = specFromDraft(input.draft, current, new Set(bank.questions.map((q) => q.question.key)));
    const audit = {
      actorUserId: actorId,
      target: `${bank.cohort.slug}:${spec.key}`,
      outcome: 'ok',
      at,
    } as const;

    if (current === undefined) {
      await insertQuestions(trx, bank.cohort.id, [spec], at, bank.questions.length);
      await insertAuditEntry(trx, { ...audit, action: 'question.add', details: { kind: spec.kind } });
      return { ok: true, bank: await bankOf(trx, bank.cohort), change: { kind: 'added', label: spec.label } };
    }

    const removed = removedOptions(current, spec);
    const removedValues = new Set(removed.map((o) => o.value));
    const lost = new Map(removed.map((o) => [o.value, 0]));
    let emptied = 0;
    if (removed.length > 0) {
      for (const answer of await answersToQuestions(trx, [current.id])) {
        const values = typeof answer.value === 'string' ? [answer.value] : answer.value;
        if (!values.some((v) => removedValues.has(v))) continue;
        for (const v of values) if (lost.has(v)) lost.set(v, (lost.get(v) ?? 0) + 1);
        const pruned = pruneAnswer(answer.value, removedValues);
        if (pruned === undefined) {
          await deleteAnswer(trx, answer.enrollmentId, current.id);
          emptied += 1;
        } else {
          await setAnswerValue(trx, { ...answer, value: pruned }, at);
        }
      }
    }
    await updateQuestion(trx, current.id, spec, at);
    const changed = [...lost.values()].reduce((n, c) => n + c, 0);
    await insertAuditEntry(trx, {
      ...audit,
      action: 'question.edit',
      details: {
        removedOptions: removed.length,
        answersChanged: reportableCount(changed, spec.sensitive),
        answersDeleted: reportableCount(emptied, spec.sensitive),
      },
    });
    return {
      ok: true,
      bank: await bankOf(trx, bank.cohort),
      change: {
        kind: 'saved',
        label: spec.label,
        lostOptions: removed.map((o) => ({
          label: o.label,
          answers: reportableCount(lost.get(o.value) ?? 0, spec.sensitive),
        })),
        emptiedAnswers: reportableCount(emptied, spec.sensitive),
      },
    };
  });
}

export async function moveQuestion(
  deps: ServiceDeps,
  actorId: string,
  input: { cohortId: number; questionId: number; direction: 'up' | 'down' },
): Promise<BankOutcome> {
  const at = deps.clock().toISOString();
  return writeTransaction(deps.db, async (trx) => {
    const found = await questionToChange(trx, input.cohortId, input.questionId);
    if (!found.ok) return found;
    const { bank, question } = found;
    const label = question?.question.label ?? '';
    const order = moveInOrder(
      bank.questions.map((q) => q.question.id),
      input.questionId,
      input.direction,
    );
    if (order === undefined) {
      return { ok: false, reason: `"${label}" is already ${input.direction === 'up' ? 'first' : 'last'}.` };
    }
    await setQuestionPositions(trx, order, at);
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: 'question.move',
      target: `${bank.cohort.slug}:${question?.question.key ?? ''}`,
      outcome: 'ok',
      details: { direction: input.direction },
      at,
    });
    return {
      ok: true,
      bank: await bankOf(trx, bank.cohort),
      change: { kind: 'moved', label, direction: input.direction },
    };
  });
}

/** Removes a question with every answer to it, after the admin confirmed knowing how many. */
export async function removeQuestion(
  deps: ServiceDeps,
  actorId: string,
  input: { cohortId: number; questionId: number },
): Promise<BankOutcome> {
  const at = deps.clock().toISOString();
  return writeTransaction(deps.db, async (trx) => {
    const found = await questionToChange(trx, input.cohortId, input.questionId);
    if (!found.ok) return found;
    const { bank, question } = found;
    if (question === undefined) return { ok: false, reason: GONE };
    // Answers go with the question through the foreign key's cascade.
    await deleteQuestion(trx, question.question.id);
    await setQuestionPositions(
      trx,
      bank.questions.filter((q) => q !== question).map((q) => q.question.id),
      at,
    );
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: 'question.remove',
      target: `${bank.cohort.slug}:${question.question.key}`,
      outcome: 'ok',
      details: { answersDeleted: question.answers },
      at,
    });
    return {
      ok: true,
      bank: await bankOf(trx, bank.cohort),
      change: { kind: 'removed', label: question.question.label, answers: question.answers },
    };
  });
}
