import type { Cohort, Role } from '../domain/cohorts';
import { insertAuditEntry } from '../repositories/audit';
import { type CohortMember, cohortMembers, enrolledAmong } from '../repositories/cohort-people';
import { countEnrollments, findCohortBySlug } from '../repositories/cohorts';
import { listNominations } from '../repositories/nominations';
import { displayNames } from '../repositories/users';
import { toCohort } from './cohorts';
import type { ServiceDeps } from './deps';

export const RECENT_SHOWN = 10;

export interface Roster {
  readonly cohort: Cohort;
  readonly counts: readonly { role: Role; state: string; count: number }[];
  readonly nominations: readonly { userId: string; name: string | null; enrolled: boolean }[];
  readonly recent: readonly CohortMember[];
}

export type RosterOutcome = { ok: true; roster: Roster } | { ok: false; reason: string };

/** Who is in a cohort: counts by role and state, nominations, and the latest enrollments. */
export async function cohortRoster(deps: ServiceDeps, actorId: string, slug: string): Promise<RosterOutcome> {
  const { db } = deps;
  const row = await findCohortBySlug(db, slug);
  if (row === undefined) return { ok: false, reason: `There is no cohort called \`${slug}\`.` };
  const [counts, nominations, recent] = await Promise.all([
    countEnrollments(db, [row.id]),
    listNominations(db, row.id),
    cohortMembers(db, row.id, RECENT_SHOWN),
  ]);
  const nominees = nominations.map((n) => n.userId);
  const [enrolled, names] = await Promise.all([
    enrolledAmong(db, row.id, nominees),
    displayNames(db, nominees),
  ]);
  await insertAuditEntry(db, {
    actorUserId: actorId,
    action: 'cohort.roster',
    target: slug,
    outcome: 'ok',
    at: deps.clock().toISOString(),
  });
  return {
    ok: true,
    roster: {
      cohort: toCohort(row),
      counts: counts.map((c) => ({ role: c.role, state: c.state, count: c.count })),
      nominations: nominees.map((userId) => ({
        userId,
        name: names.get(userId) ?? null,
        enrolled: enrolled.has(userId),
      })),
      recent,
    },
  };
}
