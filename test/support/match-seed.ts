import type { Db } from '../../db/connection';
import type { CohortSettings } from '../../src/domain/cohorts';
import type { AnswerValue } from '../../src/domain/questions';
import { listQuestions } from '../../src/repositories/questions';
import { changeCohortState, createCohort } from '../../src/services/cohorts';
import type { ServiceDeps } from '../../src/services/deps';

/**
 * Cohorts made through the cohort service (so they have the real default question bank) and
 * participants written straight into the database: matching tests need dozens of people, and
 * submitting the enrollment modal for each would test enrollment, not matching.
 */

const AT = '2026-11-20T09:00:00.000Z';

export function cohortSettings(slug: string, extra: Partial<CohortSettings> = {}): CohortSettings {
  return {
    name: `Cohort ${slug}`,
    slug,
    track: 'high_potential',
    groupSize: null,
    enrollmentOpensOn: '2026-11-01',
    enrollmentClosesOn: '2026-12-15',
    startsOn: '2027-01-04',
    endsOn: '2027-06-30',
    defaultCadence: 'biweekly',
    announcementChannelId: null,
    guidelines: 'Meet regularly.',
    surveyMidpoint: false,
    surveyEnd: false,
    nominatedOnly: false,
    minOverlapHours: 2,
    reverseSkills: [],
    ...extra,
  };
}

/** A cohort whose enrollment is open; call `closeEnrollment` after enrolling people. */
export async function openCohort(
  services: ServiceDeps,
  adminId: string,
  slug: string,
  extra: Partial<CohortSettings> = {},
) {
  const created = await createCohort(services, adminId, cohortSettings(slug, extra));
  if (!created.ok) throw new Error(`cohort ${slug} not created`);
  await changeCohortState(services, adminId, slug, 'open');
  return created.cohort.id;
}

export async function closeEnrollment(services: ServiceDeps, adminId: string, slug: string): Promise<void> {
  const closed = await changeCohortState(services, adminId, slug, 'close');
  if (!closed.ok) throw new Error(closed.reason);
}

export interface PersonSeed {
  readonly id: string;
  readonly role: 'mentor' | 'mentee';
  readonly name?: string;
  readonly tz?: string;
  /** By question key; defaults give a compatible, matchable person. */
  readonly answers?: Readonly<Record<string, AnswerValue>>;
}

const DEFAULTS: Record<'mentor' | 'mentee', Record<string, AnswerValue>> = {
  mentor: {
    objectives: 'Share what I learned about strategy and delegation',
    skills_offered: ['strategy', 'delegation', 'negotiation'],
    department: 'engineering',
    job_level: '5',
    cadence: 'monthly',
    languages: ['english'],
  },
  mentee: {
    objectives: 'Grow my strategy and delegation skills',
    skills_wanted: ['strategy', 'delegation'],
    department: 'product',
    job_level: '3',
    cadence: 'weekly',
    languages: ['english'],
  },
};

export async function enrollPeople(db: Db, cohortId: number, people: readonly PersonSeed[]): Promise<void> {
  const questions = await listQuestions(db, cohortId);
  for (const person of people) {
    await db
      .insertInto('users')
      .values({
        id: person.id,
        name: person.id.toLowerCase(),
        real_name: person.name ?? `Person ${person.id}`,
        tz: person.tz ?? 'Europe/London',
        created_at: AT,
        updated_at: AT,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const enrollment = await db
      .insertInto('enrollments')
      .values({ cohort_id: cohortId, user_id: person.id, role: person.role, enrolled_at: AT, updated_at: AT })
      .returning('id')
      .executeTakeFirstOrThrow();
    const answers = { ...DEFAULTS[person.role], ...person.answers };
    const rows = Object.entries(answers).flatMap(([key, value]) => {
      const question = questions.find((q) => q.key === key);
      return question === undefined
        ? []
        : [
            {
              enrollment_id: enrollment.id,
              question_id: question.id,
              value: JSON.stringify(value),
              updated_at: AT,
            },
          ];
    });
    if (rows.length > 0) await db.insertInto('profile_answers').values(rows).execute();
  }
}

/** `count` mentors and `count` mentees with ids like `U0M0001` / `U0E0001`. */
export function people(prefix: string, count: number): PersonSeed[] {
  const id = (kind: string, i: number) => `U0${prefix}${kind}${String(i).padStart(3, '0')}`;
  return Array.from({ length: count }, (_, i) => [
    { id: id('M', i), role: 'mentor' as const, name: `Mentor ${prefix}${i}` },
    { id: id('E', i), role: 'mentee' as const, name: `Mentee ${prefix}${i}` },
  ]).flat();
}
