import fc from 'fast-check';
import { HistogramSelector, ColumnCandidates, RowSelector } from '../../../src/domain/matching/candidates';
import { verifyFlow } from '../../../src/domain/matching/certificate';
import { FlowSolver, type RowEdges } from '../../../src/domain/matching/flow';

/**
 * The warm paths of the solver: rerouting rows that gained edges, raising duals to their
 * highest, and choosing candidates by histogram. Each must agree with the cold path it replaces.
 */

interface Instance {
  readonly capacity: Int32Array;
  /** Per row: the edges it starts with, and those it gains later (empty if it gains none). */
  readonly first: RowEdges[];
  readonly later: RowEdges[];
}

function edges(list: readonly (readonly [number, number])[]): RowEdges {
  return {
    count: list.length,
    col: Int32Array.from(list, ([j]) => j),
    weight: Float64Array.from(list, ([, w]) => w),
  };
}

const weightArb = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 100 }));

const instanceArb = fc
  .record({
    rows: fc.integer({ min: 1, max: 14 }),
    capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 9 }),
  })
  .chain(({ rows, capacities }) =>
    fc
      .array(
        fc.array(fc.tuple(fc.integer({ min: 0, max: capacities.length - 1 }), weightArb, fc.boolean()), {
          maxLength: capacities.length,
        }),
        { minLength: rows, maxLength: rows },
      )
      .map((perRow): Instance => {
        const first: RowEdges[] = [];
        const later: RowEdges[] = [];
        for (const row of perRow) {
          const seen = new Set<number>();
          const now: [number, number][] = [];
          const after: [number, number][] = [];
          for (const [j, w, late] of row) {
            if (seen.has(j)) continue;
            seen.add(j);
            (late ? after : now).push([j, w]);
          }
          first.push(edges(now));
          later.push(edges(after));
        }
        return { capacity: Int32Array.from(capacities), first, later };
      }),
  );

function solveFresh(capacity: Int32Array, rows: readonly RowEdges[], integral = false): FlowSolver {
  const solver = new FlowSolver(rows.length, capacity.length, capacity, integral);
  rows.forEach((row, r) => solver.join(r, row));
  solver.settle();
  return solver;
}

function merged(a: RowEdges, b: RowEdges): RowEdges {
  const col = new Int32Array(a.count + b.count);
  const weight = new Float64Array(col.length);
  col.set(a.col.subarray(0, a.count));
  col.set(b.col.subarray(0, b.count), a.count);
  weight.set(a.weight.subarray(0, a.count));
  weight.set(b.weight.subarray(0, b.count), a.count);
  return { count: col.length, col, weight };
}

function certified(solver: FlowSolver): { matched: number; total: number } {
  const { graph, solution } = solver.result();
  expect(verifyFlow(graph, solution, 1e-9 * 100)).toBe(true);
  return { matched: solution.matched, total: solution.total };
}

describe('rerouting rows that gain edges', () => {
  test('when some rows gain edges after a solve, then rerouting them warm reaches the fresh optimum, certified', () => {
    fc.assert(
      fc.property(instanceArb, ({ capacity, first, later }) => {
        const warm = solveFresh(capacity, first);
        const changes = later.flatMap((edges, row) => (edges.count > 0 ? [{ row, edges }] : []));
        warm.reroute(changes);
        const fresh = solveFresh(
          capacity,
          first.map((row, r) => merged(row, later[r] as RowEdges)),
        );
        const expected = certified(fresh);
        const got = certified(warm);
        expect(got.matched).toBe(expected.matched);
        expect(got.total).toBe(expected.total);
      }),
      { numRuns: 600, seed: 5 },
    );
  });

  test('when rows are rerouted in two rounds, then the result is still the fresh optimum', () => {
    fc.assert(
      fc.property(instanceArb, fc.integer({ min: 0, max: 13 }), ({ capacity, first, later }, split) => {
        const warm = solveFresh(capacity, first);
        const changes = later.flatMap((edges, row) => (edges.count > 0 ? [{ row, edges }] : []));
        warm.reroute(changes.slice(0, split));
        certified(warm);
        warm.reroute(changes.slice(split));
        const expected = certified(
          solveFresh(
            capacity,
            first.map((row, r) => merged(row, later[r] as RowEdges)),
          ),
        );
        expect(certified(warm)).toEqual(expected);
      }),
      { numRuns: 300, seed: 6 },
    );
  });
});

