import type { CohortSettings } from '../../src/domain/cohorts';
import { changeCohortState, createCohort } from '../../src/services/cohorts';
import { EnrollIds as Ids } from '../../src/slack/ids';
import { questionBlockId as q } from '../../src/slack/views/enroll-modal';
import { validateView } from '../emulator/block-kit-limits';
import type { EmulatedView } from '../emulator/slack-emulator';
import { ADMIN_ID, type Harness, MEMBER_ID, openHome, startHarness } from '../support/harness';
import { cohortSettings } from '../support/match-seed';
import { type Entry, fillView } from '../support/view-state';

const MENTOR_ID = 'U0MENTOR1';
const PEER_ID = 'U0PEER001';

/** The shared seed cohort, with guidelines that need escaping and both surveys on. */
function settings(slug: string, extra: Partial<CohortSettings> = {}): CohortSettings {
  return cohortSettings(slug, {
    guidelines: 'Meet monthly & keep it <confidential>.',
    surveyMidpoint: true,
    surveyEnd: true,
    ...extra,
  });
}

const menteeAnswers: Record<string, Entry> = {
  [q('objectives')]: { text: ':rocket: Grow into "people leadership" <b>now</b>; DROP TABLE users; --' },
  [q('skills_wanted')]: { options: ['strategy', 'negotiation'] },
  [q('department')]: { option: 'engineering' },
  [q('job_level')]: { option: '3' },
  [q('cadence')]: { option: 'biweekly' },
  [q('languages')]: { options: ['english', 'spanish'] },
  [q('gender')]: { option: 'prefer_not_to_say' },
};

