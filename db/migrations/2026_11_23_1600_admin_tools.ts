import { type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

/**
 * Admin tools: announcement drafts (one per composer modal, so a repeated submission updates the
 * same draft and queues at most one post), employee-input pulses and their answers.
 *
 * An anonymous pulse's answers have no author column value at all: not a hash, not a salt,
 * nothing that could be joined back to a person.
 *
 * Frozen once released; imports nothing from the app. Portable: instants as ISO-8601 text,
 * flags as integers.
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
  await withId(db, db.schema.createTable('announcements'))
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('composer_view_id', 'text', (c) => c.notNull().unique())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('join_button', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('post_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'text')
    .addColumn('queued_by', 'text')
    .addColumn('outbox_key', 'text')
    .execute();

  await withId(db, db.schema.createTable('pulses'))
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pulses_cohort').on('pulses').column('cohort_id').execute();

  // NULL authors never conflict in a unique constraint (SQLite and PostgreSQL alike), so one named
  // answer per person and pulse, and any number of anonymous ones.
  await withId(db, db.schema.createTable('pulse_answers'))
    .addColumn('pulse_id', 'integer', (c) => c.notNull().references('pulses.id').onDelete('cascade'))
    .addColumn('author_user_id', 'text')
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pulse_answers_pulse_author', ['pulse_id', 'author_user_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('pulse_answers').execute();
  await db.schema.dropIndex('pulses_cohort').execute();
  await db.schema.dropTable('pulses').execute();
  await db.schema.dropTable('announcements').execute();
}
