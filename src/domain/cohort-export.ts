import type { Role } from './cohorts';
import type { AnswerValue, Question } from './questions';

/**
 * The rows of a cohort export: one per enrollment, with non-sensitive answers, partners and
 * check-ins. Pure; the caller turns rows into CSV.
 */

export interface ExportMember {
  readonly enrollmentId: number;
  readonly userId: string;
  readonly name: string | null;
  readonly role: Role;
  readonly state: string;
  readonly enrolledAt: string;
}

export interface ExportInput {
  readonly questions: readonly Question[];
  readonly members: readonly ExportMember[];
  readonly answers: readonly { enrollmentId: number; questionId: number; value: AnswerValue }[];
  readonly pairings: readonly { members: readonly { userId: string }[]; checkIns: number }[];
  /** Display names by user id, for partners and person answers. */
  readonly names: ReadonlyMap<string, string>;
}

export const MULTI_SEPARATOR = '; ';

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula, so
 * free text from Slack could compute or fetch things on an admin's machine. A leading apostrophe
 * makes it text again (OWASP's advice for CSV injection).
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function answerCell(
  question: Question,
  value: AnswerValue | undefined,
  names: ReadonlyMap<string, string>,
): string {
  if (value === undefined) return '';
  const values = typeof value === 'string' ? [value] : value;
  switch (question.kind) {
    case 'free_text':
      return values.join(MULTI_SEPARATOR);
    case 'user_select':
      return values.map((id) => (names.has(id) ? `${names.get(id)} (${id})` : id)).join(MULTI_SEPARATOR);
    default:
      return values.map((v) => question.options.find((o) => o.value === v)?.label ?? v).join(MULTI_SEPARATOR);
  }
}

export function exportRows(input: ExportInput): string[][] {
  // Self-identification never leaves the app with a name attached, whatever the caller passed.
  const questions = input.questions.filter((q) => !q.sensitive);
  const labels = questions.map((q) => q.label);
  const header = [
    'User ID',
    'Name',
    'Role',
    'State',
    'Enrolled at',
    ...questions.map((q, i) => (labels.indexOf(q.label) === i ? q.label : `${q.label} (${q.key})`)),
    'Partner IDs',
    'Partner names',
    'Check-ins',
  ];
  const answers = new Map(input.answers.map((a) => [`${a.enrollmentId}:${a.questionId}`, a.value]));
  const rows = input.members.map((m) => {
    const mine = input.pairings.filter((p) => p.members.some((pm) => pm.userId === m.userId));
    const partners = [...new Set(mine.flatMap((p) => p.members.map((pm) => pm.userId)))].filter(
      (id) => id !== m.userId,
    );
    return [
      m.userId,
      m.name ?? '',
      m.role,
      m.state,
      m.enrolledAt,
      ...questions.map((q) => answerCell(q, answers.get(`${m.enrollmentId}:${q.id}`), input.names)),
      partners.join(MULTI_SEPARATOR),
      partners.map((id) => input.names.get(id) ?? '').join(MULTI_SEPARATOR),
      String(mine.reduce((n, p) => n + p.checkIns, 0)),
    ];
  });
  return [header, ...rows].map((row) => row.map(spreadsheetSafe));
}
