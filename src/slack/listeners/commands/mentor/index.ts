import type { Subcommand } from '../router';
import { adminAnnounce } from './admin-announce';
import { adminAudit } from './admin-audit';
import { cohortEdit, cohortLifecycle, cohortList, cohortNew } from './admin-cohort';
import { adminExport } from './admin-export';
import { adminMatch, adminMatchRequests, adminRematch, matchConstraints } from './admin-match';
import { adminNominate } from './admin-nominate';
import { adminPulse, adminPulseResults } from './admin-pulse';
import { adminQuestions } from './admin-questions';
import { adminReport } from './admin-report';
import { adminRoster } from './admin-roster';
import { join, leave, profile, status } from './enrollment';
import { help } from './help';

/** Every `/mentor` subcommand, in the order help lists them. Add a module, then a line here. */
export const subcommands: readonly Subcommand[] = [
  help,
  join,
  status,
  profile,
  leave,
  cohortNew,
  cohortList,
  cohortEdit,
  ...cohortLifecycle,
  adminQuestions,
  adminNominate,
  adminRoster,
  adminAnnounce,
  adminPulse,
  adminPulseResults,
  adminExport,
  adminReport,
  adminMatch,
  ...matchConstraints,
  adminRematch,
  adminMatchRequests,
  adminAudit,
];
