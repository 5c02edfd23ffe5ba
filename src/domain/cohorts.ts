/**
 * Cohorts: tracks, their roles, the lifecycle and the rules for a cohort's settings. Pure.
 */

export const TRACKS = ['high_potential', 'reverse', 'group'] as const;
export type Track = (typeof TRACKS)[number];

export const COHORT_STATES = ['draft', 'enrolling', 'matching', 'active', 'completed'] as const;
export type CohortState = (typeof COHORT_STATES)[number];

export const CADENCES = ['weekly', 'biweekly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];

export type Role = 'mentor' | 'mentee';

export const TRACK_LABELS: Record<Track, string> = {
  high_potential: 'High-potential (1:1 with a senior mentor)',
  reverse: 'Reverse (a junior employee mentors a senior one)',
  group: 'Group (one mentor, several mentees)',
};

export const CADENCE_LABELS: Record<Cadence, string> = {
  weekly: 'Weekly',
  biweekly: 'Every two weeks',
  monthly: 'Monthly',
};

/** What each role is called in each track: in reverse mentoring the junior person teaches. */
export const ROLE_LABELS: Record<Track, Record<Role, string>> = {
  high_potential: { mentor: 'Mentor', mentee: 'Mentee' },
  reverse: { mentor: 'Junior mentor (teaches)', mentee: 'Senior mentee (learns)' },
  group: { mentor: 'Group mentor', mentee: 'Group member' },
};

export const STATE_LABELS: Record<CohortState, string> = {
  draft: 'Draft',
  enrolling: 'Enrolling',
  matching: 'Enrollment closed, matching',
  active: 'Active',
  completed: 'Completed',
};

/** Slack group DMs hold at most 8 people with the bot, so a group is a mentor and at most 7 more. */
export const GROUP_SIZE_MIN = 2;
export const GROUP_SIZE_MAX = 8;

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

export type LifecycleAction = 'open' | 'close' | 'activate' | 'complete';

export interface LifecycleFacts {
  readonly state: CohortState;
  readonly mentees: number;
  readonly mentors: number;
}

export type TransitionResult = { ok: true; to: CohortState } | { ok: false; reason: string };

/**
 * The lifecycle: draft → enrolling ⇄ matching → active → completed. Enrollment can be reopened
 * while matching has not been approved; a completed cohort is history and never reopens.
 */
export function transition(action: LifecycleAction, facts: LifecycleFacts): TransitionResult {
  const { state } = facts;
  switch (action) {
    case 'open':
      if (state === 'draft' || state === 'matching') return { ok: true, to: 'enrolling' };
      if (state === 'enrolling') return { ok: false, reason: 'Enrollment is already open.' };
      if (state === 'completed') return { ok: false, reason: 'A completed cohort cannot be reopened.' };
      return { ok: false, reason: 'The cohort is active: its pairs are already working together.' };
    case 'close':
      if (state === 'enrolling') return { ok: true, to: 'matching' };
      return {
        ok: false,
        reason: `Enrollment is not open (the cohort is ${STATE_LABELS[state].toLowerCase()}).`,
      };
    case 'activate':
      if (state !== 'matching') {
        return { ok: false, reason: 'Close enrollment before approving matches.' };
      }
      if (facts.mentees === 0) return { ok: false, reason: 'The cohort has no mentees to match.' };
      if (facts.mentors === 0) return { ok: false, reason: 'The cohort has no mentors to match.' };
      return { ok: true, to: 'active' };
    case 'complete':
      if (state === 'active') return { ok: true, to: 'completed' };
      return { ok: false, reason: 'Only an active cohort can be completed.' };
  }
}

export function mentorCapacity(track: Track, groupSize: number | null): number {
  return track === 'group' ? Math.max(1, (groupSize ?? GROUP_SIZE_MIN) - 1) : 1;
}

/** A cohort's settings as an admin enters them in the cohort modal. Dates are YYYY-MM-DD. */
export interface CohortSettings {
  readonly name: string;
  readonly slug: string;
  readonly track: Track;
  /** People per group, mentor included; null outside the group track. */
  readonly groupSize: number | null;
  readonly enrollmentOpensOn: string;
  readonly enrollmentClosesOn: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly defaultCadence: Cadence;
  readonly announcementChannelId: string | null;
  readonly guidelines: string;
  readonly surveyMidpoint: boolean;
  readonly surveyEnd: boolean;
  readonly nominatedOnly: boolean;
  /** Hours of working time (9:00–17:00 local) a pair must share on a working day. */
  readonly minOverlapHours: number;
  /** Reverse track: option values of the skills juniors teach; empty means any skill. */
  readonly reverseSkills: readonly string[];
}

export type SettingsField = keyof CohortSettings;
export type SettingsProblem = { field: SettingsField; message: string };

export const COHORT_NAME_MAX = 80;
/** Everyone's working day is 9:00–17:00 local, so a pair can share at most 8 hours. */
export const MIN_OVERLAP_MAX = 8;
export const DEFAULT_MIN_OVERLAP_HOURS = 2;
export const GUIDELINES_MAX = 2500;

/** Every rule a cohort's settings must meet that needs no database; all problems at once. */
export function validateCohortSettings(s: CohortSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const add = (field: SettingsField, message: string) => problems.push({ field, message });
  if (s.name.trim() === '') add('name', 'Please give the cohort a name.');
  if (s.name.length > COHORT_NAME_MAX)
    add('name', `Please keep the name under ${COHORT_NAME_MAX} characters.`);
  if (!SLUG_PATTERN.test(s.slug)) {
    add('slug', 'Use 1–32 lowercase letters, digits and dashes, starting and ending with a letter or digit.');
  }
  if (s.track === 'group') {
    if (s.groupSize === null) add('groupSize', 'Group mentoring needs a group size.');
    else if (!Number.isInteger(s.groupSize) || s.groupSize < GROUP_SIZE_MIN || s.groupSize > GROUP_SIZE_MAX) {
      add(
        'groupSize',
        `A group holds ${GROUP_SIZE_MIN} to ${GROUP_SIZE_MAX} people, mentor included (Slack's group DM limit).`,
      );
    }
  }
  if (!Number.isInteger(s.minOverlapHours) || s.minOverlapHours < 0 || s.minOverlapHours > MIN_OVERLAP_MAX) {
    add(
      'minOverlapHours',
      `Enter whole hours from 0 to ${MIN_OVERLAP_MAX} (a working day is 9:00 to 17:00 in each person's time zone).`,
    );
  }
  if (s.enrollmentClosesOn < s.enrollmentOpensOn)
    add('enrollmentClosesOn', 'Enrollment must close after it opens.');
  if (s.startsOn < s.enrollmentClosesOn)
    add('startsOn', 'The program should start on or after enrollment closes.');
  if (s.endsOn <= s.startsOn) add('endsOn', 'The program must end after it starts.');
  if (s.guidelines.length > GUIDELINES_MAX) {
    add(
      'guidelines',
      `Please keep the guidelines under ${GUIDELINES_MAX} characters (now ${s.guidelines.length}).`,
    );
  }
  return problems;
}

/** A cohort as the services and views see it. */
export interface Cohort extends CohortSettings {
  readonly id: number;
  readonly state: CohortState;
}
