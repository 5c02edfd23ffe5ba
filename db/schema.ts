import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Cadence, CohortState, Role, Track } from '../src/domain/cohorts';
import type { MatchingUse, QuestionKind, Weight } from '../src/domain/questions';

/**
 * The database as the application sees it: one interface per table, assembled into `Database`.
 * Written by hand to match `db/migrations/` (update both together).
 *
 * Portability rules (SQLite now, PostgreSQL next): instants are ISO-8601 UTC text, calendar dates
 * are `YYYY-MM-DD` text, booleans are 0/1 integers, JSON is text. Repositories map these to domain
 * types; nothing above the repository layer sees a 0/1 or a JSON string.
 */

/** ISO-8601 instant in UTC, e.g. 2026-11-23T12:00:00.000Z. */
export type Instant = string;
/** Calendar date, YYYY-MM-DD. */
export type CalendarDate = string;
/** 0 or 1. */
export type Flag = number;
/** JSON document stored as text. */
export type JsonText = string;

export type EnrollmentRole = Role;
export type EnrollmentState = 'enrolled' | 'matched' | 'withdrawn' | 'completed';
export type QuestionWeight = Weight;
export type { Cadence, CohortState, MatchingUse, QuestionKind, Track };
export type PairingState = 'active' | 'paused' | 'ended';
export type OutboxState = 'pending' | 'in_flight' | 'sent' | 'failed';
export type MatchRequestResolution = 'rematched' | 'dismissed';

export interface UsersTable {
  /** Slack user id (U… or W…). */
  id: string;
  team_id: string | null;
  name: string;
  real_name: string | null;
  /** IANA time zone from users.info, e.g. Europe/Berlin. */
  tz: string | null;
  is_deleted: ColumnType<Flag, Flag | undefined, Flag>;
  created_at: ColumnType<Instant, Instant, never>;
  updated_at: Instant;
}

export interface CohortsTable {
  id: Generated<number>;
  /** Short unique lowercase handle used in commands. */
  slug: string;
  name: string;
  track: Track;
  state: ColumnType<CohortState, CohortState | undefined, CohortState>;
  /** Mentees per mentor in the group track; null in 1:1 tracks. */
  group_size: number | null;
  enrollment_opens_on: CalendarDate | null;
  enrollment_closes_on: CalendarDate | null;
  starts_on: CalendarDate | null;
  ends_on: CalendarDate | null;
  default_cadence: ColumnType<Cadence, Cadence | undefined, Cadence>;
  announcement_channel_id: string | null;
  guidelines: ColumnType<string, string | undefined, string>;
  nominated_only: ColumnType<Flag, Flag | undefined, Flag>;
  survey_midpoint: ColumnType<Flag, Flag | undefined, Flag>;
  survey_end: ColumnType<Flag, Flag | undefined, Flag>;
  created_by: string;
  created_at: ColumnType<Instant, Instant, never>;
  updated_at: Instant;
  /** When the cohort's wrap-up messages were queued. */
  wrapped_up_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  /** Hours of working time a pair must share on a working day. */
  min_overlap_hours: ColumnType<number, number | undefined, number>;
  /** Reverse track: JSON array of skill option values juniors teach; empty means any skill. */
  reverse_skills: ColumnType<JsonText, JsonText | undefined, JsonText>;
}

export interface ProfileQuestionsTable {
  id: Generated<number>;
  cohort_id: number;
  /** Stable machine key within the cohort, e.g. `skills_offered`. */
  key: string;
  position: number;
  kind: QuestionKind;
  label: string;
  help_text: string | null;
  /** JSON array of { value, label }. */
  options: ColumnType<JsonText, JsonText | undefined, JsonText>;
  required: ColumnType<Flag, Flag | undefined, Flag>;
  /** Self-identification: never shown to anyone but the author, aggregate reports only. */
  sensitive: ColumnType<Flag, Flag | undefined, Flag>;
  matching_use: ColumnType<MatchingUse, MatchingUse | undefined, MatchingUse>;
  weight: ColumnType<QuestionWeight, QuestionWeight | undefined, QuestionWeight>;
  max_selections: number | null;
  /** Asked only of this role; null asks everyone. */
  audience: EnrollmentRole | null;
  created_at: ColumnType<Instant, Instant, never>;
  updated_at: Instant;
}

