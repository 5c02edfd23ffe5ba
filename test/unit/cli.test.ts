import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db/connection';
import { type CliIo, runCli } from '../../src/cli';

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { env, out: (l) => out.push(l), err: (l) => err.push(l) };
  return { io: value, out, err };
}

describe('mentor-bot CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mentor-bot-cli-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}`, LOG_LEVEL: 'error' };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('when asked for help, then it prints usage and succeeds', async () => {
    const c = io(env);
    expect(await runCli(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/jobs run --now <ISO-8601>/);
  });

  test('when run without a command, then it prints usage and exits 2', async () => {
    const c = io(env);
    expect(await runCli([], c.io)).toBe(2);
  });

  test('when migrate runs twice, then the first applies the schema and the second says it is up to date', async () => {
    const first = io(env);
    expect(await runCli(['migrate'], first.io)).toBe(0);
    expect(first.out.join('\n')).toMatch(/Applied \d+ migration/);
    const second = io(env);
    expect(await runCli(['migrate'], second.io)).toBe(0);
    expect(second.out).toEqual(['Database is up to date.']);
  });

  test('when jobs run at an instant with nothing to send, then due work runs once without Slack credentials', async () => {
    const db = openDatabase({ kind: 'sqlite', filename: join(dir, 'cli.sqlite') });
    await runCli(['migrate'], io(env).io);
    await db
      .insertInto('deliveries')
      .values([
        { key: 'trigger:old', received_at: '2026-11-20T00:00:00.000Z' },
        { key: 'trigger:new', received_at: '2026-11-23T08:30:00.000Z' },
      ])
      .execute();
    const c = io(env);
    expect(await runCli(['jobs', 'run', '--now', '2026-11-23T09:00:00+00:00'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/Ran due work at 2026-11-23T09:00:00.000Z/);
    expect(c.out.join('\n')).toMatch(/prune-delivery-keys: removed 1 old delivery key\b/);
    expect(c.out.join('\n')).toMatch(/No messages are due\./);
    const left = await db.selectFrom('deliveries').select('key').execute();
    expect(left).toEqual([{ key: 'trigger:new' }]);
    await db.destroy();
  });

  test.each([
    [['jobs', 'run'], /needs --now/],
    [['jobs', 'run', '--now', 'tomorrow'], /ISO-8601/],
    [['jobs', 'run', '--now', '2026-11-23T09:00:00'], /time zone/],
    [['jobs', 'run', '--soon', 'x'], /Unknown option '--soon'/],
    [['frobnicate'], /Unknown command: frobnicate/],
    [['migrate', 'now'], /Unknown command: migrate now/],
  ])('when the command line is %p, then it explains and exits 2', async (argv, message) => {
    const c = io(env);
    expect(await runCli(argv, c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(message);
  });

  test('when DATABASE_URL is invalid, then the CLI names it and exits 2', async () => {
    const c = io({ DATABASE_URL: 'mysql://x' });
    expect(await runCli(['migrate'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/DATABASE_URL: must be sqlite:<path>/);
  });
});
