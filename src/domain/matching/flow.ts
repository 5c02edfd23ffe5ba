import { PairHeap } from './heap';

/**
 * Capacitated assignment as a min-cost flow, solved exactly by the primal-dual method.
 *
 * Network: every row (mentee) supplies one unit; it flows either along a candidate edge to a
 * column (mentor, capacity c_j) and on to the sink, or straight to the sink as "unmatched".
 * Costs are lexicographic pairs: an edge costs (0, −weight) and staying unmatched costs (1, 0),
 * so the cheapest flow matches as many rows as possible and, among those, has the largest total
 * weight. No "big M" constant is needed, so fractional weights lose no precision.
 *
 * Rows join in batches (`join`, then `settle`). Each phase runs Dijkstra, on reduced costs, from all rows still waiting
 * to the sink (early exit), updates the potentials of the nodes it settled, and then augments
 * along every further path of zero reduced cost a depth-first search can find, so one phase
 * routes a whole plateau of equally short paths (integer scores make plateaus large). Reduced
 * costs stay non-negative on every residual arc: that is the optimality certificate, returned
 * as duals. Later, `insert` adds edges to a solved network and repairs it locally.
 */

/**
 * Weights, potentials and duals. When every weight is a whole number and the network is small
 * enough for every potential to stay far inside 32 bits, they are kept in Int32Arrays: the
 * arithmetic is then exact and, before V8 has optimised the solver, each read is a small
 * integer rather than a freshly allocated heap number (a cold solve of a thousand mentees spent
 * a third of its time allocating and collecting those).
 */
export type Numbers = Float64Array | Int32Array;

export function numbers(length: number, integral: boolean): Numbers {
  return integral ? new Int32Array(length) : new Float64Array(length);
}

/**
 * Whether whole-number weights up to `maxWeight` on a network of `nodes` nodes can be solved in
 * Int32 arithmetic. Every potential and distance is the cost of a simple path measured from
 * another node's potential, so it stays within a few times nodes × maxWeight; the test leaves a
 * factor of 64 on top (100-point scores: up to 335,000 nodes).
 */
export function integralSafe(maxWeight: number, nodes: number): boolean {
  return Number.isInteger(maxWeight) && maxWeight >= 0 && maxWeight * nodes * 64 <= 0x7fffffff;
}

/**
 * Whole-number weights up to this are first solved with a tolerance of 0: exact while every
 * potential stays a whole number of at most 2^50, which `verifyFlow` checks on the duals. Should
 * a solve ever leave those bounds, it is repeated with `roundingTolerance`.
 */
export const EXACT_WEIGHT_LIMIT = 2 ** 48;

/**
 * How far from zero a reduced cost may be and still count as zero when floats round: 2^-44 of
 * nodes × maxWeight, the most a potential can reach, so a few dozen units in its last place.
 */
export function roundingTolerance(maxWeight: number, nodes: number): number {
  return Math.max(1, maxWeight) * nodes * 2 ** -44;
}

export interface SparseGraph {
  readonly rows: number;
  readonly cols: number;
  /** Per column; a column with 0 takes nobody. */
  readonly capacity: Int32Array;
  /** CSR: row i's edges are rowStart[i] ≤ e < rowStart[i + 1]. */
  readonly rowStart: Int32Array;
  readonly col: Int32Array;
  /** Larger is better; finite. */
  readonly weight: Numbers;
}

/**
 * Duals in lexicographic pairs (A = matched count, B = weight). For every pair (i, j) that could
 * be an edge, its reduced cost is (rowA[i] + colA[j], rowB[i] + colB[j] − w): the solution is
 * optimal for the whole pair set when that is ≥ (0, 0) lexicographically for every unused pair
 * and zero for used ones. Column duals are always ≥ (0, 0).
 */
export interface Duals {
  readonly rowA: Numbers;
  readonly rowB: Numbers;
  readonly colA: Numbers;
  readonly colB: Numbers;
}

export interface FlowSolution {
  /** Per row: the edge it uses, or -1 when unmatched. */
  readonly assignedEdge: Int32Array;
  readonly load: Int32Array;
  readonly duals: Duals;
  readonly matched: number;
  readonly total: number;
}

