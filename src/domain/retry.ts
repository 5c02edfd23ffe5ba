/**
 * Retry policy for messages whose send failed for a reason that may pass (Slack 5xx, network):
 * exponential backoff with jitter, so rows that failed together do not all come back together.
 * The jitter is derived from the message key and attempt, so a run is reproducible. Pure.
 */

export const RETRY_POLICY = {
  baseMs: 15_000,
  capMs: 15 * 60_000,
  /** After this many failed attempts the row is marked failed for the admin report. */
  maxAttempts: 5,
  /** ±20 % around the exponential delay. */
  jitter: 0.2,
} as const;

/** FNV-1a: a small stable hash, enough to spread jitter. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Delay before attempt `failures + 1`, given `failures` (≥ 1) failed attempts so far. */
export function backoffMs(failures: number, seed: string, policy = RETRY_POLICY): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const unit = hash(`${seed}:${failures}`) / 0xffffffff;
  return Math.round(exponential * (1 - policy.jitter + 2 * policy.jitter * unit));
}

export function shouldGiveUp(failures: number, policy = RETRY_POLICY): boolean {
  return failures >= policy.maxAttempts;
}
