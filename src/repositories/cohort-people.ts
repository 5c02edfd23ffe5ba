import type { Db } from '../../db/connection';
import type { EnrollmentState, Instant } from '../../db/schema';
import type { Role } from '../domain/cohorts';

/** Who is in a cohort, as admins' reports and exports see it. */

export interface CohortMember {
  readonly enrollmentId: number;
  readonly userId: string;
  /** From the users table; null when the person was never looked up. */
  readonly name: string | null;
  readonly role: Role;
  readonly state: EnrollmentState;
  readonly enrolledAt: Instant;
}

/** Enrollments of a cohort, newest first, with names where known. */
export async function cohortMembers(db: Db, cohortId: number, limit?: number): Promise<CohortMember[]> {
  let query = db
    .selectFrom('enrollments')
    .leftJoin('users', 'users.id', 'enrollments.user_id')
    .select([
      'enrollments.id',
      'enrollments.user_id',
      'enrollments.role',
      'enrollments.state',
      'enrollments.enrolled_at',
      'users.name',
      'users.real_name',
    ])
    .where('enrollments.cohort_id', '=', cohortId)
    .orderBy('enrollments.enrolled_at', 'desc')
    .orderBy('enrollments.id', 'desc');
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  return rows.map((r) => ({
    enrollmentId: r.id,
    userId: r.user_id,
    name: r.real_name ?? r.name ?? null,
    role: r.role,
    state: r.state,
    enrolledAt: r.enrolled_at,
  }));
}

export interface CohortPairing {
  readonly pairingId: number;
  readonly members: readonly { userId: string; role: Role }[];
  readonly checkIns: number;
}

/** Every pairing of a cohort (ended ones too) with its members and how many check-ins it logged. */
export async function cohortPairings(db: Db, cohortId: number): Promise<CohortPairing[]> {
  const members = await db
    .selectFrom('pairing_members')
    .innerJoin('pairings', 'pairings.id', 'pairing_members.pairing_id')
    .select(['pairing_members.pairing_id', 'pairing_members.user_id', 'pairing_members.role'])
    .where('pairings.cohort_id', '=', cohortId)
    .orderBy('pairing_members.pairing_id')
    .orderBy('pairing_members.role')
    .orderBy('pairing_members.user_id')
    .execute();
  const counts = await db
    .selectFrom('check_ins')
    .innerJoin('pairings', 'pairings.id', 'check_ins.pairing_id')
    .select(['check_ins.pairing_id', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .where('pairings.cohort_id', '=', cohortId)
    .groupBy('check_ins.pairing_id')
    .execute();
  const byPairing = new Map<number, CohortPairing>();
  for (const m of members) {
    const pairing = byPairing.get(m.pairing_id) ?? { pairingId: m.pairing_id, members: [], checkIns: 0 };
    byPairing.set(m.pairing_id, {
      ...pairing,
      members: [...pairing.members, { userId: m.user_id, role: m.role }],
    });
  }
  for (const c of counts) {
    const pairing = byPairing.get(c.pairing_id);
    if (pairing !== undefined) byPairing.set(c.pairing_id, { ...pairing, checkIns: Number(c.n) });
  }
  return [...byPairing.values()];
}

/** Of the people given, those enrolled in the cohort and not withdrawn. */
export async function enrolledAmong(
  db: Db,
  cohortId: number,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('enrollments')
    .select('user_id')
    .where('cohort_id', '=', cohortId)
    .where('state', '!=', 'withdrawn')
    .where('user_id', 'in', userIds)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
