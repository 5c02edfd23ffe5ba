import { stringify } from 'csv-stringify/sync';
import { exportRows } from '../domain/cohort-export';
import type { Cohort } from '../domain/cohorts';
import { isoDate } from '../domain/dates';
import { insertAuditEntry } from '../repositories/audit';
import { cohortMembers, cohortPairings } from '../repositories/cohort-people';
import { findCohortBySlug } from '../repositories/cohorts';
import { answersToQuestions } from '../repositories/profile-answers';
import { listQuestions } from '../repositories/questions';
import { displayNames } from '../repositories/users';
import { toCohort } from './cohorts';
import type { ServiceDeps } from './deps';

export type ExportOutcome =
  { ok: true; cohort: Cohort; filename: string; csv: string; people: number } | { ok: false; reason: string };

/**
 * A cohort as CSV (RFC 4180: CRLF, fields quoted when needed; UTF-8 with a byte-order mark so
 * spreadsheets read names right). Sensitive questions are not even read: their answers cannot
 * end up in a file. Exporting is audited.
 */
export async function cohortExport(deps: ServiceDeps, actorId: string, slug: string): Promise<ExportOutcome> {
  const { db } = deps;
  const row = await findCohortBySlug(db, slug);
  if (row === undefined) return { ok: false, reason: `There is no cohort called \`${slug}\`.` };
  const cohort = toCohort(row);
  const questions = (await listQuestions(db, cohort.id)).filter((q) => !q.sensitive);
  const [members, pairings, answers] = await Promise.all([
    cohortMembers(db, cohort.id),
    cohortPairings(db, cohort.id),
    answersToQuestions(
      db,
      questions.map((q) => q.id),
    ),
  ]);
  const personAnswers = answers.flatMap((a) =>
    questions.some((q) => q.id === a.questionId && q.kind === 'user_select') ? [a.value].flat() : [],
  );
  const others = [...pairings.flatMap((p) => p.members.map((m) => m.userId)), ...personAnswers];
  const names = await displayNames(db, [...new Set(others)]);
  const rows = exportRows({ questions, members: [...members].reverse(), answers, pairings, names });
  const csv = stringify(rows, { bom: true, record_delimiter: 'windows' });
  const at = deps.clock();
  await insertAuditEntry(db, {
    actorUserId: actorId,
    action: 'cohort.export',
    target: slug,
    outcome: 'ok',
    details: { people: members.length, questions: questions.length },
    at: at.toISOString(),
  });
  return { ok: true, cohort, filename: `${slug}-${isoDate(at)}.csv`, csv, people: members.length };
}
