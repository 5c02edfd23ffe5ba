/**
 * Every callback_id, action_id and block_id the app uses, in one place: views render them,
 * listeners match on them, tests send them. Never write one of these as a literal elsewhere.
 */
export const COMMAND = '/mentor';

export const ActionIds = {
  openHelp: 'help_open',
} as const;

export const BlockIds = {
  helpMember: 'help_member',
  helpAdmin: 'help_admin',
} as const;

/** Check-ins: the nudge and introduction buttons, and the check-in modal. */
export const CheckInIds = {
  /** "Yes" on a nudge and "We've met" on an introduction: both open the check-in modal. */
  logMeeting: 'checkin_log',
  introMet: 'intro_met',
  snooze: 'checkin_snooze',
  needHelp: 'checkin_help',
  cadence: 'checkin_cadence',
  pause: 'checkin_pause',
  nudgeActions: 'nudge_actions',
  introActions: 'intro_actions',
  modal: 'checkin_modal',
  date: 'checkin_date',
  duration: 'checkin_duration',
  topics: 'checkin_topics',
  notes: 'checkin_notes',
  rating: 'checkin_rating',
  /** action_id of the single element inside each input block. */
  value: 'value',
} as const;

/** Feedback surveys: the invitation button and the survey modal. */
export const SurveyIds = {
  open: 'survey_open',
  inviteActions: 'survey_actions',
  modal: 'survey_modal',
  satisfaction: 'survey_satisfaction',
  goalProgress: 'survey_goal_progress',
  nps: 'survey_nps',
  leadership: 'survey_leadership',
  comments: 'survey_comments',
  value: 'value',
} as const;

/** A Report button's value that asks for every cohort's report. */
export const ALL_COHORTS = '*';

/** Cohort administration: the cohort modal (one input block per field) and list buttons. */
export const CohortIds = {
  modal: 'cohort_modal',
  /** Report button: value is a cohort's short name, or ALL_COHORTS. */
  report: 'cohort_report',
  name: 'cohort_name',
  slug: 'cohort_slug',
  track: 'cohort_track',
  groupSize: 'cohort_group_size',
  enrollmentOpensOn: 'cohort_enrollment_opens',
  enrollmentClosesOn: 'cohort_enrollment_closes',
  startsOn: 'cohort_starts',
  endsOn: 'cohort_ends',
  defaultCadence: 'cohort_cadence',
  announcementChannelId: 'cohort_channel',
  guidelines: 'cohort_guidelines',
  surveys: 'cohort_surveys',
  options: 'cohort_options',
  minOverlapHours: 'cohort_min_overlap',
  reverseSkills: 'cohort_reverse_skills',
  /** action_id of the single element inside each input block. */
  value: 'value',
  edit: 'cohort_edit',
  open: 'cohort_open',
  close: 'cohort_close',
} as const;

/** Enrollment: the join/profile modal, its dynamic question blocks, and the buttons into it. */
export const EnrollIds = {
  /** A "Join" button anywhere (invitations, announcements, App Home); value = cohort slug or ''. */
  joinButton: 'enroll_join',
  modal: 'enroll_modal',
  cohort: 'enroll_cohort',
  role: 'enroll_role',
  matchOnSensitive: 'enroll_match_sensitive',
  recognition: 'enroll_recognition',
  /** Question blocks are `enroll_q_<question key>`. */
  questionPrefix: 'enroll_q_',
  value: 'value',
  editProfile: 'enroll_edit_profile',
  leave: 'enroll_leave',
  leaveConfirm: 'enroll_leave_confirm',
  leaveCancel: 'enroll_leave_cancel',
} as const;

/** Profile-question bank: the list modal and its menus, the question editor, the removal check. */
export const QuestionIds = {
  listModal: 'qbank_list',
  /** Each question's section block is `qbank_q_<question id>`. */
  itemPrefix: 'qbank_q_',
  /** Overflow menu on each question; option values are `<verb>:<question id>`. */
  menu: 'qbank_menu',
  add: 'qbank_add',
  addActions: 'qbank_add_actions',
  editorModal: 'qbank_editor',
  removeModal: 'qbank_remove',
  label: 'qbank_label',
  helpText: 'qbank_help',
  kind: 'qbank_kind',
  options: 'qbank_options',
  flags: 'qbank_flags',
  matchingUse: 'qbank_matching',
  weight: 'qbank_weight',
  maxSelections: 'qbank_max',
  audience: 'qbank_audience',
  /** action_id of the single element inside each input block. */
  value: 'value',
} as const;

/** A modal that only explains something (a refusal, an out-of-date form). */
export const NoticeIds = {
  modal: 'notice_modal',
} as const;

/** Announcements: the composer modal, the preview pushed over it, and the preview's inert button. */
export const AnnounceIds = {
  composerModal: 'announce_composer',
  previewModal: 'announce_preview',
  channel: 'announce_channel',
  text: 'announce_text',
  options: 'announce_options',
  postAt: 'announce_post_at',
  /** The Join button as the preview shows it: the message is not posted yet, so it does nothing. */
  previewJoin: 'announce_preview_join',
  joinActions: 'announce_join',
  value: 'value',
} as const;

/** Employee-input pulses: the channel prompt's button and the one-question modal. */
export const PulseIds = {
  open: 'pulse_open',
  actions: 'pulse_actions',
  modal: 'pulse_modal',
  thanks: 'pulse_thanks',
  answer: 'pulse_answer',
  value: 'value',
} as const;

/** Matching: the preview's buttons, "request a different match" and the admins' list of requests. */
export const MatchIds = {
  previewActions: 'match_preview_actions',
  approve: 'match_approve',
  rerun: 'match_rerun',
  csv: 'match_csv',
  /** Value `<proposal id>:<page>`. */
  page: 'match_page',
  pagePrevious: 'match_page_prev',
  requestChange: 'match_request_change',
  requestModal: 'match_request_modal',
  requestReason: 'match_request_reason',
  /** The admins' list: one actions block per request, `match_request_<request id>`. */
  requestActionsPrefix: 'match_request_row_',
  /** The same buttons on an admin's DM about a request: pressing them updates that DM. */
  requestDmActionsPrefix: 'match_request_dm_',
  /** Value: the request id. */
  requestRematch: 'match_request_rematch',
  requestDismiss: 'match_request_dismiss',
  value: 'value',
} as const;
