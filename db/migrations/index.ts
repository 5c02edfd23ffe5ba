import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './2026_11_23_1200_initial_schema';

/**
 * Every migration, listed in code rather than discovered on disk, so the app, the CLI and the tests
 * run the same list whether they execute TypeScript sources or compiled output. Names sort by time.
 */
const migrations: Record<string, Migration> = {
  '2026_11_23_1200_initial_schema': initialSchema,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
