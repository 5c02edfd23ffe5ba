import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { MAX_LEVEL, type Participant } from '../domain/matching';
import { isTimeZone } from '../domain/matching/time-zones';

/**
 * The roster CSV an operator exports from HR: a header row, then one person per row. Every
 * problem in the file is reported with its line number, so a whole file can be fixed in one go.
 */

export const ROSTER_COLUMNS = [
  'id',
  'name',
  'role',
  'department',
  'level',
  'manager_id',
  'timezone',
  'languages',
  'skills_offered',
  'skills_wanted',
  'goals',
] as const;

type Column = (typeof ROSTER_COLUMNS)[number];

export interface RosterProblem {
  readonly line: number;
  readonly message: string;
}

export type RosterResult =
  | { readonly ok: true; readonly participants: Participant[] }
  | { readonly ok: false; readonly problems: RosterProblem[] };

/** `a; b ;;c` → ['a', 'b', 'c']. */
const list = z.string().transform((value) =>
  value
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

const rowSchema = z.object({
  id: z.string().trim().min(1, 'id must not be empty'),
  name: z.string().trim().min(1, 'name must not be empty'),
  role: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['mentor', 'mentee'], { error: 'role must be mentor or mentee' })),
  department: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value)),
  // Empty means unknown: the person is matched without a seniority check and the admin is told.
  level: z
    .string()
    .trim()
    .regex(/^(-?\d+)?$/, 'level must be a whole number (higher is more senior), or empty if unknown')
    .transform((value) => (value === '' ? null : Number(value)))
    .refine((value) => value === null || Math.abs(value) <= MAX_LEVEL, {
      error: `level must be between -${MAX_LEVEL} and ${MAX_LEVEL}`,
    }),
  manager_id: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value)),
  timezone: z
    .string()
    .trim()
    .refine(isTimeZone, {
      error: (issue) => `timezone "${String(issue.input)}" is not an IANA zone such as Europe/Berlin`,
    }),
  languages: list.refine((items) => items.length > 0, 'languages must list at least one language'),
  skills_offered: list,
  skills_wanted: list,
  goals: list,
});

interface CsvInfo {
  readonly bytes: number;
}

/** 1-based line on which the record that ends at byte `end` starts, skipping blank lines. */
function startLine(buffer: Buffer, from: number, lineAt: (offset: number) => number): number {
  let at = from;
  while (at < buffer.length && (buffer[at] === 0x0a || buffer[at] === 0x0d)) at++;
  return lineAt(at);
}

function lineCounter(buffer: Buffer): (offset: number) => number {
  const starts = [0];
  buffer.forEach((byte, k) => {
    if (byte === 0x0a) starts.push(k + 1);
  });
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

const MAX_ENCODING_PROBLEMS = 10;

/**
 * Lines that are not UTF-8 (typically a spreadsheet's Windows-1252 export). Reported before
 * parsing, because a name silently decoded to U+FFFD would reach people's introductions.
 */
function encodingProblems(content: Buffer): RosterProblem[] {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(content);
    return [];
  } catch {
    // Find the lines; this only runs on a file that is already wrong.
  }
  const bad: number[] = [];
  let start = 0;
  let line = 1;
  while (start <= content.length) {
    let end = content.indexOf(0x0a, start);
    if (end === -1) end = content.length;
    try {
      decoder.decode(content.subarray(start, end));
    } catch {
      bad.push(line);
    }
    start = end + 1;
    line += 1;
  }
  const problems = bad
    .slice(0, MAX_ENCODING_PROBLEMS)
    .map((at) => ({ line: at, message: 'not valid UTF-8; export the file as CSV UTF-8' }));
  if (bad.length > MAX_ENCODING_PROBLEMS)
    problems.push({
      line: bad[MAX_ENCODING_PROBLEMS] as number,
      message: `… and ${bad.length - MAX_ENCODING_PROBLEMS} more lines that are not valid UTF-8`,
    });
  return problems;
}

export function parseRoster(content: Buffer): RosterResult {
  const encoding = encodingProblems(content);
  if (encoding.length > 0) return { ok: false, problems: encoding };
  const problems: RosterProblem[] = [];
  const records = parse(content, {
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: { lines?: number; message: string } | undefined) => {
      if (error) problems.push({ line: error.lines ?? 0, message: `unreadable CSV: ${error.message}` });
    },
    // csv-parse's typings do not narrow on `info: true`; this is the documented record shape.
  }) as unknown as { record: string[]; info: CsvInfo }[];
  const lineAt = lineCounter(content);
  let previousEnd = 0;
  const located = records.map(({ record, info }) => {
    const line = startLine(content, previousEnd, lineAt);
    previousEnd = info.bytes;
    return { record, line };
  });

  const [header, ...rows] = located;
  if (header === undefined)
    return { ok: false, problems: [{ line: 1, message: 'the file is empty; expected a header row' }] };
  const names = header.record.map((name) => name.trim().toLowerCase());
  const missing = ROSTER_COLUMNS.filter((column) => !names.includes(column));
  const unknown = names.filter((name) => !(ROSTER_COLUMNS as readonly string[]).includes(name));
  if (missing.length > 0)
    problems.push({ line: header.line, message: `missing column(s): ${missing.join(', ')}` });
  if (unknown.length > 0)
    problems.push({ line: header.line, message: `unknown column(s): ${unknown.join(', ')}` });
  if (new Set(names).size !== names.length)
    problems.push({ line: header.line, message: 'a column is named twice' });
  if (problems.length > 0) return { ok: false, problems: sorted(problems) };

  const participants: Participant[] = [];
  const firstLine = new Map<string, number>();
  for (const { record, line } of rows) {
    if (record.length !== names.length) {
      problems.push({ line, message: `expected ${names.length} fields, found ${record.length}` });
      continue;
    }
    const raw = Object.fromEntries(names.map((name, k) => [name, record[k] ?? ''])) as Record<Column, string>;
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, message: issue.message });
      continue;
    }
    const row = parsed.data;
    const key = `${row.role}:${row.id}`;
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      problems.push({ line, message: `${row.role} id "${row.id}" is already used on line ${seen}` });
      continue;
    }
    firstLine.set(key, line);
    participants.push({
      id: row.id,
      role: row.role,
      name: row.name,
      department: row.department,
      level: row.level,
      managerId: row.manager_id,
      timezone: row.timezone,
      languages: row.languages,
      skillsOffered: row.skills_offered,
      skillsWanted: row.skills_wanted,
      goals: row.goals,
    });
  }
  if (problems.length > 0) return { ok: false, problems: sorted(problems) };
  return { ok: true, participants };
}

function sorted(problems: RosterProblem[]): RosterProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}
