import { type Db, openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';

/** A fresh, migrated in-memory database: real SQLite, never a mock. */
export async function memoryDb(): Promise<Db> {
  const db = openDatabase({ kind: 'sqlite-memory' });
  await migrateToLatest(db);
  return db;
}
