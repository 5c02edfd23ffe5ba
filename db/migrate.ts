import { Migrator } from 'kysely';
import type { Db } from './connection';
import { migrationProvider } from './migrations';

export interface MigrationOutcome {
  /** Names of the migrations this call applied, oldest first; empty when already up to date. */
  readonly applied: readonly string[];
}

export class MigrationError extends Error {
  readonly code = 'migration_failed';
  constructor(
    readonly migration: string | undefined,
    options: { cause: unknown },
  ) {
    super(`Database migration ${migration ?? '(unknown)'} failed`, options);
    this.name = 'MigrationError';
  }
}

export async function migrateToLatest(db: Db): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