/** A row's candidate edges; the arrays may be reused once the call returns. */
export interface RowEdges {
  readonly count: number;
  readonly col: Int32Array;
  readonly weight: Numbers;
}

class GrowingEdges {
  col = new Int32Array(1024);
  weight: Numbers;
  row = new Int32Array(1024);
  length = 0;

  constructor(private readonly integral: boolean) {
    this.weight = numbers(1024, integral);
  }

  append(r: number, edges: RowEdges): void {
    const need = this.length + edges.count;
    if (need > this.col.length) {
      const size = Math.max(need, this.col.length * 2);
      const col = new Int32Array(size);
      col.set(this.col.subarray(0, this.length));
      const weight = numbers(size, this.integral);
      weight.set(this.weight.subarray(0, this.length));
      const row = new Int32Array(size);
      row.set(this.row.subarray(0, this.length));
      this.col = col;
      this.weight = weight;
      this.row = row;
    }
    this.col.set(edges.col.subarray(0, edges.count), this.length);
    this.weight.set(edges.weight.subarray(0, edges.count), this.length);
    this.row.fill(r, this.length, need);
    this.length = need;
  }
}

/**
 * The residual network with its flow and potentials, kept between solves so that adding edges to a
 * few rows costs a few searches instead of a new solve (and keeps the duals, hence the pricing
 * bounds, stable).
 */
export class FlowSolver {
  private readonly T: number;
  private readonly potA: Numbers;
  private readonly potB: Numbers;
  private readonly distA: Numbers;
  private readonly distB: Numbers;
  private readonly seen: Int32Array;
  private readonly settled: Int32Array;
  private readonly settledList: Int32Array;
  /** Column node: the edge that reached it. Sink: the column node, or −1 − row. */
  private readonly pred: Int32Array;
  private readonly visited: Int32Array;
  private readonly stackNode: Int32Array;
  private readonly stackCursor: Int32Array;
  /** Row r's edges are rowStart[r] ≤ e < rowEnd[r]; a row that re-joins gets a fresh range. */
  private readonly rowStart: Int32Array;
  private readonly rowEnd: Int32Array;
  private readonly edges: GrowingEdges;
  private readonly assigned: Int32Array;
  private readonly load: Int32Array;
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly heap: PairHeap;
  private readonly pending: Int32Array;
  private readonly unmatched: Uint8Array;
  /** Per column during `reroute`: slots whose mentee was taken off and not yet replaced. */
  private readonly deficit: Int32Array;
  waiting = 0;
  private epoch = 0;
  private visit = 0;

  /**
   * `integral` promises whole-number weights and a network small enough for Int32 potentials:
   * see `integralSafe`. `tolerance` is how far from zero a reduced cost may be and still count
   * as zero: 0 whenever the arithmetic is exact (see `exactTolerance`), otherwise a bound on
   * rounding error that the certificate then checks against.
   */
  constructor(
    private readonly R: number,
    private readonly C: number,
    private readonly capacity: Int32Array,
    private readonly integral = false,
    private readonly tolerance = 0,
  ) {
    const N = R + C + 1;
    this.T = R + C;
    this.potA = numbers(N, integral);
    this.potB = numbers(N, integral);
    this.distA = numbers(N, integral);
    this.distB = numbers(N, integral);
    this.edges = new GrowingEdges(integral);
    this.seen = new Int32Array(N);
    this.settled = new Int32Array(N);
    this.settledList = new Int32Array(N);
    this.pred = new Int32Array(N);
    this.visited = new Int32Array(N);
    this.stackNode = new Int32Array(N);
    this.stackCursor = new Int32Array(N);
    this.rowStart = new Int32Array(R);
    this.rowEnd = new Int32Array(R);
    this.assigned = new Int32Array(R).fill(-1);
    this.load = new Int32Array(C);
    this.head = new Int32Array(C).fill(-1);
    this.next = new Int32Array(R).fill(-1);
    this.prev = new Int32Array(R).fill(-1);
    this.heap = new PairHeap(N, this.distA, this.distB, this.T);
    this.pending = new Int32Array(R);
    this.unmatched = new Uint8Array(R);
    this.deficit = new Int32Array(C);
  }

