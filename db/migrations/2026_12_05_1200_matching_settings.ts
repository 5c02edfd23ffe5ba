import type { Kysely } from 'kysely';

/**
 * Per-cohort matching settings an admin sets in the cohort modal: the working hours a pair must
 * share, and for reverse mentoring the skills juniors teach. Existing cohorts keep the engine's
 * former fixed behaviour (2 hours; any skill).
 *
 * From now on the job-level question's weight is the weight of the seniority rule. Until now it
 * was stored (the default bank said "medium") but meant nothing, while the rule counted as "low";
 * setting it to "low" keeps every existing cohort's scores as they were.
 *
 * Frozen once released; imports nothing from the app. Portable: JSON as text.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations describe a past schema, not today's types.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('cohorts')
    .addColumn('min_overlap_hours', 'integer', (c) => c.notNull().defaultTo(2))
    .execute();
  // Option values of the cohort's skills questions, as a JSON array; empty means any skill.
  await db.schema
    .alterTable('cohorts')
    .addColumn('reverse_skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.updateTable('profile_questions').set({ weight: 'low' }).where('key', '=', 'job_level').execute();
}

/** The job-level weights are left as "low": the old value carried no meaning to restore. */
export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('cohorts').dropColumn('reverse_skills').execute();
  await db.schema.alterTable('cohorts').dropColumn('min_overlap_hours').execute();
}
