import { compileCohort } from '../../../src/domain/matching/cohort';
import { violation } from '../../../src/domain/matching/constraints';
import { rowKernel } from '../../../src/domain/matching/kernel';
import { explainPair } from '../../../src/domain/matching/reasons';
import { pairScore } from '../../../src/domain/matching/scoring';
import { randomCohort } from './support';

describe('the scoring kernel', () => {
  test.each(Array.from({ length: 40 }, (_, k) => k + 1))(
    'when random cohort %p is scored row by row, then every pair agrees with the reference rules and its reasons add up',
    (seed) => {
      const c = compileCohort(randomCohort(seed));
      const row = rowKernel(c);
      for (let i = 0; i < c.n; i++) {
        const pairs = row(i);
        const fast = new Map<number, number>();
        for (let k = 0; k < pairs.count; k++) fast.set(pairs.col[k] as number, pairs.weight[k] as number);
        for (let j = 0; j < c.m; j++) {
          const allowed = (c.capacity[j] as number) > 0 && violation(c, i, j) === 0;
          expect(fast.has(j)).toBe(allowed);
          if (!allowed) continue;
          const score = pairScore(c, i, j);
          expect(fast.get(j)).toBe(score);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
          const reasons = explainPair(c, i, j, false);
          expect(reasons.reduce((sum, r) => sum + r.points, 0)).toBe(score);
        }
      }
    },
  );
});
