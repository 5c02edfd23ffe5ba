import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { type RunningApp, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { ServiceDeps } from '../../src/services/deps';
import { SlackDriver } from '../emulator/driver';
import { type EmulatedView, SlackEmulator } from '../emulator/slack-emulator';

export const SIGNING_SECRET = 'e2e-signing-secret';
export const ADMIN_ID = 'U0ADMIN01';
export const MEMBER_ID = 'U0MEMBER1';

export interface Harness {
  readonly emulator: SlackEmulator;
  readonly driver: SlackDriver;
  readonly db: Db;
  readonly app: RunningApp;
  readonly logs: string[];
  readonly baseUrl: string;
  /** The same dependencies the app's services get, for arranging state through the services. */
  readonly services: ServiceDeps;
  /** Moves the app's clock; tests travel in time instead of sleeping. */
  setNow(at: Date | undefined): void;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  readonly mode?: 'http' | 'socket';
  readonly adminUserIds?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Match on a worker thread, as the server does (its compiled script: `npm test` builds first). */
  readonly matchingWorker?: boolean;
}

const MATCHING_WORKER = join(__dirname, '../../dist/src/jobs/matching-worker.js');

/**
 * The real app, started in-process on an ephemeral port against the Slack emulator and a real
 * SQLite file. Nothing is mocked: requests are signed HTTP (or Socket Mode envelopes), and the
 * app's Web API calls go over HTTP to the emulator.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = await SlackEmulator.start();
  emulator.addUser({ id: ADMIN_ID, name: 'ada', realName: 'Ada Admin', tz: 'Europe/London' });
  emulator.addUser({ id: MEMBER_ID, name: 'mo', realName: 'Mo Member', tz: 'America/New_York' });
  const dir = mkdtempSync(join(tmpdir(), 'mentor-bot-e2e-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: emulator.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    ...(options.mode === 'socket' ? { SLACK_APP_TOKEN: emulator.appToken } : {}),
    SLACK_API_URL: emulator.apiUrl,
    DATABASE_URL: `sqlite:${join(dir, 'e2e.sqlite')}`,
    ADMIN_USER_IDS: (options.adminUserIds ?? [ADMIN_ID]).join(','),
    PORT: '0',
    LOG_LEVEL: 'info',
    ...options.env,
  });
  const logs: string[] = [];
  const logger = createLogger({ level: 'info', sink: (line) => logs.push(line) });
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  let now: Date | undefined;
  const app = await startApp({
    config,
    db,
    logger,
    clock: () => now ?? new Date(),
    scheduler: false,
    ...(options.matchingWorker === true
      ? { matchingWorker: { warmUp: false, script: MATCHING_WORKER } }
      : {}),
  });
  const baseUrl = `http://127.0.0.1:${app.port}`;
  const driver = new SlackDriver({
    appUrl: `${baseUrl}/slack/events`,
    signingSecret: SIGNING_SECRET,
    emulator,
  });
  const services: ServiceDeps = {
    config,
    db,
    logger,
    clock: () => now ?? new Date(),
    outbox: { kick: () => {} },
  };
  return {
    emulator,
    driver,
    db,
    app,
    logs,
    baseUrl,
    services,
    setNow: (at) => {
      now = at;
    },
    stop: async () => {
      await app.stop();
      await db.destroy();
      await emulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens someone's Home tab and waits for the app to publish it afresh (an earlier publish, say
 * after they joined a program, must not pass for this one).
 */
export async function openHome(h: Harness, userId: string): Promise<EmulatedView> {
  const publishes = () =>
    h.emulator.callsTo('views.publish').filter((c) => c.params.user_id === userId && c.response?.ok === true)
      .length;
  const before = publishes();
  await h.driver.appHomeOpened(userId);
  await h.emulator.waitFor(() => publishes() > before, 3000, `the Home tab of ${userId}`);
  const home = h.emulator.homeOf(userId);
  if (home === undefined) throw new Error(`no Home tab for ${userId}`);
  return home;
}

/** Runs a slash command as `userId` (an admin by default) and returns the modal it opened. */
export async function modalFromCommand(h: Harness, text: string, userId = ADMIN_ID): Promise<EmulatedView> {
  const before = h.emulator.callsTo('views.open').length;
  await h.driver.command({ userId, text });
  await h.emulator.waitFor(
    () => h.emulator.callsTo('views.open').length > before,
    3000,
    `a modal from "${text}"`,
  );
  const view = h.emulator.topViewFor(userId);
  if (view === undefined) throw new Error(`"${text}" opened no modal for ${userId}`);
  return view;
}
