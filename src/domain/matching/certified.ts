import {
  CandidateEdges,
  ColumnCandidates,
  HistogramSelector,
  Reserve,
  RowSelector,
  type Violation,
} from './candidates';
import { atLeastZero, verifyFlow } from './certificate';
import {
  type FlowSolution,
  FlowSolver,
  integralSafe,
  type Numbers,
  numbers,
  EXACT_WEIGHT_LIMIT,
  type RowEdges,
  roundingTolerance,
  type SparseGraph,
} from './flow';

/** Column duals at some moment, kept to bound how far they fell since. */
interface Prices {
  readonly a: Numbers;
  readonly b: Numbers;
}

/**
 * Solving on a sparse candidate graph, and proving the answer optimal over all pairs.
 *
 * One pass scores every compatible pair once. Each mentee keeps its best few mentors as
 * candidate edges, the next ones aside with their weights (the reserve), and a single number
 * bounding all the rest; each mentor also brings its best few mentees, so that a mentor nobody
 * ranks first still gets a realistic price. After solving on the candidates, pairs are priced
 * against the duals: first only the reserves (no scoring at all) until they are clean, then every
 * pair. A mentee whose dual covers its bound is settled without being scored again, because
 * mentor prices are never negative; the others are rescored. Pairs with a negative reduced cost
 * become edges, inserted into the solved network with a local repair (or, when there are many, a
 * fresh solve), and pricing repeats. Prices may fall between rounds; the fall since a bound was
 * taken is measured per mentor and added to it, the mentors whose price fell most being checked
 * pair by pair instead. When no pair violates, the duals prove the assignment optimal for every
 * compatible pair, not just the candidates.
 */

export type RowPairs = RowEdges;

/** All allowed pairs, row by row. */
export interface PairSource {
  readonly rows: number;
  readonly cols: number;
  readonly capacity: Int32Array;
  /**
   * When set, every weight is a whole number from 0 to this (at most 65,535): candidates are
   * then chosen with a histogram rather than a heap, and up to 255 the reserve takes a byte a
   * weight. A weight outside the promise is an error, never a wrong answer.
   */
  readonly maxWeight?: number;
  /** Every allowed pair of a row, weights ≥ 0; the arrays may be reused on the next call. */
  row(i: number): RowPairs;
  /** One pair's weight, or a negative number when the pair is not allowed. */
  pair(i: number, j: number): number;
}

export interface CertifiedOptions {
  /** Candidate edges per row. */
  readonly perRow: number;
  /** Further pairs per row kept aside, with their weights, for cheap exact pricing. */
  readonly reserve: number;
  /**
   * Candidate edges per column: each mentor's best mentees join the graph too, so that a mentor
   * nobody ranks first still gets a price that reflects who would want them.
   */
  readonly perCol: number;
  readonly maxRounds: number;
  /**
   * Reduced costs this close to zero count as zero. Default: 0 (exact) for whole-number weights
   * up to `EXACT_WEIGHT_LIMIT`, otherwise `roundingTolerance`.
   */
  readonly tolerance?: number;
  /** Rows joining a fresh solve together; tuning only, the optimum is the same. */
  readonly batch: number;
  /**
   * When more rows than this get new edges in one round, they are rerouted together rather than
   * repaired edge by edge; tuning only. Default: a sixty-fourth of the rows, at least 32.
   */
  readonly rerouteAbove?: number;
}

export interface CertifiedResult {
  readonly graph: SparseGraph;
  readonly solution: FlowSolution;
  /**
   * Whether the duals prove the solution optimal over every pair of the source: exactly when
   * `tolerance` is 0, otherwise to within `gap` of the best total.
   */
  readonly certified: boolean;
  /** Reduced costs this close to zero counted as zero: 0 when the arithmetic was exact. */
  readonly tolerance: number;
  /** How far below the best total a certified answer may be: 0 when exact. */
  readonly gap: number;
  /** Solves after the first, each triggered by pairs that priced out. */
  readonly rounds: number;
  /** Rows scored again during pricing. */
  readonly rescored: number;
}

/**
 * A row with a violating reserve pair also takes its reserve pairs whose reduced cost is (0, b)
 * with b below NEAR, up to NEAR_ADD edges in all: the prices move when the violators go in, and
 * these are the pairs that would violate next, so adding them now saves a round (and often a
 * fresh solve). Tuning only: candidate edges are genuine pairs, so the optimum is the same.
 */
const NEAR = 10;
const NEAR_ADD = 32;

/** A rescored row keeps at most this many pairs aside, ranked at the prices of the moment. */
const RESCAN_RESERVE = 64;

/** Largest `maxWeight` for which selection uses a histogram. */
const HISTOGRAM_LIMIT = 1 << 16;

