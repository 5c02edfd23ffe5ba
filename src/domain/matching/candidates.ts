import { type Numbers, numbers, type RowEdges } from './flow';

/**
 * Bookkeeping for the candidate graph: which pairs are edges, which are kept aside with their
 * weights (the reserve), and the selectors that choose them while every pair streams past once.
 */

/** (a1, b1, c1) ranks below (a2, b2, c2): smaller key, or equal key and higher column. */
export function below(a1: number, b1: number, c1: number, a2: number, b2: number, c2: number): boolean {
  return a1 < a2 || (a1 === a2 && (b1 < b2 || (b1 === b2 && c1 > c2)));
}

/**
 * Keeps a row's best `limit` pairs by key (−priceA, weight − priceB), ties to the lower column,
 * in a heap whose root is the weakest kept pair; tracks the best key it had to leave out.
 */
export class RowSelector {
  private readonly keyA: Float64Array;
  private readonly keyB: Float64Array;
  private readonly cols: Int32Array;
  private readonly weights: Float64Array;
  private readonly out: { col: Int32Array; weight: Float64Array; count: number };
  private size = 0;
  boundA = Number.NEGATIVE_INFINITY;
  boundB = Number.NEGATIVE_INFINITY;
  /** The weakest kept key once full: most pairs fall below it and cost one comparison. */
  private floorA = Number.NEGATIVE_INFINITY;
  private floorB = Number.NEGATIVE_INFINITY;

  constructor(private readonly limit: number) {
    this.keyA = new Float64Array(limit);
    this.keyB = new Float64Array(limit);
    this.cols = new Int32Array(limit);
    this.weights = new Float64Array(limit);
    this.out = { col: new Int32Array(limit), weight: new Float64Array(limit), count: 0 };
  }

  reset(): void {
    this.size = 0;
    this.boundA = Number.NEGATIVE_INFINITY;
    this.boundB = Number.NEGATIVE_INFINITY;
    this.floorA = Number.NEGATIVE_INFINITY;
    this.floorB = Number.NEGATIVE_INFINITY;
  }

  private exclude(a: number, b: number): void {
    if (a > this.boundA || (a === this.boundA && b > this.boundB)) {
      this.boundA = a;
      this.boundB = b;
    }
  }

  private copy(to: number, from: number): void {
    this.keyA[to] = this.keyA[from] as number;
    this.keyB[to] = this.keyB[from] as number;
    this.cols[to] = this.cols[from] as number;
    this.weights[to] = this.weights[from] as number;
  }

  private place(at: number, a: number, b: number, j: number, w: number): void {
    this.keyA[at] = a;
    this.keyB[at] = b;
    this.cols[at] = j;
    this.weights[at] = w;
  }

  private entryBelow(x: number, y: number): boolean {
    return below(
      this.keyA[x] as number,
      this.keyB[x] as number,
      this.cols[x] as number,
      this.keyA[y] as number,
      this.keyB[y] as number,
      this.cols[y] as number,
    );
  }

  offer(j: number, w: number, a: number, b: number): void {
    if (a < this.floorA || (a === this.floorA && b < this.floorB)) {
      if (a > this.boundA || (a === this.boundA && b > this.boundB)) {
        this.boundA = a;
        this.boundB = b;
      }
      return;
    }
    this.insert(j, w, a, b);
    if (this.size === this.limit && this.limit > 0) {
      this.floorA = this.keyA[0] as number;
      this.floorB = this.keyB[0] as number;
    }
  }

  private insert(j: number, w: number, a: number, b: number): void {
    const { keyA, keyB, cols } = this;
    if (this.limit === 0) {
      this.exclude(a, b);
      return;
    }
    if (this.size < this.limit) {
      let at = this.size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!below(a, b, j, keyA[parent] as number, keyB[parent] as number, cols[parent] as number)) break;
        this.copy(at, parent);
        at = parent;
      }
      this.place(at, a, b, j, w);
      return;
    }
    if (below(a, b, j, keyA[0] as number, keyB[0] as number, cols[0] as number)) {
      this.exclude(a, b);
      return;
    }
    this.exclude(keyA[0] as number, keyB[0] as number);
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.limit) break;
      if (child + 1 < this.limit && this.entryBelow(child + 1, child)) child++;
      if (!below(keyA[child] as number, keyB[child] as number, cols[child] as number, a, b, j)) break;
      this.copy(at, child);
      at = child;
    }
    this.place(at, a, b, j, w);
  }

  /** The kept pairs, best first. */
  sorted(): RowEdges {
    const order = Array.from({ length: this.size }, (_, k) => k);
    order.sort((x, y) => (this.entryBelow(x, y) ? 1 : this.entryBelow(y, x) ? -1 : 0));
    order.forEach((k, at) => {
      this.out.col[at] = this.cols[k] as number;
      this.out.weight[at] = this.weights[k] as number;
    });
    this.out.count = this.size;
    return this.out;
  }
}

