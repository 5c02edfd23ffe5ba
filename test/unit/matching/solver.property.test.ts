import fc from 'fast-check';
import { type AssignmentInstance, solveAssignment } from '../../../src/domain/matching/solve-assignment';

type Edge = readonly [number, number, number];

/** Exhaustive search: every mentee either unmatched or on one of its edges, capacities respected. */
function bruteForce(instance: AssignmentInstance): { matched: number; total: number } {
  const byMentee: Edge[][] = Array.from({ length: instance.mentees }, () => []);
  for (const edge of instance.edges) byMentee[edge[0]]?.push(edge);
  const left = instance.mentors.map((m) => m.capacity);
  let best = { matched: 0, total: 0 };
  const visit = (i: number, matched: number, total: number): void => {
    if (i === instance.mentees) {
      if (matched > best.matched || (matched === best.matched && total > best.total + 1e-9)) {
        best = { matched, total };
      }
      return;
    }
    visit(i + 1, matched, total);
    for (const [, j, score] of byMentee[i] ?? []) {
      if ((left[j] ?? 0) <= 0) continue;
      left[j] = (left[j] ?? 0) - 1;
      visit(i + 1, matched + 1, total + score);
      left[j] = (left[j] ?? 0) + 1;
    }
  };
  visit(0, 0, 0);
  return best;
}

const score = fc.oneof(
  fc.integer({ min: 0, max: 5 }),
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }),
);

/** Up to 7 mentees and 5 mentors; `least` 1 asks for at least one of each and one edge. */
function instancesOf(scores: fc.Arbitrary<number>, least = 0): fc.Arbitrary<AssignmentInstance> {
  return fc
    .record({
      mentees: fc.integer({ min: least, max: 7 }),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: least, maxLength: 5 }),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
    })
    .chain(({ mentees, capacities, seed }) => {
      const cells: [number, number][] = [];
      for (let i = 0; i < mentees; i++) for (let j = 0; j < capacities.length; j++) cells.push([i, j]);
      return fc
        .subarray(cells, { minLength: Math.min(least, cells.length) })
        .chain((chosen) =>
          fc.tuple(
            fc.constant(chosen),
            fc.array(scores, { minLength: chosen.length, maxLength: chosen.length }),
          ),
        )
        .map(([chosen, values]): AssignmentInstance => ({
          mentees,
          mentors: capacities.map((capacity) => ({ capacity })),
          edges: chosen.map(([i, j], k) => [i, j, values[k] ?? 0] as const),
          seed,
        }));
    });
}

const instanceArb = instancesOf(score);

function checkFeasible(instance: AssignmentInstance, pairs: readonly (readonly [number, number])[]): void {
  const allowed = new Set(instance.edges.map(([i, j]) => `${i}:${j}`));
  const used = new Map<number, number>();
  const seenMentee = new Set<number>();
  for (const [i, j] of pairs) {
    expect(allowed.has(`${i}:${j}`)).toBe(true);
    expect(seenMentee.has(i)).toBe(false);
    seenMentee.add(i);
    used.set(j, (used.get(j) ?? 0) + 1);
  }
  for (const [j, count] of used) expect(count).toBeLessThanOrEqual(instance.mentors[j]?.capacity ?? 0);
}

function totalOf(instance: AssignmentInstance, pairs: readonly (readonly [number, number])[]): number {
  const scores = new Map(instance.edges.map(([i, j, s]) => [`${i}:${j}`, s]));
  return pairs.reduce((sum, [i, j]) => sum + (scores.get(`${i}:${j}`) ?? Number.NaN), 0);
}

