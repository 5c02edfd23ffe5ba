import { mentorCapacity, type Role, type Track } from './cohorts';
import type {
  Criterion,
  Question as EngineQuestion,
  MatchingInput,
  Track as EngineTrack,
  MatchingRules,
  Participant,
  Weight,
} from './matching';
import { MAX_LEVEL } from './matching';
import {
  type AnswerValue,
  builtInQuestion,
  PREFER_NOT_TO_SAY,
  type Question,
  skillOptions,
} from './questions';

/**
 * Turns a cohort's profile answers into the matching engine's participants and rules. Pure: the
 * service reads the rows, this decides what each answer means to the engine.
 */

export interface EnrolledPerson {
  readonly userId: string;
  readonly role: Role;
  readonly name: string;
  /** Already checked by the caller; 'UTC' when Slack did not say. */
  readonly timezone: string;
  readonly matchOnSensitive: boolean;
  /** By question key. */
  readonly answers: ReadonlyMap<string, AnswerValue>;
}

export const ENGINE_TRACK: Record<Track, EngineTrack> = {
  high_potential: 'high-potential',
  reverse: 'reverse',
  group: 'group',
};

/** A cohort's settings that shape its matching rules. Dates are YYYY-MM-DD. */
export interface CohortMatchSettings {
  readonly track: Track;
  readonly groupSize: number | null;
  /** The first day of the program: time-zone overlap is judged from here… */
  readonly startsOn: string;
  /** …to here, so a pair stays within the minimum when clocks change; null judges one day. */
  readonly endsOn: string | null;
  readonly minOverlapHours: number;
  /** Reverse track: option values of the skills juniors teach; empty means any skill. */
  readonly reverseSkills: readonly string[];
}

const STOP_WORDS = new Set(
  'about after again also and are been being better but can could for from get have help how into just like more most much need not our out over really some than that the their them then there these they this through want what when which while who will with within would your yours'.split(
    ' ',
  ),
);
const GOALS_MAX = 15;

/**
 * Objectives are free text, and the engine compares goals as a set of phrases. Whole sentences
 * would never coincide, so each distinct content word (4+ letters, not a stop word) becomes one
 * goal: two people who both write "delegation" or "strategy" share that goal. The words are the
 * participant's own and non-sensitive (the question says "your match sees them").
 */
export function goalsFromObjectives(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(/[a-z][a-z-]{3,}/g);
  const goals: string[] = [];
  for (const word of words ?? []) {
    const clean = word.replace(/^-+|-+$/g, '');
    if (clean.length < 4 || STOP_WORDS.has(clean) || goals.includes(clean)) continue;
    goals.push(clean);
    if (goals.length === GOALS_MAX) break;
  }
  return goals;
}

function values(answer: AnswerValue | undefined): string[] {
  if (answer === undefined) return [];
  return typeof answer === 'string' ? [answer] : [...answer];
}

/**
 * Option values are the identity of an answer; reasons are read by people, so each value is shown
 * by its label. Skills are labelled from the "wanted" question first, so one value always gets
 * the same label on both sides of a pair.
 */
function labeller(questions: readonly Question[], keys: readonly string[]) {
  const labels = new Map<string, string>();
  for (const key of [...keys].reverse()) {
    for (const option of questions.find((q) => q.key === key)?.options ?? [])
      labels.set(option.value, option.label);
  }
  return (value: string) => labels.get(value) ?? value;
}

/** The bank's other questions that matching uses: asked generically, by key. */
export function engineQuestions(questions: readonly Question[]): EngineQuestion[] {
  return questions
    .filter((q) => q.matchingUse !== 'none' && builtInQuestion(q.key) === undefined)
    .map((q) => ({
      id: q.key,
      label: q.label,
      use: q.matchingUse,
      weight: q.weight,
      sensitive: q.sensitive,
    }));
}

const find = (questions: readonly Question[], key: string) => questions.find((q) => q.key === key);

/** Whether the bank asks for working languages and requires a pair to share one. */
function languagesChecked(questions: readonly Question[]): boolean {
  const q = find(questions, 'languages');
  return q !== undefined && q.matchingUse !== 'none';
}

/**
 * The engine's rules from the cohort's settings and its question bank: each built-in question's
 * weight is the weight of its rule, and a question the admin removed switches its rule off.
 */
