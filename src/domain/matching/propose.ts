import { type PairSource, solveCertified } from './certified';
import { type Cohort, compileCohort } from './cohort';
import { CONSTRAINTS, violation } from './constraints';
import { coherence, improveCoherence } from './groups';
import { rowKernel } from './kernel';
import { scoreHistogram } from './disclosure';
import { explainPair } from './reasons';
import { pairScore, scoreOrForbidden } from './scoring';
import type {
  CoherenceReport,
  MatchingInput,
  Proposal,
  ProposedGroup,
  ProposedPair,
  Suggestion,
  UnmatchedMentee,
} from './types';
import { explainUnmatched } from './unmatched';

/**
 * Matching, start to finish: compile the cohort, honour admin pins, find the assignment that
 * matches the most mentees and then scores the most (proven optimal by pricing), improve group
 * coherence within a tolerance, and explain everything. Pure: same input and seed, same proposal.
 */

const DEFAULT_CANDIDATES = 8;
const DEFAULT_BATCH = 1 << 30;
const DEFAULT_RESERVE = 56;
/**
 * Scores are whole numbers, so the reserve costs three bytes a pair (five above 65,536 mentors)
 * and is priced heaviest first: a deep one lets most mentees be certified without being scored
 * a second time. Up to this many pairs in all (about 30 MB), and at most MAX_RESERVE a mentee.
 */
const RESERVE_BUDGET = 10_000_000;
const MAX_RESERVE = 1024;
const DEFAULT_PER_MENTOR = 8;

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pinWarnings(c: Cohort): string[] {
  const warnings: string[] = [];
  const pinsPerMentor = new Int32Array(c.m);
  c.pinnedMentor.forEach((j, i) => {
    if (j < 0) return;
    pinsPerMentor[j] = (pinsPerMentor[j] as number) + 1;
    const v = violation(c, i, j);
    if (v === 0) return;
    const code = CONSTRAINTS[v - 1];
    // A sensitive question's name is itself private, so the rule is described generically.
    const rule = code === 'exclude_same' ? 'a question whose answers must differ' : code?.replace(/_/g, ' ');
    warnings.push(`pinned pair ${c.mentors[j]?.name} → ${c.mentees[i]?.name} breaks a rule: ${rule}`);
  });
  pinsPerMentor.forEach((pins, j) => {
    const capacity = c.baseCapacity[j] as number;
    if (pins > capacity) {
      warnings.push(
        `${c.mentors[j]?.name} has ${pins} pinned mentees, more than their capacity of ${capacity}`,
      );
    }
  });
  const unknown =
    c.menteeLevelKnown.reduce((sum, k) => sum + (1 - k), 0) +
    c.mentorLevelKnown.reduce((sum, k) => sum + (1 - k), 0);
  if (unknown > 0) {
    const who =
      unknown === c.n + c.m
        ? 'Nobody has a'
        : unknown === 1
          ? '1 person has no'
          : `${unknown} people have no`;
    warnings.push(`${who} job level, so seniority was neither checked nor scored for them`);
  }
  return warnings;
}

