import { type PairSource, type RowPairs, solveCertified } from './certified';
import { MatchingInputError } from './errors';
import { EXACT_WEIGHT_LIMIT } from './flow';
import { seededIntHash } from './hash';

/**
 * The solver alone, on an explicit instance: which mentee may go to which mentor, at what score.
 * Pairs not listed are forbidden. Maximises the number matched, then the total score.
 */

export interface AssignmentInstance {
  readonly mentees: number;
  readonly mentors: readonly { readonly capacity: number }[];
  /** [menteeIndex, mentorIndex, score], score finite and ≥ 0, each pair at most once. */
  readonly edges: readonly (readonly [number, number, number])[];
  /** Breaks ties among equally good answers; default 0. */
  readonly seed?: number;
}

export interface AssignmentOptions {
  /** Candidates per mentee before pricing; default all of them. */
  readonly candidatesPerMentee?: number;
  /** Further pairs per mentee kept aside for exact pricing; default 0. */
  readonly reserve?: number;
  /** Each mentor's best mentees also become candidates; default 0. */
  readonly candidatesPerMentor?: number;
  /** Mentees joining the solve together; any value gives the same optimum. Default 64. */
  readonly batch?: number;
  /**
   * When more mentees than this gain candidates in a pricing round, they are rerouted together
   * instead of repaired one edge at a time; any value gives the same optimum.
   */
  readonly rerouteAbove?: number;
}

export interface AssignmentResult {
  readonly matched: number;
  readonly total: number;
  /** [menteeIndex, mentorIndex], sorted by mentee. */
  readonly pairs: readonly (readonly [number, number])[];
  /**
   * Proved optimal over every listed pair. Scores that are whole numbers, or decimals with up to
   * six places, are solved exactly as written while the largest, in its smallest decimal unit,
   * is at most 2^48 (about 2.8 × 10^14); then `gap` is 0.
   */
  readonly certified: boolean;
  /**
   * How far below the best possible total a certified answer may be: 0 when solved exactly,
   * otherwise a bound on floating-point rounding (scores too large or too finely divided).
   */
  readonly gap: number;
  readonly pricingRounds: number;
}

const MAX_LISTED = 10;

/** Every problem with the instance, worded for the person who wrote it. */
export function instanceProblems(instance: AssignmentInstance): string[] {
  const problems: string[] = [];
  const { mentees, mentors, edges } = instance;
  if (!Number.isInteger(mentees) || mentees < 0) problems.push('mentees must be a whole number ≥ 0');
  mentors.forEach((mentor, j) => {
    if (!Number.isInteger(mentor.capacity) || mentor.capacity < 0) {
      problems.push(`mentors[${j}].capacity must be a whole number ≥ 0 (got ${mentor.capacity})`);
    }
  });
  const seen = new Map<number, number>();
  const edgeProblems: string[] = [];
  edges.forEach(([i, j, score], k) => {
    if (!Number.isInteger(i) || i < 0 || i >= mentees) {
      edgeProblems.push(`edges[${k}]: mentee index ${i} is out of range 0..${mentees - 1}`);
    }
    if (!Number.isInteger(j) || j < 0 || j >= mentors.length) {
      edgeProblems.push(`edges[${k}]: mentor index ${j} is out of range 0..${mentors.length - 1}`);
    }
    if (!Number.isFinite(score) || score < 0) {
      edgeProblems.push(`edges[${k}]: score must be a finite number ≥ 0 (got ${score})`);
    }
    if (Number.isInteger(i) && Number.isInteger(j) && i >= 0 && i < mentees && j >= 0 && j < mentors.length) {
      const key = i * Math.max(1, mentors.length) + j;
      const first = seen.get(key);
      if (first !== undefined) edgeProblems.push(`edges[${k}]: duplicate of edges[${first}] (${i}, ${j})`);
      else seen.set(key, k);
    }
  });
  problems.push(...edgeProblems.slice(0, MAX_LISTED));
  if (edgeProblems.length > MAX_LISTED)
    problems.push(`… and ${edgeProblems.length - MAX_LISTED} more edge problems`);
  if (instance.seed !== undefined && !(Number.isInteger(instance.seed) && instance.seed >= 0)) {
    problems.push('seed must be a whole number ≥ 0');
  }
  return problems;
}

/** Indices in seeded-hash order, so tie-breaking never depends on how the instance was written. */
function hashOrder(count: number, seed: number): Int32Array {
  const hashes = Uint32Array.from({ length: count }, (_, k) => seededIntHash(seed, k));
  const order = Array.from({ length: count }, (_, k) => k);
  order.sort((a, b) => (hashes[a] as number) - (hashes[b] as number) || a - b);
  return Int32Array.from(order);
}

/** Decimal places tried when looking for a scale that makes every score a whole number. */
const MAX_DECIMALS = 6;

