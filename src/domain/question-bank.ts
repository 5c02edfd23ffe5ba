import {
  type AnswerValue,
  BUILT_IN_QUESTIONS,
  builtInQuestion,
  KIND_LABELS,
  LABEL_MAX,
  MATCHING_USE_LABELS,
  type MatchingUse,
  OPTION_LABEL_MAX,
  OPTIONS_MAX,
  PREFER_NOT_TO_SAY,
  type Question,
  type QuestionKind,
  type QuestionOption,
  type QuestionSpec,
  slugify,
  type Weight,
} from './questions';

/**
 * Editing a cohort's profile-question bank: what an admin may enter, how an edit becomes a stored
 * question without breaking answers already given, and what an edit costs those answers. Pure.
 */

/** The enrollment modal has room for 100 blocks; its fixed parts and headroom take the rest. */
export const QUESTIONS_MAX = 50;
export const OPTIONS_MIN = 2;
export const HELP_TEXT_MAX = 300;
/** A person question may ask for several people (e.g. ranked mentor picks), up to this many. */
export const PEOPLE_MAX = 10;
/** Groups smaller than this are never reported for self-identification questions. */
export const SMALL_GROUP_MIN = 5;

const SELECT_KINDS: readonly QuestionKind[] = ['single_select', 'multi_select'];

export function isSelect(kind: QuestionKind): boolean {
  return SELECT_KINDS.includes(kind);
}

/** A question as the admin entered it in the editor. */
export interface QuestionDraft {
  readonly label: string;
  readonly helpText: string;
  readonly kind: QuestionKind;
  /** One label per line as typed, blank lines dropped. */
  readonly optionLabels: readonly string[];
  readonly required: boolean;
  readonly sensitive: boolean;
  readonly matchingUse: MatchingUse;
  readonly weight: Weight;
  readonly maxSelections: number | null;
  readonly audience: 'mentor' | 'mentee' | null;
}

export type DraftField = keyof QuestionDraft;
export type DraftProblem = { readonly field: DraftField; readonly message: string };

/** What the bank already holds that an edit must respect. */
export interface DraftContext {
  /** The question being edited; undefined for a new one. */
  readonly current: Question | undefined;
  /** How many people answered the question being edited. */
  readonly answers: number;
  /** Questions in the bank now, for the size limit on additions. */
  readonly bankSize: number;
}

function sameLabel(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

function isPreferNotToSay(label: string): boolean {
  return sameLabel(label, PREFER_NOT_TO_SAY.label);
}

/** The options an admin typed, without the "Prefer not to say" the app adds by itself. */
function typedOptions(draft: QuestionDraft): string[] {
  return draft.optionLabels
    .map((l) => l.trim())
    .filter((l) => l !== '' && !(draft.sensitive && isPreferNotToSay(l)));
}

type Add = (field: DraftField, message: string) => void;

/** What an edit may not do to a question people already answered. */
function answeredProblems(draft: QuestionDraft, context: DraftContext, add: Add): void {
  const { current, answers } = context;
  if (current === undefined || answers === 0) return;
  if (draft.kind !== current.kind) {
    add(
      'kind',
      `${answers} ${answers === 1 ? 'person has' : 'people have'} answered this question, so its type cannot change: their answers would no longer fit. Add a new question instead.`,
    );
  }
  if (current.sensitive && !draft.sensitive) {
    add(
      'sensitive',
      'People answered this question on the promise that nobody sees their answer. It stays self-identification; add a new question instead.',
    );
  }
}

function optionProblems(draft: QuestionDraft, options: readonly string[], add: Add): void {
  if (!isSelect(draft.kind)) {
    if (options.length > 0) {
      add(
        'optionLabels',
        'Only pick-one and pick-several questions have options: clear them or change the type.',
      );
    }
    return;
  }
  const total = options.length + (draft.sensitive ? 1 : 0);
  if (options.length < OPTIONS_MIN) {
    add('optionLabels', `A choice question needs at least ${OPTIONS_MIN} options, one per line.`);
  } else if (total > OPTIONS_MAX) {
    add('optionLabels', `Slack shows at most ${OPTIONS_MAX} options (now ${total}).`);
  }
  const long = options.find((o) => o.length > OPTION_LABEL_MAX);
  if (long !== undefined) {
    add(
      'optionLabels',
      `Options must be at most ${OPTION_LABEL_MAX} characters: "${long.slice(0, 30)}…" is ${long.length}.`,
    );
  }
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const o of options) {
    if (seen.has(o.toLocaleLowerCase())) duplicates.add(o);
    seen.add(o.toLocaleLowerCase());
  }
  if (duplicates.size > 0) {
    const listed = [...duplicates].map((d) => `"${d}"`).join(', ');
    add('optionLabels', `Each option once, please: ${listed} appears twice.`);
  }
  if (draft.maxSelections !== null && draft.kind === 'multi_select') {
    if (!Number.isInteger(draft.maxSelections) || draft.maxSelections < 1) {
      add('maxSelections', 'Please enter a whole number of at least 1.');
    } else if (options.length >= OPTIONS_MIN && draft.maxSelections > options.length) {
      add('maxSelections', `There are only ${options.length} options to pick from.`);
    }
  }
}

