import { solveAssignment, type AssignmentInstance } from '../../../src/domain/matching/solve-assignment';

/**
 * Pricing adds, with each violating reserve pair, the reserve pairs that nearly violate. Those
 * are extra candidate edges only: the sparse solve must still equal the full one, certified.
 */
function instance(mentees: number, mentors: number, seed: number): AssignmentInstance {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const edges: [number, number, number][] = [];
  for (let i = 0; i < mentees; i++) {
    for (let j = 0; j < mentors; j++) if (next() < 0.6) edges.push([i, j, Math.floor(next() * 100)]);
  }
  return { mentees, mentors: Array.from({ length: mentors }, () => ({ capacity: 1 })), edges, seed };
}

describe('pricing with nearly violating reserve pairs', () => {
  test.each([1, 2, 3, 4, 5, 6])(
    'when a large reserve sits behind one candidate per mentee, then the sparse solve equals the full one (seed %i)',
    (seed) => {
      const problem = instance(60, 55, seed);
      const full = solveAssignment(problem);
      const sparse = solveAssignment(problem, { candidatesPerMentee: 1, reserve: 24, batch: 7 });
      expect(full.certified).toBe(true);
      expect(sparse.certified).toBe(true);
      expect(sparse.matched).toBe(full.matched);
      expect(sparse.total).toBe(full.total);
    },
  );
});
