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
      weight: 'medium',
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
      if (q.key === 'manager' && values[0] === input.userId) problem('Your manager cannot be you.');
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

/** Keys the matching engine reads even though they carry no soft-score rule. */
const MATCHING_INPUT_KEYS = new Set(['job_level', 'manager', 'languages', 'department']);

/** Whether a question's answer feeds matching (and so is frozen once a cohort is matched). */
export function usedInMatching(q: Question): boolean {
  return q.matchingUse !== 'none' || MATCHING_INPUT_KEYS.has(q.key);
}

/** The questions a person in this role is asked, in bank order. */
export function questionsFor(role: 'mentor' | 'mentee' | null, questions: readonly Question[]): Question[] {
  return questions.filter((q) => q.audience === null || q.audience === role);
}
