/**
 * The matching engine's public vocabulary. A matching service builds a `MatchingInput` from the
 * cohort's enrollments and rules, calls `proposeMatches`, and shows the `Proposal` to an admin
 * for approval. Everything here is plain data: no Slack, no SQL, no clocks.
 */

export type Track = 'high-potential' | 'reverse' | 'group';

export type Role = 'mentor' | 'mentee';

/** How much a criterion counts towards the 0–100 score; `off` leaves it out entirely. */
export type Weight = 'off' | 'low' | 'medium' | 'high';

/** The criteria every cohort has, besides its own question bank. */
export type Criterion = 'skills' | 'goals' | 'seniority' | 'department' | 'timeZone' | 'picks';

export type QuestionUse = 'none' | 'prefer_similar' | 'prefer_different' | 'offers_wants' | 'exclude_same';

/** A question from the cohort's question bank, and how matching uses its answers. */
export interface Question {
  readonly id: string;
  /** Shown in reasons for questions that are not sensitive, e.g. "Preferred meeting style". */
  readonly label: string;
  readonly use: QuestionUse;
  readonly weight: Exclude<Weight, 'off'>;
  /**
   * Self-identification and similar answers: they count only for mentees who opted in with
   * `matchOnSensitive`, and never appear in any reason or explanation.
   */
  readonly sensitive: boolean;
}

export interface Participant {
  readonly id: string;
  readonly role: Role;
  readonly name: string;
  readonly department: string | null;
  /**
   * Higher is more senior; null when unknown. An unknown level is never checked against the
   * track's seniority direction and earns no seniority points.
   */
  readonly level: number | null;
  readonly managerId: string | null;
  /** IANA zone, e.g. Europe/Berlin. */
  readonly timezone: string;
  /** Working languages. Empty means unknown: the person is taken to work with anyone in any of them. */
  readonly languages: readonly string[];
  /** What a mentor can teach. */
  readonly skillsOffered: readonly string[];
  /** What a mentee wants to learn, most important first. */
  readonly skillsWanted: readonly string[];
  readonly goals: readonly string[];
  /** Mentees only: mentor ids they would like, favourite first. */
  readonly picks?: readonly string[];
  /** Question id → chosen options (one for single-choice questions). */
  readonly answers?: Readonly<Record<string, readonly string[]>>;
  /** Mentees only: let sensitive questions count for this mentee. */
  readonly matchOnSensitive?: boolean;
  /** Mentors only: overrides the track's capacity (0 means not taking mentees this cohort). */
  readonly capacity?: number;
}

export interface PairRef {
  readonly mentorId: string;
  readonly menteeId: string;
}

export interface MatchingRules {
  readonly track: Track;
  /** Mentees per mentor on the group track; 1:1 tracks ignore it. Default 4. */
  readonly groupSize?: number;
  /** Hours of shared working time a pair needs on a working day. Default 2. */
  readonly minOverlapHours?: number;
  /** Local working hours, the same for everyone. Default 9 to 17. */
  readonly workingHours?: { readonly start: number; readonly end: number };
  /** YYYY-MM-DD: the day whose UTC offsets (daylight saving included) decide time-zone overlap. */
  readonly referenceDate: string;
  /**
   * YYYY-MM-DD, optional: the programme's last day. With it, a pair's overlap is the least over
   * the whole span (sampled weekly and on the last day), so a pair that meets the minimum in
   * winter but not after a daylight-saving change is not proposed. At most two years after
   * `referenceDate`.
   */
  readonly referenceEndDate?: string;
  /** Default 'different': cross-department pairs spread knowledge. */
  readonly departmentPreference?: 'different' | 'same' | 'none';
  /** Reverse track: the skills juniors mentor seniors on (e.g. AI tools). Empty means any skill. */
  readonly reverseSkills?: readonly string[];
  /** Levels between mentor and mentee that score best, in the track's direction. Default 1 to 2. */
  readonly seniorityGap?: { readonly min: number; readonly max: number };
  readonly weights?: Partial<Readonly<Record<Criterion, Weight>>>;
  readonly questions?: readonly Question[];
  /** Group track: how much total score coherence swaps may give up, as a fraction. Default 0.02. */
  readonly coherenceTolerance?: number;
}

