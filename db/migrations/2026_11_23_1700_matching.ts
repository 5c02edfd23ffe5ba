import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Matching: the admin's pins and forbids, the latest proposal an admin previewed (so Approve
 * applies exactly that, not a fresh run), and participants' requests for a different match.
 *
 * Frozen once released; imports nothing from the app. Portable: instants as ISO-8601 text,
 * JSON as text.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations describe a past schema, not today's types.
type AnyDb = Kysely<any>;

function withId<T extends string>(
  db: AnyDb,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  // A forbid is stored in the order the admin typed it and applies both ways.
  await withId(db, db.schema.createTable('match_constraints'))
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('mentor_id', 'text', (c) => c.notNull())
    .addColumn('mentee_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('pin', 'forbid')`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('match_constraints_unique', ['cohort_id', 'kind', 'mentor_id', 'mentee_id'])
    .execute();

  await withId(db, db.schema.createTable('match_proposals'))
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .execute();
  await db.schema
    .createIndex('match_proposals_cohort')
    .on('match_proposals')
    .columns(['cohort_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('match_change_requests'))
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('pairing_id', 'integer', (c) => c.notNull().references('pairings.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema
    .createIndex('match_change_requests_cohort')
    .on('match_change_requests')
    .columns(['cohort_id', 'resolved_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('match_change_requests_cohort').execute();
  await db.schema.dropTable('match_change_requests').execute();
  await db.schema.dropIndex('match_proposals_cohort').execute();
  await db.schema.dropTable('match_proposals').execute();
  await db.schema.dropTable('match_constraints').execute();
}
