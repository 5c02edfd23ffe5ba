import { InflightWork } from '../../src/lifecycle';

describe('InflightWork', () => {
  test('when work is running at shutdown, then drain waits for it to finish', async () => {
    const inflight = new InflightWork();
    let finished = false;
    void inflight.track(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          finished = true;
          resolve();
        }, 50),
      ),
    );
    expect(inflight.size).toBe(1);
    expect(await inflight.drain(2000)).toEqual({ finished: true });
    expect(finished).toBe(true);
    expect(inflight.accepting).toBe(false);
  });

  test('when work outlasts the timeout, then drain gives up and says so', async () => {
    const inflight = new InflightWork();
    void inflight.track(new Promise<void>((resolve) => setTimeout(resolve, 500)));
    expect(await inflight.drain(20)).toEqual({ finished: false });
  });

  test('when tracked work fails, then it is forgotten and the failure reaches the caller', async () => {
    const inflight = new InflightWork();
    await expect(inflight.track(Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    expect(inflight.size).toBe(0);
  });
});
