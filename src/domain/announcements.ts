import type { CohortState } from './cohorts';

/** Announcements an admin posts to a channel: what a valid one looks like. Pure. */

/** One section block holds 3000 characters. */
export const ANNOUNCEMENT_TEXT_MAX = 3000;
/** A later post is kept in the outbox; a year is far enough for any cohort. */
export const POST_AHEAD_MAX_DAYS = 365;

export interface AnnouncementDraft {
  readonly channelId: string;
  /** Slack mrkdwn as the admin wrote it. */
  readonly text: string;
  readonly joinButton: boolean;
  /** ISO-8601 instant; null posts as soon as the admin confirms. */
  readonly postAt: string | null;
}

export type AnnouncementField = keyof AnnouncementDraft;
export type AnnouncementProblem = { readonly field: AnnouncementField; readonly message: string };

const JOINABLE: readonly CohortState[] = ['draft', 'enrolling'];

export function validateAnnouncement(
  draft: AnnouncementDraft,
  context: { now: Date; cohortState: CohortState },
): AnnouncementProblem[] {
  const problems: AnnouncementProblem[] = [];
  if (draft.channelId === '') problems.push({ field: 'channelId', message: 'Please pick a channel.' });
  const text = draft.text.trim();
  if (text === '') problems.push({ field: 'text', message: 'Please write the announcement.' });
  else if (text.length > ANNOUNCEMENT_TEXT_MAX) {
    problems.push({
      field: 'text',
      message: `Please keep it under ${ANNOUNCEMENT_TEXT_MAX} characters (now ${text.length}).`,
    });
  }
  if (draft.joinButton && !JOINABLE.includes(context.cohortState)) {
    problems.push({
      field: 'joinButton',
      message: 'Enrollment is closed for this cohort, so a Join button would only disappoint people.',
    });
  }
  if (draft.postAt !== null) {
    const at = Date.parse(draft.postAt);
    if (Number.isNaN(at) || at <= context.now.getTime()) {
      problems.push({
        field: 'postAt',
        message: 'Please pick a time in the future, or leave it empty to post now.',
      });
    } else if (at > context.now.getTime() + POST_AHEAD_MAX_DAYS * 86_400_000) {
      problems.push({ field: 'postAt', message: `Please pick a time within ${POST_AHEAD_MAX_DAYS} days.` });
    }
  }
  return problems;
}
