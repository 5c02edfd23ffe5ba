/**
 * Slack's Web API rate limits, modelled as token buckets.
 *
 * Slack publishes tiers as "N+ per minute" and tolerates short bursts; a bucket
 * holding a minute's worth of calls (and refilling continuously) is the closest
 * simple model. chat.postMessage is limited per channel (about one per second).
 */

export interface RateLimit {
  /** Sustained calls per minute. */
  perMinute: number;
  /** How many calls may arrive back to back before the limit bites. */
  burst: number;
  /** Separate buckets per `channel` argument (chat.postMessage). */
  perChannel?: boolean;
}

export const TIERS = {
  tier1: { perMinute: 1, burst: 1 },
  tier2: { perMinute: 20, burst: 20 },
  tier3: { perMinute: 50, burst: 50 },
  tier4: { perMinute: 100, burst: 100 },
  postMessage: { perMinute: 60, burst: 3, perChannel: true },
} as const satisfies Record<string, RateLimit>;

/**
 * `null` means the emulator does not limit the method: auth.test and
 * apps.connections.open are limited by Slack too, but throttling an app's
 * start-up in tests only ever produces confusing failures.
 */
export const DEFAULT_METHOD_LIMITS: Record<string, RateLimit | null> = {
  'auth.test': null,
  'apps.connections.open': null,
  'chat.postMessage': TIERS.postMessage,
  'chat.postEphemeral': TIERS.tier4,
  'chat.update': TIERS.tier3,
  'chat.delete': TIERS.tier3,
  'chat.scheduleMessage': TIERS.tier3,
  'conversations.open': TIERS.tier3,
  'conversations.history': TIERS.tier3,
  'users.info': TIERS.tier4,
  'users.list': TIERS.tier2,
  'views.open': TIERS.tier4,
  'views.push': TIERS.tier4,
  'views.update': TIERS.tier4,
  'views.publish': TIERS.tier4,
  'files.getUploadURLExternal': TIERS.tier4,
  'files.completeUploadExternal': TIERS.tier4,
};

const DEFAULT_LIMIT: RateLimit = TIERS.tier3;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: Record<string, RateLimit | null>,
    /** Multiplies every rate so tests can run limits in a fraction of the real time. */
    private readonly scale: number,
  ) {}

  take(method: string, channel: string | undefined, now: number): RateDecision {
    const limit = method in this.limits ? this.limits[method] : DEFAULT_LIMIT;
    if (!limit) return { allowed: true };
    const key = limit.perChannel ? `${method}\u0000${channel ?? ''}` : method;
    const perMs = (limit.perMinute * this.scale) / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, updatedAt: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    // Retry-After is whole seconds and never 0: clients treat 0 as "no limit".
    const waitMs = (1 - bucket.tokens) / perMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  reset(): void {
    this.buckets.clear();
  }
}