  /** Adds row r with its edges; its potential makes every outgoing reduced cost ≥ 0. */
  join(r: number, edges: RowEdges): void {
    this.rowStart[r] = this.edges.length;
    this.edges.append(r, edges);
    this.rowEnd[r] = this.edges.length;
    this.unmatched[r] = 0;
    this.setFreeRowPotential(r);
    this.pending[this.waiting++] = r;
  }

  /**
   * A row with no flow through it has no incoming residual arc, so its potential is free: it is
   * set to the lexicographic max of (π(head) − cost) over its stored arcs (staying unmatched
   * costs (1, 0)), which makes every outgoing reduced cost ≥ 0.
   */
  private setFreeRowPotential(r: number): void {
    const { potA, potB, R, T } = this;
    const { col, weight } = this.edges;
    let bestA = (potA[T] as number) - 1;
    let bestB = potB[T] as number;
    for (let k = this.rowStart[r] as number, end = this.rowEnd[r] as number; k < end; k++) {
      const w = weight[k] as number;
      const u = R + (col[k] as number);
      const a = potA[u] as number;
      const b = (potB[u] as number) + w;
      if (a > bestA || (a === bestA && b > bestB)) {
        bestA = a;
        bestB = b;
      }
    }
    potA[r] = bestA;
    potB[r] = bestB;
  }

  private relax(node: number, a: number, b: number, via: number): void {
    if (this.seen[node] === this.epoch) {
      const da = this.distA[node] as number;
      if (a > da || (a === da && b >= (this.distB[node] as number))) return;
    }
    this.seen[node] = this.epoch;
    this.distA[node] = a;
    this.distB[node] = b;
    this.pred[node] = via;
    this.heap.push(node);
  }

  /** Routes every waiting row. */
  settle(): void {
    while (this.waiting > 0) this.phase();
  }

  /**
   * Adds edges to a routed row and restores optimality. An edge with a negative reduced cost
   * δ is repaired by Dijkstra from its column, bounded by δ: if the search gets back to the row
   * first, the two close a cycle of negative cost, which is cancelled (the row takes the edge and
   * others shift along the cycle); either way the settled nodes' potentials move by at most δ, so
   * the change stays local and most pricing bounds elsewhere remain valid.
   */
  insert(r: number, added: RowEdges): void {
    const own = this.appendRowEdges(r, added);
    if (own >= 0) this.assigned[r] = own;
    for (let e = (this.rowEnd[r] as number) - added.count; e < (this.rowEnd[r] as number); e++)
      this.repair(r, e);
  }

  /**
   * Copies row r's edges with `added` after them to the end of the edge store (a row's edges stay
   * contiguous). Returns where the row's assigned edge now is, or -1 when it has none; `assigned`
   * itself is left for the caller.
   */
  private appendRowEdges(r: number, added: RowEdges): number {
    const from = this.rowStart[r] as number;
    const own = this.assigned[r] as number;
    const old = this.rowEdges(r);
    const col = new Int32Array(old.count + added.count);
    const weight = numbers(col.length, this.integral);
    col.set(old.col);
    weight.set(old.weight);
    col.set(added.col.subarray(0, added.count), old.count);
    weight.set(added.weight.subarray(0, added.count), old.count);
    this.rowStart[r] = this.edges.length;
    this.edges.append(r, { count: col.length, col, weight });
    this.rowEnd[r] = this.edges.length;
    return own >= 0 ? (this.rowStart[r] as number) + (own - from) : -1;
  }