/**
 * The smallest power of ten (up to 10^6) that turns every score into a whole number small enough
 * for exact arithmetic (see `EXACT_WEIGHT_LIMIT`), or 1 when there is none. A score counts as having k
 * decimals when dividing its k-decimal rounding by 10^k gives the score back, so 0.1 is read as
 * the decimal it was written as, not as the binary fraction that stores it.
 */
function decimalScale(weight: Float64Array): number {
  let largest = 0;
  for (let e = 0; e < weight.length; e++) largest = Math.max(largest, weight[e] as number);
  for (let k = 0, p = 1; k <= MAX_DECIMALS; k++, p *= 10) {
    if (Math.round(largest * p) > EXACT_WEIGHT_LIMIT) return 1;
    let whole = true;
    for (let e = 0; e < weight.length && whole; e++) {
      const w = weight[e] as number;
      whole = Math.round(w * p) / p === w;
    }
    if (whole) return p;
  }
  return 1;
}

function rankOf(order: Int32Array): Int32Array {
  const rank = new Int32Array(order.length);
  order.forEach((original, position) => {
    rank[original] = position;
  });
  return rank;
}

export function solveAssignment(
  instance: AssignmentInstance,
  options: AssignmentOptions = {},
): AssignmentResult {
  const problems = instanceProblems(instance);
  if (problems.length > 0) throw new MatchingInputError(problems);
  const seed = instance.seed ?? 0;
  const rows = instance.mentees;
  const cols = instance.mentors.length;
  const rowOrder = hashOrder(rows, seed);
  const colOrder = hashOrder(cols, seed ^ 0x5bd1e995);
  const rowRank = rankOf(rowOrder);
  const colRank = rankOf(colOrder);

  const rowStart = new Int32Array(rows + 1);
  for (const [i] of instance.edges) {
    const r = (rowRank[i] as number) + 1;
    rowStart[r] = (rowStart[r] as number) + 1;
  }
  for (let r = 0; r < rows; r++) rowStart[r + 1] = (rowStart[r + 1] as number) + (rowStart[r] as number);
  const fill = rowStart.slice(0, rows);
  const col = new Int32Array(instance.edges.length);
  const weight = new Float64Array(instance.edges.length);
  for (const [i, j, score] of instance.edges) {
    const r = rowRank[i] as number;
    const at = fill[r] as number;
    col[at] = colRank[j] as number;
    weight[at] = score;
    fill[r] = at + 1;
  }
  for (let r = 0; r < rows; r++) sortRow(col, weight, rowStart[r] as number, rowStart[r + 1] as number);
  const scale = decimalScale(weight);
  if (scale !== 1)
    for (let e = 0; e < weight.length; e++) weight[e] = Math.round((weight[e] as number) * scale);
  const capacity = Int32Array.from(colOrder, (j) => Math.min(instance.mentors[j]?.capacity ?? 0, rows));
  // Whole-number scores up to 255 let the solver pick candidates by histogram.
  let integral = true;
  for (let e = 0; e < weight.length && integral; e++) {
    const w = weight[e] as number;
    integral = w >>> 0 === w && w <= 255;
  }

  const source: PairSource = {
    rows,
    cols,
    capacity,
    ...(integral ? { maxWeight: 255 } : {}),
    row(r: number): RowPairs {
      const start = rowStart[r] as number;
      const end = rowStart[r + 1] as number;
      return { count: end - start, col: col.subarray(start, end), weight: weight.subarray(start, end) };
    },
    pair(r: number, j: number): number {
      let low = rowStart[r] as number;
      let high = (rowStart[r + 1] as number) - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const at = col[mid] as number;
        if (at === j) return weight[mid] as number;
        if (at < j) low = mid + 1;
        else high = mid - 1;
      }
      return -1;
    },
  };
  const perRow = options.candidatesPerMentee ?? Math.max(1, cols);
  const result = solveCertified(source, {
    perRow,
    reserve: options.reserve ?? 0,
    perCol: options.candidatesPerMentor ?? 0,
    maxRounds: 100,
    batch: options.batch ?? 64,
    ...(options.rerouteAbove !== undefined ? { rerouteAbove: options.rerouteAbove } : {}),
  });
  const { graph, solution } = result;
  const pairs: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    const e = solution.assignedEdge[r] as number;
    if (e >= 0) pairs.push([rowOrder[r] as number, colOrder[graph.col[e] as number] as number]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return {
    matched: solution.matched,
    // Whole units sum exactly; one division gives the decimal total as written.
    total: solution.total / scale,
    pairs,
    certified: result.certified,
    gap: result.gap / scale,
    pricingRounds: result.rounds,
  };
}

function sortRow(col: Int32Array, weight: Float64Array, start: number, end: number): void {
  if (end - start < 2) return;
  const idx = Array.from({ length: end - start }, (_, k) => start + k);
  idx.sort((a, b) => (col[a] as number) - (col[b] as number));
  const c = idx.map((k) => col[k] as number);
  const w = idx.map((k) => weight[k] as number);
  col.set(c, start);
  weight.set(w, start);
}
