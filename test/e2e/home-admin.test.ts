import { ALL_COHORTS, CohortIds } from '../../src/slack/ids';
import { replyTo, seedBankCohort, seedEnrollment } from '../support/admin-seed';
import { ADMIN_ID, type Harness, MEMBER_ID, openHome, startHarness } from '../support/harness';

/**
 * Buttons on the admin's Home tab. Slack sends no response_url for clicks on Home, so every answer
 * must come some other way (a DM), and the tab must be republished after a change.
 */
describe('admin buttons on App Home', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.setNow(new Date('2026-11-25T12:00:00.000Z'));
    const spring = await seedBankCohort(h.db, { slug: 'spring', state: 'enrolling' });
    await seedBankCohort(h.db, { slug: 'autumn', state: 'active' });
    for (let i = 0; i < 6; i++)
      await seedEnrollment(h.db, {
        cohortId: spring,
        userId: `U0H${i}`,
        role: i < 3 ? 'mentor' : 'mentee',
        state: 'enrolled',
        answers: { objectives: 'Public speaking' },
      });
  });
  afterAll(async () => {
    await h.stop();
  });

  function dmTexts(userId: string): string[] {
    return h.emulator
      .messagesIn(h.emulator.dmChannelFor(userId))
      .map((m) => `${m.text} ${JSON.stringify(m.blocks)}`);
  }

  function unhandledErrors(): string[] {
    return h.logs.filter((line) => line.includes('unhandled error'));
  }

  test('when an admin closes enrollment from Home, then the cohort closes, they are told by DM and Home shows it', async () => {
    const home = await openHome(h, ADMIN_ID);
    expect(JSON.stringify(home.blocks)).toContain('Close enrollment');
    const publishes = h.emulator.callsTo('views.publish').length;
    const dms = dmTexts(ADMIN_ID).length;
    const sent = await h.driver.blockAction({
      userId: ADMIN_ID,
      view: home.id,
      actions: [{ action_id: CohortIds.close, value: 'spring' }],
    });
    expect(sent.status).toBe(200);
    await h.emulator.waitFor(
      () => h.emulator.callsTo('views.publish').length > publishes,
      3000,
      'Home republished',
    );
    expect(dmTexts(ADMIN_ID).slice(dms).join('\n')).toMatch(/`spring`\) is now: /);
    const state = await h.db
      .selectFrom('cohorts')
      .select('state')
      .where('slug', '=', 'spring')
      .executeTakeFirst();
    expect(state?.state).toBe('matching');
    const refreshed = JSON.stringify(h.emulator.homeOf(ADMIN_ID)?.blocks);
    expect(refreshed).toContain('Open enrollment');
    expect(unhandledErrors()).toEqual([]);
  });

  test('when an admin presses Report on Home, then the report arrives by DM with its charts', async () => {
    const home = await openHome(h, ADMIN_ID);
    const dms = dmTexts(ADMIN_ID).length;
    const uploads = h.emulator.uploadedFiles.length;
    await h.driver.blockAction({
      userId: ADMIN_ID,
      view: home.id,
      actions: [{ action_id: CohortIds.report, value: 'spring' }],
    });
    await h.emulator.waitFor(
      () => h.emulator.uploadedFiles.slice(uploads).some((f) => f.completed),
      5000,
      'chart',
    );
    const text = dmTexts(ADMIN_ID).slice(dms).join('\n');
    expect(text).toContain('Program report: Spring');
    expect(text).toContain('Enrolled: *6*');
    expect(text).toContain('public speaking (6)');
    expect(h.emulator.uploadedFiles.slice(uploads)[0]?.filename).toMatch(/^spring-.*-funnel\.png$/);
    expect(unhandledErrors()).toEqual([]);
  });

  test('when an admin presses Report on the all-cohorts line, then every cohort is reported', async () => {
    const home = await openHome(h, ADMIN_ID);
    expect(JSON.stringify(home.blocks)).toContain('*All cohorts* · 6 enrollments');
    const dms = dmTexts(ADMIN_ID).length;
    const uploads = h.emulator.uploadedFiles.length;
    await h.driver.blockAction({
      userId: ADMIN_ID,
      view: home.id,
      actions: [{ action_id: CohortIds.report, value: ALL_COHORTS }],
    });
    await h.emulator.waitFor(
      () =>
        h.emulator.uploadedFiles
          .slice(uploads)
          .some((f) => f.completed && f.filename.startsWith('all-cohorts-')),
      5000,
      'the all-cohorts chart',
    );
    expect(dmTexts(ADMIN_ID).slice(dms).join('\n')).toContain('Program report: all cohorts (2)');
    expect(unhandledErrors()).toEqual([]);
  });

  test('when the Report button is pressed on the cohort list message, then the report answers through its response_url', async () => {
    const list = await h.driver.command({ userId: ADMIN_ID, text: 'admin cohort list' });
    const listed = await h.emulator.waitForResponse(list.responseUrl ?? '');
    expect(JSON.stringify(listed.body.blocks)).toContain(CohortIds.report);
    const sent = await h.driver.blockAction({
      userId: ADMIN_ID,
      message: { ts: '1700000000.000100', isEphemeral: true, blocks: listed.body.blocks as never },
      actions: [{ action_id: CohortIds.report, value: 'autumn' }],
    });
    const answer = await h.emulator.waitForResponse(sent.responseUrl ?? '');
    // autumn has nobody enrolled yet (spring has 6).
    expect(JSON.stringify(answer.body)).toContain('Program report: ');
    expect(JSON.stringify(answer.body)).toContain('Enrolled: *0*');
  });

  test('when someone who is not an admin presses Report, or sends a bad value, then nothing is reported', async () => {
    const dms = dmTexts(MEMBER_ID).length;
    const home = await openHome(h, ADMIN_ID);
    await h.driver.blockAction({
      userId: MEMBER_ID,
      view: home.id,
      actions: [{ action_id: CohortIds.report, value: 'spring' }],
    });
    await h.emulator.waitFor(() => dmTexts(MEMBER_ID).length > dms, 3000, 'refusal');
    const told = dmTexts(MEMBER_ID).slice(dms).join('\n');
    expect(told).toMatch(/for program admins/);
    expect(told).not.toContain('Program report');
    const audit = await h.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'outcome'])
      .where('actor_user_id', '=', MEMBER_ID)
      .execute();
    expect(audit.some((a) => a.outcome !== 'ok')).toBe(true);

    const before = h.logs.length;
    await h.driver.blockAction({
      userId: ADMIN_ID,
      view: home.id,
      actions: [{ action_id: CohortIds.report, value: 'not a slug!' }],
    });
    await h.emulator.waitFor(() => h.logs.slice(before).some((l) => l.includes('malformed cohort button')));
    expect(unhandledErrors()).toEqual([]);
    expect(await replyTo(h, ADMIN_ID, 'admin report spring')).toContain('Program report');
  });
});