export function matchingRules(cohort: CohortMatchSettings, questions: readonly Question[]): MatchingRules {
  const weightOf = (key: string): Weight => find(questions, key)?.weight ?? 'off';
  // A rule whose question is marked "not used" (department, or a bank edited before uses were fixed) is off.
  const used = (key: string): Weight => {
    const q = find(questions, key);
    return q === undefined || q.matchingUse === 'none' ? 'off' : q.weight;
  };
  const department = find(questions, 'department');
  const weights: Record<Exclude<Criterion, 'timeZone'>, Weight> = {
    skills: used('skills_offered') === 'off' ? 'off' : used('skills_wanted'),
    goals: used('objectives'),
    seniority: weightOf('job_level'),
    department: used('department'),
    picks: weightOf('mentor_picks'),
  };
  const skillLabel = labeller(questions, ['skills_wanted', 'skills_offered']);
  const offered = new Set(skillOptions(questions).map((o) => o.value));
  return {
    track: ENGINE_TRACK[cohort.track],
    groupSize: mentorCapacity(cohort.track, cohort.groupSize),
    referenceDate: cohort.startsOn,
    ...(cohort.endsOn !== null && cohort.endsOn > cohort.startsOn ? { referenceEndDate: cohort.endsOn } : {}),
    minOverlapHours: cohort.minOverlapHours,
    departmentPreference:
      department?.matchingUse === 'prefer_similar'
        ? 'same'
        : department?.matchingUse === 'prefer_different'
          ? 'different'
          : 'none',
    // A listed skill the bank no longer offers could only block everyone; it is left out.
    reverseSkills:
      cohort.track === 'reverse' ? cohort.reverseSkills.filter((v) => offered.has(v)).map(skillLabel) : [],
    weights,
    questions: engineQuestions(questions),
  };
}

export function toParticipant(person: EnrolledPerson, questions: readonly Question[]): Participant {
  const skill = labeller(questions, ['skills_wanted', 'skills_offered']);
  const language = labeller(questions, ['languages']);
  const department = labeller(questions, ['department']);
  // Answers to a question the bank no longer has are stale: they are not read.
  const a = (key: string) => (find(questions, key) === undefined ? [] : values(person.answers.get(key)));
  const levelText = a('job_level')[0] ?? '';
  // An admin's option value beyond any job scale is treated as unknown rather than stopping the cohort.
  const level =
    /^-?\d+$/.test(levelText) && Math.abs(Number(levelText)) <= MAX_LEVEL ? Number(levelText) : null;
  const answers: Record<string, string[]> = {};
  for (const q of engineQuestions(questions)) {
    // A sensitive answer is passed on only when its author opted in; otherwise it does not exist.
    if (q.sensitive && !person.matchOnSensitive) continue;
    // "Prefer not to say" is not an answer: two people choosing it have nothing in common.
    const given = a(q.id).filter((v) => !(q.sensitive && v === PREFER_NOT_TO_SAY.value));
    if (given.length > 0) answers[q.id] = given;
  }
  return {
    id: person.userId,
    role: person.role,
    name: person.name,
    department: a('department')[0] === undefined ? null : department(a('department')[0] ?? ''),
    // Unknown seniority (no job-level question, or no answer) is not checked rather than guessed.
    level,
    managerId: a('manager')[0] ?? null,
    timezone: person.timezone,
    // No languages means "can work with anyone" to the engine: used when the bank does not check them.
    languages: languagesChecked(questions) ? a('languages').map(language) : [],
    skillsOffered: person.role === 'mentor' ? a('skills_offered').map(skill) : [],
    skillsWanted: person.role === 'mentee' ? a('skills_wanted').map(skill) : [],
    goals: goalsFromObjectives(a('objectives')[0] ?? ''),
    ...(person.role === 'mentee' ? { picks: a('mentor_picks').filter((id) => id !== person.userId) } : {}),
    answers,
    matchOnSensitive: person.matchOnSensitive,
  };
}

/** A value with object keys sorted at every depth; arrays keep their order (it can mean priority). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortedKeys(v)]));
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The engine input as one canonical string, for telling whether anything a preview depended on
 * has changed: the same people, answers, rules and admin constraints give the same string in
 * whatever order the database returned them. Display names are left out, since they only word
 * the reasons, and a profile refresh must not make every preview stale. The seed is left out too:
 * it is the preview's own choice, not a fact about the cohort.
 */
export function canonicalMatchingInput(input: Omit<MatchingInput, 'seed' | 'options'>): string {
  const set = <T>(list: readonly T[] | undefined) => [...(list ?? [])].map(sortedKeys).sort(byJson);
  return JSON.stringify({
    participants: set(input.participants.map(({ name: _name, ...rest }) => rest)),
    rules: sortedKeys(input.rules),
    pinned: set(input.pinned),
    forbidden: set(input.forbidden),
    previous: set(input.previous),
    orgChart: set(input.orgChart),
  });
}
