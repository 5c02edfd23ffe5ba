#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type Db, openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { matchCommand } from './cli/match-command';
import { solveCommand } from './cli/solve-command';
import { type Config, ConfigError, loadConfig, loadDatabaseConfig, loadDotEnv } from './config';
import { createDispatcher } from './jobs/create-dispatcher';
import { jobs, runDue } from './jobs/run-due';
import { type AppLogger, createLogger } from './logger';
import { messagesDue } from './services/outbox';

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const USAGE = `Usage: mentor-bot <command>

Commands:
  migrate                      bring the database schema up to date
  jobs run --now <ISO-8601>    run everything due at that instant once, send the messages due
                               then (needs SLACK_BOT_TOKEN), and exit
                               (catch up after downtime, or travel in time in tests)
  match --roster <file.csv> --out <proposal.csv> [--track high-potential|reverse|group]
        [--group-size N] [--seed N] [--date YYYY-MM-DD]
                               propose matches for a roster (columns: id,name,role,department,
                               level,manager_id,timezone,languages,skills_offered,skills_wanted,
                               goals; lists separated by ;) and write pairs with their reasons
  solve --in <instance.json> --out <result.json>
                               the optimal assignment of an explicit instance
                               {"mentees":N,"mentors":[{"capacity":c}],"edges":[[i,j,score]]}
  --help                       show this help

The database comes from DATABASE_URL (default sqlite:db/mentor-bot.sqlite); .env is read if present.`;

/** 0 success, 1 the work failed, 2 the command line was wrong. */
export type ExitCode = 0 | 1 | 2;

const instant = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO-8601 instant with a time zone, e.g. 2026-11-23T09:00:00Z',
  })
  .transform((value) => new Date(value));

async function migrate(io: CliIo): Promise<ExitCode> {
  const config = loadDatabaseConfig(io.env);
  const db = openDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(db);
    io.out(
      applied.length === 0
        ? 'Database is up to date.'
        : `Applied ${applied.length} migration(s): ${applied.join(', ')}`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}

async function runJobs(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({ args, options: { now: { type: 'string' } }, strict: true });
  if (values.now === undefined) {
    io.err('jobs run needs --now <ISO-8601>, e.g. --now 2026-11-23T09:00:00Z');
    return 2;
  }
  const now = instant.safeParse(values.now);
  if (!now.success) {
    io.err(`--now ${z.prettifyError(now.error).replace(/^✖ /, '')}`);
    return 2;
  }
  const config = loadDatabaseConfig(io.env);
  const logger = createLogger({ level: config.logLevel, sink: io.err });
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    const report = await runDue({ db, logger }, now.data, jobs);
    io.out(`Ran due work at ${report.now}:`);
    for (const outcome of report.outcomes)
      io.out(`  ${outcome.ok ? 'ok    ' : 'FAILED'} ${outcome.job}: ${outcome.summary}`);
    const jobsOk = report.outcomes.every((o) => o.ok);
    const sent = await sendDue(db, logger, now.data, io);
    if (sent === 'no_credentials') return 2;
    return jobsOk && sent === 'ok' ? 0 : 1;
  } finally {
    await db.destroy();
  }
}

/**
 * Sends the outbox rows due at `now`. Slack credentials are needed only when something is due,
 * so housekeeping runs without them.
 */
async function sendDue(db: Db, logger: AppLogger, now: Date, io: CliIo): Promise<'ok' | 'no_credentials'> {
  const due = await messagesDue(db, now);
  if (due === 0) {
    io.out('No messages are due.');
    return 'ok';
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`${due} message(s) are due but cannot be sent: Slack credentials are missing or invalid.`);
    io.err(error.message);
    return 'no_credentials';
  }
  // Test seam for the crash test: die right after Slack accepted the Nth message.
  const crashAfter = Number(io.env.MENTOR_BOT_TEST_CRASH_AFTER_SEND ?? 0);
  let accepted = 0;
  const dispatcher = createDispatcher({
    db,
    logger,
    clock: () => now,
    botToken: config.slack.botToken,
    apiUrl: config.slack.apiUrl,
    workerId: `cli-${process.pid}`,
    ...(crashAfter > 0
      ? {
          afterSlackAccepted: () => {
            accepted += 1;
            if (accepted >= crashAfter) process.kill(process.pid, 'SIGKILL');
          },
        }
      : {}),
  });
  const r = await dispatcher.drain();
  io.out(
    `Sent ${r.sent} message(s)${r.recovered > 0 ? `, found ${r.recovered} already in Slack after a crash` : ''}; ${r.failed} failed, ${r.retrying} will be retried later, ${r.rateLimited} waited for Slack's rate limit.`,
  );
  // Undeliverable messages are recorded for the admin report; they do not fail the run.
  return 'ok';
}

// Checked by code, not class: Node's own TypeError may come from another realm (as under jest).
function isParseArgsError(error: unknown): error is { message: string } {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS') && typeof message === 'string';
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, sub, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'migrate' && sub === undefined) return await migrate(io);
    if (command === 'match') return await matchCommand(argv.slice(1), io);
    if (command === 'solve') return await solveCommand(argv.slice(1), io);
    if (command === 'jobs' && sub === 'run') return await runJobs(rest, io);
    io.err(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    if (isParseArgsError(error)) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`mentor-bot: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/**
 * A line writer that goes quiet once the reader has gone (`mentor-bot … | head` closes the pipe):
 * the run still finishes its work and exits with its own code, without a stack trace.
 */
function lineWriter(stream: NodeJS.WriteStream): (line: string) => void {
  let open = true;
  stream.on('error', () => {
    open = false;
  });
  return (line) => {
    if (open) stream.write(`${line}\n`);
  };
}

if (require.main === module) {
  loadDotEnv();
  void runCli(process.argv.slice(2), {
    env: process.env,
    out: lineWriter(process.stdout),
    err: lineWriter(process.stderr),
  }).then((code) => {
    process.exitCode = code;
  });
}
