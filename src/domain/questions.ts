import { CADENCE_LABELS, CADENCES, type Track } from './cohorts';

/**
 * Profile questions: the kinds, the default bank each new cohort starts from, and the rules an
 * answer must follow. Pure.
 */

export const QUESTION_KINDS = ['single_select', 'multi_select', 'free_text', 'user_select'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const MATCHING_USES = [
  'none',
  'prefer_similar',
  'prefer_different',
  'offers_wants',
  'exclude_same',
] as const;
export type MatchingUse = (typeof MATCHING_USES)[number];

export const WEIGHTS = ['low', 'medium', 'high'] as const;
export type Weight = (typeof WEIGHTS)[number];

export const KIND_LABELS: Record<QuestionKind, string> = {
  single_select: 'Pick one',
  multi_select: 'Pick several',
  free_text: 'Free text',
  user_select: 'A person',
};

export const MATCHING_USE_LABELS: Record<MatchingUse, string> = {
  none: 'Not used for matching',
  prefer_similar: 'Prefer similar answers',
  prefer_different: 'Prefer different answers',
  offers_wants: 'Mentor offers ↔ mentee wants',
  exclude_same: 'Never pair people with the same answer',
};

export interface QuestionOption {
  readonly value: string;
  readonly label: string;
}

/** A question as the app uses it (repositories map rows to this). */
export interface Question {
  readonly id: number;
  readonly key: string;
  readonly kind: QuestionKind;
  readonly label: string;
  readonly helpText: string | null;
  readonly options: readonly QuestionOption[];
  readonly required: boolean;
  /** Self-identification: shown to no one but its author, used in aggregate only. */
  readonly sensitive: boolean;
  readonly matchingUse: MatchingUse;
  readonly weight: Weight;
  readonly maxSelections: number | null;
  /** Only people in this role are asked; null asks everyone. */
  readonly audience: 'mentor' | 'mentee' | null;
}

export type QuestionSpec = Omit<Question, 'id'>;

/** An answer: one option value, several, free text, or a Slack user id. */
export type AnswerValue = string | readonly string[];

export const FREE_TEXT_MAX = 3000;
export const LABEL_MAX = 150;
export const OPTIONS_MAX = 100;
export const OPTION_LABEL_MAX = 75;
export const PREFER_NOT_TO_SAY: QuestionOption = { value: 'prefer_not_to_say', label: 'Prefer not to say' };
export const SENSITIVE_NOTE =
  'Optional. Only you see your answer. It is used in aggregate reports (groups under 5 people are never shown) and for matching only if you opt in below.';

function options(labels: readonly string[]): QuestionOption[] {
  return labels.map((label) => ({ value: slugify(label), label }));
}

/** A stable machine value for a label: lowercase words joined by underscores. */
export function slugify(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug === '' ? 'option' : slug.slice(0, 60);
}

export const SKILLS = [
  'Coaching and feedback',
  'Communication',
  'Conflict resolution',
  'Cross-functional leadership',
  'Data and analytics',
  'Decision making',
  'Delegation',
  'Diversity, equity and inclusion',
  'Executive presence',
  'Finance for non-finance leaders',
  'Hiring and interviewing',
  'Influencing without authority',
  'Managing managers',
  'Negotiation',
  'New technology and AI',
  'People management',
  'Presenting and storytelling',
  'Prioritisation',
  'Product thinking',
  'Project and program management',
  'Remote and hybrid teams',
  'Resilience and wellbeing',
  'Sales and customer focus',
  'Social media and digital culture',
  'Strategy',
  'System design',
  'Time management',
  'Career growth',
] as const;

export const DEPARTMENTS = [
  'Customer Success',
  'Design',
  'Engineering',
  'Finance',
  'Legal',
  'Marketing',
  'Operations',
  'People',
  'Product',
  'Sales',
  'Other',
] as const;

export const JOB_LEVELS: readonly QuestionOption[] = [
  { value: '1', label: 'Entry level' },
  { value: '2', label: 'Professional' },
  { value: '3', label: 'Senior professional' },
  { value: '4', label: 'Lead or team manager' },
  { value: '5', label: 'Senior manager' },
  { value: '6', label: 'Director' },
  { value: '7', label: 'Vice president' },
  { value: '8', label: 'Executive' },
];

export const LANGUAGES = [
  'English',
  'Spanish',
  'French',
  'German',
  'Portuguese',
  'Italian',
  'Dutch',
  'Polish',
  'Hindi',
  'Japanese',
  'Mandarin',
  'Arabic',
] as const;

const base = { helpText: null, sensitive: false, maxSelections: null, audience: null } as const;

/**
 * The bank a new cohort starts with until an admin edits it. Skills and objectives drive the
 * match; manager answers enforce "never your own manager"; self-identification is optional,
 * always allows "prefer not to say", and never matches unless the person opts in.
 */
export function defaultQuestionBank(track: Track): QuestionSpec[] {
  const teaches =
    track === 'reverse' ? 'What can you teach (for example new technology)?' : 'Skills you can offer';
  return [
    {
      ...base,
      key: 'objectives',
      kind: 'free_text',
      label: 'What do you want from this program?',
      helpText: 'Your goals in a few sentences; your match sees them.',
      options: [],
      required: true,
      matchingUse: 'prefer_similar',
      weight: 'medium',
    },
    {
      ...base,
      key: 'skills_offered',
      kind: 'multi_select',
      label: teaches,
      helpText: 'Pick up to five.',
      options: options(SKILLS),
      required: true,
      audience: 'mentor',
      matchingUse: 'offers_wants',
      weight: 'high',
      maxSelections: 5,
    },
    {
      ...base,
      key: 'skills_wanted',
      kind: 'multi_select',
      label: 'Skills you want to grow',
      helpText: 'Pick up to five, most important first.',
      options: options(SKILLS),
      required: true,
      audience: 'mentee',
      matchingUse: 'offers_wants',
      weight: 'high',
      maxSelections: 5,
    },
    {
      ...base,
      key: 'department',
      kind: 'single_select',
      label: 'Department',
      options: options(DEPARTMENTS),
      required: true,
      matchingUse: 'prefer_different',
      weight: 'low',
    },
    {
      ...base,
      key: 'job_level',
      kind: 'single_select',
      label: 'Job level',
      options: JOB_LEVELS,
      required: true,
      matchingUse: 'none',
      weight: 'low',
    },
    {
      ...base,
      key: 'manager',
      kind: 'user_select',
      label: 'Your manager',
      helpText: 'So nobody is paired with their own manager.',
      options: [],
      required: false,
      matchingUse: 'none',
      weight: 'medium',
    },
    {
      ...base,
      key: 'mentor_picks',
      kind: 'user_select',
      label:
        track === 'group' ? 'Mentors you would like to learn from' : 'Mentors you would like to work with',
      helpText:
        'Optional: up to three people, favourite first. They count only if they join as mentors, and nobody is promised their pick.',
      options: [],
      required: false,
      audience: 'mentee',
      matchingUse: 'none',
      weight: 'medium',
      maxSelections: 3,
    },
    {
      ...base,
      key: 'cadence',
      kind: 'single_select',
      label: 'How often would you like to meet?',
      options: CADENCES.map((c) => ({ value: c, label: CADENCE_LABELS[c] })),
      required: true,
      matchingUse: 'none',
      weight: 'low',
    },
    {
      ...base,
      key: 'meeting_format',
      kind: 'single_select',
      label: 'Meeting format',
      options: options(['Video call', 'In person', 'Either']),
      required: false,
      matchingUse: 'prefer_similar',
      weight: 'low',
    },
    {
      ...base,
      key: 'languages',
      kind: 'multi_select',
      label: 'Languages you can work in',
      options: options(LANGUAGES),
      required: true,
      matchingUse: 'prefer_similar',
      weight: 'high',
      maxSelections: 6,
    },
    {
      ...base,
      key: 'gender',
      kind: 'single_select',
      label: 'Gender (self-identification)',
      helpText: SENSITIVE_NOTE,
      options: [...options(['Woman', 'Man', 'Non-binary', 'Self-describe']), PREFER_NOT_TO_SAY],
      required: false,
      sensitive: true,
      matchingUse: 'none',
      weight: 'low',
    },
    {
      ...base,
      key: 'underrepresented',
      kind: 'single_select',
      label: 'Do you identify as a member of an under-represented group at work?',
      helpText: SENSITIVE_NOTE,
      options: [...options(['Yes', 'No']), PREFER_NOT_TO_SAY],
      required: false,
      sensitive: true,
      matchingUse: 'none',
      weight: 'low',
    },
  ];
}

/** A Slack user id as users_select returns it (U… or, in Enterprise Grid, W…). */
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

export type AnswerProblem = { questionKey: string; message: string };

/**
 * Checks one person's answers against the bank. Returns every problem at once so the modal can
 * show all field errors together. `answers` holds only what was given; blank means absent.
 */
export function validateAnswers(input: {
  questions: readonly Question[];
  answers: ReadonlyMap<string, AnswerValue>;
  role: 'mentor' | 'mentee';
  userId: string;
}): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const q of input.questions) {
    if (q.audience !== null && q.audience !== input.role) continue;
    const answer = input.answers.get(q.key);
    const values = answer === undefined ? [] : typeof answer === 'string' ? [answer] : answer;
    const problem = (message: string) => problems.push({ questionKey: q.key, message });
    if (values.length === 0) {
      if (q.required)
        problem(q.kind === 'multi_select' ? 'Please pick at least one.' : 'Please answer this question.');
      continue;
    }
    if (q.kind === 'free_text') {
      const text = values[0] ?? '';
      if (text.length > FREE_TEXT_MAX)
        problem(`Please keep this under ${FREE_TEXT_MAX} characters (now ${text.length}).`);
      continue;
    }
    if (q.kind === 'user_select') {
      const most = q.maxSelections ?? 1;
      if (values.some((v) => !SLACK_USER_ID.test(v))) problem('Please choose people from this workspace.');
      else if (values.length > most)
        problem(most === 1 ? 'Please pick one person.' : `Please pick at most ${most} people.`);
      else if (new Set(values).size < values.length) problem('Please pick each person once.');
      else if (values.includes(input.userId))
        problem(
          q.key === 'manager' ? 'Your manager cannot be you.' : 'Please pick people other than yourself.',
        );
      continue;
    }
    const allowed = new Set(q.options.map((o) => o.value));
    if (values.some((v) => !allowed.has(v))) problem('Please choose from the options offered.');
    if (q.kind === 'single_select' && values.length > 1) problem('Please pick just one.');
    if (q.maxSelections !== null && values.length > q.maxSelections) {
      problem(`Please pick at most ${q.maxSelections} (you picked ${values.length}).`);
    }
    if (q.sensitive && values.length > 1 && values.includes(PREFER_NOT_TO_SAY.value)) {
      problem('"Prefer not to say" cannot be combined with other answers.');
    }
  }
  return problems;
}