  /**
   * Adds edges to many routed rows at once, keeping the flow and the potentials of everything
   * else. Each row is taken off its mentor (or out of "unmatched"): the row is left with a unit
   * to place (an excess) and the mentor with a slot still counted as used but empty (a
   * deficit; for an unmatched row, the deficit is the sink's). Taking a unit off an arc never
   * makes a reduced cost negative, and a row with no flow through it has no arc in, so its
   * potential is set afresh to make all its arcs, new edges included, non-negative. Then
   * shortest paths on reduced costs carry each excess to a deficit: the potentials stay
   * feasible throughout, so the flow ends optimal on the enlarged graph, having moved only where
   * the changed rows pushed it.
   */
  reroute(changes: readonly { readonly row: number; readonly edges: RowEdges }[]): void {
    let sinkDeficit = 0;
    const excess: number[] = [];
    for (const { row: r, edges: added } of changes) {
      const own = this.appendRowEdges(r, added);
      if (own >= 0) {
        const j = this.edges.col[own] as number;
        this.unlink(r, j);
        this.assigned[r] = -1;
        this.deficit[j] = (this.deficit[j] as number) + 1;
      } else if (this.unmatched[r] === 1) {
        this.unmatched[r] = 0;
        sinkDeficit++;
      } else continue;
      this.setFreeRowPotential(r);
      excess.push(r);
    }
    // One excess at a time: a row with no flow has no arc in, so the others' potentials may move
    // freely while it waits.
    for (const r of excess) sinkDeficit -= this.rerouteFrom(r, sinkDeficit > 0);
    for (let j = 0; j < this.C; j++) this.lowerIfEmpty(j);
  }

  /**
   * A shortest path from row r (an excess) to the nearest deficit (the sink's counts only when
   * `sinkIsTarget`); then the potentials of the nodes settled and the flow along the path are
   * updated. Returns 1 when the path ended at the sink, else 0.
   */
  private rerouteFrom(r: number, sinkIsTarget: boolean): number {
    const { potA, potB, distA, distB, R, T, heap } = this;
    this.epoch++;
    this.relax(r, 0, 0, -1);
    const isTarget = (v: number): boolean =>
      v === T ? sinkIsTarget : v >= R && (this.deficit[v - R] as number) > 0;
    let settledCount = 0;
    let target = -1;
    while (heap.size > 0) {
      const v = heap.pop();
      this.settled[v] = this.epoch;
      this.settledList[settledCount++] = v;
      if (isTarget(v)) {
        target = v;
        break;
      }
      this.expand(v, distA[v] as number, distB[v] as number);
    }
    heap.clear();
    const endA = distA[target] as number;
    const endB = distB[target] as number;
    for (let k = 0; k < settledCount; k++) {
      const v = this.settledList[k] as number;
      potA[v] = (potA[v] as number) + (distA[v] as number) - endA;
      potB[v] = (potB[v] as number) + (distB[v] as number) - endB;
    }
    // The path, source row first, from `pred` (a row's −1 is the source, −2 the sink).
    const path: number[] = [];
    for (let v = target; ;) {
      path.push(v);
      const via = this.pred[v] as number;
      if (v < R && via === -1) break;
      if (v === T) v = via >= 0 ? via : -1 - via;
      else if (v < R) v = via >= 0 ? via : T;
      else v = via >= 0 ? (this.edges.row[via] as number) : T;
    }
    path.reverse();
    this.applyPath(path);
    if (target === T) return 1;
    this.deficit[target - R] = (this.deficit[target - R] as number) - 1;
    return 0;
  }

  /**
   * Moves the potentials, flow unchanged, to the greatest feasible ones with the sink's fixed:
   * every mentor's price as low and every mentee's dual as high as the flow allows. With
   * reduced costs as arc lengths, each node rises by its distance from the sink, which keeps
   * every reduced cost non-negative; nodes the sink cannot reach rise by the largest distance.
   * Pricing bounds are compared with mentee duals, so the highest duals settle the most rows.
   */
  tighten(): void {
    const { potA, potB, distA, distB, T, heap } = this;
    this.epoch++;
    this.relax(T, 0, 0, -1);
    let farA = 0;
    let farB = 0;
    while (heap.size > 0) {
      const v = heap.pop();
      this.settled[v] = this.epoch;
      const dA = distA[v] as number;
      const dB = distB[v] as number;
      farA = dA;
      farB = dB;
      this.expand(v, dA, dB);
    }
    for (let v = 0; v <= T; v++) {
      const reached = this.settled[v] === this.epoch;
      potA[v] = (potA[v] as number) + (reached ? (distA[v] as number) : farA);
      potB[v] = (potB[v] as number) + (reached ? (distB[v] as number) : farB);
    }
    for (let j = 0; j < this.C; j++) this.lowerIfEmpty(j);
  }

