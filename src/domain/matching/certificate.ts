import type { FlowSolution, SparseGraph } from './flow';

/**
 * The optimality certificate, checked independently of how the solution was found: capacities
 * hold, used edges have zero reduced cost, unused edges and the unmatched option have
 * non-negative reduced cost, and a column with room has a zero dual. With lexicographic duals
 * this proves the most mentees matched, then the highest total, on the graph checked.
 */

/** Whole numbers up to this add five at a time without rounding (pricing adds as many). */
export const EXACT_LIMIT = 2 ** 50;

function exactWhole(values: ArrayLike<number>): boolean {
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as number;
    if (!Number.isInteger(v) || Math.abs(v) > EXACT_LIMIT) return false;
  }
  return true;
}

/** (a, b) ≥ (0, −eps) lexicographically; A components are integers, so exact. */
export function atLeastZero(a: number, b: number, eps: number): boolean {
  return a > 0 || (a === 0 && b >= -eps);
}

/**
 * Checks the certificate on the graph itself, independently of how the solution was found: the
 * flow is feasible (every row routed once, capacities hold) and every residual arc has a
 * non-negative reduced cost, so no cycle can lower the cost. Residual arcs are: an unused edge
 * (forward), a used edge (backward), staying unmatched for a matched row (forward) or leaving it
 * for an unmatched one (backward), a column's arc to the sink while it has room (forward) and
 * back from it while it has mentees (backward).
 *
 * With `eps` 0 the check claims exactness, so it first makes sure its own arithmetic is exact:
 * every weight and dual a whole number small enough that each reduced cost is computed without
 * rounding. Otherwise reduced costs down to −eps pass, and the solution is optimal to within
 * eps per node.
 */
export function verifyFlow(graph: SparseGraph, solution: FlowSolution, eps: number): boolean {
  const { rows: R, cols: C, capacity, rowStart, col, weight } = graph;
  const { rowA, rowB, colA, colB } = solution.duals;
  if (eps === 0 && !(exactWhole(weight) && exactWhole(rowB) && exactWhole(colB))) return false;
  const load = new Int32Array(C);
  for (let i = 0; i < R; i++) {
    const own = solution.assignedEdge[i] as number;
    const uA = rowA[i] as number;
    const uB = rowB[i] as number;
    if (own < 0) {
      if (!atLeastZero(-1 - uA, -uB, eps)) return false;
    } else {
      if (own < (rowStart[i] as number) || own >= (rowStart[i + 1] as number)) return false;
      if (!atLeastZero(1 + uA, uB, eps)) return false;
      const j = col[own] as number;
      load[j] = (load[j] as number) + 1;
    }
    for (let e = rowStart[i] as number, end = rowStart[i + 1] as number; e < end; e++) {
      const j = col[e] as number;
      const rA = uA + (colA[j] as number);
      const rB = uB + (colB[j] as number) - (weight[e] as number);
      if (e === own ? !atLeastZero(-rA, -rB, eps) : !atLeastZero(rA, rB, eps)) return false;
    }
  }
  for (let j = 0; j < C; j++) {
    const used = load[j] as number;
    if (used > (capacity[j] as number) || used !== solution.load[j]) return false;
    const vA = colA[j] as number;
    const vB = colB[j] as number;
    // Pricing relies on every column dual being ≥ 0, whether or not the column has mentees.
    if (!atLeastZero(vA, vB, eps)) return false;
    if (used < (capacity[j] as number) && !atLeastZero(-vA, -vB, eps)) return false;
  }
  return true;
}
