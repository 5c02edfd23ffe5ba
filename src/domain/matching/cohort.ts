import { MatchingInputError } from './errors';
import { seededOrder } from './hash';
import { overlapHours, referenceInstant, referenceInstants, utcOffsetMinutes } from './time-zones';
import type { Criterion, MatchingInput, Participant, Question, Track, Weight } from './types';
import { inputProblems } from './validate';

/**
 * The input compiled into typed arrays, once, so that scoring the n × m pairs is a tight loop of
 * integer compares, bit tests and table look-ups. Mentees and mentors are stored in seeded-hash
 * order; every index below is a position in that order.
 */

export type Direction = 'mentor_above' | 'mentor_below';

/** A question-bank question as sets of option bits per person. */
export interface QuestionTable {
  readonly question: Question;
  readonly words: number;
  readonly options: readonly string[];
  readonly menteeBits: Uint32Array;
  readonly mentorBits: Uint32Array;
  readonly menteeCount: Int32Array;
  readonly mentorCount: Int32Array;
  /** Per mentee: whether the question applies (answered, and opted in when sensitive). */
  readonly applies: Uint8Array;
}

export interface Cohort {
  readonly track: Track;
  readonly direction: Direction;
  readonly minOverlap: number;
  readonly hoursSpan: number;
  readonly departmentPreference: 'different' | 'same' | 'none';
  readonly gapMin: number;
  readonly gapMax: number;
  readonly reverseSkills: readonly string[];
  readonly mentees: readonly Participant[];
  readonly mentors: readonly Participant[];
  readonly n: number;
  readonly m: number;
  /** Capacity before pins, and what is left for the solver after them. */
  readonly baseCapacity: Int32Array;
  readonly capacity: Int32Array;
  /** Per mentee: the mentor an admin pinned, or -1. */
  readonly pinnedMentor: Int32Array;

  readonly menteeSelf: Int32Array;
  readonly menteeManager: Int32Array;
  readonly menteeSkip: Int32Array;
  readonly mentorSelf: Int32Array;
  readonly mentorManager: Int32Array;
  readonly mentorSkip: Int32Array;
  /** Job levels, 0 where unknown; `…LevelKnown` is 1 where the level is known. */
  readonly menteeLevel: Int32Array;
  readonly mentorLevel: Int32Array;
  readonly menteeLevelKnown: Uint8Array;
  readonly mentorLevelKnown: Uint8Array;
  readonly menteeDept: Int32Array;
  readonly mentorDept: Int32Array;
  readonly departments: readonly string[];
  readonly menteeZone: Int32Array;
  readonly mentorZone: Int32Array;
  readonly zones: number;
  /** zones × zones: hours of shared working time. */
  readonly overlap: Float64Array;

  readonly languageWords: number;
  readonly menteeLanguages: Uint32Array;
  readonly mentorLanguages: Uint32Array;
  readonly goalWords: number;
  readonly menteeGoals: Uint32Array;
  readonly mentorGoals: Uint32Array;
  readonly menteeGoalCount: Int32Array;
  readonly skillWords: number;
  readonly mentorOffers: Uint32Array;
  /** Reverse track with a skill list: the mentor offers at least one listed skill. */
  readonly mentorOffersReverse: Uint8Array;
  /** CSR of each mentee's counted wanted skills, by priority. */
  readonly wantStart: Int32Array;
  readonly wantSkill: Int32Array;
  /** The mentee's own wording of each wanted skill, parallel to `wantSkill`. */
  readonly wantLabel: readonly string[];
  /** CSR of each mentee's picks as mentor indices, favourite first. */
  readonly pickStart: Int32Array;
  readonly pickMentor: Int32Array;
  /** CSR of mentors each mentee may not get: 1 = paired before, 2 = forbidden. */
  readonly banStart: Int32Array;
  readonly banMentor: Int32Array;
  readonly banKind: Int8Array;

  readonly questions: readonly QuestionTable[];
  /** Per criterion and per question: the points each mentee's score reserves for it (sum 100). */
  readonly maxPoints: Readonly<Record<Criterion, Int32Array>>;
  readonly questionMaxPoints: readonly Int32Array[];
}