export function proposeMatches(input: MatchingInput): Proposal {
  const clock = input.options?.clock;
  const started = clock?.() ?? 0;
  const c = compileCohort(input);
  const warnings = pinWarnings(c);

  const free: number[] = [];
  const rowOf = new Int32Array(c.n).fill(-1);
  c.pinnedMentor.forEach((j, i) => {
    if (j < 0) {
      rowOf[i] = free.length;
      free.push(i);
    }
  });
  const kernel = rowKernel(c);
  let scoreMs = 0;
  const source: PairSource = {
    rows: free.length,
    cols: c.m,
    capacity: c.capacity,
    maxWeight: 100,
    row: clock
      ? (r) => {
          const t = clock();
          const pairs = kernel(free[r] as number);
          scoreMs += clock() - t;
          return pairs;
        }
      : (r) => kernel(free[r] as number),
    pair: (r, j) => scoreOrForbidden(c, free[r] as number, j),
  };
  const perRow = Math.max(1, input.options?.candidatesPerMentee ?? DEFAULT_CANDIDATES);
  const solveStarted = clock?.() ?? 0;
  const result = solveCertified(source, {
    perRow,
    reserve: Math.max(
      DEFAULT_RESERVE,
      Math.min(MAX_RESERVE, Math.floor(RESERVE_BUDGET / Math.max(1, free.length))),
    ),
    perCol: DEFAULT_PER_MENTOR,
    maxRounds: 50,
    batch: input.options?.batch ?? DEFAULT_BATCH,
  });
  const solveMs = (clock?.() ?? 0) - solveStarted - scoreMs;
  const { graph, solution } = result;

  const assignment = Int32Array.from(c.pinnedMentor);
  free.forEach((i, r) => {
    const e = solution.assignedEdge[r] as number;
    assignment[i] = e >= 0 ? (graph.col[e] as number) : -1;
  });

  let coherenceReport: CoherenceReport | undefined;
  if (c.track === 'group') {
    const fixed = Uint8Array.from(c.pinnedMentor, (j) => (j >= 0 ? 1 : 0));
    // Swaps are sought among each mentee's candidate mentors: the pairs worth considering.
    const everyone = Array.from({ length: c.m }, (_, j) => j);
    const candidates = (i: number): Iterable<number> => {
      const r = rowOf[i] as number;
      if (c.m <= 32 || r < 0) return everyone;
      return graph.col.subarray(graph.rowStart[r] as number, graph.rowStart[r + 1] as number);
    };
    coherenceReport = improveCoherence(
      c,
      assignment,
      fixed,
      candidates,
      input.rules.coherenceTolerance ?? 0.02,
    );
  }

  const pairs: ProposedPair[] = [];
  const unmatched: UnmatchedMentee[] = [];
  const suggestions: Suggestion[] = [];
  const load = new Int32Array(c.m);
  assignment.forEach((j, i) => {
    const mentee = c.mentees[i];
    if (mentee === undefined) return;
    if (j < 0) {
      const explanation = explainUnmatched(c, i);
      unmatched.push(explanation.entry);
      suggestions.push(...explanation.suggestions);
      return;
    }
    load[j] = (load[j] as number) + 1;
    const pinned = c.pinnedMentor[i] === j;
    pairs.push({
      mentorId: c.mentors[j]?.id ?? '',
      menteeId: mentee.id,
      score: pairScore(c, i, j),
      reasons: explainPair(c, i, j, pinned),
      pinned,
    });
  });
  pairs.sort((a, b) => byId(a.mentorId, b.mentorId) || byId(a.menteeId, b.menteeId));
  unmatched.sort((a, b) => byId(a.menteeId, b.menteeId));
  suggestions.sort((a, b) => byId(a.menteeId, b.menteeId) || byId(a.kind, b.kind));

  const groups: ProposedGroup[] = [];
  if (c.track === 'group') {
    const members: number[][] = Array.from({ length: c.m }, () => []);
    assignment.forEach((j, i) => {
      if (j >= 0) members[j]?.push(i);
    });
    const scores = coherence(c, members);
    members.forEach((list, j) => {
      if (list.length === 0) return;
      groups.push({
        mentorId: c.mentors[j]?.id ?? '',
        menteeIds: list.map((i) => c.mentees[i]?.id ?? '').sort(byId),
        coherence: scores[j] ?? null,
      });
    });
    groups.sort((a, b) => byId(a.mentorId, b.mentorId));
  }

  const idleMentorIds = c.mentors
    .filter((_, j) => (c.baseCapacity[j] as number) > 0 && load[j] === 0)
    .map((p) => p.id)
    .sort(byId);
  const scores = pairs.map((p) => p.score);
  const totalScore = scores.reduce((a, b) => a + b, 0);
  const finished = clock?.() ?? 0;
  return {
    seed: input.seed,
    track: c.track,
    pairs,
    groups,
    unmatched,
    idleMentorIds,
    suggestions,
    warnings,
    stats: {
      mentees: c.n,
      mentors: c.m,
      matched: pairs.length,
      totalScore,
      meanScore: pairs.length === 0 ? 0 : totalScore / pairs.length,
      histogram: scoreHistogram(scores),
      certified: result.certified,
      candidateEdges: graph.col.length,
      pricingRounds: result.rounds,
      ...(coherenceReport ? { coherence: coherenceReport } : {}),
      ...(clock ? { timings: { scoreMs, solveMs, totalMs: finished - started } } : {}),
    },
  };
}