/** Every rule a question must meet; all problems at once, so the modal shows every field error. */
export function validateQuestionDraft(draft: QuestionDraft, context: DraftContext): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add: Add = (field, message) => problems.push({ field, message });

  if (context.current === undefined && context.bankSize >= QUESTIONS_MAX) {
    add('label', `A cohort can ask at most ${QUESTIONS_MAX} questions; remove one first.`);
  }
  const label = draft.label.trim();
  if (label === '') add('label', 'Please write the question.');
  else if (label.length > LABEL_MAX) {
    add('label', `Please keep the question under ${LABEL_MAX} characters (now ${label.length}).`);
  }
  if (draft.helpText.trim().length > HELP_TEXT_MAX) {
    add('helpText', `Please keep the help text under ${HELP_TEXT_MAX} characters.`);
  }
  answeredProblems(draft, context, add);
  optionProblems(draft, typedOptions(draft), add);
  if (draft.kind === 'user_select' && draft.maxSelections !== null) {
    if (!Number.isInteger(draft.maxSelections) || draft.maxSelections < 1 || draft.maxSelections > PEOPLE_MAX)
      add('maxSelections', `A person question asks for 1 to ${PEOPLE_MAX} people.`);
  } else if (draft.maxSelections !== null && draft.kind !== 'multi_select') {
    add('maxSelections', 'Only pick-several and person questions take a maximum.');
  }
  builtInProblems(draft, context, add);
  if (draft.sensitive && draft.required)
    add('required', 'Self-identification questions are always optional.');
  if (draft.sensitive && !isSelect(draft.kind)) {
    add(
      'kind',
      'Self-identification questions are pick-one or pick-several, so "Prefer not to say" can always be offered.',
    );
  }
  if (draft.matchingUse === 'offers_wants' && !isSelect(draft.kind)) {
    add('matchingUse', '"Mentor offers ↔ mentee wants" compares options, so it needs a choice question.');
  }
  return problems;
}

/** Questions matching reads by key keep the type and use it reads them with. */
function builtInProblems(draft: QuestionDraft, context: DraftContext, add: Add): void {
  const builtIn = context.current === undefined ? undefined : builtInQuestion(context.current.key);
  if (builtIn === undefined) return;
  if (draft.kind !== builtIn.kind) {
    add('kind', `Matching reads this question as "${KIND_LABELS[builtIn.kind]}", so its type stays.`);
  }
  if (!builtIn.uses.includes(draft.matchingUse)) {
    const allowed = builtIn.uses.map((u) => `"${MATCHING_USE_LABELS[u]}"`).join(' or ');
    add('matchingUse', `Matching has its own rule for this question; choose ${allowed}. ${builtIn.role}`);
  }
  if (context.current?.key === 'manager' && draft.maxSelections !== null && draft.maxSelections > 1) {
    add('maxSelections', 'Each person names one manager.');
  }
}

