import type { Db } from '../../db/connection';
import { claimDelivery, deleteDeliveriesBefore, releaseDelivery } from '../repositories/deliveries';

/**
 * Slack redelivers a request it thinks went unanswered (X-Slack-Retry-Num over HTTP,
 * retry_attempt in Socket Mode). Each delivery's identity (its trigger_id or event_id) is claimed
 * in the database before any listener runs, so the repeat is acknowledged and dropped, even when
 * it reaches another instance. A claim is released when handling fails, so a retry can succeed.
 */
export const DELIVERY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export function claim(db: Db, key: string, now: Date): Promise<boolean> {
  return claimDelivery(db, key, now.toISOString());
}

export function release(db: Db, key: string): Promise<void> {
  return releaseDelivery(db, key);
}

/** Slack stops retrying within minutes; a day of keys is ample. */
export function pruneDeliveries(db: Db, now: Date): Promise<number> {
  return deleteDeliveriesBefore(db, new Date(now.getTime() - DELIVERY_KEY_TTL_MS).toISOString());
}
