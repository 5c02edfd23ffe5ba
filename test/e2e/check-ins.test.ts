import { runDue } from '../../src/jobs/run-due';
import { createLogger } from '../../src/logger';
import { CheckInIds, SurveyIds } from '../../src/slack/ids';
import { ADMIN_ID, type Harness, MEMBER_ID, openHome, startHarness } from '../support/harness';
import { seedCohort, seedPairing, seedUser } from '../support/seed';
import { visibleText } from '../emulator';

const MENTOR = 'U0MENTOR1';
const OUTSIDER = 'U0OUTSIDE';
const logger = createLogger({ level: 'error', sink: () => {} });

describe('check-ins and surveys from Slack buttons and modals', () => {
  let h: Harness;
  let pairingId: number;

  async function tick(iso: string): Promise<void> {
    h.setNow(new Date(iso));
    await runDue({ db: h.db, logger }, new Date(iso));
    await h.app.dispatcher.drain();
  }

  beforeAll(async () => {
    h = await startHarness();
    h.emulator.addUser({ id: MENTOR, tz: 'Europe/London' });
    h.emulator.addUser({ id: OUTSIDER, tz: 'Europe/London' });
    await seedUser(h.db, MENTOR, 'Europe/London');
    await seedUser(h.db, MEMBER_ID, 'America/New_York');
    const cohortId = await seedCohort(h.db, { startsOn: '2026-11-02', endsOn: '2026-12-14' });
    pairingId = await seedPairing(h.db, {
      cohortId,
      mentor: MENTOR,
      mentees: [MEMBER_ID],
      conversationId: 'G0PAIR',
    });
  });
  afterAll(async () => {
    await h.stop();
  });

  test('when a pair says yes to a nudge, then the check-in modal opens, bad input comes back as field errors, and a good one is saved', async () => {
    await tick('2026-11-02T09:00:00.000Z');
    await tick('2026-11-09T15:00:00.000Z');
    const [nudge] = h.emulator.messagesIn('G0PAIR');
    expect(nudge?.text).toMatch(/Have you met since/);

    await h.driver.blockAction({
      userId: MENTOR,
      message: { ts: nudge?.ts ?? '', channelId: 'G0PAIR' },
      actions: [{ action_id: CheckInIds.logMeeting }],
    });
    const modal = await h.emulator.waitFor(() => h.emulator.topViewFor(MENTOR), 2000, 'the check-in modal');
    expect(modal.callback_id).toBe(CheckInIds.modal);

    const bad = await h.driver.viewSubmission({
      userId: MENTOR,
      view: {
        id: modal.id,
        state: {
          values: {
            [CheckInIds.date]: { value: { type: 'datepicker', selected_date: '2026-11-20' } },
            [CheckInIds.duration]: { value: { type: 'number_input', value: '2' } },
          },
        },
      },
    });
    expect(bad.json?.response_action).toBe('errors');
    expect(bad.viewOutcome?.action).toBe('errors');
    expect(Object.keys(bad.json?.errors as object).sort()).toEqual(
      [CheckInIds.date, CheckInIds.duration, CheckInIds.rating].sort(),
    );
    expect(await h.db.selectFrom('check_ins').selectAll().execute()).toEqual([]);

    const good = await h.driver.viewSubmission({
      userId: MENTOR,
      view: {
        id: modal.id,
        state: {
          values: {
            [CheckInIds.date]: { value: { type: 'datepicker', selected_date: '2026-11-06' } },
            [CheckInIds.duration]: { value: { type: 'number_input', value: '45' } },
            [CheckInIds.topics]: { value: { type: 'plain_text_input', value: 'Roadmap reviews' } },
            [CheckInIds.notes]: { value: { type: 'plain_text_input', value: 'my secret reflection' } },
            [CheckInIds.rating]: { value: { type: 'radio_buttons', selected_option: { value: '4' } } },
          },
        },
      },
    });
    expect(good.viewOutcome?.action).toBe('closed');
    const saved = await h.db.selectFrom('check_ins').selectAll().execute();
    expect(saved).toEqual([
      expect.objectContaining({
        pairing_id: pairingId,
        logged_by: MENTOR,
        met_on: '2026-11-06',
        duration_minutes: 45,
        private_notes: 'my secret reflection',
        rating: 4,
      }),
    ]);
    const pairing = await h.db.selectFrom('pairings').selectAll().executeTakeFirstOrThrow();
    // The next round was already planned later than a week after the meeting: it stays.
    expect(pairing.next_nudge_on).toBe('2026-11-16');
    expect(h.logs.join('\n')).not.toContain('my secret reflection');
    // Both members' Home tabs now show the meeting, without waiting for them to reopen the tab.
    for (const member of [MENTOR, MEMBER_ID]) {
      const home = await h.emulator.waitFor(
        () => {
          const view = h.emulator.homeOf(member);
          return view && visibleText(view).includes('1 check-in') ? view : undefined;
        },
        2000,
        `${member}'s refreshed Home tab`,
      );
      expect(visibleText(home)).not.toContain('my secret reflection');
    }
  });

  test('when someone outside the pairing presses its buttons, then they are refused politely', async () => {
    const [nudge] = h.emulator.messagesIn('G0PAIR');
    const sent = await h.driver.blockAction({
      userId: ADMIN_ID,
      message: { ts: nudge?.ts ?? '', channelId: 'G0PAIR' },
      actions: [{ action_id: CheckInIds.logMeeting }],
    });
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(reply.body.text).toMatch(/Only the people in this mentoring pairing/);
    expect(h.emulator.topViewFor(ADMIN_ID)).toBeUndefined();

    // From the Home tab Slack sends no response_url: the refusal comes by DM instead.
    const home = await openHome(h, OUTSIDER);
    const dm = h.emulator.dmChannelFor(OUTSIDER);
    const before = h.emulator.messagesIn(dm).length;
    await h.driver.blockAction({
      userId: OUTSIDER,
      view: home.id,
      actions: [{ action_id: CheckInIds.logMeeting, value: String(pairingId) }],
    });
    const told = await h.emulator.waitFor(() => h.emulator.messagesIn(dm).slice(before)[0], 2000, 'a DM');
    expect(told.text).toMatch(/Only the people in this mentoring pairing/);
    expect(h.logs.join('\n')).not.toContain('unhandled error');
  });

  test('when the pair snoozes, changes cadence, pauses and asks for help, then the schedule follows and the admins hear about it', async () => {
    h.setNow(new Date('2026-11-16T15:00:00.000Z'));
    const [nudge] = h.emulator.messagesIn('G0PAIR');
    const click = async (action: Record<string, unknown> & { action_id: string }) => {
      const sent = await h.driver.blockAction({
        userId: MEMBER_ID,
        message: { ts: nudge?.ts ?? '', channelId: 'G0PAIR' },
        actions: [action],
      });
      return (await h.emulator.waitForResponse(sent.responseUrl ?? '')).body.text;
    };

    expect(await click({ action_id: CheckInIds.snooze })).toMatch(/ask again on 2026-11-19/);
    let pairing = await h.db.selectFrom('pairings').selectAll().executeTakeFirstOrThrow();
    // Three days on (from 15:00 UTC), at an hour inside both working days (London 15:00, New York 10:00).
    expect(pairing.next_nudge_at).toBe('2026-11-19T15:00:00.000Z');

    expect(
      await click({
        action_id: CheckInIds.cadence,
        type: 'static_select',
        selected_option: { value: `${pairingId}:monthly` },
      }),
    ).toMatch(/monthly/);
    pairing = await h.db.selectFrom('pairings').selectAll().executeTakeFirstOrThrow();
    expect(pairing).toMatchObject({ cadence: 'monthly', next_nudge_on: '2026-12-16', next_nudge_at: null });

    expect(await click({ action_id: CheckInIds.pause })).toMatch(/paused until 2026-12-14/);
    pairing = await h.db.selectFrom('pairings').selectAll().executeTakeFirstOrThrow();
    expect(pairing).toMatchObject({ state: 'paused', paused_until: '2026-12-14' });
    await tick('2026-11-20T15:00:00.000Z');
    expect(h.emulator.messagesIn('G0PAIR').filter((m) => m.text.startsWith('Check-in'))).toHaveLength(1);

    expect(await click({ action_id: CheckInIds.needHelp })).toMatch(/program team has been notified/);
    const adminDm = h.emulator.dmChannelFor(ADMIN_ID);
    const help = await h.emulator.waitFor(() => h.emulator.messagesIn(adminDm)[0], 3000, 'the admin DM');
    expect(help.text).toContain(`<@${MEMBER_ID}> asked for help`);
  });

  test('when a survey point comes, then each participant is invited once at 10:00 local, reminded once after three days, and late answers are turned away', async () => {
    // Midpoint of 2026-11-02 … 2026-12-14 is 2026-11-23.
    await tick('2026-11-23T00:00:00.000Z');
    const survey = await h.db.selectFrom('surveys').selectAll().executeTakeFirstOrThrow();
    expect(survey).toMatchObject({ kind: 'midpoint', opens_at: '2026-11-23T00:00:00.000Z' });
    await tick('2026-11-23T10:00:00.000Z');
    const mentorDm = h.emulator.dmChannelFor(MENTOR);
    const memberDm = h.emulator.dmChannelFor(MEMBER_ID);
    expect(h.emulator.messagesIn(mentorDm).map((m) => m.text)).toEqual([
      'We would love your feedback on Spring leadership cohort.',
    ]);
    expect(h.emulator.messagesIn(memberDm)).toHaveLength(0);
    await tick('2026-11-23T15:00:00.000Z');
    await tick('2026-11-23T15:00:00.000Z');
    expect(h.emulator.messagesIn(memberDm)).toHaveLength(1);

    // The member answers; the mentor does not.
    const invite = h.emulator.messagesIn(memberDm)[0];
    await h.driver.blockAction({
      userId: MEMBER_ID,
      message: { ts: invite?.ts ?? '', channelId: memberDm },
      actions: [{ action_id: SurveyIds.open }],
    });
    const modal = await h.emulator.waitFor(() => h.emulator.topViewFor(MEMBER_ID), 2000, 'the survey modal');
    const answers = {
      [SurveyIds.satisfaction]: { value: { type: 'radio_buttons', selected_option: { value: '5' } } },
      [SurveyIds.goalProgress]: { value: { type: 'radio_buttons', selected_option: { value: '4' } } },
      [SurveyIds.nps]: { value: { type: 'static_select', selected_option: { value: '9' } } },
      [SurveyIds.leadership]: { value: { type: 'radio_buttons', selected_option: { value: 'yes' } } },
      [SurveyIds.comments]: { value: { type: 'plain_text_input', value: 'confidential praise' } },
    };
    const first = await h.driver.viewSubmission({
      userId: MEMBER_ID,
      view: { id: modal.id, state: { values: answers } },
    });
    expect(first.viewOutcome?.action).toBe('closed');
    const again = await h.driver.viewSubmission({
      userId: MEMBER_ID,
      view: {
        id: modal.id,
        callback_id: SurveyIds.modal,
        private_metadata: modal.private_metadata,
        state: { values: answers },
      },
    });
    expect(again.json?.errors).toEqual({
      [SurveyIds.satisfaction]: 'You have already answered this survey. Thank you!',
    });
    expect(await h.db.selectFrom('survey_responses').selectAll().execute()).toHaveLength(1);

    await tick('2026-11-26T10:00:00.000Z');
    await tick('2026-11-27T10:00:00.000Z');
    await tick('2026-11-30T15:00:00.000Z');
    expect(h.emulator.messagesIn(mentorDm).map((m) => m.text)).toEqual([
      'We would love your feedback on Spring leadership cohort.',
      'A friendly reminder: we would still love your feedback on Spring leadership cohort.',
    ]);
    expect(h.emulator.messagesIn(memberDm)).toHaveLength(1);

    // Fourteen days after opening the survey is closed.
    h.setNow(new Date('2026-12-07T09:00:00.000Z'));
    const late = await h.driver.viewSubmission({
      userId: MENTOR,
      view: {
        callback_id: SurveyIds.modal,
        private_metadata: modal.private_metadata,
        blocks: modal.blocks,
        state: { values: answers },
      },
    });
    expect(late.json?.errors).toEqual({
      [SurveyIds.satisfaction]: expect.stringMatching(/closed on 2026-12-06/),
    });
    expect(h.logs.join('\n')).not.toContain('confidential praise');
  });
});
