import { listQuestions } from '../../src/repositories/questions';
import { QuestionIds as Ids } from '../../src/slack/ids';
import type { EmulatedView } from '../emulator/slack-emulator';
import { answersOf, fieldErrorsOf, replyTo, seedBankCohort, seedEnrollment } from '../support/admin-seed';
import { ADMIN_ID, type Harness, MEMBER_ID, startHarness } from '../support/harness';
import { type Entry, fillView } from '../support/view-state';

describe('the profile-question bank', () => {
  let h: Harness;
  let cohortId: number;

  beforeAll(async () => {
    h = await startHarness();
    cohortId = await seedBankCohort(h.db, { slug: 'spring', state: 'enrolling' });
  });
  afterAll(async () => {
    await h.stop();
  });

  const bank = () => listQuestions(h.db, cohortId);
  const questionId = async (key: string) => {
    const q = (await bank()).find((x) => x.key === key);
    if (q === undefined) throw new Error(`no question ${key}`);
    return q.id;
  };

  async function openBank(slug = 'spring'): Promise<EmulatedView> {
    const before = h.emulator.callsTo('views.open').length;
    await h.driver.command({ userId: ADMIN_ID, text: `admin questions ${slug}` });
    await h.emulator.waitFor(() => h.emulator.callsTo('views.open').length > before, 2000, 'the bank modal');
    const view = h.emulator.topViewFor(ADMIN_ID);
    if (view?.callback_id !== Ids.listModal) throw new Error('the bank modal is not on top');
    return view;
  }

  /** Picks an item of a question's overflow menu; resolves with the view that is then on top. */
  async function menu(list: EmulatedView, verb: string, id: number, userId = ADMIN_ID) {
    const pushes = h.emulator.callsTo('views.push').length;
    const updates = h.emulator.callsTo('views.update').length;
    const sent = await h.driver.blockAction({
      userId,
      view: list.id,
      actions: [{ action_id: Ids.menu, selected_option: { value: `${verb}:${id}` } }],
    });
    expect(sent.status).toBe(200);
    await h.emulator.waitFor(
      () =>
        h.emulator.callsTo('views.push').length > pushes ||
        h.emulator.callsTo('views.update').length > updates,
      2000,
      'a push or an update',
    );
    return h.emulator.topViewFor(userId);
  }

  async function addQuestion(list: EmulatedView): Promise<EmulatedView> {
    const pushes = h.emulator.callsTo('views.push').length;
    await h.driver.blockAction({ userId: ADMIN_ID, view: list.id, actions: [{ action_id: Ids.add }] });
    await h.emulator.waitFor(() => h.emulator.callsTo('views.push').length > pushes, 2000, 'the editor');
    const editor = h.emulator.topViewFor(ADMIN_ID);
    if (editor?.callback_id !== Ids.editorModal) throw new Error('the editor is not on top');
    return editor;
  }

  /** Submits the editor; on success waits for the list below it to be refreshed. */
  async function save(editor: EmulatedView, entries: Record<string, Entry>, userId = ADMIN_ID) {
    const updates = h.emulator.callsTo('views.update').length;
    const sent = await h.driver.viewSubmission({
      userId,
      view: { id: editor.id, state: { values: fillView(editor, entries) } },
    });
    if (sent.viewOutcome?.action === 'closed') {
      await h.emulator.waitFor(
        () => h.emulator.callsTo('views.update').length > updates,
        2000,
        'the list update',
      );
    }
    return sent;
  }

  const listText = (list: EmulatedView) => JSON.stringify(h.emulator.getView(list.id)?.blocks);

  test('when an admin opens the bank, then every question is listed in order with its settings and a menu', async () => {
    const list = await openBank();
    const sections = list.blocks.filter((b) => String(b.block_id ?? '').startsWith(Ids.itemPrefix));
    expect(sections).toHaveLength((await bank()).length);
    const first = JSON.stringify(sections[0]);
    expect(first).toContain('1. What do you want from this program?');
    expect(first).toContain('Free text · required · Prefer similar answers · weight medium · Everyone');
    const gender = JSON.stringify(sections.find((s) => JSON.stringify(s).includes('Gender')));
    expect(gender).toContain('self-identification');
    expect(gender).toContain('optional');
    // The first question cannot move up, the last cannot move down.
    expect(first).not.toContain('"up:');
    expect(JSON.stringify(sections.at(-1))).not.toContain('"down:');
    expect(JSON.stringify(list.blocks)).toContain(Ids.add);
  });

  test('when an admin adds a question, then the editor is pushed, and saving stores it last and refreshes the list', async () => {
    const list = await openBank();
    const editor = await addQuestion(list);
    expect(editor.title).toMatchObject({ text: 'New question' });
    const sent = await save(editor, {
      [Ids.label]: { text: 'Which office are you in?' },
      [Ids.kind]: { option: 'single_select' },
      [Ids.options]: { text: 'Berlin\nLondon\n\nNew York\n' },
      [Ids.flags]: { options: ['required'] },
      [Ids.matchingUse]: { option: 'prefer_similar' },
      [Ids.weight]: { option: 'high' },
      [Ids.audience]: { option: 'mentee' },
    });
    expect(sent.viewOutcome?.action).toBe('closed');
    const added = (await bank()).at(-1);
    expect(added).toMatchObject({
      key: 'which_office_are_you_in',
      kind: 'single_select',
      label: 'Which office are you in?',
      required: true,
      sensitive: false,
      matchingUse: 'prefer_similar',
      weight: 'high',
      audience: 'mentee',
      options: [
        { value: 'berlin', label: 'Berlin' },
        { value: 'london', label: 'London' },
        { value: 'new_york', label: 'New York' },
      ],
    });
    const text = listText(list);
    expect(text).toContain('Added *Which office are you in?*');
    expect(text).toContain('Which office are you in?');
    const audit = await h.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'question.add')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor_user_id: ADMIN_ID,
        target: 'spring:which_office_are_you_in',
        outcome: 'ok',
      }),
    ]);
  });

  const valid: Record<string, Entry> = {
    [Ids.label]: { text: 'A valid question' },
    [Ids.kind]: { option: 'multi_select' },
    [Ids.options]: { text: 'One\nTwo\nThree' },
  };
  const manyOptions = Array.from({ length: 101 }, (_, i) => `o${i}`).join('\n');

  test.each<[string, Record<string, Entry>, Record<string, RegExp>]>([
    ['a blank question', { [Ids.label]: { text: '   ' } }, { [Ids.label]: /write the question/ }],
    [
      'a question of 151 characters',
      { [Ids.label]: { text: 'x'.repeat(151) } },
      { [Ids.label]: /under 150 characters/ },
    ],
    [
      'a choice with one option',
      { [Ids.options]: { text: 'Only one' } },
      { [Ids.options]: /at least 2 options/ },
    ],
    [
      'a choice with 101 options',
      { [Ids.options]: { text: manyOptions } },
      { [Ids.options]: /at most 100 options/ },
    ],
    [
      'an option of 76 characters',
      { [Ids.options]: { text: `ok\n${'y'.repeat(76)}` } },
      { [Ids.options]: /at most 75 characters/ },
    ],
    [
      'a duplicate option',
      { [Ids.options]: { text: 'Yes\nNo\nyes' } },
      { [Ids.options]: /"yes" appears twice/ },
    ],
    [
      'options on a free-text question',
      { [Ids.kind]: { option: 'free_text' } },
      { [Ids.options]: /Only pick-one and pick-several/ },
    ],
    [
      'a required self-identification question',
      { [Ids.flags]: { options: ['required', 'sensitive'] } },
      { [Ids.flags]: /always optional/ },
    ],
    [
      'a free-text self-identification question',
      {
        [Ids.kind]: { option: 'free_text' },
        [Ids.options]: { text: null },
        [Ids.flags]: { options: ['sensitive'] },
      },
      {
        [Ids.kind]: /pick-one or pick-several/,
      },
    ],
    [
      'a maximum on a pick-one question',
      { [Ids.kind]: { option: 'single_select' }, [Ids.maxSelections]: { text: '2' } },
      { [Ids.maxSelections]: /Only pick-several/ },
    ],
    [
      'a maximum above the options',
      { [Ids.maxSelections]: { text: '4' } },
      { [Ids.maxSelections]: /only 3 options/ },
    ],
    [
      'offers and wants on free text',
      {
        [Ids.kind]: { option: 'free_text' },
        [Ids.options]: { text: null },
        [Ids.matchingUse]: { option: 'offers_wants' },
      },
      {
        [Ids.matchingUse]: /needs a choice question/,
      },
    ],
  ])(
    'when the editor has %s, then field errors come back and the bank is unchanged',
    async (_case, entries, expected) => {
      const list = await openBank();
      const editor = await addQuestion(list);
      const before = await bank();
      const sent = await save(editor, { ...valid, ...entries });
      expect(sent.viewOutcome?.action).toBe('errors');
      const errors = sent.json?.errors as Record<string, string>;
      expect(Object.keys(errors).sort()).toEqual(Object.keys(expected).sort());
      for (const [block, pattern] of Object.entries(expected)) expect(errors[block]).toMatch(pattern);
      expect(await bank()).toEqual(before);
    },
  );

  test('when a self-identification question is added, then "Prefer not to say" is offered and it is optional', async () => {
    const list = await openBank();
    const editor = await addQuestion(list);
    const sent = await save(editor, {
      ...valid,
      [Ids.label]: { text: 'Age band (self-identification)' },
      [Ids.kind]: { option: 'single_select' },
      [Ids.options]: { text: 'Under 30\n30 to 49\n50 or over\nprefer not to say' },
      [Ids.flags]: { options: ['sensitive'] },
    });
    expect(sent.viewOutcome?.action).toBe('closed');
    const added = (await bank()).at(-1);
    expect(added?.sensitive).toBe(true);
    expect(added?.required).toBe(false);
    expect(added?.options.map((o) => o.value)).toEqual([
      'under_30',
      '30_to_49',
      '50_or_over',
      'prefer_not_to_say',
    ]);
  });

  test('when an admin edits a question and moves it, then the stored bank (and so the next enrollment form) follows', async () => {
    const list = await openBank();
    const id = await questionId('meeting_format');
    const editor = await menu(list, 'edit', id);
    expect(editor?.callback_id).toBe(Ids.editorModal);
    const prefilled = fillView(editor as EmulatedView);
    expect(prefilled[Ids.label]?.value).toMatchObject({ value: 'Meeting format' });
    expect(prefilled[Ids.options]?.value).toMatchObject({ value: 'Video call\nIn person\nEither' });
    await save(editor as EmulatedView, { [Ids.label]: { text: 'How would you like to meet?' } });
    const keys = (await bank()).map((q) => q.key);
    const at = keys.indexOf('meeting_format');
    await menu(list, 'up', id);
    expect(listText(list)).toContain('Moved *How would you like to meet?* up');
    const after = await bank();
    expect(after.map((q) => q.key).indexOf('meeting_format')).toBe(at - 1);
    expect(after.find((q) => q.key === 'meeting_format')).toMatchObject({
      label: 'How would you like to meet?',
      options: [
        { value: 'video_call', label: 'Video call' },
        { value: 'in_person', label: 'In person' },
        { value: 'either', label: 'Either' },
      ],
    });
    await menu(list, 'down', id);
    expect((await bank()).map((q) => q.key)).toEqual(keys);
    const moves = await h.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['question.edit', 'question.move'])
      .execute();
    expect(moves.map((m) => m.action)).toEqual(['question.edit', 'question.move', 'question.move']);
  });

  test('when someone answered a question, then changing its type is refused with an explanation', async () => {
    await seedEnrollment(h.db, {
      cohortId,
      userId: 'U0ANS1',
      role: 'mentee',
      answers: { department: 'engineering' },
    });
    const list = await openBank();
    const editor = await menu(list, 'edit', await questionId('department'));
    expect(JSON.stringify(editor?.blocks)).toContain('1 person has answered this question');
    const sent = await save(editor as EmulatedView, { [Ids.kind]: { option: 'multi_select' } });
    expect(fieldErrorsOf(sent)[Ids.kind]).toMatch(
      /1 person has answered this question, so its type cannot change/,
    );
    expect((await bank()).find((q) => q.key === 'department')?.kind).toBe('single_select');
  });

  test('when options people chose are removed, then their answers lose them and the admin is told how many', async () => {
    const a = await seedEnrollment(h.db, {
      cohortId,
      userId: 'U0ANS2',
      role: 'mentee',
      answers: { languages: ['english', 'german', 'french'], department: 'legal' },
    });
    const b = await seedEnrollment(h.db, {
      cohortId,
      userId: 'U0ANS3',
      role: 'mentor',
      answers: { languages: ['german'] },
    });
    const c = await seedEnrollment(h.db, {
      cohortId,
      userId: 'U0ANS4',
      role: 'mentor',
      answers: { languages: ['spanish'] },
    });
    const list = await openBank();
    const editor = await menu(list, 'edit', await questionId('languages'));
    const options = String(fillView(editor as EmulatedView)[Ids.options]?.value?.value);
    const kept = options.split('\n').filter((o) => o !== 'German' && o !== 'French');
    await save(editor as EmulatedView, { [Ids.options]: { text: kept.join('\n') } });

    expect(await answersOf(h.db, a)).toMatchObject({ languages: ['english'], department: 'legal' });
    expect(await answersOf(h.db, b)).not.toHaveProperty('languages');
    expect(await answersOf(h.db, c)).toMatchObject({ languages: ['spanish'] });
    const notice = listText(list);
    expect(notice).toContain('“German” (2 answers)');
    expect(notice).toContain('“French” (1 answer)');
    expect(notice).toContain('1 left with no answer at all');
    const dm = await h.emulator.waitFor(() =>
      h.emulator.messagesIn(h.emulator.dmChannelFor(ADMIN_ID)).at(-1),
    );
    expect(dm.text).toContain('“German” (2 answers)');
    const [audit] = await h.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'question.edit')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(JSON.parse(audit?.details ?? '{}')).toEqual({
      removedOptions: 2,
      answersChanged: '3',
      answersDeleted: '1',
    });
  });

  test('when an option of a self-identification question loses a few answers, then the count is not revealed', async () => {
    await seedEnrollment(h.db, {
      cohortId,
      userId: 'U0SENS1',
      role: 'mentee',
      answers: { gender: 'non_binary' },
    });
    await seedEnrollment(h.db, {
      cohortId,
      userId: 'U0SENS2',
      role: 'mentee',
      answers: { gender: 'non_binary' },
    });
    const list = await openBank();
    const editor = await menu(list, 'edit', await questionId('gender'));
    expect(fillView(editor as EmulatedView)[Ids.options]?.value).toMatchObject({
      value: 'Woman\nMan\nNon-binary\nSelf-describe',
    });
    await save(editor as EmulatedView, { [Ids.options]: { text: 'Woman\nMan\nSelf-describe' } });
    const notice = listText(list);
    expect(notice).toContain('“Non-binary” (fewer than 5 answers)');
    expect(notice).not.toMatch(/Non-binary.{0,5}\(2/);
    const gender = (await bank()).find((q) => q.key === 'gender');
    expect(gender?.options.map((o) => o.value)).toEqual([
      'woman',
      'man',
      'self_describe',
      'prefer_not_to_say',
    ]);
  });

  test('when a self-identification question was answered, then it cannot be made an ordinary one', async () => {
    await seedEnrollment(h.db, {
      cohortId,
      userId: 'U0SENS3',
      role: 'mentee',
      answers: { underrepresented: 'yes' },
    });
    const list = await openBank();
    const editor = await menu(list, 'edit', await questionId('underrepresented'));
    const sent = await save(editor as EmulatedView, { [Ids.flags]: { options: [] } });
    expect(fieldErrorsOf(sent)[Ids.flags]).toMatch(/promise that nobody sees their answer/);
  });

  test('when an answered question is removed, then the admin confirms knowing the count and the answers go with it', async () => {
    const list = await openBank();
    const id = await questionId('department');
    const confirm = await menu(list, 'remove', id);
    expect(confirm?.callback_id).toBe(Ids.removeModal);
    expect(JSON.stringify(confirm?.blocks)).toContain('2 people have answered it');
    const updates = h.emulator.callsTo('views.update').length;
    const sent = await h.driver.viewSubmission({ userId: ADMIN_ID, view: { id: confirm?.id ?? '' } });
    expect(sent.viewOutcome?.action).toBe('closed');
    await h.emulator.waitFor(() => h.emulator.callsTo('views.update').length > updates);
    expect((await bank()).map((q) => q.key)).not.toContain('department');
    const left = await h.db
      .selectFrom('profile_answers')
      .select('value')
      .where('question_id', '=', id)
      .execute();
    expect(left).toEqual([]);
    expect(listText(list)).toContain('Removed *Department* and the 2 answers to it.');
    const positions = await h.db
      .selectFrom('profile_questions')
      .select('position')
      .where('cohort_id', '=', cohortId)
      .orderBy('position')
      .execute();
    expect(positions.map((p) => p.position)).toEqual(positions.map((_, i) => i));
  });

  test('when a member crafts the command, a menu press, an editor submission or a removal, then each is refused and audited', async () => {
    expect(await replyTo(h, MEMBER_ID, 'admin questions spring')).toMatch(/for program admins/);
    const list = await openBank();
    const id = await questionId('objectives');
    const refused = await menu(list, 'remove', id, MEMBER_ID);
    expect(refused?.callback_id).not.toBe(Ids.removeModal);
    const editor = await addQuestion(list);
    const crafted = await save(editor, valid, MEMBER_ID);
    expect(fieldErrorsOf(crafted)[Ids.label]).toMatch(/for program admins/);
    const removal = await h.driver.viewSubmission({
      userId: MEMBER_ID,
      view: {
        callback_id: Ids.removeModal,
        private_metadata: JSON.stringify({ cohortId, questionId: id, listViewId: list.id }),
      },
    });
    expect(removal.json).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(removal.json)).toContain('for program admins');
    expect((await bank()).map((q) => q.key)).toContain('objectives');
    const denied = await h.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_user_id', '=', MEMBER_ID)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.map((d) => d.action).sort()).toEqual(
      ['button:qbank_menu', 'command:admin questions', 'view:qbank_editor', 'view:qbank_remove'].sort(),
    );
  });

  test('when the cohort is completed, then its bank is shown without menus and changes are refused', async () => {
    const done = await seedBankCohort(h.db, { slug: 'done', state: 'completed' });
    const list = await openBank('done');
    expect(JSON.stringify(list.blocks)).not.toContain(Ids.menu);
    expect(JSON.stringify(list.blocks)).toContain('completed');
    const id = (await listQuestions(h.db, done))[0]?.id ?? 0;
    const refused = await menu(list, 'edit', id);
    expect(JSON.stringify(refused?.blocks)).toContain('completed');
    expect(await replyTo(h, ADMIN_ID, 'admin questions nope')).toMatch(/no cohort called `nope`/);
    expect(await replyTo(h, ADMIN_ID, 'admin questions')).toMatch(
      /Usage: `\/mentor admin questions <short-name>`/,
    );
  });
});