export const WEIGHT_VALUE: Readonly<Record<Weight, number>> = { off: 0, low: 1, medium: 2, high: 3 };

const DEFAULT_WEIGHTS: Readonly<Record<Criterion, Weight>> = {
  skills: 'high',
  goals: 'medium',
  seniority: 'low',
  department: 'low',
  timeZone: 'low',
  picks: 'medium',
};

export const CRITERIA: readonly Criterion[] = [
  'skills',
  'goals',
  'seniority',
  'department',
  'timeZone',
  'picks',
];

/** Case, spacing and Unicode form never make two people's answers differ. */
export function normalise(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

class Vocabulary {
  private readonly ids = new Map<string, number>();
  // Answers repeat across thousands of people; normalising each spelling once is most of compile.
  private readonly raw = new Map<string, number>();
  readonly labels: string[] = [];
  id(text: string): number {
    const known = this.raw.get(text);
    if (known !== undefined) return known;
    const key = normalise(text);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.labels.length;
      this.ids.set(key, id);
      this.labels.push(text.trim());
    }
    this.raw.set(text, id);
    return id;
  }
  find(text: string): number | undefined {
    return this.ids.get(normalise(text));
  }
  get words(): number {
    return Math.max(1, Math.ceil(this.labels.length / 32));
  }
}

/** With `emptyIsAny`, a person who lists nothing gets every bit, so they share one with anyone. */
function bitsets(
  people: readonly Participant[],
  vocabulary: Vocabulary,
  pick: (p: Participant) => readonly string[],
  emptyIsAny = false,
): (words: number) => Uint32Array {
  const lists = people.map((p) =>
    pick(p)
      .filter((t) => t.trim() !== '')
      .map((t) => vocabulary.id(t)),
  );
  return (words) => {
    const bits = new Uint32Array(Math.max(1, people.length * words));
    lists.forEach((ids, i) => {
      if (ids.length === 0 && emptyIsAny) bits.fill(0xffffffff, i * words, (i + 1) * words);
      for (const id of ids)
        bits[i * words + (id >> 5)] = (bits[i * words + (id >> 5)] as number) | (1 << (id & 31));
    });
    return bits;
  };
}

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function sharedBits(a: Uint32Array, ai: number, b: Uint32Array, bi: number, words: number): number {
  let count = 0;
  for (let w = 0; w < words; w++)
    count += popcount((a[ai * words + w] as number) & (b[bi * words + w] as number));
  return count;
}

/** Splits 100 points over the weights by largest remainder, so the maxima are integers summing to 100. */
export function allocate(weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (100 * w) / sum);
  const points = exact.map(Math.floor);
  let left = 100 - points.reduce((a, b) => a + b, 0);
  const remainder = exact.map((x, k) => x - (points[k] ?? 0));
  const order = exact.map((_, k) => k).sort((a, b) => (remainder[b] ?? 0) - (remainder[a] ?? 0) || a - b);
  for (const k of order) {
    if (left === 0) break;
    if ((weights[k] ?? 0) > 0) {
      points[k] = (points[k] ?? 0) + 1;
      left--;
    }
  }
  return points;
}

/**
 * The sample indices whose offsets differ from every earlier one: most of a year has two or
 * three distinct sets of clocks, so the pairwise overlap is computed a few times, not weekly.
 */
function distinctPeriods(offsets: readonly (readonly number[])[], samples: number): number[] {
  const seen = new Set<string>();
  const kept: number[] = [];
  for (let s = 0; s < samples; s++) {
    const key = offsets.map((zone) => zone[s] ?? 0).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(s);
  }
  return kept;
}

