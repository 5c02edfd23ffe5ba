import { proposeMatches } from '../../../src/domain/matching';
import { WARM_UP_COHORTS, warmUpCohort } from '../../../src/domain/matching/warm-up';
import { startWarmUp } from '../../../src/jobs/warm-up';
import { createLogger } from '../../../src/logger';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (line) => lines.push(line) });
  return { logger, events: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the start-up warm-up cohorts', () => {
  const proposals = Array.from({ length: WARM_UP_COHORTS }, (_, k) => proposeMatches(warmUpCohort(k)));

  test('when matched, then every one is valid, certified optimal and honours its pin', () => {
    for (const [k, p] of proposals.entries()) {
      const pin = warmUpCohort(k).pinned?.[0];
      expect(p.stats.certified).toBe(true);
      expect(p.stats.matched).toBeGreaterThan(200);
      expect(p.pairs.find((pair) => pair.pinned)).toMatchObject({ ...pin, pinned: true });
    }
  });

  test('when listed, then they cover every track, the generic question and pricing rounds', () => {
    expect(new Set(proposals.map((p) => p.track))).toEqual(new Set(['high-potential', 'reverse', 'group']));
    expect(
      proposals.some((p) => p.pairs.some((pair) => pair.reasons.some((r) => /meeting format/i.test(r.text)))),
    ).toBe(true);
    expect(proposals.filter((p) => p.stats.pricingRounds > 1).length).toBeGreaterThan(0);
    expect(proposals.filter((p) => p.unmatched.length > 0).length).toBeGreaterThan(0);
  });

  test('when built twice, then the same cohort comes out (every process warms up alike)', () => {
    expect(warmUpCohort(4)).toEqual(warmUpCohort(4));
    expect(warmUpCohort(4)).not.toEqual(warmUpCohort(7));
  });
});

describe('startWarmUp', () => {
  test('when left to run, then it matches every cohort in the background and logs one summary', async () => {
    const { logger, events } = capture();
    const warmUp = startWarmUp(logger, 3);
    // Nothing runs synchronously: the caller (the app starting) is not held up.
    expect(events()).toEqual([]);
    await expect(warmUp.done).resolves.toEqual({ completed: 3, cancelled: false });
    expect(events()).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'matching engine warmed up',
        cohorts: 3,
        cpuMs: expect.any(Number),
      }),
    ]);
  });

  test('when other work is queued meanwhile, then it runs between two cohorts', async () => {
    const { logger } = capture();
    const order: string[] = [];
    const warmUp = startWarmUp(logger, 3, (k) => {
      order.push(`cohort ${k}`);
      return warmUpCohort(k);
    });
    setImmediate(() => order.push('request'));
    await warmUp.done;
    expect(order).toEqual(['cohort 0', 'request', 'cohort 1', 'cohort 2']);
  });

  test('when cancelled (the app stopping), then no further cohort starts and nothing is logged', async () => {
    const { logger, events } = capture();
    let started = 0;
    const warmUp = startWarmUp(logger, WARM_UP_COHORTS, (k) => {
      started++;
      return warmUpCohort(k);
    });
    await new Promise((resolve) => setImmediate(resolve));
    warmUp.cancel();
    await expect(warmUp.done).resolves.toEqual({ completed: 1, cancelled: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(1);
    expect(events()).toEqual([]);
  });

  test('when a cohort cannot be matched, then it logs a warning and stops, and the promise still settles', async () => {
    const { logger, events } = capture();
    const broken = (k: number) => ({ ...warmUpCohort(k), pinned: [{ mentorId: 'nobody', menteeId: 'e0' }] });
    await expect(startWarmUp(logger, 3, broken).done).resolves.toEqual({ completed: 0, cancelled: false });
    expect(events()).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'matching warm-up failed; the first match will be slower',
      }),
    ]);
  });
});
