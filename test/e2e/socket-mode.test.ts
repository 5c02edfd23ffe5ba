import { ADMIN_ID, type Harness, MEMBER_ID, startHarness } from '../support/harness';

describe('foundation over Socket Mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: 'socket' });
  });
  afterAll(async () => {
    await h.stop();
  });

  test('when the app starts with SLACK_APP_TOKEN, then it opens a connection with the app token and receives hello', async () => {
    const open = h.emulator.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(h.emulator.appToken);
    expect(h.emulator.socketClientCount).toBe(1);
    expect(h.app.mode).toBe('socket');
  });

  test('when /mentor help arrives as an envelope, then it is acked and the help is posted to the response URL', async () => {
    const result = await h.driver.viaSocket.command({ userId: ADMIN_ID, text: 'help' });
    expect(result.ack).toEqual({});
    const reply = await h.emulator.waitForResponse(result.responseUrl ?? '');
    expect(JSON.stringify(reply.body.blocks)).toContain('/mentor admin audit');
  });

  test('when an envelope is redelivered with retry_attempt, then it is acked and runs once', async () => {
    const first = await h.driver.viaSocket.command({ userId: MEMBER_ID, text: 'help' });
    await h.emulator.waitForResponse(first.responseUrl ?? '');
    const again = await h.emulator.sendEnvelope({
      type: 'slash_commands',
      payload: first.payload,
      retryAttempt: 1,
      retryReason: 'timeout',
    });
    expect(again).toEqual({});
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.emulator.responsesTo(first.responseUrl ?? '')).toHaveLength(1);
  });

  test('when /healthz is asked in Socket Mode, then it is served on PORT', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
  });
});
