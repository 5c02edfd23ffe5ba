import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The first schema: people, cohorts and their question banks, enrollments and answers, pairings,
 * check-ins, surveys, the outbox, the audit log, and delivery keys for Slack redeliveries.
 *
 * Frozen once released: later changes are new migrations. Imports nothing from the app, and is
 * written against `Kysely<any>` because it describes the database as it was at this point.
 * Kept portable: timestamps as ISO-8601 text, flags as integers, JSON as text.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations describe a past schema, not today's types.
type AnyDb = Kysely<any>;

/** `serial` in PostgreSQL, `integer primary key autoincrement` in SQLite (ids never reused). */
function withId<T extends string>(
  db: AnyDb,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: AnyDb): Promise<void> {
  // Timestamps have no database default: the app passes `now` explicitly, so time travel in tests
  // and jobs sees one clock.
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('real_name', 'text')
    .addColumn('tz', 'text')
    .addColumn('is_deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('cohorts'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('track', 'text', (c) =>
      c.notNull().check(sql`track in ('high_potential', 'reverse', 'group')`),
    )
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`state in ('draft', 'enrolling', 'matching', 'active', 'completed')`),
    )
    .addColumn('group_size', 'integer')
    .addColumn('enrollment_opens_on', 'text')
    .addColumn('enrollment_closes_on', 'text')
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('default_cadence', 'text', (c) =>
      c
        .notNull()
        .defaultTo('biweekly')
        .check(sql`default_cadence in ('weekly', 'biweekly', 'monthly')`),
    )
    .addColumn('announcement_channel_id', 'text')
    .addColumn('guidelines', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('nominated_only', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('survey_midpoint', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('survey_end', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('profile_questions'))
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('single_select', 'multi_select', 'free_text', 'user_select')`),
    )
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('help_text', 'text')
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('matching_use', 'text', (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(
          sql`matching_use in ('none', 'prefer_similar', 'prefer_different', 'offers_wants', 'exclude_same')`,
        ),
    )
    .addColumn('weight', 'text', (c) =>
      c
        .notNull()
        .defaultTo('medium')
        .check(sql`weight in ('low', 'medium', 'high')`),
    )
    .addColumn('max_selections', 'integer')
    .addColumn('audience', 'text', (c) => c.check(sql`audience in ('mentor', 'mentee')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('profile_questions_cohort_key', ['cohort_id', 'key'])
    .execute();

  await withId(db, db.schema.createTable('enrollments'))
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('mentor', 'mentee')`))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('enrolled')
        .check(sql`state in ('enrolled', 'matched', 'withdrawn', 'completed')`),
    )
    .addColumn('match_on_sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('enrollments_cohort_user', ['cohort_id', 'user_id'])
    .execute();
  await db.schema.createIndex('enrollments_user').on('enrollments').column('user_id').execute();

  await db.schema
    .createTable('profile_answers')
    .addColumn('enrollment_id', 'integer', (c) =>
      c.notNull().references('enrollments.id').onDelete('cascade'),
    )
    .addColumn('question_id', 'integer', (c) =>
      c.notNull().references('profile_questions.id').onDelete('cascade'),
    )
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('profile_answers_pk', ['enrollment_id', 'question_id'])
    .execute();

  await db.schema
    .createTable('nominations')
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('nominated_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('nominations_pk', ['cohort_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('pairings'))
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`state in ('active', 'paused', 'ended')`),
    )
    .addColumn('cadence', 'text', (c) => c.notNull().check(sql`cadence in ('weekly', 'biweekly', 'monthly')`))
    .addColumn('score', 'real')
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('conversation_id', 'text')
    .addColumn('paused_until', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('pairings_cohort').on('pairings').column('cohort_id').execute();

  await db.schema
    .createTable('pairing_members')
    .addColumn('pairing_id', 'integer', (c) => c.notNull().references('pairings.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('mentor', 'mentee')`))
    .addPrimaryKeyConstraint('pairing_members_pk', ['pairing_id', 'user_id'])
    .execute();
  await db.schema.createIndex('pairing_members_user').on('pairing_members').column('user_id').execute();

  await withId(db, db.schema.createTable('check_ins'))
    .addColumn('pairing_id', 'integer', (c) => c.notNull().references('pairings.id').onDelete('cascade'))
    .addColumn('logged_by', 'text', (c) => c.notNull())
    .addColumn('met_on', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('topics', 'text')
    .addColumn('private_notes', 'text')
    .addColumn('rating', 'integer', (c) => c.check(sql`rating between 1 and 5`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('check_ins_pairing')
    .on('check_ins')
    .columns(['pairing_id', 'met_on'])
    .execute();

  await withId(db, db.schema.createTable('surveys'))
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('midpoint', 'end')`))
    .addColumn('opens_at', 'text', (c) => c.notNull())
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('surveys_cohort_kind', ['cohort_id', 'kind'])
    .execute();

  await withId(db, db.schema.createTable('survey_responses'))
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('satisfaction', 'integer', (c) => c.check(sql`satisfaction between 1 and 5`))
    .addColumn('goal_progress', 'integer', (c) => c.check(sql`goal_progress between 1 and 5`))
    .addColumn('nps', 'integer', (c) => c.check(sql`nps between 0 and 10`))
    .addColumn('leadership_interest', 'text', (c) =>
      c.check(sql`leadership_interest in ('yes', 'no', 'unsure')`),
    )
    .addColumn('comments', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_responses_survey_user', ['survey_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('outbox'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`state in ('pending', 'in_flight', 'sent', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('slack_channel', 'text')
    .addColumn('slack_ts', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_attempt_at']).execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('actor_user_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('ok', 'denied', 'failed')`))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deliveries_received').on('deliveries').column('received_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'deliveries',
    'audit_log',
    'outbox',
    'survey_responses',
    'surveys',
    'check_ins',
    'pairing_members',
    'pairings',
    'nominations',
    'profile_answers',
    'enrollments',
    'profile_questions',
    'cohorts',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
