import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';

export type SurveyKind = 'midpoint' | 'end';

export interface SurveyRow {
  readonly id: number;
  readonly cohortId: number;
  readonly cohortName: string;
  readonly kind: SurveyKind;
  readonly opensAt: Instant;
  readonly closesAt: Instant;
  readonly invitedAt: Instant | null;
  readonly remindedAt: Instant | null;
}

export interface SurveyCohort {
  readonly id: number;
  readonly name: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly midpoint: boolean;
  readonly end: boolean;
}

/** Active or completed cohorts with dates and at least one survey point switched on. */
export async function cohortsWithSurveys(db: Db): Promise<SurveyCohort[]> {
  const rows = await db
    .selectFrom('cohorts')
    .select(['id', 'name', 'starts_on', 'ends_on', 'survey_midpoint', 'survey_end'])
    .where('state', 'in', ['active', 'completed'])
    .where('starts_on', 'is not', null)
    .where('ends_on', 'is not', null)
    .where((eb) => eb.or([eb('survey_midpoint', '=', 1), eb('survey_end', '=', 1)]))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    startsOn: r.starts_on ?? '',
    endsOn: r.ends_on ?? '',
    midpoint: r.survey_midpoint === 1,
    end: r.survey_end === 1,
  }));
}

export async function insertSurvey(
  db: Db,
  s: { cohortId: number; kind: SurveyKind; opensAt: Instant; closesAt: Instant; at: Instant },
): Promise<void> {
  await db
    .insertInto('surveys')
    .values({
      cohort_id: s.cohortId,
      kind: s.kind,
      opens_at: s.opensAt,
      closes_at: s.closesAt,
      created_at: s.at,
    })
    .onConflict((oc) => oc.columns(['cohort_id', 'kind']).doNothing())
    .execute();
}

function surveyQuery(db: Db) {
  return db
    .selectFrom('surveys as s')
    .innerJoin('cohorts as c', 'c.id', 's.cohort_id')
    .select([
      's.id',
      's.cohort_id',
      'c.name',
      's.kind',
      's.opens_at',
      's.closes_at',
      's.invited_at',
      's.reminded_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof surveyQuery>['execute']>>[number];

function toSurvey(r: Row): SurveyRow {
  return {
    id: r.id,
    cohortId: r.cohort_id,
    cohortName: r.name,
    kind: r.kind,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    invitedAt: r.invited_at,
    remindedAt: r.reminded_at,
  };
}

/** Open surveys that still owe invitations or a reminder. */
export async function surveysWithWork(db: Db, now: Instant): Promise<SurveyRow[]> {
  const rows = await surveyQuery(db)
    .where('s.opens_at', '<=', now)
    .where('s.closes_at', '>', now)
    .where((eb) => eb.or([eb('s.invited_at', 'is', null), eb('s.reminded_at', 'is', null)]))
    .execute();
  return rows.map(toSurvey);
}

export async function findSurvey(db: Db, id: number): Promise<SurveyRow | undefined> {
  const row = await surveyQuery(db).where('s.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toSurvey(row);
}

export async function stampSurvey(
  db: Db,
  id: number,
  values: { invitedAt?: Instant; remindedAt?: Instant },
): Promise<void> {
  await db
    .updateTable('surveys')
    .set({
      ...(values.invitedAt !== undefined ? { invited_at: values.invitedAt } : {}),
      ...(values.remindedAt !== undefined ? { reminded_at: values.remindedAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Everyone in one of the cohort's pairings, with their time zone. */
export async function cohortParticipants(
  db: Db,
  cohortId: number,
): Promise<{ userId: string; tz: string | null }[]> {
  const rows = await db
    .selectFrom('pairing_members as m')
    .innerJoin('pairings as p', 'p.id', 'm.pairing_id')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.tz'])
    .where('p.cohort_id', '=', cohortId)
    .distinct()
    .orderBy('m.user_id')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, tz: r.tz ?? null }));
}

export async function respondents(db: Db, surveyId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('survey_responses')
    .select('user_id')
    .where('survey_id', '=', surveyId)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export interface NewSurveyResponse {
  readonly surveyId: number;
  readonly userId: string;
  readonly satisfaction: number;
  readonly goalProgress: number;
  readonly nps: number;
  readonly leadershipInterest: 'yes' | 'no' | 'unsure';
  readonly comments: string | null;
  readonly at: Instant;
}

/** False when this person already answered this survey. */
export async function insertSurveyResponse(db: Db, r: NewSurveyResponse): Promise<boolean> {
  const result = await db
    .insertInto('survey_responses')
    .values({
      survey_id: r.surveyId,
      user_id: r.userId,
      satisfaction: r.satisfaction,
      goal_progress: r.goalProgress,
      nps: r.nps,
      leadership_interest: r.leadershipInterest,
      comments: r.comments,
      submitted_at: r.at,
    })
    .onConflict((oc) => oc.columns(['survey_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
