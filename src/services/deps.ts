import type { Db } from '../../db/connection';
import type { Config } from '../config';
import type { MatchingInput, Proposal } from '../domain/matching';
import type { AppLogger } from '../logger';

/** Wakes the outbox dispatcher after a transaction has queued messages, so they go out now. */
export interface OutboxSignal {
  kick(): void;
}

/** Runs the matching engine. The server's runs it on a worker thread, away from Slack's requests. */
export interface MatchingEngine {
  /** Rejects with `MatchingInputError` when the input cannot be matched as given. */
  propose(input: MatchingInput): Promise<Proposal>;
}

/** What every use case may rely on. `clock` is the only source of "now" below the entry points. */
export interface ServiceDeps {
  readonly config: Config;
  readonly db: Db;
  readonly logger: AppLogger;
  readonly clock: () => Date;
  readonly outbox: OutboxSignal;
  /** Absent: the engine runs on the calling thread (tests, short-lived tools). */
  readonly matching?: MatchingEngine;
}