export interface EnrollmentsTable {
  id: Generated<number>;
  cohort_id: number;
  user_id: string;
  role: EnrollmentRole;
  state: ColumnType<EnrollmentState, EnrollmentState | undefined, EnrollmentState>;
  /** Whether sensitive answers may be used as a matching preference (never by default). */
  match_on_sensitive: ColumnType<Flag, Flag | undefined, Flag>;
  /** Named in the cohort's end-of-program recognition post (off unless the participant opts in). */
  recognition_opt_in: ColumnType<Flag, Flag | undefined, Flag>;
  enrolled_at: ColumnType<Instant, Instant, never>;
  withdrawn_at: Instant | null;
  updated_at: Instant;
}

export interface ProfileAnswersTable {
  enrollment_id: number;
  question_id: number;
  /** JSON: a string, an array of strings, or a user id, by question kind. */
  value: JsonText;
  updated_at: Instant;
}

export interface NominationsTable {
  cohort_id: number;
  user_id: string;
  nominated_by: string;
  created_at: ColumnType<Instant, Instant, never>;
}

export interface PairingsTable {
  id: Generated<number>;
  cohort_id: number;
  state: ColumnType<PairingState, PairingState | undefined, PairingState>;
  cadence: Cadence;
  score: number | null;
  /** JSON array of human-readable match reasons. */
  reasons: ColumnType<JsonText, JsonText | undefined, JsonText>;
  /** Group DM the pair or group talks in, once opened. */
  conversation_id: string | null;
  paused_until: CalendarDate | null;
  approved_by: string | null;
  created_at: ColumnType<Instant, Instant, never>;
  updated_at: Instant;
  ended_at: Instant | null;
  /** Nominal date of the next check-in nudge (the cadence counts from it, not from snoozes). */
  next_nudge_on: ColumnType<CalendarDate | null, CalendarDate | null | undefined, CalendarDate | null>;
  /** When the next nudge round is due; null until scheduled. */
  next_nudge_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  /** Set when three cadence periods passed without a check-in; cleared by the next check-in. */
  at_risk_since: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

export interface PairingMembersTable {
  pairing_id: number;
  user_id: string;
  role: EnrollmentRole;
}

export interface CheckInsTable {
  id: Generated<number>;
  pairing_id: number;
  logged_by: string;
  met_on: CalendarDate;
  duration_minutes: number | null;
  topics: string | null;
  /** Visible to the author only. */
  private_notes: string | null;
  rating: number | null;
  created_at: ColumnType<Instant, Instant, never>;
}

export interface SurveysTable {
  id: Generated<number>;
  cohort_id: number;
  kind: 'midpoint' | 'end';
  opens_at: Instant;
  closes_at: Instant;
  created_at: ColumnType<Instant, Instant, never>;
  invited_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  reminded_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

export interface SurveyResponsesTable {
  id: Generated<number>;
  survey_id: number;
  user_id: string;
  satisfaction: number | null;
  goal_progress: number | null;
  nps: number | null;
  leadership_interest: 'yes' | 'no' | 'unsure' | null;
  /** Confidential: reports aggregate it, nobody sees it with a name. */
  comments: string | null;
  submitted_at: Instant;
}

export interface OutboxTable {
  id: Generated<number>;
  /** Unique per logical message, e.g. `nudge:<pairing>:<date>`; the guard against double sends. */
  idempotency_key: string;
  kind: string;
  /** Channel, DM or user to post to; a user id means "open a DM first". */
  target: string;
  /** JSON: the chat.postMessage arguments other than channel. */
  payload: JsonText;
  state: ColumnType<OutboxState, OutboxState | undefined, OutboxState>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Instant;
  last_error: string | null;
  slack_channel: string | null;
  slack_ts: string | null;
  created_at: ColumnType<Instant, Instant, never>;
  updated_at: Instant;
  sent_at: Instant | null;
  /** The dispatcher holding the row (state in_flight) and until when. */
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  lease_until: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  /** 1 while a chat.postMessage may have reached Slack without the answer being recorded. */
  maybe_sent: ColumnType<Flag, Flag | undefined, Flag>;
  batch_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A set of outbox rows started by one admin action, whose progress is reported to that admin. */
export interface OutboxBatchesTable {
  id: Generated<number>;
  kind: string;
  /** Plural noun for the progress line, e.g. "introductions". */
  label: string;
  started_by: string;
  total: number;
  /** Outbox key of the progress message that chat.update keeps current. */
  progress_key: string;
  /** sent + failed at the last progress update; -1 before the first. */
  reported_done: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Instant, Instant, never>;
  updated_at: Instant;
  finished_at: Instant | null;
}

/** The bot's DM channel with each user, so conversations.open runs once per person. */
export interface SlackDmChannelsTable {
  user_id: string;
  channel_id: string;
  updated_at: Instant;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: string;
  action: string;
  target: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  /** JSON; never survey answers or self-identification. */
  details: ColumnType<JsonText, JsonText | undefined, JsonText>;
  created_at: ColumnType<Instant, Instant, never>;
}

/** Deliveries from Slack already taken, so a redelivery (X-Slack-Retry-Num) does not run twice. */
export interface DeliveriesTable {
  key: string;
  received_at: Instant;
}

/** An announcement an admin composed: one row per composer modal, queued at most once. */
export interface AnnouncementsTable {
  id: Generated<number>;
  cohort_id: number;
  /** The composer modal's view id: a repeated submission of that modal updates this draft. */
  composer_view_id: string;
  channel_id: string;
  /** Slack mrkdwn, as the admin wrote it. */
  text: string;
  join_button: ColumnType<Flag, Flag | undefined, Flag>;
  /** Not posted before this instant; null posts at once. */
  post_at: Instant | null;
  created_by: string;
  created_at: ColumnType<Instant, Instant, never>;
  updated_at: Instant;
  queued_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  queued_by: ColumnType<string | null, string | null | undefined, string | null>;
  outbox_key: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An employee-input prompt posted to a cohort's channel. */
export interface PulsesTable {
  id: Generated<number>;
  cohort_id: number;
  /** 1: answers are stored with no author at all. */
  anonymous: ColumnType<Flag, Flag | undefined, Flag>;
  channel_id: string;
  created_by: string;
  created_at: ColumnType<Instant, Instant, never>;
}

export interface PulseAnswersTable {
  id: Generated<number>;
  pulse_id: number;
  /** Null for anonymous pulses, always. */
  author_user_id: string | null;
  answer: string;
  created_at: ColumnType<Instant, Instant, never>;
  updated_at: Instant;
}

/** An admin's matching decision for one cohort: keep this pair together, or never pair them. */
export interface MatchConstraintsTable {
  id: Generated<number>;
  cohort_id: number;
  /** For a forbid: the first person named (a forbid applies in both directions). */
  mentor_id: string;
  mentee_id: string;
  kind: 'pin' | 'forbid';
  created_by: string;
  created_at: ColumnType<Instant, Instant, never>;
}

/** A proposal an admin previewed; the newest per cohort is the one Approve may apply. */
export interface MatchProposalsTable {
  id: Generated<number>;
  cohort_id: number;
  seed: number;
  /** JSON: pairs, groups, unmatched, suggestions, stats and display names, as previewed. */
  proposal: JsonText;
  /** Digest of the engine input the preview was computed from; null for older previews. */
  input_fingerprint: ColumnType<string | null, string | null | undefined, never>;
  created_by: string;
  created_at: ColumnType<Instant, Instant, never>;
  approved_by: ColumnType<string | null, string | null | undefined, string | null>;
  approved_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

/** A participant asking the admins for a different match; the reason is for admins only. */
export interface MatchChangeRequestsTable {
  id: Generated<number>;
  cohort_id: number;
  pairing_id: number;
  user_id: string;
  reason: string;
  created_at: ColumnType<Instant, Instant, never>;
  /** Null while the request is open; at most one open request per person and pairing. */
  resolved_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  /** The admin who resolved it. */
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>;
  resolution: ColumnType<
    MatchRequestResolution | null,
    MatchRequestResolution | null | undefined,
    MatchRequestResolution | null
  >;
}

export interface Database {
  users: UsersTable;
  cohorts: CohortsTable;
  profile_questions: ProfileQuestionsTable;
  enrollments: EnrollmentsTable;
  profile_answers: ProfileAnswersTable;
  nominations: NominationsTable;
  pairings: PairingsTable;
  pairing_members: PairingMembersTable;
  check_ins: CheckInsTable;
  surveys: SurveysTable;
  survey_responses: SurveyResponsesTable;
  outbox: OutboxTable;
  outbox_batches: OutboxBatchesTable;
  slack_dm_channels: SlackDmChannelsTable;
  audit_log: AuditLogTable;
  deliveries: DeliveriesTable;
  announcements: AnnouncementsTable;
  pulses: PulsesTable;
  pulse_answers: PulseAnswersTable;
  match_constraints: MatchConstraintsTable;
  match_proposals: MatchProposalsTable;
  match_change_requests: MatchChangeRequestsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type Cohort = Selectable<CohortsTable>;
export type NewCohort = Insertable<CohortsTable>;
export type CohortUpdate = Updateable<CohortsTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
