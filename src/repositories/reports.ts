import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Cadence, EnrollmentState, PairingState, Track } from '../../db/schema';
import type { Role } from '../domain/cohorts';

/**
 * What the program report reads. Deliberately narrow: check-in notes and topics are never
 * selected, and of survey comments only whether one was written.
 */

const count = z.coerce.number().int().nonnegative();

export interface ReportEnrollmentRow {
  readonly enrollmentId: number;
  readonly cohortId: number;
  readonly userId: string;
  readonly track: Track;
  readonly role: Role;
  readonly state: EnrollmentState;
}

export async function reportEnrollments(
  db: Db,
  cohortIds: readonly number[],
): Promise<ReportEnrollmentRow[]> {
  if (cohortIds.length === 0) return [];
  const rows = await db
    .selectFrom('enrollments')
    .innerJoin('cohorts', 'cohorts.id', 'enrollments.cohort_id')
    .select([
      'enrollments.id',
      'enrollments.cohort_id',
      'enrollments.user_id',
      'enrollments.role',
      'enrollments.state',
      'cohorts.track',
    ])
    .where('enrollments.cohort_id', 'in', cohortIds)
    .orderBy('enrollments.id')
    .execute();
  return rows.map((r) => ({
    enrollmentId: r.id,
    cohortId: r.cohort_id,
    userId: r.user_id,
    track: r.track,
    role: r.role,
    state: r.state,
  }));
}

export interface ReportPairingRow {
  readonly id: number;
  readonly cohortId: number;
  readonly state: PairingState;
  readonly cadence: Cadence;
  readonly createdAt: string;
  readonly endedAt: string | null;
  readonly atRisk: boolean;
  readonly members: readonly string[];
}

export async function reportPairings(db: Db, cohortIds: readonly number[]): Promise<ReportPairingRow[]> {
  if (cohortIds.length === 0) return [];
  const pairings = await db
    .selectFrom('pairings')
    .select(['id', 'cohort_id', 'state', 'cadence', 'created_at', 'ended_at', 'at_risk_since'])
    .where('cohort_id', 'in', cohortIds)
    .orderBy('id')
    .execute();
  const members = await db
    .selectFrom('pairing_members')
    .innerJoin('pairings', 'pairings.id', 'pairing_members.pairing_id')
    .select(['pairing_members.pairing_id', 'pairing_members.user_id'])
    .where('pairings.cohort_id', 'in', cohortIds)
    .execute();
  const byPairing = new Map<number, string[]>();
  for (const m of members) byPairing.set(m.pairing_id, [...(byPairing.get(m.pairing_id) ?? []), m.user_id]);
  return pairings.map((p) => ({
    id: p.id,
    cohortId: p.cohort_id,
    state: p.state,
    cadence: p.cadence,
    createdAt: p.created_at,
    endedAt: p.ended_at,
    atRisk: p.at_risk_since !== null,
    members: byPairing.get(p.id) ?? [],
  }));
}

/** When each check-in happened: no notes, no topics, no ratings. */
export async function reportCheckInDates(
  db: Db,
  cohortIds: readonly number[],
): Promise<{ pairingId: number; metOn: string }[]> {
  if (cohortIds.length === 0) return [];
  const rows = await db
    .selectFrom('check_ins')
    .innerJoin('pairings', 'pairings.id', 'check_ins.pairing_id')
    .select(['check_ins.pairing_id', 'check_ins.met_on'])
    .where('pairings.cohort_id', 'in', cohortIds)
    .execute();
  return rows.map((r) => ({ pairingId: r.pairing_id, metOn: r.met_on }));
}

export interface ReportSurveyRow {
  readonly cohortId: number;
  readonly satisfaction: number | null;
  readonly goalProgress: number | null;
  readonly nps: number | null;
  readonly leadershipInterest: 'yes' | 'no' | 'unsure' | null;
  readonly hasComment: boolean;
}

/** Survey scores without who gave them; comments only as "one was written". */
export async function reportSurveyResponses(
  db: Db,
  cohortIds: readonly number[],
): Promise<ReportSurveyRow[]> {
  if (cohortIds.length === 0) return [];
  const rows = await db
    .selectFrom('survey_responses')
    .innerJoin('surveys', 'surveys.id', 'survey_responses.survey_id')
    .select((eb) => [
      'surveys.cohort_id',
      'survey_responses.satisfaction',
      'survey_responses.goal_progress',
      'survey_responses.nps',
      'survey_responses.leadership_interest',
      eb
        .case()
        .when(eb.fn('trim', ['survey_responses.comments']), '!=', '')
        .then(1)
        .else(0)
        .end()
        .as('has_comment'),
    ])
    .where('surveys.cohort_id', 'in', cohortIds)
    .execute();
  return rows.map((r) => ({
    cohortId: r.cohort_id,
    satisfaction: r.satisfaction,
    goalProgress: r.goal_progress,
    nps: r.nps,
    leadershipInterest: r.leadership_interest,
    hasComment: Number(r.has_comment) === 1,
  }));
}

export interface ReportPulseAnswer {
  readonly cohortId: number;
  readonly pulseId: number;
  /** Null for anonymous pulses. */
  readonly authorUserId: string | null;
  readonly text: string;
}

/** Every pulse answer in these cohorts: read to count themes, never shown. */
export async function reportPulseAnswers(db: Db, cohortIds: readonly number[]): Promise<ReportPulseAnswer[]> {
  if (cohortIds.length === 0) return [];
  const rows = await db
    .selectFrom('pulse_answers')
    .innerJoin('pulses', 'pulses.id', 'pulse_answers.pulse_id')
    .select([
      'pulses.cohort_id',
      'pulse_answers.pulse_id',
      'pulse_answers.author_user_id',
      'pulse_answers.answer',
    ])
    .where('pulses.cohort_id', 'in', cohortIds)
    .execute();
  return rows.map((r) => ({
    cohortId: r.cohort_id,
    pulseId: r.pulse_id,
    authorUserId: r.author_user_id,
    text: r.answer,
  }));
}

export async function countFailedOutbox(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('state', '=', 'failed')
    .executeTakeFirstOrThrow();
  return count.parse(row.n);
}
