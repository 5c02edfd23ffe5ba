import type { Kysely } from 'kysely';

/**
 * A digest of everything the engine read for a preview (people and their answers, the cohort's
 * rules, pins, forbids, earlier pairs, the org chart). Approve recomputes it and refuses when it
 * differs, so a pin, a forbid, a late joiner or an edited answer cannot be approved past.
 * Previews made before this column existed have none and must be re-run.
 *
 * Frozen once released; imports nothing from the app.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations describe a past schema, not today's types.
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('match_proposals').addColumn('input_fingerprint', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('match_proposals').dropColumn('input_fingerprint').execute();
}
