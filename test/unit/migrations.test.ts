import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { migrationProvider } from '../../db/migrations';

/**
 * better-sqlite3's native addon builds its errors with the Error class of the first jest module
 * registry that loaded it, so in a later test file they fail `instanceof Error` and jest's
 * `rejects.toThrow` reports "did not throw". Check the message instead.
 */
async function expectRejection(work: Promise<unknown>, message: RegExp): Promise<void> {
  const outcome = await work.then(
    () => 'resolved',
    (error: unknown) => String((error as { message?: unknown } | null)?.message),
  );
  expect(outcome).toMatch(message);
}

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mentor-bot-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('when the database is new, then every migration runs and the tables of the design exist', async () => {
    const db = openDatabase({ kind: 'sqlite', filename: join(dir, 'nested', 'fresh.sqlite') });
    try {
      const { applied } = await migrateToLatest(db);
      expect(applied).toEqual(Object.keys(await migrationProvider.getMigrations()));
      const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
      expect(tables).toEqual(
        [
          'announcements',
          'audit_log',
          'check_ins',
          'cohorts',
          'deliveries',
          'enrollments',
          'match_change_requests',
          'match_constraints',
          'match_proposals',
          'nominations',
          'outbox',
          'outbox_batches',
          'pairing_members',
          'pairings',
          'profile_answers',
          'profile_questions',
          'pulse_answers',
          'pulses',
          'slack_dm_channels',
          'survey_responses',
          'surveys',
          'users',
        ].sort(),
      );
    } finally {
      await db.destroy();
    }
  });

  test('when migrate runs twice, then the second run applies nothing and changes nothing', async () => {
    const file = join(dir, 'twice.sqlite');
    const first = openDatabase({ kind: 'sqlite', filename: file });
    await migrateToLatest(first);
    const schemaBefore = await sql<{ sql: string }>`select sql from sqlite_master order by name`.execute(
      first,
    );
    await first.destroy();

    const second = openDatabase({ kind: 'sqlite', filename: file });
    try {
      expect(await migrateToLatest(second)).toEqual({ applied: [] });
      const schemaAfter = await sql<{ sql: string }>`select sql from sqlite_master order by name`.execute(
        second,
      );
      expect(schemaAfter.rows).toEqual(schemaBefore.rows);
    } finally {
      await second.destroy();
    }
  });

  test('when the database is opened, then WAL, foreign keys and a busy timeout are on', async () => {
    const db = openDatabase({ kind: 'sqlite', filename: join(dir, 'pragmas.sqlite') });
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      expect(busy.rows[0]?.timeout).toBe(5000);
    } finally {
      await db.destroy();
    }
  });

  test('when a row breaks a constraint (unknown cohort, bad track), then SQLite refuses it', async () => {
    const db = openDatabase({ kind: 'sqlite-memory' });
    try {
      await migrateToLatest(db);
      const at = '2026-11-23T00:00:00.000Z';
      await expectRejection(
        db
          .insertInto('cohorts')
          .values({
            slug: 'x',
            name: 'X',
            track: 'sideways' as 'group',
            created_by: 'U1',
            created_at: at,
            updated_at: at,
          })
          .execute(),
        /CHECK constraint/,
      );
      await expectRejection(
        db
          .insertInto('pairings')
          .values({ cohort_id: 999, cadence: 'weekly', created_at: at, updated_at: at })
          .execute(),
        /FOREIGN KEY/,
      );
    } finally {
      await db.destroy();
    }
  });

  test('when a person has an open request for a pairing, then a second open one is refused, a resolved one is not, and a bad resolution is refused', async () => {
    const db = openDatabase({ kind: 'sqlite-memory' });
    try {
      await migrateToLatest(db);
      const at = '2026-11-23T00:00:00.000Z';
      const cohort = await db
        .insertInto('cohorts')
        .values({ slug: 'x', name: 'X', track: 'group', created_by: 'U1', created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const pairing = await db
        .insertInto('pairings')
        .values({ cohort_id: cohort.id, cadence: 'weekly', created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const request = { cohort_id: cohort.id, pairing_id: pairing.id, reason: 'r', created_at: at };
      await db
        .insertInto('match_change_requests')
        .values({ ...request, user_id: 'U1' })
        .execute();
      await expectRejection(
        db
          .insertInto('match_change_requests')
          .values({ ...request, user_id: 'U1' })
          .execute(),
        /UNIQUE constraint/,
      );
      await db
        .insertInto('match_change_requests')
        .values({ ...request, user_id: 'U2' })
        .execute();
      await db
        .updateTable('match_change_requests')
        .set({ resolved_at: at, resolved_by: 'UADMIN', resolution: 'dismissed' })
        .where('user_id', '=', 'U1')
        .execute();
      await db
        .insertInto('match_change_requests')
        .values({ ...request, user_id: 'U1' })
        .execute();
      await expectRejection(
        db
          .updateTable('match_change_requests')
          .set({ resolution: 'ignored' as 'dismissed' })
          .where('user_id', '=', 'U2')
          .execute(),
        /CHECK constraint/,
      );
    } finally {
      await db.destroy();
    }
  });

  test('when a database from before has two open requests by one person on one pairing, then upgrading folds them', async () => {
    const db = openDatabase({ kind: 'sqlite-memory' });
    try {
      await migrateToLatest(db);
      const resolution = (await migrationProvider.getMigrations())[
        '2026_12_06_1200_match_request_resolution'
      ];
      await resolution?.down?.(db);
      const at = '2026-11-23T00:00:00.000Z';
      const cohort = await db
        .insertInto('cohorts')
        .values({ slug: 'x', name: 'X', track: 'group', created_by: 'U1', created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const pairing = await db
        .insertInto('pairings')
        .values({ cohort_id: cohort.id, cadence: 'weekly', created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      const request = { cohort_id: cohort.id, pairing_id: pairing.id, created_at: at, user_id: 'U1' };
      for (const reason of ['first', 'second', 'third']) {
        await db
          .insertInto('match_change_requests')
          .values({ ...request, reason })
          .execute();
      }
      await db
        .insertInto('match_change_requests')
        .values({ ...request, user_id: 'U2', reason: 'alone' })
        .execute();
      await resolution?.up(db);
      const rows = await db
        .selectFrom('match_change_requests')
        .select(['user_id', 'reason', 'resolved_at', 'resolution'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.user_id, r.reason, r.resolved_at === null, r.resolution])).toEqual([
        ['U1', 'first\n\nsecond\n\nthird', true, null],
        ['U1', 'second', false, 'dismissed'],
        ['U1', 'third', false, 'dismissed'],
        ['U2', 'alone', true, null],
      ]);
    } finally {
      await db.destroy();
    }
  });

  test('when the schema is rolled back, then every table is dropped', async () => {
    const db = openDatabase({ kind: 'sqlite-memory' });
    try {
      await migrateToLatest(db);
      const migrations = await migrationProvider.getMigrations();
      for (const name of Object.keys(migrations).reverse()) await migrations[name]?.down?.(db);
      const left = (await db.introspection.getTables()).map((t) => t.name);
      expect(left).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
