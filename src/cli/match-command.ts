import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { CliIo, ExitCode } from '../cli';
import { MatchingInputError, type Proposal, proposeMatches } from '../domain/matching';
import { parseRoster } from './roster';

/** `mentor-bot match`: a roster CSV in, a proposal CSV out, for an admin to review. */

const wholeNumber = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().max(max, `${name} must be at most ${max}`));

const optionsSchema = z
  .object({
    roster: z.string({ error: 'needs --roster <file.csv>' }).min(1, 'needs --roster <file.csv>'),
    out: z.string({ error: 'needs --out <proposal.csv>' }).min(1, 'needs --out <proposal.csv>'),
    track: z
      .enum(['high-potential', 'reverse', 'group'], {
        error: '--track must be high-potential, reverse or group',
      })
      .default('high-potential'),
    'group-size': wholeNumber('--group-size', 1000)
      .pipe(z.number().min(1, '--group-size must be at least 1'))
      .optional(),
    seed: wholeNumber('--seed', 0xffffffff).default(0),
    date: z.iso.date({ error: '--date must be a date as YYYY-MM-DD' }).optional(),
  })
  .superRefine((options, context) => {
    if (options['group-size'] !== undefined && options.track !== 'group')
      context.addIssue({
        code: 'custom',
        message: '--group-size applies only with --track group (1:1 mentors take one mentee)',
      });
    if (resolve(options.roster) === resolve(options.out))
      context.addIssue({ code: 'custom', message: '--out must not be the roster itself' });
  });

function readable(error: z.ZodError): string[] {
  return error.issues.map((issue) => issue.message);
}

/** Header, one row per pair, then one `,<mentee>,,unmatched: …` row per unmatched mentee. */
export function proposalCsv(proposal: Proposal): string {
  const rows: string[][] = [['mentor_id', 'mentee_id', 'score', 'reasons']];
  for (const pair of proposal.pairs) {
    rows.push([pair.mentorId, pair.menteeId, String(pair.score), pair.reasons.map((r) => r.text).join('; ')]);
  }
  for (const entry of proposal.unmatched) rows.push(['', entry.menteeId, '', `unmatched: ${entry.reason}`]);
  return stringify(rows, { record_delimiter: '\n' });
}

export async function matchCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      roster: { type: 'string' },
      out: { type: 'string' },
      track: { type: 'string' },
      'group-size': { type: 'string' },
      seed: { type: 'string' },
      date: { type: 'string' },
    },
    strict: true,
  });
  const options = optionsSchema.safeParse(values);
  if (!options.success) {
    for (const message of readable(options.error)) io.err(`match: ${message}`);
    return 2;
  }
  const { roster, out, track, seed } = options.data;
  let content: Buffer;
  try {
    content = readFileSync(roster);
  } catch (error) {
    io.err(`match: cannot read ${roster}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 2;
  }
  const parsed = parseRoster(content);
  if (!parsed.ok) {
    io.err(`match: ${roster} has ${parsed.problems.length} problem(s); nothing was written:`);
    for (const problem of parsed.problems) io.err(`  ${roster}:${problem.line}: ${problem.message}`);
    return 2;
  }
  let proposal: Proposal;
  try {
    proposal = proposeMatches({
      participants: parsed.participants,
      rules: {
        track,
        groupSize: options.data['group-size'],
        // The CLI is the edge where "today" may be read; the engine itself takes the date.
        referenceDate: options.data.date ?? new Date().toISOString().slice(0, 10),
      },
      seed,
    });
  } catch (error) {
    if (!(error instanceof MatchingInputError)) throw error;
    io.err(`match: the roster cannot be matched as given:`);
    for (const problem of error.problems) io.err(`  ${problem}`);
    return 2;
  }
  try {
    writeFileSync(out, proposalCsv(proposal));
  } catch (error) {
    io.err(`match: cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 2;
  }
  const { stats } = proposal;
  io.out(
    `Matched ${stats.matched} of ${stats.mentees} mentees (mean score ${stats.meanScore.toFixed(1)}, ` +
      `${stats.certified ? 'certified optimal' : 'NOT certified optimal'}); ${proposal.unmatched.length} unmatched; seed ${seed}.`,
  );
  for (const warning of proposal.warnings) io.out(`warning: ${warning}`);
  for (const suggestion of proposal.suggestions) io.out(`suggestion: ${suggestion.text}`);
  io.out(`Wrote ${out}.`);
  return 0;
}