  /** Pushes one unit along `path` (nodes in order, reached as recorded in `pred`). */
  private applyPath(path: readonly number[]): void {
    const { R, T } = this;
    for (let k = 0; k + 1 < path.length; k++) {
      const u = path[k] as number;
      const v = path[k + 1] as number;
      if (u === T) {
        if (v >= R) this.load[v - R] = (this.load[v - R] as number) - 1;
        else this.unmatched[v] = 0;
      } else if (v === T) {
        if (u >= R) this.load[u - R] = (this.load[u - R] as number) + 1;
        else this.unmatched[u] = 1;
      } else if (u >= R) {
        this.unlink(v, u - R);
        this.assigned[v] = -1;
      } else {
        const via = this.pred[v] as number;
        this.link(u, this.edges.col[via] as number);
        this.assigned[u] = via;
      }
    }
  }

  /** Makes edge e of row r (currently unused) price out, cancelling a negative cycle if one closes. */
  private repair(r: number, e: number): void {
    const { potA, potB, distA, distB, R, T, heap } = this;
    const { col, weight } = this.edges;
    const start = R + (col[e] as number);
    const boundA = (potA[start] as number) - (potA[r] as number);
    const boundB = (potB[start] as number) + (weight[e] as number) - (potB[r] as number);
    // δ = −(reduced cost of r → column); nothing to do unless it is positive.
    if (boundA < 0 || (boundA === 0 && boundB <= this.tolerance)) return;
    this.epoch++;
    this.relax(start, 0, 0, -1);
    let settledCount = 0;
    let closed = false;
    while (heap.size > 0) {
      const v = heap.pop();
      const dA = distA[v] as number;
      const dB = distB[v] as number;
      if (dA > boundA || (dA === boundA && dB >= boundB)) break;
      this.settled[v] = this.epoch;
      this.settledList[settledCount++] = v;
      if (v === r) {
        closed = true;
        break;
      }
      this.expand(v, dA, dB);
    }
    heap.clear();
    const capA = closed ? (distA[r] as number) : boundA;
    const capB = closed ? (distB[r] as number) : boundB;
    let sinkMoved = false;
    for (let k = 0; k < settledCount; k++) {
      const v = this.settledList[k] as number;
      potA[v] = (potA[v] as number) + (distA[v] as number) - capA;
      potB[v] = (potB[v] as number) + (distB[v] as number) - capB;
      if (v === T) sinkMoved = true;
    }
    if (closed) this.cancelCycle(r, e, start);
    if (sinkMoved) for (let j = 0; j < this.C; j++) this.lowerIfEmpty(j);
    else {
      for (let k = 0; k < settledCount; k++) {
        const v = this.settledList[k] as number;
        if (v >= R && v < T) this.lowerIfEmpty(v - R);
      }
    }
  }

  /** Relaxes every residual arc out of v (the sink included, as an ordinary node). */
  private expand(v: number, dA: number, dB: number): void {
    const { R, T } = this;
    const { col, weight } = this.edges;
    if (v === T) {
      for (let j = 0; j < this.C; j++)
        if ((this.load[j] as number) > 0) this.step(v, R + j, 0, 0, -1, dA, dB);
      for (let i = 0; i < R; i++) if (this.unmatched[i] === 1) this.step(v, i, -1, 0, -2, dA, dB);
    } else if (v < R) {
      const own = this.assigned[v] as number;
      for (let e = this.rowStart[v] as number, end = this.rowEnd[v] as number; e < end; e++) {
        if (e !== own) this.step(v, R + (col[e] as number), 0, 0 - (weight[e] as number), e, dA, dB);
      }
      if (this.unmatched[v] === 0) this.step(v, T, 1, 0, -1 - v, dA, dB);
    } else {
      const j = v - R;
      if ((this.load[j] as number) < (this.capacity[j] as number)) this.step(v, T, 0, 0, v, dA, dB);
      for (let i = this.head[j] as number; i >= 0; i = this.next[i] as number) {
        this.step(v, i, 0, weight[this.assigned[i] as number] as number, v, dA, dB);
      }
    }
  }

