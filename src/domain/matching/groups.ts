import type { Cohort } from './cohort';
import { violation } from './constraints';
import { pairScore } from './scoring';

/**
 * Group coherence: after the optimal assignment, mentees in one group should also share goals,
 * so they learn from each other. Local search swaps two mentees between groups when that raises
 * the average group coherence (mean pairwise goal similarity, Jaccard) and the total score stays within
 * the tolerance of the optimum. Swaps keep every group's size, so nobody who was matched loses a
 * place and no unmatched mentee could now be placed: the matched count stays maximal.
 */

export interface CoherenceResult {
  readonly swaps: number;
  readonly before: number | null;
  readonly after: number | null;
  readonly scoreBefore: number;
  readonly scoreAfter: number;
}

const MAX_PASSES = 8;

function similarity(c: Cohort, a: number, b: number): number {
  const words = c.goalWords;
  let shared = 0;
  for (let w = 0; w < words; w++) {
    let v = (c.menteeGoals[a * words + w] as number) & (c.menteeGoals[b * words + w] as number);
    while (v !== 0) {
      v &= v - 1;
      shared++;
    }
  }
  const union = (c.menteeGoalCount[a] as number) + (c.menteeGoalCount[b] as number) - shared;
  return union === 0 ? 0 : shared / union;
}

function members(assignment: Int32Array, m: number): number[][] {
  const groups: number[][] = Array.from({ length: m }, () => []);
  assignment.forEach((j, i) => {
    if (j >= 0) groups[j]?.push(i);
  });
  return groups;
}

/** Mean over groups of two or more of the mean pairwise goal similarity. */
export function coherence(c: Cohort, groups: readonly (readonly number[])[]): (number | null)[] {
  return groups.map((group) => {
    if (group.length < 2) return null;
    let sum = 0;
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) sum += similarity(c, group[x] as number, group[y] as number);
    }
    return sum / ((group.length * (group.length - 1)) / 2);
  });
}

function pairsIn(group: readonly number[]): number {
  return group.length < 2 ? Number.POSITIVE_INFINITY : (group.length * (group.length - 1)) / 2;
}

function mean(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

function score(c: Cohort, i: number, j: number): number {
  return violation(c, i, j) === 0 ? pairScore(c, i, j) : -1;
}

/** Changes `assignment` in place. `fixed` mentees (admin pins) never move. */
export function improveCoherence(
  c: Cohort,
  assignment: Int32Array,
  fixed: Uint8Array,
  candidates: (i: number) => Iterable<number>,
  tolerance: number,
): CoherenceResult {
  const groups = members(assignment, c.m);
  const before = mean(coherence(c, groups));
  let total = 0;
  assignment.forEach((j, i) => {
    if (j >= 0) total += pairScore(c, i, j);
  });
  const scoreBefore = total;
  const floor = scoreBefore * (1 - tolerance) - 1e-9;
  const gain = (group: readonly number[], leaving: number, entering: number): number => {
    let sum = 0;
    for (const x of group) if (x !== leaving) sum += similarity(c, entering, x) - similarity(c, leaving, x);
    return sum;
  };

  // Each mentee's current score, kept up to date, so a candidate swap costs two new scores.
  const current = new Float64Array(c.n);
  assignment.forEach((j, i) => {
    if (j >= 0) current[i] = pairScore(c, i, j);
  });
  let swaps = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let improved = false;
    for (let a = 0; a < c.n; a++) {
      const from = assignment[a] as number;
      if (from < 0 || fixed[a] === 1) continue;
      const home = groups[from] as number[];
      let best: { b: number; to: number; coherence: number; delta: number } | undefined;
      for (const to of candidates(a)) {
        if (to === from) continue;
        const away = groups[to] as number[];
        if (away.length === 0) continue;
        let there = Number.NaN;
        for (const b of away) {
          if (fixed[b] === 1) continue;
          // Sizes never change, so weighting each group's gain by its pair count makes the
          // search climb exactly the reported average of group coherences. It is also cheap,
          // so it is checked before any score.
          const change = gain(home, a, b) / pairsIn(home) + gain(away, b, a) / pairsIn(away);
          if (change <= 1e-9 || (best !== undefined && change < best.coherence - 1e-12)) continue;
          if (Number.isNaN(there)) there = score(c, a, to);
          if (there < 0) break;
          const swapped = score(c, b, from);
          if (swapped < 0) continue;
          const delta = there + swapped - (current[a] as number) - (current[b] as number);
          if (total + delta < floor) continue;
          if (
            best === undefined ||
            change > best.coherence + 1e-12 ||
            (Math.abs(change - best.coherence) <= 1e-12 && delta > best.delta)
          ) {
            best = { b, to, coherence: change, delta };
          }
        }
      }
      if (best === undefined) continue;
      const away = groups[best.to] as number[];
      home.splice(home.indexOf(a), 1, best.b);
      away.splice(away.indexOf(best.b), 1, a);
      assignment[a] = best.to;
      assignment[best.b] = from;
      current[a] = pairScore(c, a, best.to);
      current[best.b] = pairScore(c, best.b, from);
      total += best.delta;
      swaps++;
      improved = true;
    }
    if (!improved) break;
  }
  return { swaps, before, after: mean(coherence(c, groups)), scoreBefore, scoreAfter: total };
}
