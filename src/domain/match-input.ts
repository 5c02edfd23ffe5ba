import type { Role, Track } from './cohorts';
import type { Question as EngineQuestion, Track as EngineTrack, Participant } from './matching';
import type { AnswerValue, Question } from './questions';

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

/** Keys of the default bank that feed the engine's own criteria rather than generic questions. */
const BUILT_IN_KEYS = new Set([
  'objectives',
  'skills_offered',
  'skills_wanted',
  'department',
  'job_level',
  'manager',
  'languages',
  'cadence',
]);

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
    .filter((q) => q.matchingUse !== 'none' && !BUILT_IN_KEYS.has(q.key))
    .map((q) => ({
      id: q.key,
      label: q.label,
      use: q.matchingUse,
      weight: q.weight,
      sensitive: q.sensitive,
    }));
}

export function toParticipant(person: EnrolledPerson, questions: readonly Question[]): Participant {
  const skill = labeller(questions, ['skills_wanted', 'skills_offered']);
  const language = labeller(questions, ['languages']);
  const department = labeller(questions, ['department']);
  const a = (key: string) => values(person.answers.get(key));
  const level = Number.parseInt(a('job_level')[0] ?? '', 10);
  const answers: Record<string, string[]> = {};
  for (const q of engineQuestions(questions)) {
    // A sensitive answer is passed on only when its author opted in; otherwise it does not exist.
    if (q.sensitive && !person.matchOnSensitive) continue;
    const given = a(q.id);
    if (given.length > 0) answers[q.id] = given;
  }
  return {
    id: person.userId,
    role: person.role,
    name: person.name,
    department: a('department')[0] === undefined ? null : department(a('department')[0] ?? ''),
    // Unknown seniority counts as entry level rather than blocking the person from matching.
    level: Number.isInteger(level) ? level : 1,
    managerId: a('manager')[0] ?? null,
    timezone: person.timezone,
    languages: a('languages').map(language),
    skillsOffered: person.role === 'mentor' ? a('skills_offered').map(skill) : [],
    skillsWanted: person.role === 'mentee' ? a('skills_wanted').map(skill) : [],
    goals: goalsFromObjectives(a('objectives')[0] ?? ''),
    answers,
    matchOnSensitive: person.matchOnSensitive,
  };
}
