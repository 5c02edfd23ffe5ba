import { backoffMs, RETRY_POLICY, shouldGiveUp } from '../../src/domain/retry';
import { Pacer } from '../../src/jobs/pacer';
import { classifySlackError } from '../../src/jobs/slack-errors';

function fakeTime() {
  const state = { now: 0, sleeps: [] as number[] };
  return {
    state,
    monotonicMs: () => state.now,
    sleep: async (ms: number) => {
      state.sleeps.push(ms);
      state.now += ms;
    },
  };
}

describe('outbox retry policy, error classes and pacing', () => {
  test('when attempts fail, then the delay grows exponentially with bounded, reproducible jitter', () => {
    const delays = [1, 2, 3, 4].map((n) => backoffMs(n, 'nudge:1:2026-11-09'));
    expect(delays).toEqual([1, 2, 3, 4].map((n) => backoffMs(n, 'nudge:1:2026-11-09')));
    delays.forEach((d, i) => {
      const base = RETRY_POLICY.baseMs * 2 ** i;
      expect(d).toBeGreaterThanOrEqual(base * 0.8);
      expect(d).toBeLessThanOrEqual(base * 1.2);
    });
    expect(backoffMs(30, 'x')).toBeLessThanOrEqual(RETRY_POLICY.capMs * 1.2);
    expect(backoffMs(1, 'a')).not.toBe(backoffMs(1, 'b'));
    expect(shouldGiveUp(RETRY_POLICY.maxAttempts - 1)).toBe(false);
    expect(shouldGiveUp(RETRY_POLICY.maxAttempts)).toBe(true);
  });

  test('when the SDK throws, then 429, permanent, transient and ambiguous failures are told apart', () => {
    expect(classifySlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 })).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 7,
      code: 'ratelimited',
    });
    for (const error of [
      'user_not_found',
      'account_inactive',
      'is_archived',
      'invalid_blocks',
      'cannot_dm_bot',
    ])
      expect(classifySlackError({ code: 'slack_webapi_platform_error', data: { error } }).kind).toBe(
        'permanent',
      );
    expect(
      classifySlackError({ code: 'slack_webapi_platform_error', data: { error: 'internal_error' } }),
    ).toEqual({
      kind: 'transient',
      code: 'internal_error',
      ambiguous: false,
    });
    expect(classifySlackError({ code: 'slack_webapi_http_error', statusCode: 503 })).toEqual({
      kind: 'transient',
      code: 'http_503',
      ambiguous: true,
    });
    expect(classifySlackError(new Error('socket hang up'))).toMatchObject({
      kind: 'transient',
      ambiguous: true,
    });
  });

  test('when many calls hit one method, then they are spaced by its rate after the burst', async () => {
    const t = fakeTime();
    const pacer = new Pacer({ limits: { m: { perMinute: 60, burst: 2 } }, ...t });
    for (let i = 0; i < 5; i++) await pacer.take('m');
    expect(t.state.now).toBe(3000);
  });

  test('when chat.postMessage goes to different channels, then each channel has its own one-per-second pace', async () => {
    const t = fakeTime();
    const pacer = new Pacer({ ...t });
    await Promise.all(['C1', 'C2', 'C3'].map((c) => pacer.take('chat.postMessage', c)));
    expect(t.state.now).toBe(0);
    await pacer.take('chat.postMessage', 'C1');
    expect(t.state.now).toBe(1000);
  });

  test('when Slack says 429, then the whole method pauses for Retry-After, for every caller', async () => {
    const t = fakeTime();
    const pacer = new Pacer({ ...t });
    pacer.pause('chat.postMessage', 3);
    await pacer.take('chat.postMessage', 'C9');
    expect(t.state.now).toBe(3000);
    await pacer.take('conversations.open');
    expect(t.state.now).toBe(3000);
  });

  test('when the pacer is scaled, then rates multiply (benchmarks against a faster emulator)', async () => {
    const t = fakeTime();
    const pacer = new Pacer({ scale: 10, limits: { m: { perMinute: 60, burst: 1 } }, ...t });
    for (let i = 0; i < 11; i++) await pacer.take('m');
    expect(t.state.now).toBe(1000);
  });
});