export function compileCohort(input: MatchingInput): Cohort {
  const problems = inputProblems(input);
  if (problems.length > 0) throw new MatchingInputError(problems);
  const { rules, seed } = input;
  const menteeList = input.participants.filter((p) => p.role === 'mentee');
  const mentorList = input.participants.filter((p) => p.role === 'mentor');
  const mentees = seededOrder(
    seed,
    menteeList.map((p) => `mentee:${p.id}`),
  ).map((k) => menteeList[k] as Participant);
  const mentors = seededOrder(
    seed,
    mentorList.map((p) => `mentor:${p.id}`),
  ).map((k) => mentorList[k] as Participant);
  const n = mentees.length;
  const m = mentors.length;
  const menteeIndex = new Map(mentees.map((p, i) => [p.id, i]));
  const mentorIndex = new Map(mentors.map((p, j) => [p.id, j]));

  const track = rules.track;
  const direction: Direction = track === 'reverse' ? 'mentor_below' : 'mentor_above';
  const groupSize = rules.groupSize ?? 4;
  const baseCapacity = Int32Array.from(mentors, (p) =>
    Math.min(p.capacity ?? (track === 'group' ? groupSize : 1), Math.max(n, 1)),
  );
  const capacity = baseCapacity.slice();
  const pinnedMentor = new Int32Array(n).fill(-1);
  for (const pin of input.pinned ?? []) {
    const i = menteeIndex.get(pin.menteeId) as number;
    const j = mentorIndex.get(pin.mentorId) as number;
    pinnedMentor[i] = j;
    capacity[j] = (capacity[j] as number) - 1;
  }
  for (let j = 0; j < m; j++) capacity[j] = Math.max(0, capacity[j] as number);

  // Reporting lines: participants' own answers first, then the org chart for everyone else.
  const managerOf = new Map<string, string>();
  for (const p of [...mentees, ...mentors])
    if (p.managerId && !managerOf.has(p.id)) managerOf.set(p.id, p.managerId);
  for (const e of input.orgChart ?? [])
    if (e.managerId && !managerOf.has(e.id)) managerOf.set(e.id, e.managerId);
  const people = new Map<string, number>();
  const person = (id: string | null | undefined): number => {
    if (!id) return -1;
    let k = people.get(id);
    if (k === undefined) {
      k = people.size;
      people.set(id, k);
    }
    return k;
  };
  const lineOf = (list: readonly Participant[]) => ({
    self: Int32Array.from(list, (p) => person(p.id)),
    manager: Int32Array.from(list, (p) => person(p.managerId)),
    skip: Int32Array.from(list, (p) => person(p.managerId ? managerOf.get(p.managerId) : null)),
  });
  const menteeLine = lineOf(mentees);
  const mentorLine = lineOf(mentors);

  const departments = new Vocabulary();
  const deptOf = (p: Participant) =>
    p.department && p.department.trim() !== '' ? departments.id(p.department) : -1;
  const menteeDept = Int32Array.from(mentees, deptOf);
  const mentorDept = Int32Array.from(mentors, deptOf);

  const start = referenceInstant(rules.referenceDate) as Date;
  const end = rules.referenceEndDate === undefined ? undefined : referenceInstant(rules.referenceEndDate);
  const instants = referenceInstants(start, end);
  const hours = rules.workingHours ?? { start: 9, end: 17 };
  const zoneIds = new Map<string, number>();
  // Per zone, its UTC offset at each instant.
  const offsets: number[][] = [];
  const zoneOf = (p: Participant): number => {
    let z = zoneIds.get(p.timezone);
    if (z === undefined) {
      z = offsets.length;
      zoneIds.set(p.timezone, z);
      offsets.push(instants.map((at) => utcOffsetMinutes(p.timezone, at) ?? 0));
    }
    return z;
  };
  const menteeZone = Int32Array.from(mentees, zoneOf);
  const mentorZone = Int32Array.from(mentors, zoneOf);
  const zones = offsets.length;
  const periods = distinctPeriods(offsets, instants.length);
  const overlap = new Float64Array(Math.max(1, zones * zones));
  for (let a = 0; a < zones; a++) {
    for (let b = 0; b < zones; b++) {
      let least = Infinity;
      for (const s of periods) {
        least = Math.min(least, overlapHours(offsets[a]?.[s] ?? 0, offsets[b]?.[s] ?? 0, hours));
      }
      overlap[a * zones + b] = least;
    }
  }

  const languages = new Vocabulary();
  // No languages listed means not asked or not answered, not "speaks none": the person is left
  // to agree a language with whoever they get rather than left unmatched.
  const menteeLang = bitsets(mentees, languages, (p) => p.languages, true);
  const mentorLang = bitsets(mentors, languages, (p) => p.languages, true);
  const goals = new Vocabulary();
  const menteeGoal = bitsets(mentees, goals, (p) => p.goals);
  const mentorGoal = bitsets(mentors, goals, (p) => p.goals);

  const skills = new Vocabulary();
  const reverseSkills = track === 'reverse' ? (rules.reverseSkills ?? []).filter((s) => s.trim() !== '') : [];
  const reverseIds = new Set(reverseSkills.map((s) => skills.id(s)));
  const counted = (id: number) => reverseIds.size === 0 || reverseIds.has(id);
  const mentorSkill = bitsets(mentors, skills, (p) => p.skillsOffered);
  const mentorOffersReverse = Uint8Array.from(mentors, (p) =>
    reverseIds.size === 0 || p.skillsOffered.some((s) => counted(skills.id(s))) ? 1 : 0,
  );
  const wantStart = new Int32Array(n + 1);
  const wantSkill: number[] = [];
  const wantLabel: string[] = [];
  mentees.forEach((p, i) => {
    const taken = new Set<number>();
    for (const label of p.skillsWanted) {
      if (label.trim() === '') continue;
      const id = skills.id(label);
      if (!counted(id) || taken.has(id)) continue;
      taken.add(id);
      wantSkill.push(id);
      wantLabel.push(label.trim());
    }
    wantStart[i + 1] = wantSkill.length;
  });

  const pickStart = new Int32Array(n + 1);
  const pickMentor: number[] = [];
  mentees.forEach((p, i) => {
    const taken = new Set<number>();
    for (const id of p.picks ?? []) {
      const j = mentorIndex.get(id);
      if (j === undefined || taken.has(j)) continue;
      taken.add(j);
      pickMentor.push(j);
    }
    pickStart[i + 1] = pickMentor.length;
  });

  const bans = new Map<number, Map<number, number>>();
  const ban = (list: MatchingInput['previous'], kind: number, reversed = false) => {
    for (const pair of list ?? []) {
      const i = menteeIndex.get(reversed ? pair.mentorId : pair.menteeId);
      const j = mentorIndex.get(reversed ? pair.menteeId : pair.mentorId);
      if (i === undefined || j === undefined) continue;
      const row = bans.get(i) ?? new Map<number, number>();
      if (!row.has(j)) row.set(j, kind);
      bans.set(i, row);
    }
  };
  ban(input.previous, 1);
  // Nor the other way round: a reverse cohort must not hand last year's mentor to their mentee.
  ban(input.previous, 1, true);
  ban(input.forbidden, 2);
  const banStart = new Int32Array(n + 1);
  const banMentor: number[] = [];
  const banKind: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const [j, kind] of [...(bans.get(i) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0])) {
      banMentor.push(j);
      banKind.push(kind);
    }
    banStart[i + 1] = banMentor.length;
  }

  const menteeLevelKnown = Uint8Array.from(mentees, (p) => (p.level === null ? 0 : 1));
  const questions = compileQuestions(rules.questions ?? [], mentees, mentors);
  const weights = { ...DEFAULT_WEIGHTS, ...rules.weights };
  const departmentPreference = rules.departmentPreference ?? 'different';
  const goalWords = goals.words;
  const menteeGoals = menteeGoal(goalWords);
  const maxPoints = Object.fromEntries(CRITERIA.map((c) => [c, new Int32Array(n)])) as Record<
    Criterion,
    Int32Array
  >;
  const scored = questions.filter((q) => q.question.use !== 'none' && q.question.use !== 'exclude_same');
  const questionMaxPoints = questions.map(() => new Int32Array(n));
  const allocated = new Map<string, readonly number[]>();
  for (let i = 0; i < n; i++) {
    const applies: Record<Criterion, boolean> = {
      skills: (wantStart[i + 1] as number) > (wantStart[i] as number),
      goals: sharedBits(menteeGoals, i, menteeGoals, i, goalWords) > 0,
      seniority: menteeLevelKnown[i] === 1,
      department: departmentPreference !== 'none' && (menteeDept[i] as number) >= 0,
      timeZone: true,
      picks: (pickStart[i + 1] as number) > (pickStart[i] as number),
    };
    const criterionWeights = CRITERIA.map((c) => (applies[c] ? WEIGHT_VALUE[weights[c]] : 0));
    const questionWeights = scored.map((q) => (q.applies[i] ? WEIGHT_VALUE[q.question.weight] : 0));
    // Mentees share a handful of weight patterns: split the 100 points once per pattern.
    const pattern = [...criterionWeights, ...questionWeights];
    const key = pattern.join(',');
    let points = allocated.get(key);
    if (points === undefined) {
      points = allocate(pattern);
      allocated.set(key, points);
    }
    const split = points;
    CRITERIA.forEach((c, k) => {
      maxPoints[c][i] = split[k] ?? 0;
    });
    scored.forEach((q, k) => {
      (questionMaxPoints[questions.indexOf(q)] as Int32Array)[i] = split[CRITERIA.length + k] ?? 0;
    });
  }

  const gap = rules.seniorityGap ?? { min: 1, max: 2 };
  return {
    track,
    direction,
    minOverlap: rules.minOverlapHours ?? 2,
    hoursSpan: hours.end - hours.start,
    departmentPreference,
    gapMin: gap.min,
    gapMax: gap.max,
    reverseSkills,
    mentees,
    mentors,
    n,
    m,
    baseCapacity,
    capacity,
    pinnedMentor,
    menteeSelf: menteeLine.self,
    menteeManager: menteeLine.manager,
    menteeSkip: menteeLine.skip,
    mentorSelf: mentorLine.self,
    mentorManager: mentorLine.manager,
    mentorSkip: mentorLine.skip,
    menteeLevel: Int32Array.from(mentees, (p) => p.level ?? 0),
    mentorLevel: Int32Array.from(mentors, (p) => p.level ?? 0),
    menteeLevelKnown,
    mentorLevelKnown: Uint8Array.from(mentors, (p) => (p.level === null ? 0 : 1)),
    menteeDept,
    mentorDept,
    departments: departments.labels,
    menteeZone,
    mentorZone,
    zones,
    overlap,
    languageWords: languages.words,
    menteeLanguages: menteeLang(languages.words),
    mentorLanguages: mentorLang(languages.words),
    goalWords,
    menteeGoals,
    mentorGoals: mentorGoal(goalWords),
    menteeGoalCount: Int32Array.from(mentees, (_, i) =>
      sharedBits(menteeGoals, i, menteeGoals, i, goalWords),
    ),
    skillWords: skills.words,
    mentorOffers: mentorSkill(skills.words),
    mentorOffersReverse,
    wantStart,
    wantSkill: Int32Array.from(wantSkill),
    wantLabel,
    pickStart,
    pickMentor: Int32Array.from(pickMentor),
    banStart,
    banMentor: Int32Array.from(banMentor),
    banKind: Int8Array.from(banKind),
    questions,
    maxPoints,
    questionMaxPoints,
  };
}

function compileQuestions(
  list: readonly Question[],
  mentees: readonly Participant[],
  mentors: readonly Participant[],
): QuestionTable[] {
  return list.map((question) => {
    const options = new Vocabulary();
    const answers = (p: Participant) => p.answers?.[question.id] ?? [];
    const menteeBits = bitsets(mentees, options, answers);
    const mentorBits = bitsets(mentors, options, answers);
    const words = options.words;
    const table = {
      question,
      words,
      options: options.labels,
      menteeBits: menteeBits(words),
      mentorBits: mentorBits(words),
      menteeCount: new Int32Array(mentees.length),
      mentorCount: new Int32Array(mentors.length),
      applies: new Uint8Array(mentees.length),
    };
    mentees.forEach((p, i) => {
      table.menteeCount[i] = sharedBits(table.menteeBits, i, table.menteeBits, i, words);
      const allowed = !question.sensitive || p.matchOnSensitive === true;
      table.applies[i] = allowed && question.use !== 'none' && (table.menteeCount[i] as number) > 0 ? 1 : 0;
    });
    mentors.forEach((_, j) => {
      table.mentorCount[j] = sharedBits(table.mentorBits, j, table.mentorBits, j, words);
    });
    return table;
  });
}