/**
 * Questions of the default bank that the matching engine reads by key, each for a rule of its own
 * (skills, goals, seniority, reporting lines…) rather than as a generic question. Their type and
 * their use in matching are fixed, except where `uses` offers a choice; their weight sets the
 * weight of that rule; removing one switches its rule off.
 */
export interface BuiltInQuestion {
  readonly kind: QuestionKind;
  readonly uses: readonly MatchingUse[];
  /** What matching does with the answers, for the question editor. */
  readonly role: string;
}

export const BUILT_IN_QUESTIONS: Readonly<Record<string, BuiltInQuestion>> = {
  objectives: {
    kind: 'free_text',
    uses: ['prefer_similar'],
    role: 'Pairs whose goals share words score higher, by this weight.',
  },
  skills_offered: {
    kind: 'multi_select',
    uses: ['offers_wants'],
    role: "A mentor's skills are matched against what mentees want; the mentees' question sets the weight.",
  },
  skills_wanted: {
    kind: 'multi_select',
    uses: ['offers_wants'],
    role: 'Mentors offering these skills score higher, the first ones most, by this weight.',
  },
  department: {
    kind: 'single_select',
    uses: ['prefer_different', 'prefer_similar', 'none'],
    role: 'Different (or the same) departments score higher, by this weight.',
  },
  job_level: {
    kind: 'single_select',
    uses: ['none'],
    role: 'Sets who may mentor whom (the mentor above, or below in reverse mentoring); a gap of 1–2 levels scores higher, by this weight. Remove it and seniority is not checked.',
  },
  manager: {
    kind: 'user_select',
    uses: ['none'],
    role: "Nobody is paired with their manager, their manager's manager, or someone with the same manager.",
  },
  languages: {
    kind: 'multi_select',
    uses: ['prefer_similar', 'none'],
    role: '"Prefer similar": a pair must share a language (someone who left it blank can work with anyone). "Not used": languages are not checked.',
  },
  cadence: { kind: 'single_select', uses: ['none'], role: 'Sets how often a pair is nudged to meet.' },
  mentor_picks: {
    kind: 'user_select',
    uses: ['none'],
    role: "A mentee's picks score higher, the first one most, by this weight, when the person joined as a mentor.",
  },
};

export function builtInQuestion(key: string): BuiltInQuestion | undefined {
  return Object.hasOwn(BUILT_IN_QUESTIONS, key) ? BUILT_IN_QUESTIONS[key] : undefined;
}

/** Whether a question's answer feeds matching (and so is frozen once a cohort is matched). */
export function usedInMatching(q: Question): boolean {
  return (builtInQuestion(q.key) !== undefined && q.key !== 'cadence') || q.matchingUse !== 'none';
}

/** The skills a bank's skills questions offer, each value once ("wanted" wording first). */
export function skillOptions(questions: readonly QuestionSpec[]): QuestionOption[] {
  const seen = new Set<string>();
  const out: QuestionOption[] = [];
  for (const key of ['skills_wanted', 'skills_offered']) {
    for (const o of questions.find((q) => q.key === key)?.options ?? []) {
      if (seen.has(o.value)) continue;
      seen.add(o.value);
      out.push(o);
    }
  }
  return out;
}

/** The questions a person in this role is asked, in bank order. */
export function questionsFor(role: 'mentor' | 'mentee' | null, questions: readonly Question[]): Question[] {
  return questions.filter((q) => q.audience === null || q.audience === role);
}
