import type { Server } from 'node:http';
import { App, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { Db } from '../db/connection';
import type { Config } from './config';
import { closeServer, HEALTH_PATH, healthHandler, listeningPort, startHealthServer } from './http/health';
import { createDispatcher } from './jobs/create-dispatcher';
import type { Dispatcher } from './jobs/dispatcher';
import { startScheduler } from './jobs/scheduler';
import { startMatchingWorker, type WorkerEngineOptions } from './jobs/matching-engine';
import { InflightWork } from './lifecycle';
import type { AppLogger } from './logger';
import { adminDirectoryFromIds, adminDirectoryWithWorkspaceAdmins } from './services/admins';
import type { SlackDeps } from './slack/deps';
import { register as registerActions } from './slack/listeners/actions';
import { register as registerCommands } from './slack/listeners/commands';
import { register as registerEvents } from './slack/listeners/events';
import { register as registerViews } from './slack/listeners/views';
import { oncePerDelivery, tracked } from './slack/middleware';
import { slackError } from './slack/open-modal';
import { slackWorkspaceRoles } from './slack/workspace-roles';

export interface RunningApp {
  readonly mode: 'http' | 'socket';
  /** The port /healthz (and, in HTTP mode, /slack/events) listens on. */
  readonly port: number;
  /** The outbox dispatcher; tests drain it and wait for it instead of sleeping. */
  readonly dispatcher: Dispatcher;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly config: Config;
  readonly db: Db;
  readonly logger: AppLogger;
  readonly clock?: () => Date;
  /** Off in tests that drive time through `runDue` themselves. */
  readonly scheduler?: boolean;
  /** How long shutdown waits for in-flight work. */
  readonly drainTimeoutMs?: number;
  /**
   * Run the matching engine on a worker thread (see `startMatchingWorker`), warmed up as the
   * app starts when asked, so that the first real match runs on optimised code. The server does
   * both; tests mostly leave it off and match on the calling thread.
   */
  readonly matchingWorker?: WorkerEngineOptions;
}

export class SlackStartupError extends Error {
  readonly code = 'slack_startup_failed';
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'SlackStartupError';
  }
}

function slackErrorCode(error: unknown): string {
  return slackError(error) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Wires the Bolt app: receiver (HTTP or Socket Mode), global middleware, listeners, the error
 * handler and the scheduler. Starts it and returns a handle whose `stop()` shuts down in order:
 * stop taking requests, finish in-flight work, stop the scheduler. Closing the database is the
 * caller's, who opened it.
 */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  const { config, db, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const inflight = new InflightWork();
  const outbox = createDispatcher({
    db,
    logger,
    clock,
    botToken: config.slack.botToken,
    apiUrl: config.slack.apiUrl,
    autoWake: options.scheduler !== false,
  });
  const matching =
    options.matchingWorker === undefined ? undefined : startMatchingWorker(logger, options.matchingWorker);
  const deps: SlackDeps = {
    ...(matching === undefined ? {} : { matching }),
    config,
    db,
    logger,
    clock,
    outbox,
    admins: config.adminsIncludeWorkspaceAdmins
      ? adminDirectoryWithWorkspaceAdmins({
          adminUserIds: config.adminUserIds,
          lookup: slackWorkspaceRoles({
            botToken: config.slack.botToken,
            apiUrl: config.slack.apiUrl,
            logger,
          }),
          clock,
          logger,
        })
      : adminDirectoryFromIds(config.adminUserIds),
  };
  const clientOptions = config.slack.apiUrl === undefined ? {} : { slackApiUrl: config.slack.apiUrl };
  // Bolt and the Socket Mode client print whole request payloads at debug level, and payloads
  // carry survey answers and self-identification: their debug output never reaches the log.
  const boltLogger = logger.child('bolt', { floor: 'info' });

  const receiver: Receiver =
    config.slack.appToken !== undefined
      ? new SocketModeReceiver({
          appToken: config.slack.appToken,
          logger: boltLogger,
          installerOptions: { clientOptions },
        })
      : new HTTPReceiver({
          // loadConfig guarantees a signing secret whenever there is no app token.
          signingSecret: config.slack.signingSecret ?? '',
          endpoints: ['/slack/events'],
          customRoutes: [{ path: HEALTH_PATH, method: ['GET'], handler: healthHandler(db) }],
          logger: boltLogger,
        });

  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger: boltLogger,
    clientOptions,
    // Bolt would otherwise call auth.test un-awaited in the constructor and crash the process on
    // a bad token; init() lets us turn that into a clear startup error.
    deferInitialization: true,
  });

  app.use(tracked(inflight));
  app.use(oncePerDelivery(deps));
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerEvents(app, deps);
  app.error(async (error) => {
    logger.event('error', 'unhandled error in a Slack listener', { err: error });
  });

  let port: number;
  let healthServer: Server | undefined;
  try {
    try {
      await app.init();
    } catch (error) {
      throw new SlackStartupError(
        `Slack rejected the bot token during auth.test (${slackErrorCode(error)}). Check SLACK_BOT_TOKEN.`,
        { cause: error },
      );
    }
    if (receiver instanceof HTTPReceiver) {
      port = listeningPort((await app.start(config.port)) as Server);
    } else {
      // Socket Mode has no inbound HTTP for Slack, but operators still probe /healthz on PORT.
      await app.start();
      healthServer = await startHealthServer(db, config.port);
      port = listeningPort(healthServer);
    }
  } catch (error) {
    await matching?.close();
    throw error;
  }
  const scheduler =
    options.scheduler === false ? undefined : startScheduler({ db, logger, outbox }, inflight, clock);
  if (options.scheduler !== false) outbox.kick();
  const mode = config.slack.appToken !== undefined ? 'socket' : 'http';
  logger.event('info', 'mentor-bot is running', { mode, port });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.event('info', 'shutting down: no new requests, finishing in-flight work', {
        inflight: inflight.size,
      });
      scheduler?.stop();
      await app.stop();
      await outbox.stop();
      if (healthServer !== undefined) await closeServer(healthServer);
      const { finished } = await inflight.drain(options.drainTimeoutMs ?? 10_000);
      if (!finished)
        logger.event('warn', 'shutdown timed out with work still running', { inflight: inflight.size });
      await matching?.close();
      logger.event('info', 'mentor-bot stopped');
    })();
    return stopping;
  };
  return { mode, port, dispatcher: outbox, stop };
}
