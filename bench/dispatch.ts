/**
 * Benchmark: 10,000 check-in nudges through the real dispatcher against the Slack emulator
 * running Slack's rate limits (scaled up so the run takes seconds, not hours). Prints messages
 * sent, duplicates (must be 0), wall time against the floor the limits allow, and peak memory.
 *
 *   npm run bench:dispatch            (BENCH_SCALE, BENCH_MESSAGES, BENCH_USERS to vary)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { createDispatcher } from '../src/jobs/create-dispatcher';
import { createLogger } from '../src/logger';
import { enqueueMessage } from '../src/repositories/outbox';
import { insertBatch } from '../src/repositories/outbox-batches';
import { writeTransaction } from '../src/repositories/transactions';
import { progressMessage } from '../src/slack/views/progress';
import { nudgeMessage } from '../src/slack/views/scheduled';
import { TIERS } from '../test/emulator/rate-limits';

const SCALE = Number(process.env.BENCH_SCALE ?? 400);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const USERS = Number(process.env.BENCH_USERS ?? 5_000);
const ADMIN = 'U0BENCHADMIN';
const NOW = new Date('2026-11-23T10:00:00.000Z');

/** The least time Slack's limits allow: each bucket's calls beyond its burst at its rate. */
function floorSeconds(calls: number, limit: { perMinute: number; burst: number }): number {
  return Math.max(0, calls - limit.burst) / ((limit.perMinute * SCALE) / 60);
}

interface EmulatorReport {
  posts: number;
  uniqueKeys: number;
  opens: number;
  rateLimited: number;
  progress: string | null;
  rss: number;
}

/** Starts the emulator in a child process and returns its URL and a way to ask what it saw. */
async function startEmulatorProcess() {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'emulator-process.js'), String(SCALE), String(USERS), ADMIN],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async <T>(): Promise<T> => JSON.parse(String((await lines.next()).value)) as T;
  const hello = await next<{ apiUrl: string; botToken: string }>();
  return {
    ...hello,
    report: async () => {
      child.stdin.write('report\n');
      return next<EmulatorReport>();
    },
    stop: () => child.stdin.write('stop\n'),
  };
}

async function main(): Promise<void> {
  const emulator = await startEmulatorProcess();
  const userId = (i: number) => `U0B${i.toString().padStart(6, '0')}`;
  const dir = mkdtempSync(join(tmpdir(), 'mentor-bot-bench-'));
  const db = openDatabase({ kind: 'sqlite', filename: join(dir, 'bench.sqlite') });
  await migrateToLatest(db);
  const at = NOW.toISOString();

  await writeTransaction(db, async (trx) => {
    const progressKey = 'progress:bench';
    const batchId = await insertBatch(trx, {
      kind: 'checkin.nudge',
      label: 'nudges',
      startedBy: ADMIN,
      total: MESSAGES,
      progressKey,
      at,
    });
    await enqueueMessage(
      trx,
      {
        idempotencyKey: progressKey,
        kind: 'progress',
        target: ADMIN,
        payload: progressMessage({ label: 'nudges', sent: 0, failed: 0, total: MESSAGES }),
        notBefore: at,
      },
      at,
    );
    // Every person first, then their second nudge: a DM is opened once and reused from the cache.
    for (let i = 0; i < MESSAGES; i++) {
      await enqueueMessage(
        trx,
        {
          idempotencyKey: `nudge:${i}:2026-11-23`,
          kind: 'checkin.nudge',
          target: userId(i % USERS),
          payload: nudgeMessage({ pairingId: i, since: '2026-11-09', cadence: 'biweekly' }),
          notBefore: at,
          batchId,
        },
        at,
      );
    }
  });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const dispatcher = createDispatcher({
    db,
    logger: createLogger({ level: 'error' }),
    clock: () => NOW,
    botToken: emulator.botToken,
    apiUrl: emulator.apiUrl,
    paceScale: SCALE,
    lanes: Number(process.env.BENCH_LANES ?? 32),
    batchSize: 256,
  });
  const started = performance.now();
  const report = await dispatcher.drain();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  const seen = await emulator.report();
  const duplicates = seen.posts - seen.uniqueKeys;
  const opens = seen.opens;
  const floor = Math.max(
    floorSeconds(opens, TIERS.tier3),
    floorSeconds(Math.ceil(MESSAGES / USERS), TIERS.postMessage),
  );
  const progress = seen.progress;
  const lines = [
    `rate limits: Slack's tiers scaled ×${SCALE} (conversations.open ${50 * SCALE}/min, chat.postMessage ${60 * SCALE}/min per channel)`,
    `messages queued:   ${MESSAGES.toLocaleString('en-US')} nudges to ${USERS.toLocaleString('en-US')} people (+1 progress message)`,
    `messages sent:     ${report.sent.toLocaleString('en-US')} (failed ${report.failed}, retrying ${report.retrying})`,
    `duplicates:        ${duplicates}`,
    `posts Slack saw:   ${seen.posts.toLocaleString('en-US')}`,
    `429s from Slack:   ${seen.rateLimited}`,
    `conversations.open calls: ${opens.toLocaleString('en-US')}`,
    `wall time:         ${seconds.toFixed(1)} s; floor allowed by the limits ${floor.toFixed(1)} s (${((seconds / Math.max(floor, 0.001)) * 100).toFixed(0)} % of floor)`,
    `  (at Slack's real rates the floor is ${((floor * SCALE) / 60).toFixed(0)} min: conversations.open, once per person, is the bound)`,
    `throughput:        ${(report.sent / seconds).toFixed(0)} messages/s`,
    `peak RSS:          ${(peakRss / 1024 / 1024).toFixed(0)} MB in the dispatcher process (the emulator, holding every message, used ${(seen.rss / 1024 / 1024).toFixed(0)} MB in its own)`,
    `admin progress:    ${progress ?? '(none)'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  await db.destroy();
  emulator.stop();
  rmSync(dir, { recursive: true, force: true });
  if (duplicates > 0 || report.sent !== MESSAGES + 1) process.exitCode = 1;
}

void main();
