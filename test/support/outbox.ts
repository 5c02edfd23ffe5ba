import type { Db } from '../../db/connection';
import { AFTER_SENT } from '../../src/jobs/create-dispatcher';
import { Dispatcher, type DispatcherOptions } from '../../src/jobs/dispatcher';
import { Pacer } from '../../src/jobs/pacer';
import { dispatcherWebClient, slackOutbox } from '../../src/jobs/slack-outbox';
import { createLogger } from '../../src/logger';
import type { SlackEmulator } from '../emulator/slack-emulator';

export interface TestClock {
  now: Date;
  readonly read: () => Date;
}

export function testClock(start: string): TestClock {
  const clock = {
    now: new Date(start),
    read: () => clock.now,
  };
  return clock;
}

/** A real dispatcher against the emulator, on the test's clock. */
export function emulatorDispatcher(
  db: Db,
  emulator: SlackEmulator,
  clock: () => Date,
  options: Partial<DispatcherOptions> & { paceScale?: number; logs?: string[] } = {},
): Dispatcher {
  const logs = options.logs;
  const logger = createLogger({ level: 'warn', sink: (line) => logs?.push(line) });
  return new Dispatcher({
    db,
    logger,
    clock,
    slack: slackOutbox(dispatcherWebClient(emulator.botToken, emulator.apiUrl, logger)),
    pacer: new Pacer({ scale: options.paceScale ?? 20 }),
    afterSent: AFTER_SENT,
    ...options,
  });
}

/** Keys of the messages the emulator holds, in posting order, read from their metadata. */
export function postedKeys(emulator: SlackEmulator): string[] {
  return emulator
    .callsTo('chat.postMessage')
    .filter((c) => c.status === 200 && c.response?.ok === true)
    .map((c) => {
      const metadata = c.params.metadata as { event_payload?: { key?: unknown } } | undefined;
      return String(metadata?.event_payload?.key ?? '');
    });
}
