/**
 * Keeps count of work in progress (listener bodies after their ack, scheduler ticks) so a
 * shutdown can wait for it to finish instead of cutting it off half-written.
 */
export class InflightWork {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  get size(): number {
    return this.running.size;
  }

  get accepting(): boolean {
    return !this.closed;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Stops counting new work as welcome and waits up to `timeoutMs` for what is running. */
  async drain(timeoutMs: number): Promise<{ finished: boolean }> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([
      Promise.allSettled([...this.running]).then(() => 'done' as const),
      timeout,
    ]);
    clearTimeout(timer);
    return { finished: outcome === 'done' && this.running.size === 0 };
  }
}
