import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { SlackEmulator } from '../emulator/slack-emulator';

describe('/healthz', () => {
  test('when the database stops answering, then /healthz answers 503', async () => {
    const emulator = await SlackEmulator.start();
    const config = loadConfig({
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: emulator.apiUrl,
      DATABASE_URL: 'sqlite::memory:',
      PORT: '0',
    });
    const db = openDatabase(config.database);
    await migrateToLatest(db);
    const app = await startApp({
      config,
      db,
      logger: createLogger({ level: 'error', sink: () => {} }),
      scheduler: false,
    });
    try {
      expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
      await db.destroy();
      const res = await fetch(`http://127.0.0.1:${app.port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, database: 'unreachable' });
    } finally {
      await app.stop();
      await emulator.stop();
    }
  });
});
