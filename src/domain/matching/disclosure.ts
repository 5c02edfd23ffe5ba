import type { Reason, ScoreBucket } from './types';

/**
 * What of a proposal people may see. Points a pair earned from self-identification answers (only
 * ever counted when the people opted in) steer the optimum, but saying so would tell the mentor,
 * the group or an admin that someone's private answer matched theirs. So every score and reason
 * anyone is shown leaves those points out; only the optimiser knows them.
 */

export function isPrivateReason(reason: Reason): boolean {
  return reason.code === 'preference';
}

const BASELINE: Reason = { code: 'baseline', points: 0, text: 'meets every requirement of this cohort (+0)' };

/** The pair as shown: its score without private points, and only the reasons that may be read. */
export function disclosedPair<P extends { readonly score: number; readonly reasons: readonly Reason[] }>(
  pair: P,
): P {
  const hidden = pair.reasons.filter(isPrivateReason).reduce((sum, r) => sum + r.points, 0);
  if (hidden === 0) return pair;
  const shown = pair.reasons.filter((r) => !isPrivateReason(r));
  return { ...pair, score: pair.score - hidden, reasons: shown.length > 0 ? shown : [BASELINE] };
}

/** Scores in ten buckets of ten points; the last is 90–100. */
export function scoreHistogram(scores: readonly number[]): ScoreBucket[] {
  const buckets = Array.from({ length: 10 }, (_, k) => ({
    from: k * 10,
    to: k === 9 ? 100 : k * 10 + 9,
    count: 0,
  }));
  for (const score of scores) {
    const bucket = buckets[Math.min(9, Math.max(0, Math.floor(score / 10)))];
    if (bucket) bucket.count++;
  }
  return buckets;
}
