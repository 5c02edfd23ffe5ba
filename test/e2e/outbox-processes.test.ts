import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { runDue } from '../../src/jobs/run-due';
import { createLogger } from '../../src/logger';
import { SlackEmulator } from '../emulator/slack-emulator';
import { postedKeys } from '../support/outbox';
import { outboxRows, seedCohort, seedPairing, seedUser } from '../support/seed';

// The built CLI (`npm test` builds before jest), run as operators and cron would run it.
const CLI = join(__dirname, '../../dist/src/cli.js');
const logger = createLogger({ level: 'error', sink: () => {} });

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string>): Promise<Exit> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

describe('the outbox across processes sharing one SQLite file', () => {
  let emulator: SlackEmulator;
  let dir: string;
  let db: Db;
  let env: Record<string, string>;

  async function seed(pairs: number): Promise<void> {
    const cohortId = await seedCohort(db, { surveyMidpoint: false, surveyEnd: false });
    for (let i = 0; i < pairs; i++) {
      const mentor = `U0MR${i}`;
      const mentee = `U0ME${i}`;
      for (const id of [mentor, mentee]) {
        emulator.addUser({ id, tz: 'Europe/London' });
        await seedUser(db, id, 'Europe/London');
      }
      await seedPairing(db, { cohortId, mentor, mentees: [mentee], conversationId: `G0PAIR${i}` });
    }
    // Plan the first nudges (a week after pairing, Monday 9 November 10:00 London).
    await runDue({ db, logger }, new Date('2026-11-02T09:00:00.000Z'));
  }

  beforeEach(async () => {
    emulator = await SlackEmulator.start();
    dir = mkdtempSync(join(tmpdir(), 'mentor-bot-outbox-proc-'));
    const file = join(dir, 'shared.sqlite');
    db = openDatabase({ kind: 'sqlite', filename: file });
    await migrateToLatest(db);
    env = {
      DATABASE_URL: `sqlite:${file}`,
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: 'process-secret',
      SLACK_API_URL: emulator.apiUrl,
      LOG_LEVEL: 'error',
    };
  });
  afterEach(async () => {
    await db.destroy();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('when two `jobs run --now` processes race on one database, then every nudge is sent exactly once', async () => {
    await seed(40);
    const now = ['jobs', 'run', '--now', '2026-11-09T10:00:00Z'];
    const [a, b] = await Promise.all([cli(now, env), cli(now, env)]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    const keys = postedKeys(emulator);
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
    expect((await outboxRows(db)).every((r) => r.state === 'sent')).toBe(true);
    // Whoever got there first, the two reports add up to exactly the 40 nudges.
    const sent = (out: string) => Number(/Sent (\d+) message/.exec(out)?.[1] ?? 0);
    expect(sent(a.stdout) + sent(b.stdout)).toBe(40);
  });

  test('when the process is killed -9 after Slack accepted a message but before the database knew, then the restart posts nothing twice', async () => {
    await seed(6);
    const crashed = await cli(['jobs', 'run', '--now', '2026-11-09T10:00:00Z'], {
      ...env,
      MENTOR_BOT_TEST_CRASH_AFTER_SEND: '2',
    });
    expect(crashed.signal).toBe('SIGKILL');
    const before = postedKeys(emulator).length;
    expect(before).toBeGreaterThanOrEqual(2);
    const unsure = (await outboxRows(db)).filter((r) => r.state === 'in_flight' && r.maybe_sent === 1);
    expect(unsure.length).toBeGreaterThanOrEqual(1);

    // Ten minutes later the lease of the dead process has run out.
    const restart = await cli(['jobs', 'run', '--now', '2026-11-09T10:10:00Z'], env);
    expect(restart.code).toBe(0);
    expect(restart.stdout).toMatch(/found \d+ already in Slack after a crash/);
    const keys = postedKeys(emulator);
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(6);
    for (let i = 0; i < 6; i++) expect(emulator.messagesIn(`G0PAIR${i}`)).toHaveLength(1);
    expect((await outboxRows(db)).every((r) => r.state === 'sent' && r.slack_ts !== null)).toBe(true);
    expect(emulator.callsTo('conversations.history').length).toBe(unsure.length);
  });

  test('when messages are due but the Slack token is missing, then the CLI says so clearly and sends nothing', async () => {
    await seed(1);
    const { SLACK_BOT_TOKEN: _token, ...withoutToken } = env;
    const run = await cli(['jobs', 'run', '--now', '2026-11-09T10:00:00Z'], withoutToken);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/1 message\(s\) are due but cannot be sent/);
    expect(run.stderr).toMatch(/SLACK_BOT_TOKEN: required/);
    expect(postedKeys(emulator)).toEqual([]);
  });
});
