import { type Kysely, PostgresAdapter } from 'kysely';

/**
 * The scheduler and the durable outbox: claims with leases on outbox rows, batches that report
 * progress to the admin who started them, cached DM channels, each pairing's nudge schedule and
 * at-risk flag, survey invitation and reminder stamps, the cohort wrap-up stamp, and the
 * recognition opt-in on enrollments.
 *
 * Frozen once released; imports nothing from the app. Portable: instants as ISO-8601 text,
 * flags as integers.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations describe a past schema, not today's types.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('outbox_batches')
    .addColumn('id', postgres ? 'serial' : 'integer', (c) =>
      postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('progress_key', 'text', (c) => c.notNull())
    .addColumn('reported_done', 'integer', (c) => c.notNull().defaultTo(-1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  // Who holds a row and until when: a crashed claimer's rows come back when the lease ends.
  await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('lease_until', 'text').execute();
  // Set just before chat.postMessage and cleared once the outcome is known: a row found with it
  // set may already be in Slack, so the dispatcher reads the conversation before sending again.
  await db.schema
    .alterTable('outbox')
    .addColumn('maybe_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // No foreign key: SQLite cannot drop a column that takes part in one, and down() must work.
  await db.schema.alterTable('outbox').addColumn('batch_id', 'integer').execute();
  await db.schema.createIndex('outbox_lease').on('outbox').columns(['state', 'lease_until']).execute();
  await db.schema.createIndex('outbox_batch').on('outbox').columns(['batch_id', 'state']).execute();

  await db.schema
    .createTable('slack_dm_channels')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('pairings').addColumn('next_nudge_on', 'text').execute();
  await db.schema.alterTable('pairings').addColumn('next_nudge_at', 'text').execute();
  await db.schema.alterTable('pairings').addColumn('at_risk_since', 'text').execute();
  await db.schema
    .createIndex('pairings_next_nudge')
    .on('pairings')
    .columns(['state', 'next_nudge_at'])
    .execute();

  await db.schema.alterTable('surveys').addColumn('invited_at', 'text').execute();
  await db.schema.alterTable('surveys').addColumn('reminded_at', 'text').execute();
  await db.schema.alterTable('cohorts').addColumn('wrapped_up_at', 'text').execute();
  await db.schema
    .alterTable('enrollments')
    .addColumn('recognition_opt_in', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('enrollments').dropColumn('recognition_opt_in').execute();
  await db.schema.alterTable('cohorts').dropColumn('wrapped_up_at').execute();
  await db.schema.alterTable('surveys').dropColumn('reminded_at').execute();
  await db.schema.alterTable('surveys').dropColumn('invited_at').execute();
  await db.schema.dropIndex('pairings_next_nudge').execute();
  await db.schema.alterTable('pairings').dropColumn('at_risk_since').execute();
  await db.schema.alterTable('pairings').dropColumn('next_nudge_at').execute();
  await db.schema.alterTable('pairings').dropColumn('next_nudge_on').execute();
  await db.schema.dropTable('slack_dm_channels').execute();
  await db.schema.dropIndex('outbox_batch').execute();
  await db.schema.dropIndex('outbox_lease').execute();
  await db.schema.alterTable('outbox').dropColumn('batch_id').execute();
  await db.schema.alterTable('outbox').dropColumn('maybe_sent').execute();
  await db.schema.alterTable('outbox').dropColumn('lease_until').execute();
  await db.schema.alterTable('outbox').dropColumn('claimed_by').execute();
  await db.schema.dropTable('outbox_batches').execute();
}
