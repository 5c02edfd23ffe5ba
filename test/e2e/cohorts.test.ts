import { CohortIds as Ids } from '../../src/slack/ids';
import type { EmulatedView } from '../emulator/slack-emulator';
import { ADMIN_ID, type Harness, MEMBER_ID, modalFromCommand, startHarness } from '../support/harness';
import { type Entry, fillView } from '../support/view-state';

describe('cohort administration', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  const modalFrom = (text: string) => modalFromCommand(h, text);
  const openNewCohortModal = () => modalFrom('admin cohort new');

  async function submit(view: EmulatedView, entries: Record<string, Entry>, userId = ADMIN_ID) {
    return h.driver.viewSubmission({
      userId,
      view: { id: view.id, state: { values: fillView(view, entries) } },
    });
  }

  const spring: Record<string, Entry> = {
    [Ids.name]: { text: 'Spring 2027 leaders' },
    [Ids.slug]: { text: 'spring-27' },
    [Ids.enrollmentOpensOn]: { date: '2027-01-04' },
    [Ids.enrollmentClosesOn]: { date: '2027-01-22' },
    [Ids.startsOn]: { date: '2027-02-01' },
    [Ids.endsOn]: { date: '2027-07-30' },
    [Ids.guidelines]: { text: 'Meet at least monthly. What you discuss stays between you.' },
  };

  test('when an admin creates a cohort, then the modal saves it as a draft with the default questions and DMs next steps', async () => {
    const view = await openNewCohortModal();
    expect(view.callback_id).toBe(Ids.modal);
    const sent = await submit(view, spring);
    expect(sent.status).toBe(200);
    expect(sent.viewOutcome?.action).toBe('closed');
    const cohort = await h.db
      .selectFrom('cohorts')
      .selectAll()
      .where('slug', '=', 'spring-27')
      .executeTakeFirstOrThrow();
    expect(cohort).toMatchObject({
      name: 'Spring 2027 leaders',
      state: 'draft',
      track: 'high_potential',
      survey_midpoint: 1,
    });
    const questions = await h.db
      .selectFrom('profile_questions')
      .select('key')
      .where('cohort_id', '=', cohort.id)
      .execute();
    expect(questions.map((q) => q.key)).toContain('skills_wanted');
    const dm = await h.emulator.waitFor(() =>
      h.emulator.messagesIn(h.emulator.dmChannelFor(ADMIN_ID)).at(-1),
    );
    expect(dm.text).toMatch(/Created \*Spring 2027 leaders\* \(`spring-27`\) as a draft/);
    expect(dm.text).toMatch(/admin cohort open spring-27/);
    const audit = await h.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'cohort.create')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ actor_user_id: ADMIN_ID, target: 'spring-27', outcome: 'ok' }),
    ]);
  });

  test.each<[string, Record<string, Entry>, Record<string, RegExp>]>([
    [
      'dates out of order',
      { [Ids.enrollmentClosesOn]: { date: '2026-12-01' }, [Ids.endsOn]: { date: '2027-01-01' } },
      {
        [Ids.enrollmentClosesOn]: /close after it opens/,
        [Ids.endsOn]: /end after it starts/,
      },
    ],
    [
      'a slug already taken',
      { [Ids.slug]: { text: 'spring-27' } },
      { [Ids.slug]: /already uses this short name/ },
    ],
    ['a malformed slug', { [Ids.slug]: { text: 'Spring 27!' } }, { [Ids.slug]: /lowercase letters/ }],
    [
      'a group without a size',
      { [Ids.track]: { option: 'group' } },
      { [Ids.groupSize]: /needs a group size/ },
    ],
    [
      'a group of nine',
      { [Ids.track]: { option: 'group' }, [Ids.groupSize]: { text: '9' } },
      { [Ids.groupSize]: /2 to 8 people/ },
    ],
    [
      'a blank name and no dates',
      { [Ids.name]: { text: '  ' }, [Ids.startsOn]: { date: null } },
      {
        [Ids.name]: /give the cohort a name/,
        [Ids.startsOn]: /pick a date/,
      },
    ],
  ])(
    'when the modal has %s, then field errors come back in the modal and nothing is stored',
    async (_case, entries, expected) => {
      const view = await openNewCohortModal();
      const before = await h.db.selectFrom('cohorts').select('id').execute();
      const sent = await submit(view, { ...spring, [Ids.slug]: { text: 'autumn-27' }, ...entries });
      expect(sent.json?.response_action).toBe('errors');
      expect(sent.viewOutcome?.action).toBe('errors');
      const errors = sent.json?.errors as Record<string, string>;
      expect(Object.keys(errors).sort()).toEqual(Object.keys(expected).sort());
      for (const [block, pattern] of Object.entries(expected)) expect(errors[block]).toMatch(pattern);
      expect(await h.db.selectFrom('cohorts').select('id').execute()).toEqual(before);
    },
  );

  test('when an admin lists cohorts, then each shows its state, counts and buttons', async () => {
    const sent = await h.driver.command({ userId: ADMIN_ID, text: 'admin cohort list' });
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    const text = JSON.stringify(reply.body.blocks);
    expect(text).toContain('Spring 2027 leaders');
    expect(text).toContain('Mentors: 0');
    expect(text).toContain(Ids.open);
  });

  test('when an admin opens and closes enrollment, then the cohort moves through its lifecycle and refuses wrong moves', async () => {
    const say = async (text: string) => {
      const sent = await h.driver.command({ userId: ADMIN_ID, text });
      return String((await h.emulator.waitForResponse(sent.responseUrl ?? '')).body.text);
    };
    expect(await say('admin cohort close spring-27')).toMatch(/Nothing changed: Enrollment is not open/);
    expect(await say('admin cohort open spring-27')).toMatch(/is now: Enrolling/);
    expect(await say('admin cohort open spring-27')).toMatch(/already open/);
    expect(await say('admin cohort close spring-27')).toMatch(/is now: Enrollment closed, matching/);
    expect(await say('admin cohort complete spring-27')).toMatch(/Only an active cohort/);
    expect(await say('admin cohort open')).toMatch(/Usage: `\/mentor admin cohort open <short-name>`/);
    expect(await say('admin cohort open nope-nope')).toMatch(/no cohort called `nope-nope`/);
  });

  test('when the Open enrollment button is pressed by an admin, then enrollment opens', async () => {
    const sent = await h.driver.blockAction({
      userId: ADMIN_ID,
      actions: [{ action_id: Ids.open, value: 'spring-27', type: 'button' }],
      message: { ts: '1700000000.000100', isEphemeral: true, text: 'Cohorts' },
      channelId: h.emulator.dmChannelFor(ADMIN_ID),
    });
    expect(sent.status).toBe(200);
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(reply.body.text).toMatch(/is now: Enrolling/);
  });

  test('when a member crafts admin commands, button presses or modal submissions, then each is refused and audited', async () => {
    const command = await h.driver.command({ userId: MEMBER_ID, text: 'admin cohort close spring-27' });
    expect((await h.emulator.waitForResponse(command.responseUrl ?? '')).body.text).toMatch(
      /for program admins/,
    );

    const button = await h.driver.blockAction({
      userId: MEMBER_ID,
      actions: [{ action_id: Ids.close, value: 'spring-27', type: 'button' }],
      message: { ts: '1700000000.000200', isEphemeral: true, text: 'Cohorts' },
      channelId: h.emulator.dmChannelFor(MEMBER_ID),
    });
    expect((await h.emulator.waitForResponse(button.responseUrl ?? '')).body.text).toMatch(
      /for program admins/,
    );

    const view = await openNewCohortModal();
    const crafted = await submit(view, { ...spring, [Ids.slug]: { text: 'sneaky' } }, MEMBER_ID);
    expect(crafted.json?.response_action).toBe('errors');

    const cohort = await h.db
      .selectFrom('cohorts')
      .selectAll()
      .where('slug', '=', 'spring-27')
      .executeTakeFirstOrThrow();
    expect(cohort.state).toBe('enrolling');
    expect(await h.db.selectFrom('cohorts').select('id').where('slug', '=', 'sneaky').execute()).toEqual([]);
    const denied = await h.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_user_id', '=', MEMBER_ID)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.action).sort()).toEqual(
      ['button:cohort_close', 'command:admin cohort close', 'view:cohort_modal'].sort(),
    );
  });

  test('when an admin edits a cohort, then the modal is prefilled and saving keeps its state', async () => {
    const view = await modalFrom('admin cohort edit spring-27');
    const values = fillView(view);
    expect(values[Ids.name]?.value).toMatchObject({ value: 'Spring 2027 leaders' });
    expect(values[Ids.startsOn]?.value).toMatchObject({ selected_date: '2027-02-01' });
    const sent = await submit(view, { [Ids.name]: { text: 'Spring 2027 leaders (EMEA)' } });
    expect(sent.viewOutcome?.action).toBe('closed');
    const cohort = await h.db
      .selectFrom('cohorts')
      .selectAll()
      .where('slug', '=', 'spring-27')
      .executeTakeFirstOrThrow();
    expect(cohort).toMatchObject({ name: 'Spring 2027 leaders (EMEA)', state: 'enrolling' });
  });

  test('when the track of an enrolling cohort is changed, then it is refused with a field error', async () => {
    const view = await modalFrom('admin cohort edit spring-27');
    const sent = await submit(view, { [Ids.track]: { option: 'reverse' } });
    expect((sent.json?.errors as Record<string, string>)[Ids.track]).toMatch(
      /only while the cohort is a draft/,
    );
  });

  test('when the trigger has expired, then the admin gets an apology with a retry hint', async () => {
    h.emulator.failNext('views.open', { error: 'expired_trigger_id' });
    const sent = await h.driver.command({ userId: ADMIN_ID, text: 'admin cohort new' });
    const reply = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    expect(reply.body.text).toMatch(/run the command again/);
    expect(h.logs.some((l) => l.includes('views.open failed') && l.includes('expired_trigger_id'))).toBe(
      true,
    );
  });
});
