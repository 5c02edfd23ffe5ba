import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { CliIo, ExitCode } from '../cli';
import { instanceProblems, solveAssignment } from '../domain/matching';

/**
 * `mentor-bot solve`: the bare solver on an explicit instance, so its answers can be checked
 * against any other solver. Pairs not listed are forbidden.
 */

const optionsSchema = z.object({
  in: z.string({ error: 'needs --in <instance.json>' }).min(1, 'needs --in <instance.json>'),
  out: z.string({ error: 'needs --out <result.json>' }).min(1, 'needs --out <result.json>'),
});

const index = z.number().int('must be a whole number').min(0, 'must be ≥ 0');

/**
 * Far beyond any organisation, and within what one process parses and solves in memory: a
 * larger file is refused up front rather than failing half-way with an out-of-memory crash.
 */
export const SOLVE_LIMITS = { fileBytes: 256 * 2 ** 20, people: 1_000_000, edges: 10_000_000 } as const;

const count = (what: string) =>
  `at most ${SOLVE_LIMITS.people.toLocaleString('en-US')} ${what} in one instance`;

const instanceSchema = z.object({
  mentees: index.max(SOLVE_LIMITS.people, count('mentees')),
  mentors: z.array(z.object({ capacity: index })).max(SOLVE_LIMITS.people, count('mentors')),
  edges: z
    .array(z.tuple([index, index, z.number().min(0, 'must be ≥ 0')]))
    .max(SOLVE_LIMITS.edges, `at most ${SOLVE_LIMITS.edges.toLocaleString('en-US')} edges in one instance`),
  seed: index.max(0xffffffff, 'must be at most 4294967295').optional(),
});

function where(path: readonly PropertyKey[]): string {
  return path
    .map((part, k) => (typeof part === 'number' ? `[${part}]` : `${k === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

export async function solveCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: { in: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const options = optionsSchema.safeParse(values);
  if (!options.success) {
    for (const issue of options.error.issues) io.err(`solve: ${issue.message}`);
    return 2;
  }
  let json: unknown;
  try {
    const { size } = statSync(options.data.in);
    if (size > SOLVE_LIMITS.fileBytes) {
      io.err(
        `solve: ${options.data.in} is ${mebibytes(size)}; instances are limited to ${mebibytes(SOLVE_LIMITS.fileBytes)}`,
      );
      return 2;
    }
    json = JSON.parse(readFileSync(options.data.in, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    io.err(`solve: cannot read ${options.data.in} as JSON: ${reason}`);
    return 2;
  }
  const parsed = instanceSchema.safeParse(json);
  if (!parsed.success) {
    io.err(`solve: ${options.data.in} is not a valid instance:`);
    for (const issue of parsed.error.issues.slice(0, 20))
      io.err(`  ${where(issue.path) || 'instance'}: ${issue.message}`);
    return 2;
  }
  const problems = instanceProblems(parsed.data);
  if (problems.length > 0) {
    io.err(`solve: ${options.data.in} is not a valid instance:`);
    for (const problem of problems) io.err(`  ${problem}`);
    return 2;
  }
  const result = solveAssignment(parsed.data, {
    candidatesPerMentee: 16,
    reserve: 48,
    candidatesPerMentor: 8,
  });
  try {
    writeFileSync(
      options.data.out,
      `${JSON.stringify({ matched: result.matched, total: result.total, pairs: result.pairs })}\n`,
    );
  } catch (error) {
    io.err(
      `solve: cannot write ${options.data.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return 2;
  }
  io.out(
    `Matched ${result.matched} of ${parsed.data.mentees} mentees, total score ${result.total} ` +
      `(${certification(result)}). Wrote ${options.data.out}.`,
  );
  return result.certified ? 0 : 1;
}

function certification(result: { readonly certified: boolean; readonly gap: number }): string {
  if (!result.certified) return 'NOT certified optimal';
  if (result.gap === 0) return 'certified optimal';
  return `certified optimal to within ${result.gap.toPrecision(3)}: the scores are too large or too finely divided for exact arithmetic`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MiB`;
}
