#!/usr/bin/env node
import { openDatabase } from '../db/connection';
import { MigrationError, migrateToLatest } from '../db/migrate';
import { SlackStartupError, startApp } from './app';
import { ConfigError, loadConfig, loadDotEnv } from './config';
import { createLogger } from './logger';

/**
 * Process entry: config → database → migrations → Bolt app and scheduler. Problems a person can
 * fix (missing variables, a rejected token) end the process with a plain message and no stack.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const db = openDatabase(config.database);
  const { applied } = await migrateToLatest(db);
  if (applied.length > 0) logger.event('info', 'database migrated', { applied });

  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp({ config, db, logger, matchingWorker: { warmUp: true } });
  } catch (error) {
    await db.destroy();
    throw error;
  }

  const shutdown = (signal: NodeJS.Signals): void => {
    logger.event('info', 'received a stop signal', { signal });
    void app
      .stop()
      .then(() => db.destroy())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.event('error', 'shutdown failed', { err: error });
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof SlackStartupError || error instanceof MigrationError) {
    const cause =
      error instanceof MigrationError && error.cause instanceof Error ? `\n  ${error.cause.message}` : '';
    process.stderr.write(`${error.message}${cause}\n`);
  } else {
    process.stderr.write(
      `mentor-bot failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
