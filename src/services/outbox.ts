import type { Db } from '../../db/connection';
import { countDue, listFailedOutbox } from '../repositories/outbox';

export interface FailedMessage {
  readonly key: string;
  readonly kind: string;
  readonly target: string;
  readonly error: string;
  readonly attempts: number;
  readonly at: string;
}

/** Messages that could not be delivered, newest first, for the admin report. */
export async function listFailedMessages(db: Db, limit = 100): Promise<FailedMessage[]> {
  const rows = await listFailedOutbox(db, limit);
  return rows.map((r) => ({
    key: r.idempotency_key,
    kind: r.kind,
    target: r.target,
    error: r.last_error ?? 'unknown',
    attempts: r.attempts,
    at: r.updated_at,
  }));
}

export function messagesDue(db: Db, now: Date): Promise<number> {
  return countDue(db, now.toISOString());
}