describe('enrollment', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (const [id, name, tz] of [
      [MENTOR_ID, 'Grace Mentor', 'Europe/Berlin'],
      [PEER_ID, 'Pat Peer', 'Asia/Tokyo'],
    ] as const) {
      h.emulator.addUser({ id, name: name.split(' ')[0]?.toLowerCase() ?? id, realName: name, tz });
    }
  });
  afterAll(async () => {
    await h.stop();
  });

  async function modalAfter(send: () => Promise<unknown>, userId = MEMBER_ID): Promise<EmulatedView> {
    const before = h.emulator.callsTo('views.open').length;
    await send();
    await h.emulator.waitFor(() => h.emulator.callsTo('views.open').length > before);
    const view = h.emulator.topViewFor(userId);
    if (view === undefined) throw new Error('no modal');
    return view;
  }

  async function change(
    view: EmulatedView,
    userId: string,
    actionId: string,
    value: string,
  ): Promise<EmulatedView> {
    const before = h.emulator.callsTo('views.update').length;
    await h.driver.blockAction({
      userId,
      view: view.id,
      actions: [{ action_id: actionId, selected_option: { value } }],
    });
    await h.emulator.waitFor(() => h.emulator.callsTo('views.update').length > before);
    const updated = h.emulator.getView(view.id);
    if (updated === undefined) throw new Error('view gone');
    return updated;
  }

  async function submit(view: EmulatedView, userId: string, entries: Record<string, Entry>) {
    return h.driver.viewSubmission({
      userId,
      view: { id: view.id, state: { values: fillView(view, entries) } },
    });
  }

  const inputIds = (view: EmulatedView) => view.blocks.map((b) => String(b.block_id ?? ''));

  test('when no cohort is open, then /mentor join says so and names who runs the program', async () => {
    const sent = await h.driver.command({ userId: MEMBER_ID, text: 'join' });
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(reply.body.text).toBe('No mentoring program is open for enrollment right now.');
    expect(JSON.stringify(reply.body.blocks)).toContain(`<@${ADMIN_ID}>`);
  });

  test('when one cohort is open, then the modal preselects it and shows the questions for the chosen role', async () => {
    await createCohort(h.services, ADMIN_ID, settings('alpha'));
    await changeCohortState(h.services, ADMIN_ID, 'alpha', 'open');
    const view = await modalAfter(() => h.driver.command({ userId: MEMBER_ID, text: 'join' }));
    expect(view.callback_id).toBe(Ids.modal);
    expect(fillView(view)[Ids.cohort]).toMatchObject({
      [Ids.cohort]: { selected_option: { value: expect.any(String) } },
    });
    expect(inputIds(view)).not.toContain(q('objectives'));
    const asMentee = await change(view, MEMBER_ID, Ids.role, 'mentee');
    expect(inputIds(asMentee)).toEqual(
      expect.arrayContaining([q('objectives'), q('skills_wanted'), q('gender')]),
    );
    expect(inputIds(asMentee)).not.toContain(q('skills_offered'));
    expect(validateView(asMentee, 'modal')).toEqual([]);
  });

  test.each<[string, Record<string, Entry>, Record<string, RegExp>]>([
    [
      'required answers missing',
      { [q('objectives')]: { text: null }, [q('department')]: { option: null } },
      {
        [q('objectives')]: /Please answer/,
        [q('department')]: /Please answer/,
      },
    ],
    [
      'too many skills',
      {
        [q('skills_wanted')]: {
          options: [
            'strategy',
            'negotiation',
            'delegation',
            'communication',
            'time_management',
            'career_growth',
          ],
        },
      },
      {
        [q('skills_wanted')]: /at most 5/,
      },
    ],
    [
      'the person as their own manager',
      { [q('manager')]: { user: MEMBER_ID } },
      { [q('manager')]: /cannot be you/ },
    ],
    [
      'an over-long objective',
      { [q('objectives')]: { text: 'x'.repeat(3001) } },
      { [q('objectives')]: /under 3000 characters/ },
    ],
  ])(
    'when a submission has %s, then field errors come back and nothing is stored',
    async (_case, entries, expected) => {
      const view = await change(
        await modalAfter(() => h.driver.command({ userId: MEMBER_ID, text: 'join' })),
        MEMBER_ID,
        Ids.role,
        'mentee',
      );
      const sent = await submit(view, MEMBER_ID, { ...menteeAnswers, ...entries });
      expect(sent.json?.response_action).toBe('errors');
      const errors = sent.json?.errors as Record<string, string>;
      expect(Object.keys(errors).sort()).toEqual(Object.keys(expected).sort());
      for (const [block, pattern] of Object.entries(expected)) expect(errors[block]).toMatch(pattern);
      expect(
        await h.db.selectFrom('enrollments').select('id').where('user_id', '=', MEMBER_ID).execute(),
      ).toEqual([]);
    },
  );

  test('when a mentor offers no skill, then that is the error', async () => {
    const view = await change(
      await modalAfter(() => h.driver.command({ userId: MENTOR_ID, text: 'join' }), MENTOR_ID),
      MENTOR_ID,
      Ids.role,
      'mentor',
    );
    const { [q('skills_wanted')]: _skip, ...rest } = menteeAnswers;
    const sent = await submit(view, MENTOR_ID, rest);
    expect(sent.json?.errors).toEqual({ [q('skills_offered')]: 'Please pick at least one.' });
  });

  test('when a mentee joins, then the enrollment, answers (verbatim), name and time zone are stored and a DM is queued', async () => {
    const view = await change(
      await modalAfter(() => h.driver.command({ userId: MEMBER_ID, text: 'join' })),
      MEMBER_ID,
      Ids.role,
      'mentee',
    );
    const sent = await submit(view, MEMBER_ID, { ...menteeAnswers, [q('manager')]: { user: MENTOR_ID } });
    expect(sent.viewOutcome?.action).toBe('closed');
    const enrollment = await h.db
      .selectFrom('enrollments')
      .selectAll()
      .where('user_id', '=', MEMBER_ID)
      .executeTakeFirstOrThrow();
    expect(enrollment).toMatchObject({ role: 'mentee', state: 'enrolled' });
    const user = await h.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', MEMBER_ID)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ real_name: 'Mo Member', tz: 'America/New_York' });
    const answers = await h.db
      .selectFrom('profile_answers')
      .innerJoin('profile_questions', 'profile_questions.id', 'profile_answers.question_id')
      .select(['profile_questions.key', 'profile_answers.value'])
      .where('enrollment_id', '=', enrollment.id)
      .execute();
    const byKey = Object.fromEntries(answers.map((a) => [a.key, JSON.parse(a.value) as unknown]));
    expect(byKey.objectives).toBe(':rocket: Grow into "people leadership" <b>now</b>; DROP TABLE users; --');
    expect(byKey.skills_wanted).toEqual(['strategy', 'negotiation']);
    expect(byKey.manager).toBe(MENTOR_ID);
    const dm = await h.db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'enrollment.confirmed')
      .execute();
    expect(dm).toHaveLength(1);
    expect(dm[0]?.target).toBe(MEMBER_ID);
    const payload = dm[0]?.payload ?? '';
    expect(payload).toContain('Mentee');
    expect(payload).toContain('&lt;b&gt;now&lt;/b&gt;');
    expect(payload).toContain('Meet monthly &amp; keep it &lt;confidential&gt;.');
    expect(payload).not.toMatch(/prefer_not_to_say|Prefer not to say/);
    // The Home tab is refreshed with the program just joined.
    const home = await h.emulator.waitFor(
      () => h.emulator.homeOf(MEMBER_ID),
      3000,
      'the Home tab refreshed after joining',
    );
    expect(JSON.stringify(home.blocks)).toContain('Cohort alpha');
  });

  test('when the same person joins again, then the enrollment is updated, never duplicated', async () => {
    const view = await modalAfter(() => h.driver.command({ userId: MEMBER_ID, text: 'join' }));
    expect(fillView(view)[q('department')]).toMatchObject({
      value: { selected_option: { value: 'engineering' } },
    });
    await submit(view, MEMBER_ID, { [q('department')]: { option: 'sales' } });
    const rows = await h.db.selectFrom('enrollments').selectAll().where('user_id', '=', MEMBER_ID).execute();
    expect(rows).toHaveLength(1);
    const dept = await h.db
      .selectFrom('profile_answers')
      .innerJoin('profile_questions', 'profile_questions.id', 'profile_answers.question_id')
      .select('value')
      .where('enrollment_id', '=', rows[0]?.id ?? 0)
      .where('profile_questions.key', '=', 'department')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(dept.value)).toBe('sales');
  });

  test("when several cohorts are open, then switching cohort redraws the modal with that cohort's roles and questions", async () => {
    await createCohort(h.services, ADMIN_ID, settings('beta', { track: 'reverse' }));
    await changeCohortState(h.services, ADMIN_ID, 'beta', 'open');
    const beta = await h.db
      .selectFrom('cohorts')
      .select('id')
      .where('slug', '=', 'beta')
      .executeTakeFirstOrThrow();
    const view = await modalAfter(() => h.driver.command({ userId: PEER_ID, text: 'join' }), PEER_ID);
    const switched = await change(view, PEER_ID, Ids.cohort, String(beta.id));
    expect(JSON.stringify(switched.blocks)).toContain('Junior mentor (teaches)');
    expect(JSON.parse(switched.private_metadata)).toMatchObject({ cohortId: beta.id });
  });

  test('when the cohort closes while someone fills in the form, then the submission gets a field error', async () => {
    const view = await change(
      await modalAfter(() => h.driver.command({ userId: PEER_ID, text: 'join alpha' }), PEER_ID),
      PEER_ID,
      Ids.role,
      'mentee',
    );
    await changeCohortState(h.services, ADMIN_ID, 'alpha', 'close');
    const sent = await submit(view, PEER_ID, menteeAnswers);
    expect((sent.json?.errors as Record<string, string>)[Ids.cohort]).toMatch(
      /Enrollment for Cohort alpha has closed/,
    );
    await changeCohortState(h.services, ADMIN_ID, 'alpha', 'open');
  });

  test('when a cohort is for nominees, then a non-nominee cannot join as mentee and is told why; a nominee can', async () => {
    await createCohort(h.services, ADMIN_ID, settings('gamma', { nominatedOnly: true }));
    await changeCohortState(h.services, ADMIN_ID, 'gamma', 'open');
    const view = await change(
      await modalAfter(() => h.driver.command({ userId: PEER_ID, text: 'join gamma' }), PEER_ID),
      PEER_ID,
      Ids.role,
      'mentee',
    );
    expect(JSON.stringify(view.blocks)).toMatch(/for nominated employees/);
    const refused = await submit(view, PEER_ID, menteeAnswers);
    expect((refused.json?.errors as Record<string, string>)[Ids.role]).toMatch(/for nominated employees/);
    const gamma = await h.db
      .selectFrom('cohorts')
      .select('id')
      .where('slug', '=', 'gamma')
      .executeTakeFirstOrThrow();
    await h.db
      .insertInto('nominations')
      .values({
        cohort_id: gamma.id,
        user_id: PEER_ID,
        nominated_by: ADMIN_ID,
        created_at: '2026-11-01T00:00:00.000Z',
      })
      .execute();
    const accepted = await submit(view, PEER_ID, menteeAnswers);
    expect(accepted.viewOutcome?.action).toBe('closed');
  });

  test('when users.info fails, then the person is still enrolled with the name Slack sent', async () => {
    await createCohort(h.services, ADMIN_ID, settings('delta'));
    await changeCohortState(h.services, ADMIN_ID, 'delta', 'open');
    const view = await change(
      await modalAfter(() => h.driver.command({ userId: MENTOR_ID, text: 'join delta' }), MENTOR_ID),
      MENTOR_ID,
      Ids.role,
      'mentor',
    );
    h.emulator.failNext('users.info', { error: 'user_not_found' });
    const { [q('skills_wanted')]: _skip, ...rest } = menteeAnswers;
    const sent = await submit(view, MENTOR_ID, { ...rest, [q('skills_offered')]: { options: ['strategy'] } });
    expect(sent.viewOutcome?.action).toBe('closed');
    expect(
      await h.db.selectFrom('users').select(['name', 'tz']).where('id', '=', MENTOR_ID).executeTakeFirst(),
    ).toEqual({ name: 'grace', tz: null });
  });

  test('when a member edits their profile, then the modal is prefilled; once matched, answers used in matching are locked', async () => {
    const view = await modalAfter(() => h.driver.command({ userId: MEMBER_ID, text: 'profile alpha' }));
    expect(fillView(view)[q('objectives')]).toMatchObject({
      value: { value: expect.stringContaining(':rocket:') },
    });
    const saved = await submit(view, MEMBER_ID, { [q('objectives')]: { text: 'Lead a team of five' } });
    expect(saved.viewOutcome?.action).toBe('closed');

    await h.db
      .updateTable('enrollments')
      .set({ state: 'matched' })
      .where('user_id', '=', MEMBER_ID)
      .execute();
    const locked = await modalAfter(() => h.driver.command({ userId: MEMBER_ID, text: 'profile alpha' }));
    expect(inputIds(locked)).not.toContain(q('skills_wanted'));
    expect(JSON.stringify(locked.blocks)).toContain(':lock:');
    await submit(locked, MEMBER_ID, {});
    const skills = await h.db
      .selectFrom('profile_answers')
      .innerJoin('profile_questions', 'profile_questions.id', 'profile_answers.question_id')
      .select('value')
      .where('profile_questions.key', '=', 'skills_wanted')
      .where(
        'enrollment_id',
        'in',
        h.db.selectFrom('enrollments').select('id').where('user_id', '=', MEMBER_ID),
      )
      .executeTakeFirstOrThrow();
    expect(JSON.parse(skills.value)).toEqual(['strategy', 'negotiation']);
  });

  test('when a matched member asks for status, then it shows the program, partner and cadence', async () => {
    const alpha = await h.db
      .selectFrom('cohorts')
      .select('id')
      .where('slug', '=', 'alpha')
      .executeTakeFirstOrThrow();
    const at = '2026-12-20T00:00:00.000Z';
    const pairing = await h.db
      .insertInto('pairings')
      .values({
        cohort_id: alpha.id,
        cadence: 'biweekly',
        reasons: JSON.stringify(['Grace offers Strategy, on your list (+40)']),
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await h.db
      .insertInto('pairing_members')
      .values([
        { pairing_id: pairing.id, user_id: MEMBER_ID, role: 'mentee' },
        { pairing_id: pairing.id, user_id: MENTOR_ID, role: 'mentor' },
      ])
      .execute();
    const sent = await h.driver.command({ userId: MEMBER_ID, text: 'status' });
    const text = JSON.stringify((await h.emulator.waitForResponse(sent.responseUrl ?? '')).body.blocks);
    expect(text).toContain('Cohort alpha');
    expect(text).toContain(`<@${MENTOR_ID}>`);
    expect(text).toContain('grace');
  });

  test('when the Home tab opens, then a member sees their match and reasons, and an admin also sees cohorts', async () => {
    const home = await openHome(h, MEMBER_ID);
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('Why you were matched');
    expect(text).toContain('Grace offers Strategy');
    expect(text).not.toContain('Program admin');
    const adminHome = await openHome(h, ADMIN_ID);
    expect(JSON.stringify(adminHome.blocks)).toContain('Program admin');
    expect(JSON.stringify(adminHome.blocks)).toMatch(/Matched (\d+%|n\/a) · active pairs \d+ of \d+/);
  });

  test('when there are many cohorts, then the admin Home tab stays within 100 blocks', async () => {
    for (let i = 0; i < 60; i++) await createCohort(h.services, ADMIN_ID, settings(`bulk-${i}`));
    const home = await openHome(h, ADMIN_ID);
    expect(home?.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(home?.blocks)).toContain('older cohorts not shown');
    expect(JSON.stringify(home?.blocks)).toContain('Matched n/a · active pairs 0 of 0');
    // Every cohort, including those not listed, is summed in one line above the list.
    expect(JSON.stringify(home?.blocks)).toMatch(
      /\*All cohorts\* · \d+ enrollments\\nMatched \d+% · active pairs \d+ of \d+/,
    );
  });

  test('when a member leaves, then they confirm first; partner and admins are told; self-identification is deleted', async () => {
    const sent = await h.driver.command({ userId: MEMBER_ID, text: 'leave' });
    const ask = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(JSON.stringify(ask.body.blocks)).toContain(Ids.leaveConfirm);
    const enrollment = await h.db
      .selectFrom('enrollments')
      .selectAll()
      .where('user_id', '=', MEMBER_ID)
      .executeTakeFirstOrThrow();
    expect(
      await h.db.selectFrom('enrollments').select('state').where('id', '=', enrollment.id).executeTakeFirst(),
    ).toEqual({ state: 'matched' });

    const press = await h.driver.blockAction({
      userId: MEMBER_ID,
      actions: [{ action_id: Ids.leaveConfirm, value: String(enrollment.id), type: 'button' }],
      message: { ts: '1700000001.000100', isEphemeral: true, text: 'Do you want to leave?' },
      channelId: h.emulator.dmChannelFor(MEMBER_ID),
    });
    const done = await h.emulator.waitForResponse(press.responseUrl ?? '');
    expect(done.body.text).toMatch(/You've left \*Cohort alpha\*/);
    // Home stops offering to leave a program already left.
    await h.emulator.waitFor(
      () => !JSON.stringify(h.emulator.homeOf(MEMBER_ID)?.blocks ?? []).includes('Leave Cohort alpha'),
      3000,
      'the Home tab refreshed after leaving',
    );
    expect(
      await h.db.selectFrom('enrollments').select('state').where('id', '=', enrollment.id).executeTakeFirst(),
    ).toEqual({ state: 'withdrawn' });
    const sensitive = await h.db
      .selectFrom('profile_answers')
      .innerJoin('profile_questions', 'profile_questions.id', 'profile_answers.question_id')
      .select('profile_questions.key')
      .where('enrollment_id', '=', enrollment.id)
      .where('profile_questions.sensitive', '=', 1)
      .execute();
    expect(sensitive).toEqual([]);
    const notices = await h.db
      .selectFrom('outbox')
      .select(['target', 'payload'])
      .where('kind', '=', 'enrollment.left')
      .execute();
    expect(notices.map((n) => n.target).sort()).toEqual([ADMIN_ID, MENTOR_ID].sort());
    const pairing = await h.db.selectFrom('pairings').select('state').executeTakeFirstOrThrow();
    expect(pairing.state).toBe('ended');

    const again = await h.driver.blockAction({
      userId: MEMBER_ID,
      actions: [{ action_id: Ids.leaveConfirm, value: String(enrollment.id), type: 'button' }],
      message: { ts: '1700000001.000200', isEphemeral: true, text: 'Do you want to leave?' },
      channelId: h.emulator.dmChannelFor(MEMBER_ID),
    });
    expect((await h.emulator.waitForResponse(again.responseUrl ?? '')).body.text).toMatch(/already left/);
  });

  test("when someone presses Leave on another person's enrollment, then nothing happens", async () => {
    const mentor = await h.db
      .selectFrom('enrollments')
      .select('id')
      .where('user_id', '=', MENTOR_ID)
      .executeTakeFirstOrThrow();
    const press = await h.driver.blockAction({
      userId: PEER_ID,
      actions: [{ action_id: Ids.leaveConfirm, value: String(mentor.id), type: 'button' }],
      message: { ts: '1700000001.000300', isEphemeral: true, text: 'x' },
      channelId: h.emulator.dmChannelFor(PEER_ID),
    });
    expect((await h.emulator.waitForResponse(press.responseUrl ?? '')).body.text).toMatch(/not yours/);
    expect(
      await h.db.selectFrom('enrollments').select('state').where('id', '=', mentor.id).executeTakeFirst(),
    ).toEqual({ state: 'enrolled' });
  });

  test('when Slack redelivers /mentor join, then only one modal is opened', async () => {
    const before = h.emulator.callsTo('views.open').length;
    const first = await h.driver.command({ userId: PEER_ID, text: 'join' });
    await h.emulator.waitFor(() => h.emulator.callsTo('views.open').length > before);
    await h.driver.redeliver(first, { retryNum: 1, retryReason: 'http_timeout' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.emulator.callsTo('views.open').length).toBe(before + 1);
  });
});