  /** Relaxes the arc v → u of cost (costA, costB), v being at distance (dA, dB). */
  private step(
    v: number,
    u: number,
    costA: number,
    costB: number,
    via: number,
    dA: number,
    dB: number,
  ): void {
    if (this.settled[u] === this.epoch) return;
    const { potA, potB } = this;
    const rA = costA + (potA[v] as number) - (potA[u] as number);
    let rB = costB + (potB[v] as number) - (potB[u] as number);
    if (rA === 0 && rB < 0) rB = 0;
    this.relax(u, dA + rA, dB + rB, via);
  }

  /**
   * Pushes one unit around the cycle r → start (edge e) ⇝ r found by `repair`: walking `pred`
   * back from r to `start`, each arc moves a row between columns, the sink and "unmatched".
   */
  private cancelCycle(r: number, e: number, start: number): void {
    const { R, T } = this;
    const path: number[] = [];
    for (let v = r; v !== start;) {
      path.push(v);
      const via = this.pred[v] as number;
      if (v === T) v = via >= 0 ? via : -1 - via;
      else if (v < R) v = via >= 0 ? via : T;
      else v = via >= 0 ? (this.edges.row[via] as number) : T;
    }
    path.push(start);
    path.reverse();
    // path[0] = start (a column) … path[last] = r.
    this.applyPath(path);
    this.link(r, this.edges.col[e] as number);
    this.assigned[r] = e;
  }

  /**
   * An empty column above the sink is lowered to it: that only raises reduced costs into it (its
   * one arc out goes to the sink) and keeps every column dual ≥ 0, which pricing relies on.
   */
  private lowerIfEmpty(j: number): void {
    const { potA, potB, R, T } = this;
    const a = (potA[T] as number) - (potA[R + j] as number);
    const b = (potB[T] as number) - (potB[R + j] as number);
    if ((this.load[j] as number) === 0 && (a < 0 || (a === 0 && b < 0))) {
      potA[R + j] = potA[T] as number;
      potB[R + j] = potB[T] as number;
    }
  }

  /** Row r's current edges (valid until the next join). */
  rowEdges(r: number): RowEdges {
    const start = this.rowStart[r] as number;
    const end = this.rowEnd[r] as number;
    return {
      count: end - start,
      col: this.edges.col.subarray(start, end),
      weight: this.edges.weight.subarray(start, end),
    };
  }

  /** One primal-dual phase; routes at least one waiting row. */
  private phase(): void {
    const { potA, potB, distA, distB, R, T, heap, pending } = this;
    const { col, weight } = this.edges;
    this.epoch++;
    let sourceA = Number.NEGATIVE_INFINITY;
    let sourceB = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < this.waiting; k++) {
      const r = pending[k] as number;
      const a = potA[r] as number;
      const b = potB[r] as number;
      if (a > sourceA || (a === sourceA && b > sourceB)) {
        sourceA = a;
        sourceB = b;
      }
    }
    for (let k = 0; k < this.waiting; k++) {
      const r = pending[k] as number;
      this.relax(r, sourceA - (potA[r] as number), sourceB - (potB[r] as number), -1);
    }
    let settledCount = 0;
    while (heap.size > 0) {
      const v = heap.pop();
      this.settled[v] = this.epoch;
      this.settledList[settledCount++] = v;
      if (v === T) break;
      const dA = distA[v] as number;
      const dB = distB[v] as number;
      const pA = potA[v] as number;
      const pB = potB[v] as number;
      if (v < R) {
        const own = this.assigned[v] as number;
        for (let e = this.rowStart[v] as number, end = this.rowEnd[v] as number; e < end; e++) {
          if (e === own) continue;
          const u = R + (col[e] as number);
          if (this.settled[u] === this.epoch) continue;
          const rA = pA - (potA[u] as number);
          let rB = pB - (potB[u] as number) - (weight[e] as number);
          // Rounding can leave a tight arc a hair below zero; Dijkstra needs it non-negative.
          if (rA === 0 && rB < 0) rB = 0;
          this.relax(u, dA + rA, dB + rB, e);
        }
        const rA = 1 + pA - (potA[T] as number);
        let rB = pB - (potB[T] as number);
        if (rA === 0 && rB < 0) rB = 0;
        this.relax(T, dA + rA, dB + rB, -1 - v);
      } else {
        const j = v - R;
        if ((this.load[j] as number) < (this.capacity[j] as number)) {
          const rA = pA - (potA[T] as number);
          let rB = pB - (potB[T] as number);
          if (rA === 0 && rB < 0) rB = 0;
          this.relax(T, dA + rA, dB + rB, v);
        }
        for (let i = this.head[j] as number; i >= 0; i = this.next[i] as number) {
          if (this.settled[i] === this.epoch) continue;
          const rA = pA - (potA[i] as number);
          let rB = pB - (potB[i] as number) + (weight[this.assigned[i] as number] as number);
          if (rA === 0 && rB < 0) rB = 0;
          this.relax(i, dA + rA, dB + rB, v);
        }
      }
    }
    heap.clear();

