import type { Db } from '../../db/connection';
import { SURVEY_RULES, type SurveyField, type SurveyForm, validateSurvey } from '../domain/check-ins';
import { addDays, localDate, midpointDate, nextWorkingSlot, safeZone } from '../domain/schedule';
import { enqueueMessage } from '../repositories/outbox';
import {
  cohortParticipants,
  cohortsWithSurveys,
  findSurvey,
  insertSurvey,
  insertSurveyResponse,
  respondents,
  type SurveyRow,
  stampSurvey,
  surveysWithWork,
} from '../repositories/surveys';
import { writeTransaction } from '../repositories/transactions';
import { surveyInviteMessage } from '../slack/views/scheduled';
import type { ServiceDeps } from './deps';

const DAY_MS = 86_400_000;
/** A slot this recent still goes out now rather than a working day later. */
const GRACE_MS = 30 * 60_000;

export interface SurveyRunSummary {
  opened: number;
  invited: number;
  reminded: number;
}

function closesOn(survey: SurveyRow): string {
  return addDays(survey.closesAt.slice(0, 10), -1);
}

async function queueInvites(
  trx: Db,
  survey: SurveyRow,
  from: Date,
  reminder: boolean,
  skip: ReadonlySet<string>,
  at: string,
): Promise<number> {
  let queued = 0;
  for (const person of await cohortParticipants(trx, survey.cohortId)) {
    if (skip.has(person.userId)) continue;
    const fresh = await enqueueMessage(
      trx,
      {
        idempotencyKey: `${reminder ? 'survey-reminder' : 'survey'}:${survey.id}:${person.userId}`,
        kind: reminder ? 'survey.reminder' : 'survey.invite',
        target: person.userId,
        payload: surveyInviteMessage({
          surveyId: survey.id,
          cohortName: survey.cohortName,
          kind: survey.kind,
          closesOn: closesOn(survey),
          reminder,
        }),
        notBefore: nextWorkingSlot(from, safeZone(person.tz)).toISOString(),
      },
      at,
    );
    if (fresh) queued += 1;
  }
  return queued;
}

/**
 * The survey job: opens each cohort's midpoint and end surveys on their day, invites every
 * participant at their own 10:00, and reminds those who have not answered three days later.
 */
export async function runSurveys(db: Db, now: Date): Promise<SurveyRunSummary> {
  const at = now.toISOString();
  const today = localDate(now, 'UTC');
  const summary: SurveyRunSummary = { opened: 0, invited: 0, reminded: 0 };
  for (const cohort of await cohortsWithSurveys(db)) {
    const points: ['midpoint' | 'end', string][] = [];
    if (cohort.midpoint) points.push(['midpoint', midpointDate(cohort.startsOn, cohort.endsOn)]);
    if (cohort.end) points.push(['end', cohort.endsOn]);
    for (const [kind, date] of points) {
      if (date > today) continue;
      const opensAt = `${date}T00:00:00.000Z`;
      const closesAt = new Date(Date.parse(opensAt) + SURVEY_RULES.closesAfterDays * DAY_MS).toISOString();
      if (closesAt <= at) continue;
      await insertSurvey(db, { cohortId: cohort.id, kind, opensAt, closesAt, at });
    }
  }
  for (const survey of await surveysWithWork(db, at)) {
    const opens = new Date(survey.opensAt);
    const fromNow = new Date(now.getTime() - GRACE_MS);
    await writeTransaction(db, async (trx) => {
      const current = await findSurvey(trx, survey.id);
      if (current === undefined) return;
      if (current.invitedAt === null) {
        summary.invited += await queueInvites(
          trx,
          current,
          opens > fromNow ? opens : fromNow,
          false,
          new Set(),
          at,
        );
        await stampSurvey(trx, current.id, { invitedAt: at });
        summary.opened += 1;
      }
      // Three days after the invitations went out (not after opening: a late start still gets them).
      const invited = new Date(current.invitedAt ?? at);
      const remindFrom = new Date(
        Math.max(opens.getTime(), invited.getTime()) + SURVEY_RULES.reminderAfterDays * DAY_MS,
      );
      if (current.remindedAt === null && current.invitedAt !== null && now >= remindFrom) {
        const answered = await respondents(trx, current.id);
        const from = remindFrom > fromNow ? remindFrom : fromNow;
        summary.reminded += await queueInvites(trx, current, from, true, answered, at);
        await stampSurvey(trx, current.id, { remindedAt: at });
      }
    });
  }
  return summary;
}

export type SurveyStart = { ok: true; surveyId: number; cohortName: string } | { ok: false; reason: string };

function closedReason(survey: SurveyRow): string {
  return `This survey closed on ${closesOn(survey)}. Thank you for wanting to share your feedback!`;
}

async function eligibility(deps: ServiceDeps, surveyId: number, userId: string) {
  const survey = await findSurvey(deps.db, surveyId);
  if (survey === undefined) return { ok: false as const, reason: 'This survey no longer exists.' };
  if (!(await cohortParticipants(deps.db, survey.cohortId)).some((p) => p.userId === userId))
    return { ok: false as const, reason: 'This survey is for the participants of the cohort.' };
  if (deps.clock().toISOString() >= survey.closesAt)
    return { ok: false as const, reason: closedReason(survey) };
  if ((await respondents(deps.db, survey.id)).has(userId))
    return { ok: false as const, reason: 'You have already answered this survey. Thank you!' };
  return { ok: true as const, survey };
}

export async function startSurvey(deps: ServiceDeps, surveyId: number, userId: string): Promise<SurveyStart> {
  const result = await eligibility(deps, surveyId, userId);
  return result.ok ? { ok: true, surveyId, cohortName: result.survey.cohortName } : result;
}

export type SurveyOutcome = { ok: true } | { ok: false; problems: Partial<Record<SurveyField, string>> };

/** One answer per person per survey; a late or second answer gets a polite field error. */
export async function submitSurvey(
  deps: ServiceDeps,
  input: { surveyId: number; userId: string; form: SurveyForm },
): Promise<SurveyOutcome> {
  const allowed = await eligibility(deps, input.surveyId, input.userId);
  if (!allowed.ok) return { ok: false, problems: { satisfaction: allowed.reason } };
  const valid = validateSurvey(input.form);
  if (!valid.ok) return valid;
  const saved = await insertSurveyResponse(deps.db, {
    surveyId: input.surveyId,
    userId: input.userId,
    ...valid.value,
    at: deps.clock().toISOString(),
  });
  if (!saved)
    return { ok: false, problems: { satisfaction: 'You have already answered this survey. Thank you!' } };
  deps.logger.event('info', 'survey answered', { survey: input.surveyId });
  return { ok: true };
}