/** Mentors whose price fell the most are checked pair by pair rather than through the bound. */
const EXACT_COLUMNS = 16;

/** Per-row bookkeeping for pricing: the best excluded (−priceA, weight − priceB), and its prices. */
interface Bounds {
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** Index of the price snapshot that dominates the prices the bound was taken at. */
  readonly snapshot: Int32Array;
}

/** Per price snapshot: how far each mentor's price may have fallen since, bounded by `slack`. */
interface Fall {
  readonly slack: number;
  /** Mentors whose price fell more than `slack`: priced pair by pair. */
  readonly exact: Int32Array;
  /** Whether `exact` holds every mentor whose first price component fell to zero. */
  readonly complete: boolean;
}

function priceFall(snapshot: Prices, current: FlowSolution['duals'], capacity: Int32Array): Fall {
  const falls: number[] = [];
  const cols: number[] = [];
  for (let j = 0; j < capacity.length; j++) {
    // A mentor still priced in the first component cannot violate any row whose own is zero.
    if ((capacity[j] as number) <= 0 || (current.colA[j] as number) > 0) continue;
    // A first component that fell to zero is an unbounded fall in the second.
    const fall =
      (snapshot.a[j] as number) !== 0
        ? Number.POSITIVE_INFINITY
        : (snapshot.b[j] as number) - (current.colB[j] as number);
    if (fall > 0) {
      falls.push(fall);
      cols.push(j);
    }
  }
  const order = falls.map((_, k) => k).sort((x, y) => (falls[y] as number) - (falls[x] as number) || x - y);
  const slack = order.length > EXACT_COLUMNS ? (falls[order[EXACT_COLUMNS] as number] as number) : 0;
  const exact = order.slice(0, EXACT_COLUMNS).map((k) => cols[k] as number);
  return { slack, exact: Int32Array.from(exact), complete: slack !== Number.POSITIVE_INFINITY };
}

interface PricingState {
  readonly source: PairSource;
  readonly bounds: Bounds;
  readonly reserve: Reserve;
  readonly snapshots: Prices[];
  /** Ranks a rescored row's excluded pairs: exactly as many are kept as the reserve can hold. */
  readonly rescan: RowSelector;
  readonly perRow: number;
  readonly perRowAdd: number;
  /** Whole-number weights solved in Int32 arithmetic: see `integralSafe`. */
  readonly integral: boolean;
}

/**
 * Prices every excluded pair of row i; returns the violating pairs to add (at most `perRowAdd`,
 * most negative first). A rescored row gets a new reserve and bound at the current prices.
 */
