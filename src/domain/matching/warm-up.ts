import { syntheticCohort } from './synthetic';
import type { MatchingInput, Track } from './types';

/**
 * Cohorts the server matches right after it starts, so that an admin's first preview runs on
 * optimised code.
 *
 * V8 compiles a function to fast machine code only after it has run for a while, and the
 * compiling itself competes for the CPU. The engine's hot loops therefore run several times
 * slower in the first match of a process than later on. On two cores, 1,000 × 1,000 takes about
 * 300 ms in a fresh process and about 80 ms once the code is optimised. V8 keeps that code for
 * the life of the process and shares it between cohorts, so matching a few small synthetic
 * cohorts at start-up is enough. Every track appears, with a question from the default bank,
 * pins, bans and earlier pairs, so that the paths a real cohort takes have been through the
 * compiler too.
 *
 * Measured on two cores: fifteen cohorts of 300 take about 1.3 s of CPU in all (counting V8's
 * compiler threads), after which a 1,000 × 1,000 cohort the process has never seen takes
 * 80–130 ms (nine cohorts left it at 100–140 ms; cohorts of 500 did no better).
 */

/** How many cohorts the warm-up matches. */
export const WARM_UP_COHORTS = 15;

const MENTEES = 300;
const TRACKS: readonly { track: Track; groupSize?: number }[] = [
  { track: 'high-potential' },
  { track: 'group', groupSize: 4 },
  { track: 'reverse' },
];
const FORMATS = ['video', 'in_person', 'either'];

/** The k-th warm-up cohort (0 ≤ k < WARM_UP_COHORTS): the same for every process. */
export function warmUpCohort(k: number): MatchingInput {
  const shape = TRACKS[k % TRACKS.length] ?? { track: 'high-potential' };
  const base = syntheticCohort({
    mentees: MENTEES,
    mentors: Math.ceil(MENTEES / (shape.groupSize ?? 1)),
    track: shape.track,
    groupSize: shape.groupSize,
    seed: 0x5eed + k,
  });
  const participants = base.participants.map((p, n) => ({
    ...p,
    answers: { meeting_format: [FORMATS[n % FORMATS.length] as string] },
  }));
  const mentees = participants.filter((p) => p.role === 'mentee');
  const mentors = participants.filter((p) => p.role === 'mentor');
  const pair = (mentee: number, mentor: number) => ({
    menteeId: mentees[mentee]?.id ?? '',
    mentorId: mentors[mentor]?.id ?? '',
  });
  return {
    ...base,
    participants,
    rules: {
      ...base.rules,
      questions: [
        {
          id: 'meeting_format',
          label: 'Meeting format',
          use: 'prefer_similar',
          weight: 'low',
          sensitive: false,
        },
      ],
    },
    pinned: [pair(1, 2)],
    forbidden: [pair(3, 4), pair(5, 6)],
  };
}