function uniqueValue(base: string, taken: Set<string>): string {
  let value = base;
  for (let n = 2; taken.has(value); n += 1) value = `${base}_${n}`;
  taken.add(value);
  return value;
}

/**
 * The stored form of a valid draft. An option keeps its stored value when its label is unchanged
 * (ignoring case), so answers that chose it stay valid; a question keeps its key for life.
 */
export function specFromDraft(
  draft: QuestionDraft,
  current: Question | undefined,
  takenKeys: ReadonlySet<string>,
): QuestionSpec {
  const options: QuestionOption[] = [];
  if (isSelect(draft.kind)) {
    // Only self-identification questions reserve the value the app adds to them itself.
    const taken = new Set<string>(draft.sensitive ? [PREFER_NOT_TO_SAY.value] : []);
    const previous = current?.options ?? [];
    for (const label of typedOptions(draft)) {
      const kept = previous.find((o) => sameLabel(o.label, label) && !taken.has(o.value));
      options.push({
        value: kept === undefined ? uniqueValue(slugify(label), taken) : uniqueValue(kept.value, taken),
        label,
      });
    }
    if (draft.sensitive) options.push(PREFER_NOT_TO_SAY);
  }
  return {
    // A new question never takes a key matching reads as its own rule, even one removed earlier.
    key:
      current?.key ??
      uniqueValue(slugify(draft.label), new Set([...takenKeys, ...Object.keys(BUILT_IN_QUESTIONS)])),
    kind: draft.kind,
    label: draft.label.trim(),
    helpText: draft.helpText.trim() === '' ? null : draft.helpText.trim(),
    options,
    required: draft.sensitive ? false : draft.required,
    sensitive: draft.sensitive,
    matchingUse: draft.matchingUse,
    weight: draft.weight,
    maxSelections:
      draft.kind === 'multi_select' || (draft.kind === 'user_select' && draft.maxSelections !== 1)
        ? draft.maxSelections
        : null,
    audience: draft.audience,
  };
}

/** The editor's starting point for an existing question. */
export function draftFromQuestion(q: Question): QuestionDraft {
  return {
    label: q.label,
    helpText: q.helpText ?? '',
    kind: q.kind,
    optionLabels: q.options
      .filter((o) => !(q.sensitive && o.value === PREFER_NOT_TO_SAY.value))
      .map((o) => o.label),
    required: q.required,
    sensitive: q.sensitive,
    matchingUse: q.matchingUse,
    weight: q.weight,
    maxSelections: q.maxSelections,
    audience: q.audience,
  };
}

/** Options the edit takes away, so answers that chose them can be updated and reported. */
export function removedOptions(current: Question, next: QuestionSpec): QuestionOption[] {
  const kept = new Set(next.options.map((o) => o.value));
  return current.options.filter((o) => !kept.has(o.value));
}

/** An answer without the removed option values; undefined when nothing is left of it. */
export function pruneAnswer(value: AnswerValue, removed: ReadonlySet<string>): AnswerValue | undefined {
  if (typeof value === 'string') return removed.has(value) ? undefined : value;
  const left = value.filter((v) => !removed.has(v));
  return left.length === 0 ? undefined : left;
}

/** An answer count as it may be reported: small self-identification groups are never shown. */
export function reportableCount(count: number, sensitive: boolean): string {
  if (sensitive && count > 0 && count < SMALL_GROUP_MIN) return `fewer than ${SMALL_GROUP_MIN}`;
  return String(count);
}

/** The bank's order after moving one question; undefined when it cannot move that way. */
export function moveInOrder(
  ids: readonly number[],
  id: number,
  direction: 'up' | 'down',
): number[] | undefined {
  const from = ids.indexOf(id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from === -1 || to < 0 || to >= ids.length) return undefined;
  const order = [...ids];
  [order[from], order[to]] = [order[to] as number, order[from] as number];
  return order;
}
