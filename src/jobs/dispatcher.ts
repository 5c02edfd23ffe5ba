import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import type { OutboxRow } from '../../db/schema';
import { backoffMs, shouldGiveUp } from '../domain/retry';
import type { AppLogger } from '../logger';
import {
  beginSend,
  type Claim,
  claimDue,
  markFailed,
  markSent,
  nextDueAfter,
  releaseClaim,
  scheduleRetry,
} from '../repositories/outbox';
import { openBatchProgress, recordBatchReport } from '../repositories/outbox-batches';
import { findDmChannel, saveDmChannel } from '../repositories/slack-dm-channels';
import type { OutboxSignal } from '../services/deps';
import { progressMessage } from '../slack/views/progress';
import { Pacer } from './pacer';
import { classifySlackError, type SlackFailure } from './slack-errors';
import type { OutboxSlack } from './slack-outbox';

/** Runs in the transaction that marks a row sent (e.g. store the group DM on its pairing). */
export type AfterSent = (
  db: Db,
  row: OutboxRow,
  sent: { channel: string; ts: string; at: string },
) => Promise<void>;

export interface DispatcherOptions {
  readonly db: Db;
  readonly logger: AppLogger;
  readonly slack: OutboxSlack;
  readonly clock: () => Date;
  /** Names this dispatcher in claims; unique per process. */
  readonly workerId?: string;
  readonly pacer?: Pacer;
  /** How long a claim holds a row; renewed just before each send. */
  readonly leaseMs?: number;
  /** Rows sent concurrently (each still waits for the pacer). */
  readonly lanes?: number;
  readonly batchSize?: number;
  /** Keyed by outbox `kind`. */
  readonly afterSent?: Readonly<Record<string, AfterSent>>;
  /**
   * Test seam: called after Slack accepted a message and before the row is marked sent. The
   * crash test installs a hook that kills the process here.
   */
  readonly afterSlackAccepted?: (key: string) => void;
  /** In the bot: wake up by itself when a retry comes due. Off for one-shot runs. */
  readonly autoWake?: boolean;
  /** Minimum real time between two progress updates of one batch. */
  readonly progressIntervalMs?: number;
}

export interface DispatchReport {
  sent: number;
  /** Found already in Slack after a crash, and marked sent without posting again. */
  recovered: number;
  failed: number;
  retrying: number;
  rateLimited: number;
}

const GROUP_PREFIX = 'users:';
const USER_ID = /^[UW][A-Z0-9]+$/;

function emptyReport(): DispatchReport {
  return { sent: 0, recovered: 0, failed: 0, retrying: 0, rateLimited: 0 };
}

function payloadOf(row: OutboxRow): { text: string; blocks?: unknown[] } {
  const parsed: unknown = JSON.parse(row.payload);
  const value = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as {
    text?: unknown;
    blocks?: unknown;
  };
  return {
    text: typeof value.text === 'string' ? value.text : '',
    ...(Array.isArray(value.blocks) ? { blocks: value.blocks } : {}),
  };
}

class StepFailure extends Error {
  constructor(
    readonly method: string,
    readonly failure: SlackFailure,
    options: { cause: unknown },
  ) {
    super(`${method}: ${failure.code}`, options);
  }
}

/**
 * Sends outbox rows: claims due rows atomically with a lease, paces calls to Slack's limits,
 * retries what may pass, fails what cannot, and never posts a row twice (a row that may already
 * be in Slack is looked up in its conversation by the key in its metadata before any new post).
 */
