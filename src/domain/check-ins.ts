/**
 * Rules for a logged check-in and a survey answer, as entered in their modals. Pure: the
 * listener passes the raw field values and the dates that matter; problems come back per field.
 */

export interface CheckInForm {
  readonly metOn: string | undefined;
  readonly duration: string | undefined;
  readonly topics: string | undefined;
  readonly notes: string | undefined;
  readonly rating: string | undefined;
}

export type CheckInField = keyof CheckInForm;

export interface ValidCheckIn {
  readonly metOn: string;
  readonly durationMinutes: number | null;
  readonly topics: string | null;
  readonly privateNotes: string | null;
  readonly rating: number;
}

export const CHECK_IN_RULES = { durationMin: 5, durationMax: 600, topicsMax: 1000, notesMax: 2000 } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

export function validateCheckIn(
  form: CheckInForm,
  context: { today: string; pairedOn: string },
): { ok: true; value: ValidCheckIn } | { ok: false; problems: Partial<Record<CheckInField, string>> } {
  const problems: Partial<Record<CheckInField, string>> = {};
  const metOn = form.metOn ?? '';
  if (!DATE.test(metOn)) problems.metOn = 'Please pick the date you met.';
  else if (metOn > context.today)
    problems.metOn = 'That date is in the future: log a meeting once it has happened.';
  else if (metOn < context.pairedOn)
    problems.metOn = 'That is before you were paired; pick the date of this meeting.';

  let durationMinutes: number | null = null;
  const rawDuration = blankToNull(form.duration);
  if (rawDuration !== null) {
    const n = Number(rawDuration);
    if (!Number.isInteger(n) || n < CHECK_IN_RULES.durationMin || n > CHECK_IN_RULES.durationMax) {
      problems.duration = `Enter whole minutes between ${CHECK_IN_RULES.durationMin} and ${CHECK_IN_RULES.durationMax}.`;
    } else durationMinutes = n;
  }
  const topics = blankToNull(form.topics);
  if (topics !== null && topics.length > CHECK_IN_RULES.topicsMax)
    problems.topics = `Please keep this under ${CHECK_IN_RULES.topicsMax} characters.`;
  const privateNotes = blankToNull(form.notes);
  if (privateNotes !== null && privateNotes.length > CHECK_IN_RULES.notesMax)
    problems.notes = `Please keep your notes under ${CHECK_IN_RULES.notesMax} characters.`;
  const rating = Number(form.rating);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    problems.rating = 'Pick how it went, from 1 to 5.';

  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { metOn, durationMinutes, topics, privateNotes, rating } };
}

export interface SurveyForm {
  readonly satisfaction: string | undefined;
  readonly goalProgress: string | undefined;
  readonly nps: string | undefined;
  readonly leadership: string | undefined;
  readonly comments: string | undefined;
}

export type SurveyField = keyof SurveyForm;

export interface ValidSurveyAnswer {
  readonly satisfaction: number;
  readonly goalProgress: number;
  readonly nps: number;
  readonly leadershipInterest: 'yes' | 'no' | 'unsure';
  readonly comments: string | null;
}

export const SURVEY_RULES = { commentsMax: 2000, closesAfterDays: 14, reminderAfterDays: 3 } as const;

function inRange(raw: string | undefined, min: number, max: number): number | undefined {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export function validateSurvey(
  form: SurveyForm,
): { ok: true; value: ValidSurveyAnswer } | { ok: false; problems: Partial<Record<SurveyField, string>> } {
  const problems: Partial<Record<SurveyField, string>> = {};
  const satisfaction = inRange(form.satisfaction, 1, 5);
  if (satisfaction === undefined) problems.satisfaction = 'Pick a number from 1 to 5.';
  const goalProgress = inRange(form.goalProgress, 1, 5);
  if (goalProgress === undefined) problems.goalProgress = 'Pick a number from 1 to 5.';
  const nps = inRange(form.nps, 0, 10);
  if (nps === undefined) problems.nps = 'Pick a number from 0 to 10.';
  const leadership = form.leadership;
  if (leadership !== 'yes' && leadership !== 'no' && leadership !== 'unsure')
    problems.leadership = 'Pick one answer.';
  const comments = blankToNull(form.comments);
  if (comments !== null && comments.length > SURVEY_RULES.commentsMax)
    problems.comments = `Please keep your comments under ${SURVEY_RULES.commentsMax} characters.`;
  if (
    satisfaction === undefined ||
    goalProgress === undefined ||
    nps === undefined ||
    (leadership !== 'yes' && leadership !== 'no' && leadership !== 'unsure') ||
    Object.keys(problems).length > 0
  ) {
    return { ok: false, problems };
  }
  return { ok: true, value: { satisfaction, goalProgress, nps, leadershipInterest: leadership, comments } };
}
