import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';

export interface NewBatch {
  readonly kind: string;
  readonly label: string;
  readonly startedBy: string;
  readonly total: number;
  readonly progressKey: string;
  readonly at: Instant;
}

export async function insertBatch(db: Db, batch: NewBatch): Promise<number> {
  const row = await db
    .insertInto('outbox_batches')
    .values({
      kind: batch.kind,
      label: batch.label,
      started_by: batch.startedBy,
      total: batch.total,
      progress_key: batch.progressKey,
      created_at: batch.at,
      updated_at: batch.at,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface BatchProgress {
  readonly id: number;
  readonly label: string;
  readonly total: number;
  readonly reportedDone: number;
  readonly progressChannel: string | null;
  readonly progressTs: string | null;
  readonly sent: number;
  readonly failed: number;
}

/** Unfinished batches with their counts and where their progress message is. */
export async function openBatchProgress(db: Db): Promise<BatchProgress[]> {
  const batches = await db
    .selectFrom('outbox_batches as b')
    .leftJoin('outbox as p', 'p.idempotency_key', 'b.progress_key')
    .select(['b.id', 'b.label', 'b.total', 'b.reported_done', 'p.slack_channel', 'p.slack_ts'])
    .where('b.finished_at', 'is', null)
    .execute();
  if (batches.length === 0) return [];
  const counts = await db
    .selectFrom('outbox')
    .select(['batch_id', 'state', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .where(
      'batch_id',
      'in',
      batches.map((b) => b.id),
    )
    .where('state', 'in', ['sent', 'failed'])
    .groupBy(['batch_id', 'state'])
    .execute();
  const count = (id: number, state: string) =>
    Number(counts.find((c) => c.batch_id === id && c.state === state)?.n ?? 0);
  return batches.map((b) => ({
    id: b.id,
    label: b.label,
    total: b.total,
    reportedDone: b.reported_done,
    progressChannel: b.slack_channel,
    progressTs: b.slack_ts,
    sent: count(b.id, 'sent'),
    failed: count(b.id, 'failed'),
  }));
}

export async function recordBatchReport(
  db: Db,
  id: number,
  args: { done: number; finished: boolean; at: Instant },
): Promise<void> {
  await db
    .updateTable('outbox_batches')
    .set({
      reported_done: args.done,
      updated_at: args.at,
      ...(args.finished ? { finished_at: args.at } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** The number of messages the batch really holds (pairings introduced before are skipped). */
export async function setBatchTotal(db: Db, id: number, total: number, at: Instant): Promise<void> {
  await db.updateTable('outbox_batches').set({ total, updated_at: at }).where('id', '=', id).execute();
}