export class Dispatcher implements OutboxSignal {
  readonly workerId: string;
  private readonly pacer: Pacer;
  private readonly leaseMs: number;
  private readonly lanes: number;
  private readonly batchSize: number;
  private readonly progressIntervalMs: number;
  private claimSeq = 0;
  private running: Promise<DispatchReport> | undefined;
  private again = false;
  private stopped = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private readonly lastProgressAt = new Map<number, number>();
  private lastProgressCheck = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: DispatcherOptions) {
    this.workerId = options.workerId ?? `dispatcher-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.pacer = options.pacer ?? new Pacer();
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.lanes = options.lanes ?? 16;
    this.batchSize = options.batchSize ?? 64;
    this.progressIntervalMs = options.progressIntervalMs ?? 2000;
  }

  /** Sends what is due soon, in the background; many kicks make one run. */
  kick(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    void this.drain().catch((error: unknown) => {
      this.options.logger.event('error', 'outbox dispatch failed', { err: error });
    });
  }

  /** Sends everything due at the clock's now, until nothing is left to claim. */
  drain(): Promise<DispatchReport> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      const total = emptyReport();
      try {
        do {
          this.again = false;
          const report = await this.pass();
          for (const k of Object.keys(total) as (keyof DispatchReport)[]) total[k] += report[k];
        } while (this.again && !this.stopped);
      } finally {
        this.running = undefined;
      }
      if (this.options.autoWake) await this.scheduleWake();
      return total;
    })();
    this.running = run;
    return run;
  }

  /** Resolves when no run is in progress (tests wait on it after a listener kicked). */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
    await this.idle();
  }

  private now(): string {
    return this.options.clock().toISOString();
  }

  private leaseFrom(now: string): string {
    return new Date(Date.parse(now) + this.leaseMs).toISOString();
  }

  /**
   * One pass: lanes take claimed rows from a shared queue and claim the next batch when it runs
   * dry, so a slow row (waiting for its channel's pace) never holds up the others.
   */
  private async pass(): Promise<DispatchReport> {
    const report = emptyReport();
    const queue: { row: OutboxRow; claim: Claim }[] = [];
    let exhausted = false;
    let claiming: Promise<void> | undefined;
    const refill = (): Promise<void> => {
      claiming ??= (async () => {
        const now = this.now();
        this.claimSeq += 1;
        const claimedBy = `${this.workerId}#${this.claimSeq}`;
        const rows = await claimDue(this.options.db, {
          now,
          claimedBy,
          leaseUntil: this.leaseFrom(now),
          limit: this.batchSize,
        });
        if (rows.length === 0) exhausted = true;
        for (const row of rows) queue.push({ row, claim: { id: row.id, claimedBy } });
      })().finally(() => {
        claiming = undefined;
      });
      return claiming;
    };
    const lane = async (): Promise<void> => {
      while (!this.stopped) {
        const next = queue.shift();
        if (next === undefined) {
          if (exhausted) return;
          await refill();
          continue;
        }
        await this.deliver(next.row, next.claim, report);
        if (performance.now() - this.lastProgressCheck >= this.progressIntervalMs)
          await this.reportProgress(false);
      }
    };
    await Promise.all(Array.from({ length: this.lanes }, lane));
    await this.reportProgress(true);
    return report;
  }

  private async call<T>(method: string, channel: string | undefined, fn: () => Promise<T>): Promise<T> {
    await this.pacer.take(method, channel);
    try {
      return await fn();
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === 'rate_limited') this.pacer.pause(method, failure.retryAfterSeconds);
      throw new StepFailure(method, failure, { cause: error });
    }
  }

  private async resolveChannel(row: OutboxRow, now: string): Promise<string> {
    const { db, slack } = this.options;
    if (row.target.startsWith(GROUP_PREFIX)) {
      const users = row.target.slice(GROUP_PREFIX.length).split(',').filter(Boolean);
      return this.call('conversations.open', undefined, () => slack.openConversation(users));
    }
    if (!USER_ID.test(row.target)) return row.target;
    const cached = await findDmChannel(db, row.target);
    if (cached !== undefined) return cached;
    const channel = await this.call('conversations.open', undefined, () =>
      slack.openConversation([row.target]),
    );
    await saveDmChannel(db, row.target, channel, now);
    return channel;
  }

  private async deliver(row: OutboxRow, claim: Claim, report: DispatchReport): Promise<void> {
    const { db, slack, logger } = this.options;
    const key = row.idempotency_key;
    let posting = false;
    try {
      if (row.maybe_sent === 1 && row.slack_channel !== null) {
        const channel = row.slack_channel;
        const ts = await this.call('conversations.history', undefined, () => slack.findPosted(channel, key));
        if (ts !== undefined) {
          await this.finishSent(row, claim, { channel, ts });
          report.recovered += 1;
          logger.event('info', 'outbox row was already in Slack; marked sent without posting again', { key });
          return;
        }
      }
      const channel = await this.resolveChannel(row, this.now());
      const now = this.now();
      if (!(await beginSend(db, claim, { channel, leaseUntil: this.leaseFrom(now), at: now }))) {
        logger.event('warn', 'outbox row was taken over by another dispatcher; not sending', { key });
        return;
      }
      posting = true;
      const payload = payloadOf(row);
      const sent = await this.call('chat.postMessage', channel, () =>
        slack.postMessage({
          channel,
          key,
          text: payload.text,
          ...(payload.blocks ? { blocks: payload.blocks } : {}),
        }),
      );
      this.options.afterSlackAccepted?.(key);
      await this.finishSent(row, claim, sent);
      report.sent += 1;
    } catch (error) {
      if (!(error instanceof StepFailure)) {
        // A bug or the database, not Slack: retry later, and check Slack first if we had posted.
        logger.event('error', 'unexpected error while sending an outbox row', { key, err: error });
      }
      const failure =
        error instanceof StepFailure
          ? error
          : new StepFailure(
              'dispatch',
              { kind: 'transient', code: 'unexpected_error', ambiguous: true },
              {
                cause: error,
              },
            );
      await this.handleFailure(row, claim, failure, posting, report);
    }
  }

  private async finishSent(
    row: OutboxRow,
    claim: Claim,
    sent: { channel: string; ts: string },
  ): Promise<void> {
    const at = this.now();
    const hook = this.options.afterSent?.[row.kind];
    await this.options.db.transaction().execute(async (trx) => {
      if ((await markSent(trx, claim, { ...sent, at })) && hook !== undefined)
        await hook(trx, row, { ...sent, at });
    });
  }

  private async handleFailure(
    row: OutboxRow,
    claim: Claim,
    error: StepFailure,
    posting: boolean,
    report: DispatchReport,
  ): Promise<void> {
    const { db, logger } = this.options;
    const { failure, method } = error;
    const at = this.now();
    const key = row.idempotency_key;
    const note = `${method}: ${failure.code}`;
    if (failure.kind === 'rate_limited') {
      report.rateLimited += 1;
      // Due again at once: the pacer holds every call to this method until Retry-After passes.
      await releaseClaim(db, claim, { at, nextAttemptAt: at, note });
      this.again = true;
      return;
    }
    const attempts = row.attempts + 1;
    if (failure.kind === 'permanent' || shouldGiveUp(attempts)) {
      report.failed += 1;
      await markFailed(db, claim, { at, attempts, error: note });
      logger.event('warn', 'outbox message failed for good', { key, kind: row.kind, error: note, attempts });
      return;
    }
    report.retrying += 1;
    const nextAttemptAt = new Date(Date.parse(at) + backoffMs(attempts, key)).toISOString();
    await scheduleRetry(db, claim, {
      at,
      nextAttemptAt,
      attempts,
      error: note,
      // A post that got no definite answer may be in Slack: look before posting again.
      maybeSent: (posting && failure.ambiguous) || row.maybe_sent === 1,
    });
    logger.event('info', 'outbox message will be retried', { key, error: note, attempts, nextAttemptAt });
  }

  private async reportProgress(final: boolean): Promise<void> {
    const { db, slack, logger } = this.options;
    this.lastProgressCheck = performance.now();
    let batches: Awaited<ReturnType<typeof openBatchProgress>>;
    try {
      batches = await openBatchProgress(db);
    } catch (error) {
      logger.event('warn', 'could not read batch progress', { err: error });
      return;
    }
    for (const batch of batches) {
      const done = batch.sent + batch.failed;
      const finished = done >= batch.total;
      if (done === batch.reportedDone || batch.progressChannel === null || batch.progressTs === null)
        continue;
      const last = this.lastProgressAt.get(batch.id) ?? Number.NEGATIVE_INFINITY;
      if (!finished && !final && performance.now() - last < this.progressIntervalMs) continue;
      this.lastProgressAt.set(batch.id, performance.now());
      const message = progressMessage({ ...batch });
      const channel = batch.progressChannel;
      const ts = batch.progressTs;
      try {
        await this.call('chat.update', undefined, () => slack.updateMessage({ channel, ts, ...message }));
        await recordBatchReport(db, batch.id, { done, finished, at: this.now() });
      } catch (error) {
        logger.event('warn', 'could not update a progress message', { batch: batch.id, err: error });
      }
    }
  }

  private async scheduleWake(): Promise<void> {
    if (this.stopped) return;
    clearTimeout(this.wakeTimer);
    const now = this.now();
    const next = await nextDueAfter(this.options.db, now).catch(() => undefined);
    if (next === undefined) return;
    const delay = Math.min(60_000, Math.max(250, Date.parse(next) - Date.parse(now)));
    this.wakeTimer = setTimeout(() => this.kick(), delay);
    this.wakeTimer.unref();
  }
}
