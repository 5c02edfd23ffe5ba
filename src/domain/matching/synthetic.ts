import type { MatchingInput, Participant, Track } from './types';

/**
 * Synthetic but plausible cohorts for benchmarks and the server's start-up warm-up: a global
 * company with a few large offices, English nearly everywhere, forty skills, a dozen goals, a
 * management chain, and a sprinkle of earlier pairs. Generated from a seed, so every run
 * measures the same cohort.
 */

/** Deterministic pseudo-random numbers in [0, 1) from a 32-bit seed (Mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = [
  ['America/Los_Angeles', 3],
  ['America/Denver', 1],
  ['America/Chicago', 2],
  ['America/New_York', 5],
  ['America/Sao_Paulo', 2],
  ['Europe/London', 4],
  ['Europe/Berlin', 4],
  ['Europe/Paris', 2],
  ['Europe/Madrid', 1],
  ['Europe/Warsaw', 1],
  ['Africa/Lagos', 1],
  ['Asia/Dubai', 1],
  ['Asia/Kolkata', 3],
  ['Asia/Singapore', 2],
  ['Asia/Tokyo', 2],
  ['Australia/Sydney', 1],
] as const;
const LANGUAGES = ['Spanish', 'German', 'French', 'Portuguese', 'Japanese', 'Hindi', 'Mandarin'];
const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Marketing',
  'Finance',
  'People',
  'Legal',
  'Support',
  'Product',
  'Design',
  'Operations',
  'Data',
  'Security',
];
const SKILLS = Array.from({ length: 40 }, (_, k) => `Skill ${k + 1}`);
const GOALS = Array.from({ length: 12 }, (_, k) => `Goal ${k + 1}`);

export interface SyntheticOptions {
  readonly mentees: number;
  readonly mentors: number;
  readonly track: Track;
  readonly groupSize?: number;
  readonly seed: number;
}

export function syntheticCohort(options: SyntheticOptions): MatchingInput {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sample = <T>(list: readonly T[], count: number): T[] => {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < count && copy.length > 0)
      out.push(copy.splice(Math.floor(random() * copy.length), 1)[0] as T);
    return out;
  };
  const zoneBag = ZONES.flatMap(([zone, weight]) => Array.from({ length: weight }, () => zone));
  const managers = Array.from(
    { length: Math.max(1, Math.round((options.mentees + options.mentors) / 8)) },
    (_, k) => `M${k}`,
  );
  const person = (role: 'mentor' | 'mentee', k: number): Participant => {
    const languages = random() < 0.93 ? ['English'] : [];
    if (random() < 0.3 || languages.length === 0)
      languages.push(...sample(LANGUAGES, 1 + Math.floor(random() * 2)));
    const senior = role === 'mentor' ? options.track !== 'reverse' : options.track === 'reverse';
    return {
      id: `${role === 'mentor' ? 'r' : 'e'}${k}`,
      role,
      name: `${role === 'mentor' ? 'Mentor' : 'Mentee'} ${k}`,
      department: pick(DEPARTMENTS),
      level: senior ? 3 + Math.floor(random() * 5) : 1 + Math.floor(random() * 4),
      managerId: pick(managers),
      timezone: pick(zoneBag),
      languages,
      skillsOffered: role === 'mentor' ? sample(SKILLS, 3 + Math.floor(random() * 4)) : [],
      skillsWanted: role === 'mentee' ? sample(SKILLS, 2 + Math.floor(random() * 4)) : [],
      goals: sample(GOALS, 1 + Math.floor(random() * 3)),
    };
  };
  const mentees = Array.from({ length: options.mentees }, (_, k) => person('mentee', k));
  const mentors = Array.from({ length: options.mentors }, (_, k) => person('mentor', k));
  const previous = Array.from({ length: Math.floor(options.mentees / 20) }, () => ({
    menteeId: pick(mentees).id,
    mentorId: pick(mentors).id,
  }));
  return {
    participants: [...mentees, ...mentors],
    rules: {
      track: options.track,
      groupSize: options.groupSize,
      referenceDate: '2026-03-16',
      minOverlapHours: 2,
      reverseSkills: options.track === 'reverse' ? SKILLS.slice(0, 10) : undefined,
    },
    previous,
    seed: options.seed,
  };
}