describe('solveAssignment on small random instances', () => {
  test('when compared with brute force, then it matches as many and scores as much, within capacity, certified', () => {
    fc.assert(
      fc.property(instanceArb, (instance) => {
        const expected = bruteForce(instance);
        const result = solveAssignment(instance);
        checkFeasible(instance, result.pairs);
        expect(result.matched).toBe(expected.matched);
        expect(result.pairs.length).toBe(result.matched);
        expect(result.total).toBeCloseTo(expected.total, 6);
        expect(totalOf(instance, result.pairs)).toBeCloseTo(result.total, 6);
        expect(result.certified).toBe(true);
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });

  test('when few candidates are kept, then pricing restores the optimum and certifies it, whatever the batch', () => {
    const tuning = fc.record({
      candidatesPerMentee: fc.integer({ min: 1, max: 3 }),
      reserve: fc.integer({ min: 0, max: 2 }),
      candidatesPerMentor: fc.integer({ min: 0, max: 2 }),
      batch: fc.constantFrom(1, 2, 3, 64),
      // 0: every round's new edges are rerouted warm; 1000: always repaired edge by edge.
      rerouteAbove: fc.constantFrom(0, 1, 1000),
    });
    fc.assert(
      fc.property(instanceArb, tuning, (instance, options) => {
        const expected = bruteForce(instance);
        const result = solveAssignment(instance, options);
        checkFeasible(instance, result.pairs);
        expect(result.matched).toBe(expected.matched);
        expect(result.total).toBeCloseTo(expected.total, 6);
        expect(result.certified).toBe(true);
      }),
      { numRuns: 600, seed: 7 },
    );
  });

  test('when solved twice or with the edges shuffled, then the pairs are identical', () => {
    fc.assert(
      fc.property(instanceArb, fc.infiniteStream(fc.nat()), (instance, randoms) => {
        const first = solveAssignment(instance);
        expect(solveAssignment(instance).pairs).toEqual(first.pairs);
        const keys = instance.edges.map(() => randoms.next().value);
        const shuffled = instance.edges.map((e, k) => [keys[k] ?? 0, e] as const).sort((a, b) => a[0] - b[0]);
        const again = solveAssignment({ ...instance, edges: shuffled.map(([, e]) => e) });
        expect(again.pairs).toEqual(first.pairs);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  test('when mentees are relabelled, then the optimum value is unchanged', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 0, max: 1000 }), (instance, shift) => {
        const n = instance.mentees;
        const relabel = (i: number) => (n === 0 ? i : (i + shift) % n);
        const moved = { ...instance, edges: instance.edges.map(([i, j, s]) => [relabel(i), j, s] as const) };
        const a = solveAssignment(instance);
        const b = solveAssignment(moved);
        expect(b.matched).toBe(a.matched);
        expect(b.total).toBeCloseTo(a.total, 6);
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  test('when medium instances are solved with tiny candidate lists, then pricing reaches the full optimum', () => {
    const medium = fc
      .record({
        mentees: fc.integer({ min: 20, max: 40 }),
        capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 10, maxLength: 30 }),
        density: fc.double({ min: 0.2, max: 0.9, noNaN: true }),
        top: fc.constantFrom(3, 20, 100),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
      })
      .map(({ mentees, capacities, density, top, seed }): AssignmentInstance => {
        let state = seed || 1;
        const next = () => {
          state = (Math.imul(state, 1103515245) + 12345) >>> 0;
          return state / 2 ** 32;
        };
        const edges: [number, number, number][] = [];
        for (let i = 0; i < mentees; i++) {
          for (let j = 0; j < capacities.length; j++)
            if (next() < density) edges.push([i, j, Math.floor(next() * top)]);
        }
        return { mentees, mentors: capacities.map((capacity) => ({ capacity })), edges, seed };
      });
    const tuning = fc.record({
      candidatesPerMentee: fc.integer({ min: 1, max: 3 }),
      reserve: fc.integer({ min: 0, max: 4 }),
      candidatesPerMentor: fc.integer({ min: 0, max: 2 }),
      batch: fc.constantFrom(1, 7, 1000),
      rerouteAbove: fc.constantFrom(0, 2, 1000),
    });
    fc.assert(
      fc.property(medium, tuning, (instance, options) => {
        const full = solveAssignment(instance);
        const sparse = solveAssignment(instance, options);
        checkFeasible(instance, sparse.pairs);
        expect(full.certified).toBe(true);
        expect(sparse.certified).toBe(true);
        expect(sparse.matched).toBe(full.matched);
        expect(sparse.total).toBe(full.total);
      }),
      { numRuns: 400, seed: 2026 },
    );
  });
});

/** Instances whose scores are whole numbers of units of 1/divisor, with those whole numbers. */
function unitInstances(
  units: fc.Arbitrary<number>,
  divisor: number,
): fc.Arbitrary<{ instance: AssignmentInstance; unitEdges: readonly Edge[] }> {
  return instancesOf(units, 1).map((whole) => ({
    instance: { ...whole, edges: whole.edges.map(([i, j, u]) => [i, j, u / divisor] as const) },
    unitEdges: whole.edges,
  }));
}

describe('solveAssignment arithmetic', () => {
  // Brute force on whole units compares exactly: every sum here stays below 2^53.
  const exactBest = (instance: AssignmentInstance, unitEdges: readonly Edge[]) =>
    bruteForce({ ...instance, edges: unitEdges });

  test('when one score dwarfs the rest, then small differences still decide, exactly and certified', () => {
    const units = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 100 }) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(1e12, 1e13, 1e14, 2 ** 48 - 100), fc.integer({ min: 0, max: 100 }))
          .map(([big, small]) => big + small),
      },
    );
    fc.assert(
      fc.property(unitInstances(units, 1), ({ instance, unitEdges }) => {
        const expected = exactBest(instance, unitEdges);
        const result = solveAssignment(instance);
        checkFeasible(instance, result.pairs);
        expect([result.matched, result.total]).toEqual([expected.matched, expected.total]);
        expect(totalOf(instance, result.pairs)).toBe(result.total);
        expect(result.certified).toBe(true);
        expect(result.gap).toBe(0);
      }),
      { numRuns: 1500, seed: 612 },
    );
  });

  test('when scores have up to three decimals, then they are solved as the decimals written', () => {
    const units = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 1e9 }));
    fc.assert(
      fc.property(unitInstances(units, 1000), ({ instance, unitEdges }) => {
        const expected = exactBest(instance, unitEdges);
        const result = solveAssignment(instance);
        checkFeasible(instance, result.pairs);
        expect(result.matched).toBe(expected.matched);
        expect(result.total).toBe(expected.total / 1000);
        expect(result.certified).toBe(true);
        expect(result.gap).toBe(0);
      }),
      { numRuns: 800, seed: 1206 },
    );
  });

  test('when decimals would round as binary fractions, then the total is the decimal sum', () => {
    const result = solveAssignment({
      mentees: 2,
      mentors: [{ capacity: 1 }, { capacity: 1 }],
      edges: [
        [0, 0, 0.1],
        [1, 1, 0.2],
        [0, 1, 0.15],
        [1, 0, 0.15],
      ],
    });
    // 0.1 + 0.2 is 0.30000000000000004 in binary; both assignments tie at 0.3 as written.
    expect(result.total).toBe(0.3);
    expect(result.gap).toBe(0);
  });

  test('when scores are too large for exact sums on the network, then the answer states its rounding gap and keeps to it', () => {
    // Past 2^48 whole numbers are solved in floating point, allowing for rounding.
    const units = fc.integer({ min: 0, max: 1000 }).map((small) => 1e15 + small);
    fc.assert(
      fc.property(unitInstances(units, 1), ({ instance, unitEdges }) => {
        const expected = exactBest(instance, unitEdges);
        const result = solveAssignment(instance);
        checkFeasible(instance, result.pairs);
        expect(result.matched).toBe(expected.matched);
        expect(result.certified).toBe(true);
        // A network whose mentors have no room scores nothing and needs no rounding.
        if (result.matched > 0) expect(result.gap).toBeGreaterThan(0);
        expect(result.gap).toBeLessThan(expected.total * 1e-9 + 1);
        expect(expected.total - totalOf(instance, result.pairs)).toBeLessThanOrEqual(result.gap);
      }),
      { numRuns: 400, seed: 53 },
    );
  });
});