function priceRow(
  state: PricingState,
  i: number,
  graphRow: RowEdges,
  solution: FlowSolution,
  falls: Map<number, Fall>,
  inGraph: Int32Array,
  eps: number,
  mayRescore: boolean,
): { violations: Violation[]; rescored: boolean } {
  const { source, bounds, reserve, snapshots } = state;
  const { rowA, rowB, colA, colB } = solution.duals;
  const uA = rowA[i] as number;
  const uB = rowB[i] as number;
  for (let k = 0; k < graphRow.count; k++) inGraph[graphRow.col[k] as number] = i;
  const violations: Violation[] = [];
  const boundA = bounds.a[i] as number;
  const k = bounds.snapshot[i] as number;
  let fall = falls.get(k);
  if (fall === undefined) {
    fall = priceFall(snapshots[k] as Prices, solution.duals, source.capacity);
    falls.set(k, fall);
  }
  const covered =
    boundA === Number.NEGATIVE_INFINITY ||
    (uA === 0 &&
      (boundA < 0 ? fall.complete : atLeastZero(0, uB - (bounds.b[i] as number) - fall.slack, eps)));
  if (covered || !mayRescore) {
    const start = i * reserve.size;
    const end = start + (reserve.count[i] as number);
    const reserveCol = reserve.col;
    const reserveWeight = reserve.weight;
    // Reserve pairs come heaviest first and mentor prices are ≥ −eps: a pair violates only if
    // its weight exceeds the row's dual, so the scan stops at the first that does not (unless
    // the row is unmatched, when any mentor priced at zero in the first component would do).
    const matched = uA === 0;
    for (let p = start; p < end; p++) {
      const w = reserveWeight[p] as number;
      if (matched && w <= uB) break;
      const j = reserveCol[p] as number;
      const a = uA + (colA[j] as number);
      if (a > 0 || (a === 0 && uB + (colB[j] as number) - w >= -eps) || inGraph[j] === i) continue;
      violations.push({ j, w, a, b: uB + (colB[j] as number) - w });
    }
    const near: Violation[] = [];
    if (violations.length > 0 && matched) {
      // Pairs within NEAR of violating, taken with the violators: see NEAR.
      for (let p = start; p < end; p++) {
        const w = reserveWeight[p] as number;
        if (w <= uB - NEAR) break;
        const j = reserveCol[p] as number;
        if ((colA[j] as number) !== 0) continue;
        const b = uB + (colB[j] as number) - w;
        if (b >= -eps && b < NEAR && inGraph[j] !== i) near.push({ j, w, a: 0, b });
      }
    }
    if (covered && boundA !== Number.NEGATIVE_INFINITY) {
      for (const j of fall.exact) {
        if (inGraph[j] === i) continue;
        const w = source.pair(i, j);
        if (w < 0) continue;
        const a = uA + (colA[j] as number);
        const b = uB + (colB[j] as number) - w;
        if (!atLeastZero(a, b, eps)) violations.push({ j, w, a, b });
      }
    }
    const added = take(violations, state.perRowAdd);
    if (added.length === 0 || near.length === 0) return { violations: added, rescored: false };
    const fresh = near.filter((n) => !violations.some((v) => v.j === n.j));
    return { violations: added.concat(take(fresh, Math.max(0, NEAR_ADD - added.length))), rescored: false };
  }
  const pairs = source.row(i);
  const selector = state.rescan;
  selector.reset();
  for (let p = 0; p < pairs.count; p++) {
    const j = pairs.col[p] as number;
    if (inGraph[j] === i || (source.capacity[j] as number) <= 0) continue;
    const w = pairs.weight[p] as number;
    const a = uA + (colA[j] as number);
    const b = uB + (colB[j] as number) - w;
    if (a < 0 || (a === 0 && b < -eps)) violations.push({ j, w, a, b });
    // Violators too: those not added must stay inside the reserve or the bound.
    selector.offer(j, w, -(colA[j] as number), w - (colB[j] as number));
  }
  const added = take(violations, state.perRowAdd);
  const kept = selector.sorted();
  const chosen = new Set(added.map((v) => v.j));
  const order: number[] = [];
  for (let p = 0; p < kept.count; p++) if (!chosen.has(kept.col[p] as number)) order.push(p);
  // Chosen by price-adjusted key, stored by weight so that pricing can stop early.
  order.sort(
    (x, y) =>
      (kept.weight[y] as number) - (kept.weight[x] as number) ||
      (kept.col[x] as number) - (kept.col[y] as number),
  );
  const keep = {
    count: order.length,
    col: Int32Array.from(order, (p) => kept.col[p] as number),
    weight: numbers(order.length, state.integral),
  };
  order.forEach((p, k) => {
    keep.weight[k] = kept.weight[p] as number;
  });
  reserve.set(i, keep, 0);
  bounds.a[i] = selector.boundA;
  bounds.b[i] = selector.boundB;
  bounds.snapshot[i] = snapshots.length - 1;
  return { violations: added, rescored: true };
}

function take(violations: Violation[], limit: number): Violation[] {
  violations.sort((x, y) => x.a - y.a || x.b - y.b || x.j - y.j);
  return violations.slice(0, limit);
}

/** Past this many rows with new edges, rerouting them is cheaper than repairing edge by edge. */
function warmLimit(rows: number): number {
  return Math.max(32, Math.floor(rows / 64));
}

