import { sql } from 'kysely';
import { ADMIN_ID, type Harness, MEMBER_ID, startHarness } from '../support/harness';

function textOf(body: Record<string, unknown>): string {
  return JSON.stringify(body.blocks ?? body.text);
}

describe('foundation over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  test('when a member runs /mentor help, then an ephemeral help lists member commands only', async () => {
    const sent = await h.driver.command({ userId: MEMBER_ID, text: 'help' });
    expect(sent.status).toBe(200);
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(reply.body.response_type).toBe('ephemeral');
    expect(textOf(reply.body)).toContain('/mentor help');
    expect(textOf(reply.body)).not.toContain('admin audit');
  });

  test('when an admin runs /mentor with no words, then help includes the admin commands', async () => {
    const sent = await h.driver.command({ userId: ADMIN_ID, text: '' });
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(textOf(reply.body)).toContain('/mentor admin audit');
    expect(textOf(reply.body)).toContain('Program admin commands');
  });

  test('when a subcommand is mistyped, then the reply suggests the right one and shows usage', async () => {
    const sent = await h.driver.command({ userId: MEMBER_ID, text: 'hlep me' });
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(reply.body.text).toBe("I don't know `/mentor hlep me`. Did you mean `/mentor help`?");
    expect(textOf(reply.body)).toContain('Usage');
  });

  test('when a subcommand is unknown and nothing is close, then the reply shows usage without a guess', async () => {
    const sent = await h.driver.command({ userId: MEMBER_ID, text: 'xylophone' });
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(reply.body.text).toBe("I don't know `/mentor xylophone`.");
  });

  test('when a member tries an admin command, then they are refused politely and the attempt is audited', async () => {
    const sent = await h.driver.command({ userId: MEMBER_ID, text: 'admin audit' });
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(reply.body.text).toMatch(/for program admins/);
    const rows = await h.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_user_id', '=', MEMBER_ID)
      .execute();
    expect(rows).toEqual([expect.objectContaining({ action: 'command:admin audit', outcome: 'denied' })]);
  });

  test('when an admin reads the audit log, then the refused attempt is listed', async () => {
    const sent = await h.driver.command({ userId: ADMIN_ID, text: 'admin audit 5' });
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(textOf(reply.body)).toContain(`<@${MEMBER_ID}>`);
    expect(textOf(reply.body)).toContain('denied');
  });

  test('when an admin gives a bad count, then the usage hint says what is allowed', async () => {
    const sent = await h.driver.command({ userId: ADMIN_ID, text: 'admin audit lots' });
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(reply.body.text).toMatch(/count is 1 to 100/);
  });

  test('when the signature is wrong or missing, then the app answers 401 and runs nothing', async () => {
    const before = h.emulator.responses.length;
    const bad = await h.driver.command({ userId: MEMBER_ID, text: 'help' }, { signature: 'bad' });
    const missing = await h.driver.command({ userId: MEMBER_ID, text: 'help' }, { signature: 'missing' });
    const wrongSecret = await h.driver.command(
      { userId: MEMBER_ID, text: 'help' },
      { signingSecret: 'not-ours' },
    );
    expect([bad.status, missing.status, wrongSecret.status]).toEqual([401, 401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.emulator.responses.length).toBe(before);
  });

  test('when the timestamp is more than 5 minutes old, then the app answers 401', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const sent = await h.driver.command({ userId: MEMBER_ID, text: 'help' }, { timestamp: stale });
    expect(sent.status).toBe(401);
  });

  test('when Slack redelivers a command with X-Slack-Retry-Num, then it runs once', async () => {
    const first = await h.driver.command({ userId: MEMBER_ID, text: 'admin audit' });
    await h.emulator.waitForResponse(first.responseUrl ?? '');
    const replay = await h.driver.redeliver(first, { retryNum: 1, retryReason: 'http_timeout' });
    expect(replay.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const replies = h.emulator.responses.filter((r) => r.url === first.responseUrl);
    expect(replies).toHaveLength(1);
    const denials = await h.db
      .selectFrom('audit_log')
      .select(sql<number>`count(*)`.as('n'))
      .where('actor_user_id', '=', MEMBER_ID)
      .executeTakeFirstOrThrow();
    expect(Number(denials.n)).toBe(2);
  });

  test('when /healthz is asked, then it answers 200 while the database is reachable', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'reachable' });
  });

  test('when help is asked over loopback, then the ack comes back fast (figure printed for the record)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = process.hrtime.bigint();
      const sent = await h.driver.command({ userId: MEMBER_ID, text: 'help' });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      expect(sent.status).toBe(200);
    }
    times.sort((a, b) => a - b);
    // Behaviour, not a timing assertion: Slack's 3 s budget is the only hard line.
    expect(times[times.length - 1]).toBeLessThan(3000);
    console.info(
      `ack latency of /mentor help over loopback: median ${times[10]?.toFixed(1)} ms, max ${times[19]?.toFixed(1)} ms`,
    );
  });
});