/**
 * Pairs kept aside per row, with weights: priced exactly, never rescored. Each row's pairs are
 * stored by weight, highest first, so that pricing can stop at the first pair too light to
 * violate. Whole-number weights up to 255 are stored in a byte each, and with at most 65,536
 * columns a column takes two bytes: a large reserve then costs three bytes a pair. Memory is
 * worth saving here even when there is plenty: the reserve is allocated fresh on every solve,
 * and writing to fresh pages is slow (about 3 ms a megabyte on the sandbox the benchmark ran on).
 */
export class Reserve {
  readonly col: Int32Array | Uint16Array;
  readonly weight: Numbers | Uint8Array;
  readonly count: Int32Array;
  /** `bytes`: whole-number weights up to 255; `integral`: whole numbers in 32 bits. */
  constructor(
    rows: number,
    readonly size: number,
    bytes: boolean,
    integral: boolean,
    cols: number,
  ) {
    this.col =
      cols <= 0x10000 ? new Uint16Array(Math.max(1, rows * size)) : new Int32Array(Math.max(1, rows * size));
    this.weight = bytes
      ? new Uint8Array(Math.max(1, rows * size))
      : numbers(Math.max(1, rows * size), integral);
    this.count = new Int32Array(rows);
  }
  /** Stores `from`'s pairs from `start` on, which must already be in descending weight order. */
  set(r: number, from: RowEdges, start: number): void {
    const count = Math.max(0, Math.min(this.size, from.count - start));
    const at = r * this.size - start;
    // Block copies, converting types (Int32 columns into two bytes, weights into one): a JS loop
    // here touches every pair of a small cohort and, in a fresh process, ran interpreted for
    // tens of milliseconds.
    this.col.set(from.col.subarray(start, start + count), at + start);
    this.weight.set(from.weight.subarray(start, start + count), at + start);
    this.count[r] = count;
  }
}

export interface Violation {
  readonly j: number;
  readonly w: number;
  readonly a: number;
  readonly b: number;
}

/** Each row's candidate edges, kept outside the solver so that it can be rebuilt from scratch. */
export class CandidateEdges {
  readonly col: Int32Array[];
  readonly weight: Numbers[];
  private readonly none: Numbers;
  constructor(
    rows: number,
    private readonly integral: boolean,
  ) {
    this.none = numbers(0, integral);
    this.col = Array.from({ length: rows }, () => new Int32Array(0));
    this.weight = Array.from({ length: rows }, () => this.none);
  }
  set(r: number, edges: RowEdges, count: number): void {
    this.col[r] = edges.col.slice(0, count);
    this.weight[r] = edges.weight.slice(0, count);
  }
  add(r: number, violations: readonly Violation[]): void {
    const col = new Int32Array((this.col[r]?.length ?? 0) + violations.length);
    const weight = numbers(col.length, this.integral);
    col.set(this.col[r] ?? new Int32Array(0));
    weight.set(this.weight[r] ?? this.none);
    violations.forEach((v, k) => {
      col[col.length - violations.length + k] = v.j;
      weight[col.length - violations.length + k] = v.w;
    });
    this.col[r] = col;
    this.weight[r] = weight;
  }
  row(r: number): RowEdges {
    const col = this.col[r] ?? new Int32Array(0);
    return { count: col.length, col, weight: this.weight[r] ?? this.none };
  }
}

/** Each column's best rows by weight (ties to the lower row), kept during the first scan. */
export class ColumnCandidates {
  private readonly rows: Int32Array;
  private readonly weights: Numbers;
  private readonly size: Int32Array;
  /**
   * The weakest kept weight of a full column, so most offers cost one comparison; −1 until then,
   * below every weight (weights are ≥ 0).
   */
  private readonly floor: Numbers;

  constructor(
    cols: number,
    private readonly limit: number,
    integral: boolean,
  ) {
    this.rows = new Int32Array(Math.max(1, cols * limit));
    this.weights = numbers(Math.max(1, cols * limit), integral);
    this.size = new Int32Array(cols);
    this.floor = numbers(cols, integral).fill(-1);
  }

  offer(j: number, r: number, w: number): void {
    // Rows arrive in increasing order, so an equal weight never beats a kept one.
    if (w > (this.floor[j] as number) && this.limit > 0) this.insert(j, r, w);
  }

  private insert(j: number, r: number, w: number): void {
    const base = j * this.limit;
    const { rows, weights } = this;
    let at = this.size[j] as number;
    if (at < this.limit) {
      this.size[j] = at + 1;
    } else {
      // Drop the weakest (the latest of the lowest weight) and insert in weight order below.
      at = this.limit - 1;
    }
    while (at > 0 && (weights[base + at - 1] as number) < w) {
      weights[base + at] = weights[base + at - 1] as number;
      rows[base + at] = rows[base + at - 1] as number;
      at--;
    }
    weights[base + at] = w;
    rows[base + at] = r;
    if ((this.size[j] as number) === this.limit) this.floor[j] = weights[base + this.limit - 1] as number;
  }

