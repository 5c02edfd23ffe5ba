import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';

export interface AnnouncementRow {
  readonly id: number;
  readonly cohortId: number;
  readonly composerViewId: string;
  readonly channelId: string;
  readonly text: string;
  readonly joinButton: boolean;
  readonly postAt: Instant | null;
  readonly queuedAt: Instant | null;
}

const COLUMNS = [
  'id',
  'cohort_id',
  'composer_view_id',
  'channel_id',
  'text',
  'join_button',
  'post_at',
  'queued_at',
] as const;

function toRow(r: {
  id: number;
  cohort_id: number;
  composer_view_id: string;
  channel_id: string;
  text: string;
  join_button: number;
  post_at: string | null;
  queued_at: string | null;
}): AnnouncementRow {
  return {
    id: r.id,
    cohortId: r.cohort_id,
    composerViewId: r.composer_view_id,
    channelId: r.channel_id,
    text: r.text,
    joinButton: r.join_button === 1,
    postAt: r.post_at,
    queuedAt: r.queued_at,
  };
}

/**
 * Saves the draft of one composer modal: a repeated submission of the same modal updates it, as
 * long as it has not been queued. Returns the draft as stored.
 */
export async function saveDraft(
  db: Db,
  draft: {
    cohortId: number;
    composerViewId: string;
    channelId: string;
    text: string;
    joinButton: boolean;
    postAt: Instant | null;
    createdBy: string;
  },
  at: Instant,
): Promise<AnnouncementRow> {
  const changes = {
    channel_id: draft.channelId,
    text: draft.text,
    join_button: draft.joinButton ? 1 : 0,
    post_at: draft.postAt,
    updated_at: at,
  };
  await db
    .insertInto('announcements')
    .values({
      ...changes,
      cohort_id: draft.cohortId,
      composer_view_id: draft.composerViewId,
      created_by: draft.createdBy,
      created_at: at,
    })
    .onConflict((oc) =>
      oc.column('composer_view_id').doUpdateSet(changes).where('announcements.queued_at', 'is', null),
    )
    .execute();
  const row = await db
    .selectFrom('announcements')
    .select(COLUMNS)
    .where('composer_view_id', '=', draft.composerViewId)
    .executeTakeFirstOrThrow();
  return toRow(row);
}

export async function findAnnouncement(db: Db, id: number): Promise<AnnouncementRow | undefined> {
  const row = await db.selectFrom('announcements').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toRow(row);
}

/** Stamps the draft queued; false when it was queued before (a repeated Post). */
export async function markQueued(
  db: Db,
  id: number,
  args: { by: string; outboxKey: string; at: Instant },
): Promise<boolean> {
  const result = await db
    .updateTable('announcements')
    .set({ queued_at: args.at, queued_by: args.by, outbox_key: args.outboxKey, updated_at: args.at })
    .where('id', '=', id)
    .where('queued_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