    // Shift settled nodes by their distance beyond the sink's; the sink's potential never moves.
    const sinkA = distA[T] as number;
    const sinkB = distB[T] as number;
    for (let k = 0; k < settledCount; k++) {
      const v = this.settledList[k] as number;
      potA[v] = (potA[v] as number) + (distA[v] as number) - sinkA;
      potB[v] = (potB[v] as number) + (distB[v] as number) - sinkB;
    }

    this.visit++;
    this.augment();
    // Every other waiting row whose arc from the source is now tight may start a shortest path.
    const startA = sourceA - sinkA;
    const startB = sourceB - sinkB;
    const eps = this.tolerance;
    for (let k = 0; k < this.waiting; k++) {
      const r = pending[k] as number;
      if (this.routed(r) || this.visited[r] === this.visit) continue;
      if ((potA[r] as number) !== startA || Math.abs((potB[r] as number) - startB) > eps) continue;
      if (this.search(r, eps)) this.augment();
    }
    let kept = 0;
    for (let k = 0; k < this.waiting; k++) {
      const r = pending[k] as number;
      if (!this.routed(r)) pending[kept++] = r;
    }
    this.waiting = kept;
  }

  /** A waiting row is routed once it has an edge or has been sent to the sink. */
  private routed(r: number): boolean {
    return this.assigned[r] !== -1 || this.unmatched[r] === 1;
  }

  /**
   * Depth-first search from waiting row `start` along arcs of zero reduced cost, visiting each
   * node at most once per phase; on success `pred` holds the path.
   */
  private search(start: number, eps: number): boolean {
    const { potA, potB, R, T, stackNode, stackCursor, visited } = this;
    const { col, weight } = this.edges;
    const tight = (a: number, b: number) => a === 0 && Math.abs(b) <= eps;
    let top = 0;
    stackNode[0] = start;
    stackCursor[0] = this.rowStart[start] as number;
    visited[start] = this.visit;
    while (top >= 0) {
      const u = stackNode[top] as number;
      if (u < R) {
        const end = this.rowEnd[u] as number;
        let e = stackCursor[top] as number;
        let pushed = false;
        for (; e < end; e++) {
          if (e === this.assigned[u]) continue;
          const node = R + (col[e] as number);
          if (visited[node] === this.visit) continue;
          if (
            !tight(
              (potA[u] as number) - (potA[node] as number),
              (potB[u] as number) - (potB[node] as number) - (weight[e] as number),
            )
          )
            continue;
          stackCursor[top] = e + 1;
          visited[node] = this.visit;
          this.pred[node] = e;
          top++;
          stackNode[top] = node;
          stackCursor[top] = -2;
          pushed = true;
          break;
        }
        if (pushed) continue;
        if (tight(1 + (potA[u] as number) - (potA[T] as number), (potB[u] as number) - (potB[T] as number))) {
          this.pred[T] = -1 - u;
          return true;
        }
        top--;
      } else {
        const j = u - R;
        let cursor = stackCursor[top] as number;
        if (cursor === -2) {
          if (
            (this.load[j] as number) < (this.capacity[j] as number) &&
            tight((potA[u] as number) - (potA[T] as number), (potB[u] as number) - (potB[T] as number))
          ) {
            this.pred[T] = u;
            return true;
          }
          cursor = this.head[j] as number;
        }
        let pushed = false;
        for (; cursor >= 0; cursor = this.next[cursor] as number) {
          const i = cursor;
          if (visited[i] === this.visit) continue;
          const w = weight[this.assigned[i] as number] as number;
          if (
            !tight((potA[u] as number) - (potA[i] as number), (potB[u] as number) - (potB[i] as number) + w)
          )
            continue;
          stackCursor[top] = this.next[i] as number;
          visited[i] = this.visit;
          top++;
          stackNode[top] = i;
          stackCursor[top] = this.rowStart[i] as number;
          pushed = true;
          break;
        }
        if (pushed) continue;
        stackCursor[top] = -1;
        top--;
      }
    }
    return false;
  }

  private link(i: number, j: number): void {
    const first = this.head[j] as number;
    this.next[i] = first;
    this.prev[i] = -1;
    if (first >= 0) this.prev[first] = i;
    this.head[j] = i;
  }

  private unlink(i: number, j: number): void {
    const p = this.prev[i] as number;
    const n = this.next[i] as number;
    if (p >= 0) this.next[p] = n;
    else this.head[j] = n;
    if (n >= 0) this.prev[n] = p;
    this.next[i] = -1;
    this.prev[i] = -1;
  }

  /** Moves each row on the path in `pred` to the next column; marks its nodes visited. */
  private augment(): void {
    const { R, T } = this;
    const { col } = this.edges;
    const last = this.pred[T] as number;
    let j: number;
    if (last < 0) {
      const leaving = -1 - last;
      this.visited[leaving] = this.visit;
      const old = this.assigned[leaving] as number;
      this.assigned[leaving] = -1;
      this.unmatched[leaving] = 1;
      if (old < 0) return;
      j = col[old] as number;
      this.unlink(leaving, j);
    } else {
      j = last - R;
      this.load[j] = (this.load[j] as number) + 1;
    }
    for (;;) {
      this.visited[R + j] = this.visit;
      const e = this.pred[R + j] as number;
      const i = this.edges.row[e] as number;
      this.visited[i] = this.visit;
      const old = this.assigned[i] as number;
      if (old >= 0) this.unlink(i, col[old] as number);
      this.link(i, j);
      this.assigned[i] = e;
      this.unmatched[i] = 0;
      if (old < 0) break;
      j = col[old] as number;
    }
  }

  /** The graph as CSR, the flow, and the duals (column duals relative to the sink, ≥ 0). */
  result(): { graph: SparseGraph; solution: FlowSolution } {
    const { R, C, T, potA, potB } = this;
    const rowStart = new Int32Array(R + 1);
    for (let i = 0; i < R; i++) {
      rowStart[i + 1] = (rowStart[i] as number) + (this.rowEnd[i] as number) - (this.rowStart[i] as number);
    }
    const col = new Int32Array(rowStart[R] as number);
    const weight = numbers(rowStart[R] as number, this.integral);
    const assignedEdge = new Int32Array(R).fill(-1);
    for (let i = 0; i < R; i++) {
      const from = this.rowStart[i] as number;
      const to = rowStart[i] as number;
      const count = (this.rowEnd[i] as number) - from;
      col.set(this.edges.col.subarray(from, from + count), to);
      weight.set(this.edges.weight.subarray(from, from + count), to);
      const e = this.assigned[i] as number;
      if (e >= 0) assignedEdge[i] = to + (e - from);
    }
    const graph: SparseGraph = { rows: R, cols: C, capacity: this.capacity, rowStart, col, weight };
    const duals: Duals = {
      rowA: numbers(R, this.integral),
      rowB: numbers(R, this.integral),
      colA: numbers(C, this.integral),
      colB: numbers(C, this.integral),
    };
    for (let i = 0; i < R; i++) {
      duals.rowA[i] = (potA[i] as number) - (potA[T] as number);
      duals.rowB[i] = (potB[i] as number) - (potB[T] as number);
    }
    for (let j = 0; j < C; j++) {
      duals.colA[j] = (potA[T] as number) - (potA[R + j] as number);
      duals.colB[j] = (potB[T] as number) - (potB[R + j] as number);
    }
    let matched = 0;
    let total = 0;
    for (let i = 0; i < R; i++) {
      const e = assignedEdge[i] as number;
      if (e < 0) continue;
      matched++;
      total += weight[e] as number;
    }
    return { graph, solution: { assignedEdge, load: this.load.slice(), duals, matched, total } };
  }
}
