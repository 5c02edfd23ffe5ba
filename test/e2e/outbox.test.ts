import type { Db } from '../../db/connection';
import { enqueueMessage } from '../../src/repositories/outbox';
import { writeTransaction } from '../../src/repositories/transactions';
import { leavePairing } from '../../src/repositories/pairings';
import { pairingTarget, queueIntroductions } from '../../src/services/introductions';
import { listFailedMessages } from '../../src/services/outbox';
import { validateMessage } from '../emulator/block-kit-limits';
import { SlackEmulator } from '../emulator/slack-emulator';
import { memoryDb } from '../support/db';
import { emulatorDispatcher, postedKeys, testClock } from '../support/outbox';
import { outboxRows, seedCohort, seedPairing, seedUser } from '../support/seed';

const T0 = '2026-11-23T09:00:00.000Z';

async function queue(db: Db, key: string, target: string, text = `message ${key}`): Promise<void> {
  await enqueueMessage(
    db,
    { idempotencyKey: key, kind: 'test', target, payload: { text }, notBefore: T0 },
    T0,
  );
}

describe('the outbox dispatcher against the Slack emulator', () => {
  let emulator: SlackEmulator;
  let db: Db;
  beforeEach(async () => {
    emulator = await SlackEmulator.start({
      users: [
        { id: 'U0MENTOR1', tz: 'Europe/London' },
        { id: 'U0MENTEE1', tz: 'Europe/Berlin' },
        { id: 'U0MENTOR2', tz: 'America/New_York' },
        { id: 'U0MENTEE2', tz: 'America/Chicago' },
        { id: 'U0MENTEE3', tz: 'America/Denver' },
        { id: 'U0ADMIN01', tz: 'Europe/London' },
        { id: 'U0GONE', deleted: true },
      ],
    });
    db = await memoryDb();
    for (const [id, tz] of [
      ['U0MENTOR1', 'Europe/London'],
      ['U0MENTEE1', 'Europe/Berlin'],
      ['U0MENTOR2', 'America/New_York'],
      ['U0MENTEE2', 'America/Chicago'],
      ['U0MENTEE3', 'America/Denver'],
    ] as const)
      await seedUser(db, id, tz);
  });
  afterEach(async () => {
    await db.destroy();
    await emulator.stop();
  });

  test('when a mentee leaves a group, then the rest hear it in a new group DM without them, which the group keeps', async () => {
    const cohortId = await seedCohort(db, { track: 'group' });
    const group = await seedPairing(db, {
      cohortId,
      mentor: 'U0MENTOR2',
      mentees: ['U0MENTEE2', 'U0MENTEE3'],
    });
    await db.updateTable('pairings').set({ conversation_id: 'G0WITHALL' }).where('id', '=', group).execute();
    await writeTransaction(db, async (trx) => {
      await leavePairing(trx, group, 'U0MENTEE3', T0);
      await enqueueMessage(
        trx,
        {
          idempotencyKey: `group-left:${group}:U0MENTEE3`,
          kind: 'pairing.member_left',
          target: pairingTarget(null, ['U0MENTOR2', 'U0MENTEE2']),
          payload: { text: 'U0MENTEE3 has moved on' },
          notBefore: T0,
        },
        T0,
      );
    });
    expect((await emulatorDispatcher(db, emulator, testClock(T0).read).drain()).sent).toBe(1);
    const remaining = emulator.groupChannelFor(['U0MENTOR2', 'U0MENTEE2']);
    expect(emulator.messagesIn(remaining).map((m) => m.text)).toEqual(['U0MENTEE3 has moved on']);
    const row = await db
      .selectFrom('pairings')
      .select(['state', 'conversation_id'])
      .where('id', '=', group)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'active', conversation_id: remaining });
  });

  test('when matches are approved, then each pair gets one introduction in its group DM, the admin sees progress and the channel hears the count', async () => {
    const cohortId = await seedCohort(db, { track: 'reverse', channel: 'C0COHORT' });
    const one = await seedPairing(db, { cohortId, mentor: 'U0MENTOR1', mentees: ['U0MENTEE1'] });
    const group = await seedPairing(db, {
      cohortId,
      mentor: 'U0MENTOR2',
      mentees: ['U0MENTEE2', 'U0MENTEE3'],
      reasons: ['Shared goal: <b>public speaking</b>', 'Overlapping hours'],
    });
    const clock = testClock(T0);
    const result = await writeTransaction(db, (trx) =>
      queueIntroductions(trx, { cohortId, pairingIds: [one, group], startedBy: 'U0ADMIN01', at: T0 }),
    );
    expect(result.queued).toBe(2);
    const report = await emulatorDispatcher(db, emulator, clock.read).drain();
    expect(report.sent).toBe(4);

    const pairChannel = emulator.groupChannelFor(['U0MENTOR1', 'U0MENTEE1']);
    const groupChannel = emulator.groupChannelFor(['U0MENTOR2', 'U0MENTEE2', 'U0MENTEE3']);
    const [intro] = emulator.messagesIn(pairChannel);
    expect(emulator.messagesIn(pairChannel)).toHaveLength(1);
    expect(emulator.messagesIn(groupChannel)).toHaveLength(1);
    const body = JSON.stringify(intro?.blocks);
    expect(body).toContain('<@U0MENTOR1> — Junior mentor (teaches)');
    expect(body).toContain('<@U0MENTEE1> — Senior mentee (learns)');
    expect(body).toContain('Both want to grow as product leaders');
    expect(body).toContain('Program guidelines');
    expect(body).toContain('first meeting');
    expect(body).toContain("We've met");
    expect(body).toContain('Need help');
    expect(intro?.metadata).toEqual({
      event_type: 'mentor_bot_outbox',
      event_payload: { key: `intro:${one}` },
    });
    expect(JSON.stringify(emulator.messagesIn(groupChannel)[0]?.blocks)).toContain(
      '&lt;b&gt;public speaking',
    );
    expect(validateMessage({ blocks: intro?.blocks })).toEqual([]);

    const pairings = await db
      .selectFrom('pairings')
      .select(['id', 'conversation_id'])
      .orderBy('id')
      .execute();
    expect(pairings).toEqual([
      { id: one, conversation_id: pairChannel },
      { id: group, conversation_id: groupChannel },
    ]);
    const announcement = emulator.messagesIn('C0COHORT');
    expect(announcement.map((m) => m.text)).toEqual([
      '2 mentoring pairs formed in Spring leadership cohort. Welcome, everyone!',
    ]);
    const progress = emulator.messagesIn(emulator.dmChannelFor('U0ADMIN01'));
    expect(progress).toHaveLength(1);
    expect(progress[0]?.text).toBe('Done: sent 2 of 2 introductions.');
    expect(progress[0]?.edited).toBeDefined();

    // Approving again (a retried request) introduces nobody twice.
    await writeTransaction(db, (trx) =>
      queueIntroductions(trx, {
        cohortId,
        pairingIds: [one],
        startedBy: 'U0ADMIN01',
        at: '2026-11-23T09:05:00.000Z',
      }),
    );
    await emulatorDispatcher(db, emulator, clock.read).drain();
    expect(emulator.messagesIn(pairChannel)).toHaveLength(1);
  });

  test('when the same rows are dispatched twice, even by two dispatchers at once, then each is posted once', async () => {
    for (let i = 0; i < 30; i++) await queue(db, `k${i}`, `C0CHAN${i}`);
    const clock = testClock(T0);
    const a = emulatorDispatcher(db, emulator, clock.read, { workerId: 'a', batchSize: 4 });
    const b = emulatorDispatcher(db, emulator, clock.read, { workerId: 'b', batchSize: 4 });
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    expect(ra.sent + rb.sent).toBe(30);
    await a.drain();
    const keys = postedKeys(emulator);
    expect(keys).toHaveLength(30);
    expect(new Set(keys).size).toBe(30);
  });

  test('when Slack answers 429 with Retry-After, then that method pauses for every row and each message still goes out once', async () => {
    await queue(db, 'first', 'C0ONE');
    await queue(db, 'second', 'C0TWO');
    emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const report = await emulatorDispatcher(db, emulator, testClock(T0).read, { lanes: 1 }).drain();
    expect(report).toMatchObject({ sent: 2, rateLimited: 1, failed: 0 });
    const calls = emulator.callsTo('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200, 200]);
    const limitedAt = calls[0]?.at.getTime() ?? 0;
    for (const call of calls.slice(1)) expect(call.at.getTime() - limitedAt).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(new Set(postedKeys(emulator))).toEqual(new Set(['first', 'second']));
  });

  test('when Slack keeps answering 5xx, then the row is retried with backoff, checked for a lost post, and finally failed for the admin report', async () => {
    await queue(db, 'flaky', 'C0FLAKY');
    emulator.failNext('chat.postMessage', { status: 500 }, 100);
    const clock = testClock(T0);
    const dispatcher = emulatorDispatcher(db, emulator, clock.read);
    const waits: number[] = [];
    for (let round = 0; round < 10; round++) {
      await dispatcher.drain();
      const [row] = await outboxRows(db);
      if (row?.state === 'failed') break;
      const wait = Date.parse(row?.next_attempt_at ?? T0) - clock.now.getTime();
      waits.push(wait);
      clock.now = new Date(row?.next_attempt_at ?? T0);
    }
    const [row] = await outboxRows(db);
    expect(row).toMatchObject({ state: 'failed', attempts: 5, last_error: 'chat.postMessage: http_500' });
    expect(waits).toHaveLength(4);
    for (let i = 1; i < waits.length; i++) expect(waits[i] ?? 0).toBeGreaterThan(waits[i - 1] ?? 0);
    expect(waits[0]).toBeGreaterThanOrEqual(12_000);
    // A 5xx may hide a post that got through: each retry first looked in the conversation.
    expect(emulator.callsTo('conversations.history')).toHaveLength(4);
    expect(await listFailedMessages(db)).toEqual([
      expect.objectContaining({ key: 'flaky', error: 'chat.postMessage: http_500', attempts: 5 }),
    ]);
  });

  test('when a network error or 5xx passes, then the retry sends the message exactly once', async () => {
    await queue(db, 'wobbly', 'C0WOBBLY');
    emulator.failNext('chat.postMessage', { drop: true });
    emulator.failNext('chat.postMessage', { status: 503 });
    const clock = testClock(T0);
    const dispatcher = emulatorDispatcher(db, emulator, clock.read);
    for (let i = 0; i < 3; i++) {
      await dispatcher.drain();
      clock.now = new Date(clock.now.getTime() + 10 * 60_000);
    }
    expect(postedKeys(emulator)).toEqual(['wobbly']);
    expect(emulator.messagesIn('C0WOBBLY')).toHaveLength(1);
    const [row] = await outboxRows(db);
    expect(row).toMatchObject({ state: 'sent', attempts: 2, maybe_sent: 0 });
  });

  test.each([
    ['is_archived', 'C0ARCHIVED', 'chat.postMessage: is_archived'],
    ['channel_not_found', 'C0MISSING', 'chat.postMessage: channel_not_found'],
    ['user_disabled (deactivated user)', 'U0GONE', 'conversations.open: user_disabled'],
  ])(
    'when Slack gives a permanent error (%s), then the row fails at once without retries',
    async (_name, target, error) => {
      if (target.startsWith('C')) emulator.setChannelError(target, error.split(': ')[1] ?? '');
      await queue(db, 'doomed', target);
      const report = await emulatorDispatcher(db, emulator, testClock(T0).read).drain();
      expect(report).toMatchObject({ sent: 0, failed: 1, retrying: 0 });
      const [row] = await outboxRows(db);
      expect(row).toMatchObject({ state: 'failed', attempts: 1, last_error: error });
    },
  );

  test('when a post reached Slack but the answer was lost, then the next run finds it by its metadata and does not post again', async () => {
    await queue(db, 'lost-answer', 'U0MENTOR1');
    const clock = testClock(T0);
    const crashing = emulatorDispatcher(db, emulator, clock.read, {
      afterSlackAccepted: () => {
        throw new Error('simulated crash after Slack accepted the message');
      },
    });
    await crashing.drain();
    expect(postedKeys(emulator)).toEqual(['lost-answer']);
    clock.now = new Date(clock.now.getTime() + 60 * 60_000);
    const report = await emulatorDispatcher(db, emulator, clock.read).drain();
    expect(report).toMatchObject({ sent: 0, recovered: 1 });
    expect(postedKeys(emulator)).toEqual(['lost-answer']);
    const [row] = await outboxRows(db);
    expect(row).toMatchObject({ state: 'sent', slack_channel: emulator.dmChannelFor('U0MENTOR1') });
    expect(row?.slack_ts).toBe(emulator.messagesIn(emulator.dmChannelFor('U0MENTOR1'))[0]?.ts);
  });
});