export interface MatchingOptions {
  /** Candidate mentors kept per mentee before pricing; more means fewer re-solves. Default 8. */
  readonly candidatesPerMentee?: number;
  /** Mentees joining the solver together; a tuning knob that never changes the optimum. */
  readonly batch?: number;
  /** Milliseconds from any fixed origin; when given, the proposal carries timings. */
  readonly clock?: () => number;
}

export interface MatchingInput {
  readonly participants: readonly Participant[];
  readonly rules: MatchingRules;
  /** Admin decisions that stand even when the optimum would differ. */
  readonly pinned?: readonly PairRef[];
  readonly forbidden?: readonly PairRef[];
  /** Pairs from earlier cohorts; never repeated, in either orientation. */
  readonly previous?: readonly PairRef[];
  /** Reporting lines of people who are not participants (managers' managers). */
  readonly orgChart?: readonly { readonly id: string; readonly managerId: string | null }[];
  /** Unsigned 32-bit integer; breaks ties, so the same input and seed give the same proposal. */
  readonly seed: number;
  readonly options?: MatchingOptions;
}

export type ReasonCode =
  | 'skills'
  | 'goals'
  | 'seniority'
  | 'department'
  | 'time_zone'
  | 'pick'
  | 'question'
  | 'preference'
  | 'pinned'
  | 'baseline';

/** One part of a score, worded for the mentee, e.g. "Grace offers Hiring, on your list (+30)". */
export interface Reason {
  readonly code: ReasonCode;
  readonly points: number;
  readonly text: string;
}

export interface ProposedPair {
  readonly mentorId: string;
  readonly menteeId: string;
  /** 0–100; equals the sum of the reasons' points. */
  readonly score: number;
  readonly reasons: readonly Reason[];
  readonly pinned: boolean;
}

export interface ProposedGroup {
  readonly mentorId: string;
  readonly menteeIds: readonly string[];
  /** Mean share of goals between the group's mentees, 0–1; null for a group of one. */
  readonly coherence: number | null;
}

export type ConstraintCode =
  | 'same_person'
  | 'reporting_line'
  | 'previously_paired'
  | 'forbidden'
  | 'language'
  | 'time_zone'
  | 'seniority'
  | 'reverse_skills'
  | 'exclude_same';

export type UnmatchedCode = 'no_mentor_capacity' | 'all_at_capacity' | ConstraintCode;

export interface UnmatchedMentee {
  readonly menteeId: string;
  readonly code: UnmatchedCode;
  readonly reason: string;
}

export type SuggestionKind = 'raise_capacity' | 'relax_overlap' | 'recruit_language';

export interface Suggestion {
  readonly kind: SuggestionKind;
  readonly text: string;
  readonly menteeId: string;
  readonly mentorId?: string;
}

export interface ScoreBucket {
  /** Inclusive bounds; the last bucket is 90–100. */
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

export interface CoherenceReport {
  readonly before: number | null;
  readonly after: number | null;
  readonly swaps: number;
  readonly scoreBefore: number;
  readonly scoreAfter: number;
}

export interface ProposalStats {
  readonly mentees: number;
  readonly mentors: number;
  readonly matched: number;
  readonly totalScore: number;
  readonly meanScore: number;
  readonly histogram: readonly ScoreBucket[];
  /**
   * The assignment (before any group coherence swaps) was proven optimal: the final duals price
   * every candidate and every excluded compatible pair without a violation.
   */
  readonly certified: boolean;
  readonly candidateEdges: number;
  readonly pricingRounds: number;
  readonly coherence?: CoherenceReport;
  readonly timings?: { readonly scoreMs: number; readonly solveMs: number; readonly totalMs: number };
}

export interface Proposal {
  readonly seed: number;
  readonly track: Track;
  /** One per matched mentee, sorted by mentor id then mentee id. */
  readonly pairs: readonly ProposedPair[];
  /** Group track only: one per mentor with mentees. */
  readonly groups: readonly ProposedGroup[];
  readonly unmatched: readonly UnmatchedMentee[];
  /** Mentors with capacity who got nobody. */
  readonly idleMentorIds: readonly string[];
  readonly suggestions: readonly Suggestion[];
  /** Admin decisions that break a rule (a pin across a reporting line, an over-full mentor). */
  readonly warnings: readonly string[];
  readonly stats: ProposalStats;
}
