import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';

/** Records a delivery key; false when it was already there (the delivery is a repeat). */
export async function claimDelivery(db: Db, key: string, at: Instant): Promise<boolean> {
  const result = await db
    .insertInto('deliveries')
    .values({ key, received_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function releaseDelivery(db: Db, key: string): Promise<void> {
  await db.deleteFrom('deliveries').where('key', '=', key).execute();
}

export async function deleteDeliveriesBefore(db: Db, before: Instant): Promise<number> {
  const result = await db.deleteFrom('deliveries').where('received_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
