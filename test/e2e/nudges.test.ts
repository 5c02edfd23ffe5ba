import type { Db } from '../../db/connection';
import { runDue } from '../../src/jobs/run-due';
import { createLogger } from '../../src/logger';
import { SlackEmulator } from '../emulator/slack-emulator';
import { memoryDb } from '../support/db';
import { emulatorDispatcher, postedKeys, testClock } from '../support/outbox';
import { outboxRows, seedCohort, seedPairing, seedUser } from '../support/seed';

const logger = createLogger({ level: 'error', sink: () => {} });

describe('check-in nudges, driven through runDue and the outbox in time', () => {
  let emulator: SlackEmulator;
  let db: Db;
  const clock = testClock('2026-11-02T08:00:00.000Z');

  async function person(id: string, tz: string): Promise<void> {
    emulator.addUser({ id, tz });
    await seedUser(db, id, tz);
  }

  /** One scheduler tick at `iso`: what is due is queued, and what is due is sent. */
  async function tick(iso: string): Promise<string[]> {
    clock.now = new Date(iso);
    const before = postedKeys(emulator).length;
    const report = await runDue({ db, logger }, clock.now);
    expect(report.outcomes.every((o) => o.ok)).toBe(true);
    await emulatorDispatcher(db, emulator, clock.read).drain();
    return postedKeys(emulator).slice(before);
  }

  beforeEach(async () => {
    emulator = await SlackEmulator.start();
    db = await memoryDb();
  });
  afterEach(async () => {
    await db.destroy();
    await emulator.stop();
  });

  test('when pairs live in different time zones, then each nudge lands at 10:00 local on a working day, or an hour inside everyone’s day', async () => {
    await person('U0LA1', 'America/Los_Angeles');
    await person('U0LA2', 'America/Los_Angeles');
    await person('U0LON', 'Europe/London');
    await person('U0NYC', 'America/New_York');
    await person('U0TYO', 'Asia/Tokyo');
    await person('U0BER', 'Europe/Berlin');
    const cohortId = await seedCohort(db);
    const la = await seedPairing(db, {
      cohortId,
      mentor: 'U0LA1',
      mentees: ['U0LA2'],
      conversationId: 'G0LA',
    });
    const atlantic = await seedPairing(db, {
      cohortId,
      mentor: 'U0LON',
      mentees: ['U0NYC'],
      conversationId: 'G0ATL',
    });
    const apart = await seedPairing(db, {
      cohortId,
      mentor: 'U0TYO',
      mentees: ['U0BER'],
      conversationId: 'G0APART',
    });
    // Formed on a Saturday: a week later is a Saturday too, so the nudge waits for Monday.
    const weekend = await seedPairing(db, {
      cohortId,
      mentor: 'U0LA1',
      mentees: ['U0LON'],
      conversationId: 'G0WKND',
      createdAt: '2026-11-07T12:00:00.000Z',
    });

    expect(await tick('2026-11-02T08:00:00.000Z')).toEqual([]);
    const planned = await db.selectFrom('pairings').select(['id', 'next_nudge_at']).orderBy('id').execute();
    expect(planned).toEqual([
      { id: la, next_nudge_at: '2026-11-09T18:00:00.000Z' },
      { id: atlantic, next_nudge_at: '2026-11-09T14:00:00.000Z' },
      { id: apart, next_nudge_at: '2026-11-09T01:00:00.000Z' },
      // LA and London share 16:00–17:00 London (08:00–09:00 LA): no common hour, separate DMs.
      { id: weekend, next_nudge_at: '2026-11-16T10:00:00.000Z' },
    ]);

    expect(await tick('2026-11-09T00:59:00.000Z')).toEqual([]);
    expect(await tick('2026-11-09T01:00:00.000Z')).toEqual([`nudge:${apart}:2026-11-09:U0TYO`]);
    expect(await tick('2026-11-09T08:59:00.000Z')).toEqual([]);
    expect(await tick('2026-11-09T09:00:00.000Z')).toEqual([`nudge:${apart}:2026-11-09:U0BER`]);
    expect(await tick('2026-11-09T14:00:00.000Z')).toEqual([`nudge:${atlantic}:2026-11-09`]);
    expect(await tick('2026-11-09T17:59:00.000Z')).toEqual([]);
    expect(await tick('2026-11-09T18:00:00.000Z')).toEqual([`nudge:${la}:2026-11-09`]);
    expect(await tick('2026-11-16T10:00:00.000Z')).toEqual([`nudge:${weekend}:2026-11-16:U0LON`]);
    expect(await tick('2026-11-16T18:00:00.000Z')).toEqual(
      expect.arrayContaining([`nudge:${weekend}:2026-11-16:U0LA1`, `nudge:${la}:2026-11-16`]),
    );

    const [nudge] = emulator.messagesIn('G0ATL');
    expect(nudge?.text).toBe('Check-in time: Have you met since Monday, 2 November 2026?');
    expect(emulator.messagesIn(emulator.dmChannelFor('U0TYO'))).toHaveLength(1);
  });

  test('when clocks change for daylight saving, then the nudge still comes at 10:00 local', async () => {
    await person('U0NY1', 'America/New_York');
    await person('U0NY2', 'America/New_York');
    const cohortId = await seedCohort(db, { endsOn: '2027-06-30', surveyMidpoint: false, surveyEnd: false });
    const pair = await seedPairing(db, {
      cohortId,
      mentor: 'U0NY1',
      mentees: ['U0NY2'],
      conversationId: 'G0NY',
      createdAt: '2027-03-01T15:00:00.000Z',
    });
    await tick('2027-03-01T16:00:00.000Z');
    // 8 March is still EST (UTC-5): 10:00 is 15:00 UTC.
    expect(await tick('2027-03-08T14:59:00.000Z')).toEqual([]);
    expect(await tick('2027-03-08T15:00:00.000Z')).toEqual([`nudge:${pair}:2027-03-08`]);
    // Clocks spring forward on 14 March: 10:00 EDT is 14:00 UTC.
    expect(await tick('2027-03-15T13:59:00.000Z')).toEqual([]);
    expect(await tick('2027-03-15T14:00:00.000Z')).toContain(`nudge:${pair}:2027-03-15`);
  });

  test('when a pair stops checking in, then the mentor gets one gentle nudge after two periods and the pair is at risk after three', async () => {
    await person('U0MTR', 'Europe/London');
    await person('U0MTE', 'Europe/London');
    const cohortId = await seedCohort(db);
    const pair = await seedPairing(db, {
      cohortId,
      mentor: 'U0MTR',
      mentees: ['U0MTE'],
      conversationId: 'G0QUIET',
    });
    await tick('2026-11-02T09:00:00.000Z');
    expect(await tick('2026-11-09T10:00:00.000Z')).toEqual([`nudge:${pair}:2026-11-09`]);
    expect(await tick('2026-11-16T10:00:00.000Z')).toEqual([
      `nudge:${pair}:2026-11-16`,
      `nudge-mentor:${pair}:2026-11-02:U0MTR`,
    ]);
    let [row] = await db.selectFrom('pairings').select('at_risk_since').execute();
    expect(row?.at_risk_since).toBeNull();
    expect(await tick('2026-11-23T10:00:00.000Z')).toEqual([`nudge:${pair}:2026-11-23`]);
    [row] = await db.selectFrom('pairings').select('at_risk_since').execute();
    expect(row?.at_risk_since).toBe('2026-11-23T10:00:00.000Z');
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'pairing.at_risk')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ actor_user_id: 'mentor-bot', target: `pairing:${pair}` }),
    ]);
    expect(await tick('2026-11-30T10:00:00.000Z')).toEqual([`nudge:${pair}:2026-11-30`]);
    const mentorDm = emulator.messagesIn(emulator.dmChannelFor('U0MTR'));
    expect(mentorDm).toHaveLength(1);
    expect(mentorDm[0]?.text).toMatch(/gentle reminder.*since Monday, 2 November 2026/);
  });

  test('when due work runs twice, or two runs overlap, then nothing is queued or sent twice', async () => {
    await person('U0A', 'Europe/Paris');
    await person('U0B', 'Europe/Paris');
    const cohortId = await seedCohort(db);
    await seedPairing(db, { cohortId, mentor: 'U0A', mentees: ['U0B'], conversationId: 'G0TWICE' });
    await tick('2026-11-02T09:00:00.000Z');
    clock.now = new Date('2026-11-09T09:00:00.000Z');
    await Promise.all([runDue({ db, logger }, clock.now), runDue({ db, logger }, clock.now)]);
    await runDue({ db, logger }, clock.now);
    const dispatcher = emulatorDispatcher(db, emulator, clock.read);
    await Promise.all([dispatcher.drain(), emulatorDispatcher(db, emulator, clock.read).drain()]);
    await dispatcher.drain();
    expect(postedKeys(emulator)).toHaveLength(1);
    expect((await outboxRows(db)).map((r) => r.idempotency_key)).toHaveLength(1);
  });

  test('when a cohort ends, then each pair gets one wrap-up and the channel recognises only those who opted in', async () => {
    await person('U0W1', 'Europe/London');
    await person('U0W2', 'Europe/London');
    await person('U0W3', 'Asia/Kolkata');
    await person('U0W4', 'Asia/Kolkata');
    const cohortId = await seedCohort(db, {
      endsOn: '2026-12-18',
      channel: 'C0COHORT',
      surveyMidpoint: false,
      surveyEnd: false,
    });
    const a = await seedPairing(db, { cohortId, mentor: 'U0W1', mentees: ['U0W2'], conversationId: 'G0WA' });
    await seedPairing(db, { cohortId, mentor: 'U0W3', mentees: ['U0W4'] });
    // A pair that ended early: its people did not complete the program.
    await person('U0W5', 'Europe/London');
    await person('U0W6', 'Europe/London');
    const early = await seedPairing(db, { cohortId, mentor: 'U0W5', mentees: ['U0W6'] });
    await db
      .updateTable('pairings')
      .set({ state: 'ended', ended_at: '2026-11-20T00:00:00.000Z' })
      .where('id', '=', early)
      .execute();
    await db
      .updateTable('enrollments')
      .set({ recognition_opt_in: 1 })
      .where('user_id', 'in', ['U0W1', 'U0W4'])
      .execute();
    expect(await tick('2026-12-17T23:00:00.000Z')).not.toContain(`wrapup:${a}`);
    const sent = await tick('2026-12-18T04:30:00.000Z');
    // 10:00 in Kolkata is 04:30 UTC; the recognition goes out as soon as the cohort ends.
    expect(sent).toEqual(expect.arrayContaining(['wrapup:2', `recognition:${cohortId}`]));
    expect(await tick('2026-12-18T10:00:00.000Z')).toEqual([`wrapup:${a}`]);
    expect(await tick('2026-12-19T10:00:00.000Z')).toEqual([]);
    const [post] = emulator.messagesIn('C0COHORT');
    expect(post?.blocks?.map((b) => JSON.stringify(b)).join('')).toContain('<@U0W1>');
    expect(JSON.stringify(post?.blocks)).toContain('<@U0W4>');
    expect(JSON.stringify(post?.blocks)).not.toContain('<@U0W2>');
    expect(emulator.messagesIn('G0WA').map((m) => m.text)).toEqual([
      'Spring leadership cohort has come to an end: thank you!',
    ]);
    const states = await db
      .selectFrom('enrollments')
      .select(['user_id', 'state'])
      .where('cohort_id', '=', cohortId)
      .orderBy('user_id')
      .execute();
    expect(states).toEqual([
      { user_id: 'U0W1', state: 'completed' },
      { user_id: 'U0W2', state: 'completed' },
      { user_id: 'U0W3', state: 'completed' },
      { user_id: 'U0W4', state: 'completed' },
      { user_id: 'U0W5', state: 'matched' },
      { user_id: 'U0W6', state: 'matched' },
    ]);
  });
});
