import type { Migration, MigrationProvider } from 'kysely';
import * as initialSchema from './2026_11_23_1200_initial_schema';
import * as scheduler from './2026_11_23_1500_scheduler';
import * as adminTools from './2026_11_23_1600_admin_tools';
import * as matching from './2026_11_23_1700_matching';
import * as matchingSettings from './2026_12_05_1200_matching_settings';
import * as proposalFingerprint from './2026_12_05_1300_proposal_fingerprint';
import * as matchRequestResolution from './2026_12_06_1200_match_request_resolution';

/**
 * Every migration, listed in code rather than discovered on disk, so the app, the CLI and the tests
 * run the same list whether they execute TypeScript sources or compiled output. Names sort by time.
 */
const migrations: Record<string, Migration> = {
  '2026_11_23_1200_initial_schema': initialSchema,
  '2026_11_23_1500_scheduler': scheduler,
  '2026_11_23_1600_admin_tools': adminTools,
  '2026_11_23_1700_matching': matching,
  '2026_12_05_1200_matching_settings': matchingSettings,
  '2026_12_05_1300_proposal_fingerprint': proposalFingerprint,
  '2026_12_06_1200_match_request_resolution': matchRequestResolution,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
