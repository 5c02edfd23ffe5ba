import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DatabaseTarget } from '../src/config';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/**
 * Opens the database named by DATABASE_URL. SQLite runs in WAL mode (readers never block the
 * writer, and a second process can share the file), with foreign keys enforced and a busy timeout
 * so two processes on one file wait for each other instead of failing with SQLITE_BUSY.
 */
export function openDatabase(target: DatabaseTarget): Db {
  const filename = target.kind === 'sqlite' ? target.filename : ':memory:';
  if (target.kind === 'sqlite') mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new SqliteDatabase(filename);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}
