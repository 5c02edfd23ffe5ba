import type { Numbers } from './flow';

/**
 * A binary min-heap of node ids with decrease-key, ordered by a lexicographic pair of keys the
 * caller owns (`primary`, `secondary`) and then by node id. The pair is what lets the solver put
 * "one more person matched" strictly above any amount of score; the id makes ties deterministic.
 */
export class PairHeap {
  private readonly items: Int32Array;
  private readonly position: Int32Array;
  private count = 0;

  /**
   * `first` wins every tie: the solver passes its sink, so a search stops as soon as a free
   * mentor is as close as anything else left, instead of settling a whole plateau of equal
   * distances first (integer scores make such plateaus large).
   */
  constructor(
    capacity: number,
    private readonly primary: Numbers,
    private readonly secondary: Numbers,
    private readonly first = -1,
  ) {
    this.items = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    for (let k = 0; k < this.count; k++) this.position[this.items[k] as number] = -1;
    this.count = 0;
  }

  /** Inserts `node`, or moves it up after its keys decreased. */
  push(node: number): void {
    let at = this.position[node] as number;
    if (at < 0) {
      at = this.count++;
      this.items[at] = node;
      this.position[node] = at;
    }
    this.siftUp(at);
  }

  pop(): number {
    const top = this.items[0] as number;
    this.position[top] = -1;
    this.count--;
    if (this.count > 0) {
      const last = this.items[this.count] as number;
      this.items[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const pa = this.primary[a] as number;
    const pb = this.primary[b] as number;
    if (pa !== pb) return pa < pb;
    const sa = this.secondary[a] as number;
    const sb = this.secondary[b] as number;
    if (sa !== sb) return sa < sb;
    if (a === this.first) return true;
    if (b === this.first) return false;
    return a < b;
  }

  private siftUp(from: number): void {
    const items = this.items;
    const node = items[from] as number;
    let at = from;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = items[parentAt] as number;
      if (!this.less(node, parent)) break;
      items[at] = parent;
      this.position[parent] = at;
      at = parentAt;
    }
    items[at] = node;
    this.position[node] = at;
  }

  private siftDown(from: number): void {
    const items = this.items;
    const node = items[from] as number;
    let at = from;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.count) break;
      const right = child + 1;
      if (right < this.count && this.less(items[right] as number, items[child] as number)) child = right;
      const childNode = items[child] as number;
      if (!this.less(childNode, node)) break;
      items[at] = childNode;
      this.position[childNode] = at;
      at = child;
    }
    items[at] = node;
    this.position[node] = at;
  }
}
