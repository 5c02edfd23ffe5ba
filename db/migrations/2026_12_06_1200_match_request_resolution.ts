import { type Kysely, sql } from 'kysely';

/**
 * How a request for a different match ended: who resolved it and whether they rematched the
 * person or kept the pairing. `resolved_at` exists since the matching migration; a request is open
 * while it is null. At most one open request per person and pairing: a repeat folds into it.
 *
 * Frozen once released; imports nothing from the app. Portable: the partial unique index is
 * supported by both SQLite and PostgreSQL.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations describe a past schema, not today's types.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('match_change_requests').addColumn('resolved_by', 'text').execute();
  await db.schema
    .alterTable('match_change_requests')
    .addColumn('resolution', 'text', (c) => c.check(sql`resolution in ('rematched', 'dismissed')`))
    .execute();
  await foldDuplicateOpenRequests(db);
  await db.schema
    .createIndex('match_change_requests_one_open')
    .on('match_change_requests')
    .columns(['pairing_id', 'user_id'])
    .unique()
    .where(sql.ref('resolved_at'), 'is', null)
    .execute();
}

/**
 * Before this migration a person could ask twice about the same pairing. The unique index below
 * would refuse those rows, so each group is folded as the app now does: the first request keeps
 * every reason, oldest first, and the later ones are closed as dismissed (kept, not deleted).
 */
async function foldDuplicateOpenRequests(db: AnyDb): Promise<void> {
  const open = (await db
    .selectFrom('match_change_requests')
    .select(['id', 'pairing_id', 'user_id', 'reason'])
    .where('resolved_at', 'is', null)
    .orderBy('id')
    .execute()) as { id: number; pairing_id: number; user_id: string; reason: string }[];
  const groups = new Map<string, { id: number; reason: string }[]>();
  for (const row of open) {
    const key = `${row.pairing_id}:${row.user_id}`;
    groups.set(key, [...(groups.get(key) ?? []), { id: row.id, reason: row.reason }]);
  }
  const now = new Date().toISOString();
  for (const [first, ...later] of groups.values()) {
    if (first === undefined || later.length === 0) continue;
    const reason = [first, ...later].map((r) => r.reason).join('\n\n');
    await db.updateTable('match_change_requests').set({ reason }).where('id', '=', first.id).execute();
    await db
      .updateTable('match_change_requests')
      .set({ resolved_at: now, resolution: 'dismissed' })
      .where(
        'id',
        'in',
        later.map((r) => r.id),
      )
      .execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('match_change_requests_one_open').execute();
  await db.schema.alterTable('match_change_requests').dropColumn('resolution').execute();
  await db.schema.alterTable('match_change_requests').dropColumn('resolved_by').execute();
}
