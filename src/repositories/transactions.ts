import { SqliteAdapter, sql } from 'kysely';
import type { Db } from '../../db/connection';

/**
 * A transaction that reads and then writes. SQLite's default (deferred) transaction takes the
 * write lock only at its first write, and when another process wrote in between it fails at once
 * with SQLITE_BUSY instead of waiting; `begin immediate` takes the lock up front, so the busy
 * timeout applies and two processes on one file queue up. Other databases use Kysely's own.
 */
export async function writeTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return db.transaction().execute(work);
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}
