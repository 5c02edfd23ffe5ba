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
  await db.schema
    .createIndex('match_change_requests_one_open')
    .on('match_change_requests')
    .columns(['pairing_id', 'user_id'])
    .unique()
    .where(sql.ref('resolved_at'), 'is', null)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('match_change_requests_one_open').execute();
  await db.schema.alterTable('match_change_requests').dropColumn('resolution').execute();
  await db.schema.alterTable('match_change_requests').dropColumn('resolved_by').execute();
}
