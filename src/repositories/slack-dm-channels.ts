import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';

export async function findDmChannel(db: Db, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('slack_dm_channels')
    .select('channel_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.channel_id;
}

export async function saveDmChannel(db: Db, userId: string, channelId: string, at: Instant): Promise<void> {
  await db
    .insertInto('slack_dm_channels')
    .values({ user_id: userId, channel_id: channelId, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ channel_id: channelId, updated_at: at }))
    .execute();
}
