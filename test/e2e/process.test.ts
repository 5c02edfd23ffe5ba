import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WARM_UP_COHORTS } from '../../src/domain/matching/warm-up';
import { SlackDriver } from '../emulator/driver';
import { SlackEmulator } from '../emulator/slack-emulator';

// These run the built entry point (`npm test` builds before jest), exactly as `npm start` does.
const ENTRY = join(__dirname, '../../dist/src/index.js');

interface Run {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd: mkdtempSync(join(tmpdir(), 'mentor-bot-proc-')),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout, stderr, exited };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function waitForHealth(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never became healthy`);
}

describe('the mentor-bot process', () => {
  test('when started without Slack credentials, then it exits at once naming each missing variable, without a stack trace', async () => {
    const r = run({});
    expect(await r.exited).toBe(1);
    const err = r.stderr.join('');
    expect(err).toMatch(/SLACK_BOT_TOKEN: required/);
    expect(err).toMatch(/SLACK_SIGNING_SECRET: required in HTTP mode/);
    expect(err).toMatch(/README\.md/);
    expect(err).not.toMatch(/\n\s+at /);
  });

  describe('with an emulated Slack', () => {
    let emulator: SlackEmulator;
    let dir: string;
    beforeEach(async () => {
      emulator = await SlackEmulator.start();
      emulator.addUser({ id: 'U0MEMBER1', name: 'mo' });
      dir = mkdtempSync(join(tmpdir(), 'mentor-bot-proc-db-'));
    });
    afterEach(async () => {
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('when the bot token is rejected, then it exits with a clear message instead of crashing', async () => {
      const r = run({
        SLACK_BOT_TOKEN: 'xoxb-not-the-right-one',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`,
        PORT: String(await freePort()),
      });
      expect(await r.exited).toBe(1);
      const err = r.stderr.join('');
      expect(err).toMatch(/Slack rejected the bot token during auth\.test \(invalid_auth\)/);
      expect(err).not.toMatch(/\n\s+at /);
    });

    /** Starts the entry point on a free port, waits until it is healthy, and has it answer /mentor help. */
    async function serveAndAnswer(database: string): Promise<{ r: Run; port: number }> {
      const port = await freePort();
      const r = run({
        SLACK_BOT_TOKEN: emulator.botToken,
        SLACK_SIGNING_SECRET: 'process-secret',
        SLACK_API_URL: emulator.apiUrl,
        DATABASE_URL: `sqlite:${database}`,
        PORT: String(port),
      });
      await waitForHealth(`http://127.0.0.1:${port}/healthz`);
      const driver = new SlackDriver({
        appUrl: `http://127.0.0.1:${port}/slack/events`,
        signingSecret: 'process-secret',
        emulator,
      });
      const sent = await driver.command({ userId: 'U0MEMBER1', text: 'help' });
      expect(sent.status).toBe(200);
      await emulator.waitForResponse(sent.responseUrl ?? '');
      return { r, port };
    }

    test('when it runs and gets SIGTERM, then it serves, stops taking requests, and exits 0 with the database migrated', async () => {
      const database = join(dir, 'bot.sqlite');
      const { r, port } = await serveAndAnswer(database);

      r.child.kill('SIGTERM');
      expect(await r.exited).toBe(0);
      const logs = r.stdout.join('');
      expect(logs).toMatch(/"msg":"database migrated"/);
      expect(logs).toMatch(/"msg":"mentor-bot stopped"/);
      expect(logs).not.toContain(emulator.botToken);
      expect(existsSync(database)).toBe(true);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    });

    test('when it starts, then it warms the matching engine up in the background while answering commands', async () => {
      const { r } = await serveAndAnswer(join(dir, 'bot.sqlite'));

      const deadline = Date.now() + 20_000;
      while (!r.stdout.join('').includes('"msg":"matching engine warmed up"') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const line = r.stdout
        .join('')
        .split('\n')
        .find((l) => l.includes('"msg":"matching engine warmed up"'));
      expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 'info', cohorts: WARM_UP_COHORTS });

      r.child.kill('SIGTERM');
      expect(await r.exited).toBe(0);
    });
  });
});
