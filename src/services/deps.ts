import type { Db } from '../../db/connection';
import type { Config } from '../config';
import type { AppLogger } from '../logger';

/** Wakes the outbox dispatcher after a transaction has queued messages, so they go out now. */
export interface OutboxSignal {
  kick(): void;
}

/** What every use case may rely on. `clock` is the only source of "now" below the entry points. */
export interface ServiceDeps {
  readonly config: Config;
  readonly db: Db;
  readonly logger: AppLogger;
  readonly clock: () => Date;
  readonly outbox: OutboxSignal;
}