describe('integer arithmetic', () => {
  test('when weights or duals are not whole numbers within 2^50, then an exact check refuses to vouch', () => {
    const one = (w: number): FlowSolver =>
      solveFresh(Int32Array.of(1), [{ count: 1, col: Int32Array.of(0), weight: Float64Array.of(w) }]);
    const check = (w: number, eps: number) => {
      const { graph, solution } = one(w).result();
      return verifyFlow(graph, solution, eps);
    };
    expect(check(7, 0)).toBe(true);
    expect(check(2 ** 50, 0)).toBe(true);
    // The same optimal flows, but sums at these values could round: only a tolerance passes them.
    expect(check(0.5, 0)).toBe(false);
    expect(check(2 ** 50 + 2, 0)).toBe(false);
    expect(check(0.5, 1e-9)).toBe(true);
  });

  test('when weights are whole numbers, then the Int32 solver takes exactly the steps of the Float64 one', () => {
    fc.assert(
      fc.property(instanceArb, fc.boolean(), ({ capacity, first, later }, reroute) => {
        const run = (integral: boolean) => {
          const solver = solveFresh(capacity, first, integral);
          solver.tighten();
          const changes = later.flatMap((edges, row) => (edges.count > 0 ? [{ row, edges }] : []));
          if (reroute) solver.reroute(changes);
          else for (const { row, edges } of changes) solver.insert(row, edges);
          const { graph, solution } = solver.result();
          expect(verifyFlow(graph, solution, 0)).toBe(true);
          return {
            weight: graph.weight,
            assigned: Array.from(solution.assignedEdge),
            duals: [solution.duals.rowA, solution.duals.rowB, solution.duals.colA, solution.duals.colB],
          };
        };
        const float = run(false);
        const int = run(true);
        expect(int.weight).toBeInstanceOf(Int32Array);
        expect(float.weight).toBeInstanceOf(Float64Array);
        expect(int.assigned).toEqual(float.assigned);
        expect(int.duals.map((d) => Array.from(d))).toEqual(float.duals.map((d) => Array.from(d)));
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});

describe('raising the duals', () => {
  test('when the duals are tightened, then the flow is unchanged, still certified, and no mentee dual falls', () => {
    fc.assert(
      fc.property(instanceArb, ({ capacity, first }) => {
        const solver = solveFresh(capacity, first);
        const before = solver.result();
        solver.tighten();
        const after = solver.result();
        expect(verifyFlow(after.graph, after.solution, 1e-7)).toBe(true);
        expect(Array.from(after.solution.assignedEdge)).toEqual(Array.from(before.solution.assignedEdge));
        for (let i = 0; i < first.length; i++) {
          const a0 = before.solution.duals.rowA[i] as number;
          const b0 = before.solution.duals.rowB[i] as number;
          const a1 = after.solution.duals.rowA[i] as number;
          const b1 = after.solution.duals.rowB[i] as number;
          expect(a1 > a0 || (a1 === a0 && b1 >= b0 - 1e-9)).toBe(true);
        }
        // Highest: tightening again moves nothing.
        solver.tighten();
        const again = solver.result();
        expect(Array.from(again.solution.duals.rowB)).toEqual(Array.from(after.solution.duals.rowB));
        expect(Array.from(again.solution.duals.colB)).toEqual(Array.from(after.solution.duals.colB));
      }),
      { numRuns: 400, seed: 8 },
    );
  });
});

describe('choosing candidates by histogram', () => {
  const rowArb = fc.record({
    cols: fc.integer({ min: 1, max: 40 }),
    limit: fc.integer({ min: 0, max: 30 }),
    ordered: fc.integer({ min: 0, max: 30 }),
    maxWeight: fc.constantFrom(3, 100),
    seed: fc.integer({ min: 1, max: 0x7fffffff }),
  });

  test('when a row of whole-number weights is selected, then the kept pairs and bound equal the heap’s', () => {
    fc.assert(
      fc.property(rowArb, ({ cols, limit, ordered, maxWeight, seed }) => {
        let state = seed;
        const next = (n: number) => {
          state = (Math.imul(state, 1103515245) + 12345) >>> 0;
          return state % n;
        };
        const capacity = Int32Array.from({ length: cols }, () => (next(5) === 0 ? 0 : 1));
        // Columns in scrambled order, as the kernel emits them (grouped by cell, not by index).
        const order = Array.from({ length: cols }, (_, j) => j).sort(() => next(3) - 1);
        const pairs = edges(order.filter(() => next(4) !== 0).map((j) => [j, next(maxWeight + 1)] as const));
        const heap = new RowSelector(limit);
        for (let p = 0; p < pairs.count; p++) {
          const j = pairs.col[p] as number;
          const w = pairs.weight[p] as number;
          if ((capacity[j] as number) > 0) heap.offer(j, w, 0, w);
        }
        const expected = heap.sorted();
        const expectedPairs = Array.from({ length: expected.count }, (_, k) => [
          expected.col[k] as number,
          expected.weight[k] as number,
        ]);
        const histogram = new HistogramSelector(limit, maxWeight, ordered);
        histogram.reset();
        histogram.count(pairs, capacity);
        const got = histogram.select(pairs, capacity, new ColumnCandidates(cols, 2, true), 0);
        const gotPairs = Array.from({ length: got.count }, (_, k) => [
          got.col[k] as number,
          got.weight[k] as number,
        ]);
        expect(histogram.bound).toBe(heap.boundB);
        // The candidate prefix in exactly the heap's order; the rest the same pairs, by weight.
        const prefix = Math.min(ordered, expectedPairs.length);
        expect(gotPairs.slice(0, prefix)).toEqual(expectedPairs.slice(0, prefix));
        const byPair = (a: number[], b: number[]) => (a[0] as number) - (b[0] as number);
        expect([...gotPairs].sort(byPair)).toEqual([...expectedPairs].sort(byPair));
        for (let k = 1; k < gotPairs.length; k++)
          expect(gotPairs[k]?.[1] as number).toBeLessThanOrEqual(gotPairs[k - 1]?.[1] as number);
      }),
      { numRuns: 1000, seed: 9 },
    );
  });

  test('when a weight breaks the whole-number promise, then counting throws', () => {
    const selector = new HistogramSelector(4, 100, 4);
    selector.reset();
    expect(() => selector.count(edges([[0, 2.5]]), Int32Array.of(1))).toThrow(RangeError);
    expect(() => selector.count(edges([[0, 101]]), Int32Array.of(1))).toThrow(RangeError);
  });
});
