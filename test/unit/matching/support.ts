import type { MatchingInput, Participant } from '../../../src/domain/matching';
import { mulberry32 } from '../../../src/domain/matching/synthetic';

/** A mentee with sensible defaults; override what the test is about. */
export function mentee(id: string, overrides: Partial<Participant> = {}): Participant {
  return {
    id,
    role: 'mentee',
    name: `Mentee ${id}`,
    department: 'Engineering',
    level: 2,
    managerId: null,
    timezone: 'Europe/London',
    languages: ['English'],
    skillsOffered: [],
    skillsWanted: ['System design', 'Hiring'],
    goals: ['Strategy'],
    ...overrides,
  };
}

export function mentor(id: string, overrides: Partial<Participant> = {}): Participant {
  return {
    id,
    role: 'mentor',
    name: `Mentor ${id}`,
    department: 'Sales',
    level: 4,
    managerId: null,
    timezone: 'Europe/London',
    languages: ['English'],
    skillsOffered: ['System design', 'Hiring'],
    skillsWanted: [],
    goals: ['Strategy'],
    ...overrides,
  };
}

export function cohort(participants: Participant[], overrides: Partial<MatchingInput> = {}): MatchingInput {
  return {
    participants,
    rules: { track: 'high-potential', referenceDate: '2026-06-15', ...overrides.rules },
    seed: 7,
    ...overrides,
  };
}

/** Deterministic pseudo-random numbers for generated cohorts. */
export function random(seed: number): () => number {
  return mulberry32(seed >>> 0 || 1);
}

const ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'America/Los_Angeles', 'Asia/Kolkata'];
const SKILLS = [
  'Hiring',
  'System design',
  'Negotiation',
  'Public speaking',
  'Budgeting',
  'AI tools',
  'Coaching',
];
const GOALS = ['Strategy', 'Visibility', 'Leading managers', 'Career change'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', null];

/** A small random cohort exercising every rule: bans, picks, questions, sensitive answers. */
export function randomCohort(seed: number, size = { mentees: 12, mentors: 8 }): MatchingInput {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const some = <T>(list: readonly T[], max: number): T[] => list.filter(() => next() < max / list.length);
  const people: Participant[] = [];
  const answers = () => ({
    style: some(['Async', 'Calls', 'In person'], 1.5),
    origin: some(['A', 'B', 'C'], 1),
    offer: some(['Mentoring', 'Reviews', 'Intros'], 1.5),
  });
  for (let k = 0; k < size.mentees; k++) {
    people.push(
      mentee(`e${k}`, {
        department: pick(DEPARTMENTS),
        // Roughly one in nine levels unknown, without drawing from the stream other tests rely on.
        level: (seed + k) % 9 === 4 ? (next(), null) : 1 + Math.floor(next() * 4),
        managerId: next() < 0.3 ? `r${Math.floor(next() * size.mentors)}` : `m${Math.floor(next() * 3)}`,
        timezone: pick(ZONES),
        languages: pick([['English'], ['English'], ['English'], ['German'], []]),
        skillsWanted: some(SKILLS, 3),
        goals: some(GOALS, 2),
        picks: next() < 0.3 ? [`r${Math.floor(next() * size.mentors)}`] : undefined,
        answers: answers(),
        matchOnSensitive: next() < 0.5,
      }),
    );
  }
  for (let k = 0; k < size.mentors; k++) {
    people.push(
      mentor(`r${k}`, {
        department: pick(DEPARTMENTS),
        level: (seed + k) % 9 === 7 ? (next(), null) : 2 + Math.floor(next() * 4),
        managerId: `m${Math.floor(next() * 3)}`,
        timezone: pick(ZONES),
        languages: pick([['English', 'German'], ['English', 'German'], ['German'], []]),
        skillsOffered: some(SKILLS, 3),
        goals: some(GOALS, 2),
        answers: answers(),
        capacity: next() < 0.2 ? 2 : undefined,
      }),
    );
  }
  return {
    participants: people,
    rules: {
      track: pick(['high-potential', 'reverse', 'group'] as const),
      referenceDate: '2026-03-16',
      minOverlapHours: pick([0, 1, 2, 3]),
      reverseSkills: next() < 0.5 ? ['AI tools', 'Coaching'] : [],
      departmentPreference: pick(['different', 'same', 'none'] as const),
      questions: [
        { id: 'style', label: 'Meeting style', use: 'prefer_similar', weight: 'medium', sensitive: false },
        { id: 'origin', label: 'Background', use: 'prefer_similar', weight: 'high', sensitive: true },
        { id: 'offer', label: 'What you can offer', use: 'offers_wants', weight: 'low', sensitive: false },
      ],
    },
    previous: [{ menteeId: 'e0', mentorId: 'r0' }],
    forbidden: [{ menteeId: 'e1', mentorId: 'r1' }],
    seed,
  };
}
