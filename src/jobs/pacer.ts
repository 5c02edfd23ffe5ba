/**
 * Keeps Web API calls under Slack's rate limits so large sends go out steadily instead of in
 * bursts that earn 429s. Each method (and, for chat.postMessage, each channel) gets an evenly
 * spaced schedule; a 429 pauses the whole method for everyone until its Retry-After has passed.
 * Pacing is about real elapsed time, so it reads a monotonic clock, not the app's `now`.
 */

export interface PaceLimit {
  readonly perMinute: number;
  /** Calls allowed back to back before spacing applies. */
  readonly burst: number;
  /** chat.postMessage: about one message per second per channel. */
  readonly perChannel?: boolean;
}

/** Slack's published tiers for the methods the dispatcher calls. */
export const SLACK_PACE: Readonly<Record<string, PaceLimit>> = {
  'chat.postMessage': { perMinute: 60, burst: 1, perChannel: true },
  // Tier 3 (50+ per minute); Slack tolerates short bursts, so a handful may go back to back.
  'chat.update': { perMinute: 50, burst: 5 },
  'conversations.open': { perMinute: 50, burst: 5 },
  'conversations.history': { perMinute: 50, burst: 5 },
};

export interface PacerOptions {
  readonly limits?: Readonly<Record<string, PaceLimit>>;
  /** Multiplies every rate; tests and the benchmark match the emulator's rateLimitScale. */
  readonly scale?: number;
  readonly monotonicMs?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

export class Pacer {
  private readonly limits: Readonly<Record<string, PaceLimit>>;
  private readonly scale: number;
  private readonly monotonicMs: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Theoretical arrival time of the next call per bucket (GCRA). */
  private readonly schedule = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(options: PacerOptions = {}) {
    this.limits = options.limits ?? SLACK_PACE;
    this.scale = options.scale ?? 1;
    this.monotonicMs = options.monotonicMs ?? (() => performance.now());
    this.sleep = options.sleep ?? realSleep;
  }

  /** Waits until a call to `method` (in `channel`) fits within the limits, and books it. */
  async take(method: string, channel?: string): Promise<void> {
    const limit = this.limits[method];
    const now = this.monotonicMs();
    let start = Math.max(now, this.pausedUntil.get(method) ?? 0);
    if (limit !== undefined) {
      const key = limit.perChannel ? `${method}\u0000${channel ?? ''}` : method;
      const interval = 60_000 / (limit.perMinute * this.scale);
      const tat = Math.max(this.schedule.get(key) ?? now, now);
      start = Math.max(start, tat - (limit.burst - 1) * interval);
      this.schedule.set(key, Math.max(tat, start) + interval);
      // Many channels each used once: forget buckets that are idle again.
      if (this.schedule.size > 50_000) this.prune(now);
    }
    if (start > now) await this.sleep(start - now);
    // A 429 may have arrived while this call waited for its turn.
    for (let wait = this.pauseLeft(method); wait > 0; wait = this.pauseLeft(method)) await this.sleep(wait);
  }

  /** Slack answered 429: nobody calls `method` for `retryAfterSeconds`. */
  pause(method: string, retryAfterSeconds: number): void {
    const until = this.monotonicMs() + Math.max(1, retryAfterSeconds) * 1000;
    this.pausedUntil.set(method, Math.max(this.pausedUntil.get(method) ?? 0, until));
  }

  pauseLeft(method: string): number {
    return Math.max(0, (this.pausedUntil.get(method) ?? 0) - this.monotonicMs());
  }

  private prune(now: number): void {
    for (const [key, tat] of this.schedule) if (tat < now) this.schedule.delete(key);
  }
}