export function solveCertified(source: PairSource, options: CertifiedOptions): CertifiedResult {
  const { rows, cols, capacity } = source;
  const perRow = Math.max(1, options.perRow);
  const reserveSize = Math.max(0, options.reserve);
  const bounds: Bounds = {
    a: new Float64Array(rows).fill(Number.NEGATIVE_INFINITY),
    b: new Float64Array(rows).fill(Number.NEGATIVE_INFINITY),
    snapshot: new Int32Array(rows),
  };
  const maxWeight = source.maxWeight;
  const histogram =
    maxWeight !== undefined && Number.isInteger(maxWeight) && maxWeight >= 0 && maxWeight <= HISTOGRAM_LIMIT
      ? maxWeight
      : -1;
  const integral = histogram >= 0 && integralSafe(histogram, rows + cols + 1);
  const reserve = new Reserve(rows, reserveSize, histogram >= 0 && histogram <= 255, integral, cols);
  // Snapshot 0 is "all prices zero": the first scan ranks by weight alone, and prices are ≥ 0.
  const state: PricingState = {
    source,
    bounds,
    reserve,
    snapshots: [{ a: numbers(cols, integral), b: numbers(cols, integral) }],
    rescan: new RowSelector(Math.min(reserveSize, RESCAN_RESERVE)),
    perRow,
    perRowAdd: Math.max(4, 2 * perRow),
    integral,
  };
  const candidates = new CandidateEdges(rows, integral);
  const columns = new ColumnCandidates(cols, Math.max(0, options.perCol), integral);
  // Every pair passes through here once: whether all weights are whole numbers, and the largest.
  let wholeNumbers = histogram >= 0;
  let largest = Math.max(0, histogram);
  if (histogram >= 0) {
    const selector = new HistogramSelector(perRow + reserveSize, histogram, perRow);
    for (let r = 0; r < rows; r++) {
      const pairs = source.row(r);
      selector.reset();
      selector.count(pairs, capacity);
      // Each mentor's best mentees are sought among the pairs each row keeps, its heaviest.
      const kept = selector.select(pairs, capacity, columns, r);
      bounds.a[r] = selector.bound === Number.NEGATIVE_INFINITY ? Number.NEGATIVE_INFINITY : 0;
      bounds.b[r] = selector.bound;
      reserve.set(r, kept, perRow);
      candidates.set(r, kept, Math.min(perRow, kept.count));
    }
  } else {
    const selector = new RowSelector(perRow + reserveSize);
    wholeNumbers = true;
    for (let r = 0; r < rows; r++) {
      const pairs = source.row(r);
      selector.reset();
      for (let k = 0; k < pairs.count; k++) {
        const j = pairs.col[k] as number;
        if ((capacity[j] as number) <= 0) continue;
        const w = pairs.weight[k] as number;
        if (w > largest) largest = w;
        if (wholeNumbers && !Number.isInteger(w)) wholeNumbers = false;
        selector.offer(j, w, 0, w);
        columns.offer(j, r, w);
      }
      bounds.a[r] = selector.boundA;
      bounds.b[r] = selector.boundB;
      const kept = selector.sorted();
      reserve.set(r, kept, perRow);
      candidates.set(r, kept, Math.min(perRow, kept.count));
    }
  }
  columns.addTo(candidates);
  const exact = options.tolerance === undefined && wholeNumbers && largest <= EXACT_WEIGHT_LIMIT;
  const tolerance = exact ? 0 : (options.tolerance ?? roundingTolerance(largest, rows + cols + 2));
  // Each unit of flow crosses at most three arcs, so two solutions differ on at most 6 × rows
  // arc units, and every cycle between them gains at most `tolerance` an arc.
  const gap = tolerance * 6 * rows;
  const batch = Math.max(1, options.batch);
  const fresh = (): FlowSolver => {
    const solver = new FlowSolver(rows, cols, capacity, integral, tolerance);
    for (let first = 0; first < rows; first += batch) {
      for (let r = first; r < Math.min(rows, first + batch); r++) solver.join(r, candidates.row(r));
      solver.settle();
    }
    return solver;
  };
  const solver = fresh();

  // First converge on the reserve alone (no scoring); then one certifying pass over every row.
  let certifying = false;
  let rounds = 0;
  let rescored = 0;
  const inGraph = new Int32Array(cols).fill(-1);
  for (;;) {
    // Until certification starts, bounds are all at zero prices, so any feasible duals serve;
    // the highest mentee duals cover the most rows by bound. Later, lowering prices would only
    // spend the slack of bounds taken at earlier prices.
    if (!certifying) solver.tighten();
    const { graph, solution } = solver.result();
    const eps = tolerance;
    const outcome = { graph, solution, tolerance, gap, rounds, rescored };
    if (!verifyFlow(graph, solution, eps)) {
      // Potentials outgrew exact arithmetic: solve again, allowing for rounding.
      if (exact)
        return solveCertified(source, { ...options, tolerance: roundingTolerance(largest, rows + cols + 2) });
      return { ...outcome, certified: false };
    }
    if (certifying) state.snapshots.push({ a: solution.duals.colA.slice(), b: solution.duals.colB.slice() });
    const falls = new Map<number, Fall>();
    const changes: { row: number; violations: Violation[] }[] = [];
    inGraph.fill(-1);
    for (let i = 0; i < rows; i++) {
      const priced = priceRow(state, i, candidates.row(i), solution, falls, inGraph, eps, certifying);
      if (priced.rescored) rescored++;
      if (priced.violations.length > 0) changes.push({ row: i, violations: priced.violations });
    }
    if (changes.length === 0) {
      if (certifying) return { ...outcome, certified: true };
      certifying = true;
      continue;
    }
    if (rounds >= options.maxRounds) return { ...outcome, certified: false };
    rounds++;
    for (const { row, violations } of changes) candidates.add(row, violations);
    const added = changes.map(({ row, violations }) => ({
      row,
      edges: {
        count: violations.length,
        col: Int32Array.from(violations, (v) => v.j),
        weight: numbers(violations.length, integral).map((_, k) => violations[k]?.w ?? 0),
      },
    }));
    if (changes.length > (options.rerouteAbove ?? warmLimit(rows))) solver.reroute(added);
    else for (const { row, edges } of added) solver.insert(row, edges);
  }
}
