import { parse } from 'csv-parse/sync';
import { listQuestions } from '../../src/repositories/questions';
import { AnnounceIds, CohortIds, EnrollIds, PulseIds, QuestionIds } from '../../src/slack/ids';
import type { EmulatedView } from '../emulator/slack-emulator';
import { replyTo, seedEnrollment } from '../support/admin-seed';
import { ADMIN_ID, type Harness, MEMBER_ID, modalFromCommand, startHarness } from '../support/harness';
import { seedPairing } from '../support/seed';
import { type Entry, fillView } from '../support/view-state';

const CHANNEL = 'C0LEADERS';
const ANA = 'U0ANA';
const BO = 'U0BO';

describe('a cohort from creation to completion, run by an admin in Slack', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.emulator.addUser({ id: ANA, realName: 'Ana Alves' });
    h.emulator.addUser({ id: BO, realName: 'Bo Berg' });
  });
  afterAll(async () => {
    await h.stop();
  });

  const modalFrom = (text: string) => modalFromCommand(h, text);

  async function submit(view: EmulatedView, entries: Record<string, Entry>) {
    return h.driver.viewSubmission({
      userId: ADMIN_ID,
      view: { id: view.id, state: { values: fillView(view, entries) } },
    });
  }

  async function announce(text: string, join: boolean): Promise<void> {
    const composer = await modalFrom('admin announce leaders-27');
    const previewed = await submit(composer, {
      [AnnounceIds.text]: { text },
      [AnnounceIds.options]: { options: join ? ['join'] : [] },
    });
    expect(previewed.viewOutcome?.action).toBe('pushed');
    await h.driver.viewSubmission({ userId: ADMIN_ID, view: { id: previewed.viewOutcome?.view?.id ?? '' } });
    await h.app.dispatcher.drain();
  }

  test('when an admin runs every step, then each command does its part and the audit log tells the story', async () => {
    const cohortModal = await modalFrom('admin cohort new');
    const created = await submit(cohortModal, {
      [CohortIds.name]: { text: 'Leaders 2027' },
      [CohortIds.slug]: { text: 'leaders-27' },
      [CohortIds.enrollmentOpensOn]: { date: '2027-01-04' },
      [CohortIds.enrollmentClosesOn]: { date: '2027-01-22' },
      [CohortIds.startsOn]: { date: '2027-02-01' },
      [CohortIds.endsOn]: { date: '2027-07-30' },
      [CohortIds.announcementChannelId]: { conversation: CHANNEL },
      [CohortIds.guidelines]: { text: 'Meet monthly; keep it confidential.' },
    });
    expect(created.viewOutcome?.action).toBe('closed');
    const cohort = await h.db
      .selectFrom('cohorts')
      .selectAll()
      .where('slug', '=', 'leaders-27')
      .executeTakeFirstOrThrow();

    // The question bank: one question added.
    const list = await modalFrom('admin questions leaders-27');
    const pushes = h.emulator.callsTo('views.push').length;
    await h.driver.blockAction({
      userId: ADMIN_ID,
      view: list.id,
      actions: [{ action_id: QuestionIds.add }],
    });
    await h.emulator.waitFor(() => h.emulator.callsTo('views.push').length > pushes);
    const editor = h.emulator.topViewFor(ADMIN_ID) as EmulatedView;
    const saved = await submit(editor, {
      [QuestionIds.label]: { text: 'Favourite way to learn' },
      [QuestionIds.kind]: { option: 'multi_select' },
      [QuestionIds.options]: { text: 'Books\nPodcasts\nDoing' },
      [QuestionIds.maxSelections]: { text: '2' },
    });
    expect(saved.viewOutcome?.action).toBe('closed');
    expect((await listQuestions(h.db, cohort.id)).at(-1)?.key).toBe('favourite_way_to_learn');

    expect(await replyTo(h, ADMIN_ID, 'admin cohort open leaders-27')).toMatch(/is now: Enrolling/);
    // The next enrollment form asks the question the admin just added.
    const opens = h.emulator.callsTo('views.open').length;
    await h.driver.command({ userId: MEMBER_ID, text: 'join' });
    await h.emulator.waitFor(
      () => h.emulator.callsTo('views.open').length > opens,
      2000,
      'the enrollment form',
    );
    const form = h.emulator.topViewFor(MEMBER_ID) as EmulatedView;
    const updates = h.emulator.callsTo('views.update').length;
    await h.driver.blockAction({
      userId: MEMBER_ID,
      view: form.id,
      actions: [{ action_id: EnrollIds.role, selected_option: { value: 'mentee' } }],
    });
    await h.emulator.waitFor(
      () => h.emulator.callsTo('views.update').length > updates,
      2000,
      'the questions',
    );
    const questions = h.emulator.getView(form.id)?.blocks ?? [];
    const asked = questions.find((b) => b.block_id === `${EnrollIds.questionPrefix}favourite_way_to_learn`);
    expect(JSON.stringify(asked)).toContain('Favourite way to learn');
    h.emulator.closeView(form.id);
    expect(await replyTo(h, ADMIN_ID, `admin nominate leaders-27 <@${ANA}|ana> <@${BO}|bo>`)).toMatch(
      /Nominated/,
    );
    await announce('*Enrollment is open* for Leaders 2027.', true);
    await h.app.dispatcher.drain();
    expect(JSON.stringify(h.emulator.messagesIn(h.emulator.dmChannelFor(ANA)).at(-1)?.blocks)).toContain(
      EnrollIds.joinButton,
    );
    expect(h.emulator.messagesIn(CHANNEL).map((m) => m.text)).toEqual([
      '*Enrollment is open* for Leaders 2027.',
    ]);

    // People enroll (the enrollment flow is tested on its own; here they are written directly).
    await seedEnrollment(h.db, {
      cohortId: cohort.id,
      userId: ANA,
      role: 'mentor',
      answers: { favourite_way_to_learn: ['books', 'doing'] },
    });
    await seedEnrollment(h.db, {
      cohortId: cohort.id,
      userId: BO,
      role: 'mentee',
      answers: { favourite_way_to_learn: ['podcasts'] },
    });
    expect(await replyTo(h, ADMIN_ID, 'admin roster leaders-27')).toContain('*Nominations: 2* (2 enrolled)');

    expect(await replyTo(h, ADMIN_ID, 'admin pulse leaders-27 anonymous')).toMatch(
      /Posting the anonymous pulse/,
    );
    await h.app.dispatcher.drain();
    expect(JSON.stringify(h.emulator.messagesIn(CHANNEL).at(-1)?.blocks)).toContain(PulseIds.open);

    expect(await replyTo(h, ADMIN_ID, 'admin cohort close leaders-27')).toMatch(/matching/);
    // Matching approval is its own feature; the approved pairs are written directly.
    await h.db.updateTable('cohorts').set({ state: 'active' }).where('id', '=', cohort.id).execute();
    await seedPairing(h.db, { cohortId: cohort.id, mentor: ANA, mentees: [BO] });
    await announce('Pairs are formed. Say hello!', false);

    expect(await replyTo(h, ADMIN_ID, 'admin export leaders-27')).toMatch(/Sent `leaders-27-/);
    const file = await h.emulator.waitFor(() => h.emulator.uploadedFiles.find((f) => f.completed));
    const rows: Record<string, string>[] = parse(file.bytes, { bom: true, columns: true });
    expect(rows.map((r) => [r['User ID'], r['Favourite way to learn'], r['Partner IDs']])).toEqual([
      [ANA, 'Books; Doing', BO],
      [BO, 'Podcasts', ANA],
    ]);

    expect(await replyTo(h, ADMIN_ID, 'admin cohort complete leaders-27')).toMatch(/is now: Completed/);
    await announce('Thank you, mentors and mentees of Leaders 2027!', false);
    expect(
      h.emulator
        .messagesIn(CHANNEL)
        .map((m) => m.text)
        .at(-1),
    ).toBe('Thank you, mentors and mentees of Leaders 2027!');
    const locked = await modalFrom('admin questions leaders-27');
    expect(JSON.stringify(locked.blocks)).not.toContain(QuestionIds.menu);

    const actions = await h.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_user_id', '=', ADMIN_ID)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'cohort.create',
      'question.add',
      'cohort.open',
      'cohort.nominate',
      'announcement.queue',
      'cohort.roster',
      'pulse.start',
      'cohort.close',
      'announcement.queue',
      'cohort.export',
      'cohort.complete',
      'announcement.queue',
    ]);
    expect(await replyTo(h, ADMIN_ID, 'admin')).toContain('admin questions');
  });
});
