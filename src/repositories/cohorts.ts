import type { Db } from '../../db/connection';
import type { Cohort, CohortState, Instant, NewCohort } from '../../db/schema';

export async function insertCohort(db: Db, values: NewCohort): Promise<Cohort> {
  return db.insertInto('cohorts').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateCohort(
  db: Db,
  id: number,
  values: Partial<Omit<NewCohort, 'created_at' | 'created_by'>> & { updated_at: Instant },
): Promise<void> {
  await db.updateTable('cohorts').set(values).where('id', '=', id).execute();
}

export async function findCohortBySlug(db: Db, slug: string): Promise<Cohort | undefined> {
  return db.selectFrom('cohorts').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function findCohortById(db: Db, id: number): Promise<Cohort | undefined> {
  return db.selectFrom('cohorts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCohorts(db: Db, states?: readonly CohortState[]): Promise<Cohort[]> {
  let query = db.selectFrom('cohorts').selectAll();
  if (states !== undefined) query = query.where('state', 'in', states);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export interface EnrollmentCounts {
  readonly cohortId: number;
  readonly role: 'mentor' | 'mentee';
  readonly state: string;
  readonly count: number;
}

/** Enrollments per cohort, role and state, in one grouped query. */
export async function countEnrollments(db: Db, cohortIds: readonly number[]): Promise<EnrollmentCounts[]> {
  if (cohortIds.length === 0) return [];
  const rows = await db
    .selectFrom('enrollments')
    .select(['cohort_id', 'role', 'state', (eb) => eb.fn.countAll<number | string | bigint>().as('n')])
    .where('cohort_id', 'in', cohortIds)
    .groupBy(['cohort_id', 'role', 'state'])
    .execute();
  // PostgreSQL returns counts as strings; map here so nothing above sees the difference.
  return rows.map((r) => ({ cohortId: r.cohort_id, role: r.role, state: r.state, count: Number(r.n) }));
}
