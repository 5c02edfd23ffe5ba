import type { Db } from '../../db/connection';
import type { Instant, OutboxRow } from '../../db/schema';

/** What a queued message says: chat.postMessage arguments other than the channel. */
export interface OutboxPayload {
  readonly text: string;
  readonly blocks?: readonly unknown[];
}

export interface OutboxMessage {
  /** Unique per logical message (e.g. `enrolled:<enrollment>`); a second enqueue is a no-op. */
  readonly idempotencyKey: string;
  /** What kind of message, for reports and progress (e.g. `enrollment.confirmed`). */
  readonly kind: string;
  /**
   * A channel id; a user id (the dispatcher opens the DM); or `users:U1,U2,…` (the dispatcher
   * opens the group DM of those people, at most 8).
   */
  readonly target: string;
  readonly payload: OutboxPayload;
  /** Not sent before this instant. */
  readonly notBefore: Instant;
  /** The admin-started batch this message counts towards, if any (see outbox-batches). */
  readonly batchId?: number;
}

/**
 * Queues a message in the caller's transaction, so it is sent if and only if the change that
 * caused it commits. Returns false when a message with that key was queued before.
 */
export async function enqueueMessage(db: Db, message: OutboxMessage, at: Instant): Promise<boolean> {
  const result = await db
    .insertInto('outbox')
    .values({
      idempotency_key: message.idempotencyKey,
      kind: message.kind,
      target: message.target,
      payload: JSON.stringify(message.payload),
      next_attempt_at: message.notBefore,
      created_at: at,
      updated_at: at,
      batch_id: message.batchId ?? null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** A row held by one claim: every later write names the claim, so a lost lease writes nothing. */
export interface Claim {
  readonly id: number;
  readonly claimedBy: string;
}

/**
 * Takes up to `limit` rows that are due (pending and past their next attempt, or in flight with
 * an expired lease, i.e. their claimer died) in one UPDATE, so two dispatchers never hold the same
 * row. The due condition is repeated outside the subquery: PostgreSQL re-checks it on rows another
 * transaction changed meanwhile, so a row claimed concurrently drops out instead of being taken
 * twice. SQLite serialises writers, which gives the same result.
 */
export async function claimDue(
  db: Db,
  args: { now: Instant; claimedBy: string; leaseUntil: Instant; limit: number },
): Promise<OutboxRow[]> {
  const { now } = args;
  const rows = await db
    .updateTable('outbox')
    .set({ state: 'in_flight', claimed_by: args.claimedBy, lease_until: args.leaseUntil, updated_at: now })
    .where((eb) =>
      eb(
        'id',
        'in',
        eb
          .selectFrom('outbox')
          .select('id')
          .where((inner) =>
            inner.or([
              inner.and([inner('state', '=', 'pending'), inner('next_attempt_at', '<=', now)]),
              inner.and([inner('state', '=', 'in_flight'), inner('lease_until', '<=', now)]),
            ]),
          )
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(args.limit),
      ),
    )
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('state', '=', 'in_flight'), eb('lease_until', '<=', now)]),
      ]),
    )
    .returningAll()
    .execute();
  return rows.sort((a, b) =>
    a.next_attempt_at === b.next_attempt_at ? a.id - b.id : a.next_attempt_at < b.next_attempt_at ? -1 : 1,
  );
}

function held(claim: Claim) {
  return { id: claim.id, claimedBy: claim.claimedBy };
}

/**
 * The last step before chat.postMessage: still ours? Then record the channel, extend the lease
 * and mark that a send may happen, so a crash from here on leads to a history check, not a
 * second post.
 */
export async function beginSend(
  db: Db,
  claim: Claim,
  args: { channel: string; leaseUntil: Instant; at: Instant },
): Promise<boolean> {
  const { id, claimedBy } = held(claim);
  const result = await db
    .updateTable('outbox')
    .set({ maybe_sent: 1, slack_channel: args.channel, lease_until: args.leaseUntil, updated_at: args.at })
    .where('id', '=', id)
    .where('claimed_by', '=', claimedBy)
    .where('state', '=', 'in_flight')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markSent(
  db: Db,
  claim: Claim,
  args: { channel: string; ts: string; at: Instant },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      state: 'sent',
      slack_channel: args.channel,
      slack_ts: args.ts,
      sent_at: args.at,
      maybe_sent: 0,
      claimed_by: null,
      lease_until: null,
      last_error: null,
      updated_at: args.at,
    })
    .where('id', '=', claim.id)
    .where('claimed_by', '=', claim.claimedBy)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Gives a row back without counting a failure (Slack said "rate limited": nothing was posted).
 * It is due again at `nextAttemptAt`.
 */
export async function releaseClaim(
  db: Db,
  claim: Claim,
  args: { at: Instant; nextAttemptAt: Instant; note: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      state: 'pending',
      maybe_sent: 0,
      claimed_by: null,
      lease_until: null,
      next_attempt_at: args.nextAttemptAt,
      last_error: args.note,
      updated_at: args.at,
    })
    .where('id', '=', claim.id)
    .where('claimed_by', '=', claim.claimedBy)
    .execute();
}

/** A failed attempt that may pass: try again at `nextAttemptAt`. `maybeSent` keeps the check. */
export async function scheduleRetry(
  db: Db,
  claim: Claim,
  args: { at: Instant; nextAttemptAt: Instant; attempts: number; error: string; maybeSent: boolean },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      state: 'pending',
      attempts: args.attempts,
      maybe_sent: args.maybeSent ? 1 : 0,
      claimed_by: null,
      lease_until: null,
      next_attempt_at: args.nextAttemptAt,
      last_error: args.error,
      updated_at: args.at,
    })
    .where('id', '=', claim.id)
    .where('claimed_by', '=', claim.claimedBy)
    .execute();
}

export async function markFailed(
  db: Db,
  claim: Claim,
  args: { at: Instant; attempts: number; error: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      state: 'failed',
      attempts: args.attempts,
      maybe_sent: 0,
      claimed_by: null,
      lease_until: null,
      last_error: args.error,
      updated_at: args.at,
    })
    .where('id', '=', claim.id)
    .where('claimed_by', '=', claim.claimedBy)
    .execute();
}

/** Rows a dispatcher could claim at `now`. */
export async function countDue(db: Db, now: Instant): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('state', '=', 'in_flight'), eb('lease_until', '<=', now)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** When the next pending row becomes due after `now`, if any. */
export async function nextDueAfter(db: Db, now: Instant): Promise<Instant | undefined> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('state', '=', 'pending')
    .where('next_attempt_at', '>', now)
    .executeTakeFirst();
  return row?.at ?? undefined;
}

export async function findOutboxByKey(db: Db, key: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

export async function listFailedOutbox(db: Db, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('state', '=', 'failed')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