  addTo(candidates: CandidateEdges): void {
    const extra: Violation[][] = Array.from({ length: candidates.col.length }, () => []);
    for (let j = 0; j < this.size.length; j++) {
      for (let k = 0; k < (this.size[j] as number); k++) {
        const r = this.rows[j * this.limit + k] as number;
        if (candidates.col[r]?.includes(j)) continue;
        extra[r]?.push({ j, w: this.weights[j * this.limit + k] as number, a: 0, b: 0 });
      }
    }
    extra.forEach((list, r) => {
      if (list.length > 0) candidates.add(r, list);
    });
  }
}

/**
 * The same choice as a `RowSelector` with first-pass keys (0, weight), for rows whose weights are
 * whole numbers in 0..maxWeight: a histogram finds the weight of the `limit`-th best pair, and
 * one more pass collects everything above it, plus the lowest columns of that weight. No heap,
 * so a row of thousands of pairs costs two cheap passes whatever `limit` is. The kept pairs come
 * out by weight, highest first; the first `ordered` of them (the candidate edges) are exactly in
 * `RowSelector`'s order, ties to the lower column, and the rest only by weight.
 */
export class HistogramSelector {
  private readonly counts: Int32Array;
  private readonly next: Int32Array;
  private ties: Int32Array;
  private readonly out: { col: Int32Array; weight: Int32Array; count: number };
  /** The best weight left out, or −∞ when every pair was kept. */
  bound = Number.NEGATIVE_INFINITY;
  private total = 0;

  constructor(
    private readonly limit: number,
    private readonly maxWeight: number,
    private readonly ordered: number,
  ) {
    this.counts = new Int32Array(maxWeight + 1);
    this.next = new Int32Array(maxWeight + 1);
    this.ties = new Int32Array(64);
    this.out = {
      col: new Int32Array(Math.max(1, limit)),
      weight: new Int32Array(Math.max(1, limit)),
      count: 0,
    };
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.bound = Number.NEGATIVE_INFINITY;
  }

  /**
   * Counts the pairs of a row with `capacity` > 0, the only ones `select` considers. A weight
   * outside the promised range throws: the histogram would silently lose it.
   */
  count(pairs: RowEdges, capacity: Int32Array): void {
    const { counts, maxWeight } = this;
    const { col, weight } = pairs;
    let total = 0;
    for (let p = 0; p < pairs.count; p++) {
      if ((capacity[col[p] as number] as number) <= 0) continue;
      const w = weight[p] as number;
      if (w >>> 0 !== w || w > maxWeight)
        throw new RangeError(`weight ${w} is not a whole number in 0..${maxWeight}`);
      counts[w] = (counts[w] as number) + 1;
      total++;
    }
    this.total = total;
  }

  /**
   * The kept pairs among the row's `pairs` just counted, best first: weight down, then column up.
   * Sets `bound`. Each kept pair is offered to `columns` as row `r`'s.
   */
  select(pairs: RowEdges, capacity: Int32Array, columns: ColumnCandidates, r: number): RowEdges {
    const { counts, next, out, limit } = this;
    let threshold = -1;
    let above = 0;
    if (this.total > limit) {
      threshold = this.maxWeight;
      while (above + (counts[threshold] as number) <= limit) {
        above += counts[threshold] as number;
        threshold--;
      }
      this.bound = threshold;
    }
    // Output slots: weights above the threshold in descending order, then the ties taken.
    let at = 0;
    for (let w = this.maxWeight; w > threshold; w--) {
      next[w] = at;
      at += counts[w] as number;
    }
    const tieCount = threshold >= 0 ? (counts[threshold] as number) : 0;
    if (this.ties.length < tieCount) this.ties = new Int32Array(Math.max(tieCount, 2 * this.ties.length));
    const ties = this.ties;
    let tied = 0;
    const { col, weight } = pairs;
    const outCol = out.col;
    const outWeight = out.weight;
    for (let p = 0; p < pairs.count; p++) {
      const w = weight[p] as number;
      if (w < threshold) continue;
      const j = col[p] as number;
      if ((capacity[j] as number) <= 0) continue;
      columns.offer(j, r, w);
      if (w > threshold) {
        const slot = next[w] as number;
        outCol[slot] = j;
        outWeight[slot] = w;
        next[w] = slot + 1;
      } else {
        ties[tied++] = j;
      }
    }
    // Pairs arrive in no particular column order: order by column each weight's run that
    // reaches into the candidate edges (by insertion: the runs are short).
    let start = 0;
    for (let w = this.maxWeight; w > threshold && start < this.ordered; w--) {
      const end = start + (counts[w] as number);
      const col = out.col;
      for (let x = start + 1; x < end; x++) {
        const j = col[x] as number;
        let y = x;
        for (; y > start && (col[y - 1] as number) > j; y--) col[y] = col[y - 1] as number;
        col[y] = j;
      }
      start = end;
    }
    const taken = limit - above;
    if (taken > 0 && tied > 0) {
      const sorted = ties.subarray(0, tied).sort();
      for (let k = 0; k < taken; k++) {
        out.col[above + k] = sorted[k] as number;
        out.weight[above + k] = threshold;
      }
    }
    out.count = threshold >= 0 ? limit : this.total;
    return out;
  }
}
