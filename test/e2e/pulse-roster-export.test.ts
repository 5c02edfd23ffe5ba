import { parse } from 'csv-parse/sync';
import { PulseIds } from '../../src/slack/ids';
import type { EmulatedView } from '../emulator/slack-emulator';
import { fieldErrorsOf, replyTo, seedBankCohort, seedEnrollment } from '../support/admin-seed';
import { ADMIN_ID, type Harness, MEMBER_ID, startHarness } from '../support/harness';
import { seedPairing, seedUser } from '../support/seed';

const CHANNEL = 'C0COHORT';
const MENTOR = 'U0MENTOR1';
const MENTEE = 'U0MENTEE1';
const OTHER = 'U0MENTEE2';

describe('employee input, roster and export', () => {
  let h: Harness;
  let cohortId: number;

  beforeAll(async () => {
    h = await startHarness();
    h.emulator.addUser({ id: OTHER, tz: 'Europe/Paris' });
    cohortId = await seedBankCohort(h.db, { slug: 'spring', state: 'active', channel: CHANNEL });
    await seedBankCohort(h.db, { slug: 'quiet', state: 'enrolling', channel: null });
  });
  afterAll(async () => {
    await h.stop();
  });

  describe('pulses', () => {
    async function pulsePrompt(): Promise<{ ts: string; pulseId: string }> {
      await h.app.dispatcher.drain();
      const prompt = h.emulator.messagesIn(CHANNEL).at(-1);
      const button = JSON.stringify(prompt?.blocks).match(/"action_id":"pulse_open".*?"value":"(\d+)"/);
      if (prompt === undefined || button?.[1] === undefined)
        throw new Error('no pulse prompt in the channel');
      return { ts: prompt.ts, pulseId: button[1] };
    }

    async function answer(userId: string, ts: string, text: string) {
      const opens = h.emulator.callsTo('views.open').length;
      await h.driver.blockAction({
        userId,
        message: { ts, channelId: CHANNEL },
        actions: [{ action_id: PulseIds.open }],
      });
      await h.emulator.waitFor(
        () => h.emulator.callsTo('views.open').length > opens,
        2000,
        'the pulse modal',
      );
      const modal = h.emulator.topViewFor(userId) as EmulatedView;
      expect(modal.callback_id).toBe(PulseIds.modal);
      return h.driver.viewSubmission({
        userId,
        view: {
          id: modal.id,
          state: { values: { [PulseIds.answer]: { value: { type: 'plain_text_input', value: text } } } },
        },
      });
    }

    test('when an admin asks a named pulse, then the channel gets the prompt and answers are stored with their authors', async () => {
      expect(await replyTo(h, ADMIN_ID, 'admin pulse spring')).toContain(
        `Posting the pulse to <#${CHANNEL}>`,
      );
      const { ts, pulseId } = await pulsePrompt();
      expect(h.emulator.messagesIn(CHANNEL).at(-1)?.text).toBe('What should this program offer you?');
      expect(JSON.stringify(h.emulator.messagesIn(CHANNEL).at(-1)?.blocks)).toContain(
        'see your name with your answer',
      );

      const blank = await answer(MEMBER_ID, ts, '   ');
      expect(fieldErrorsOf(blank)[PulseIds.answer]).toMatch(/write a few words/);
      const long = await answer(MEMBER_ID, ts, 'x'.repeat(2001));
      expect(fieldErrorsOf(long)[PulseIds.answer]).toMatch(/under 2000 characters/);
      const sent = await answer(MEMBER_ID, ts, 'More on <managing up> & peers');
      expect(sent.viewOutcome?.action).toBe('updated');
      expect(JSON.stringify(sent.viewOutcome?.view?.blocks)).toContain('Thank you');
      await answer(MEMBER_ID, ts, 'Actually: more on managing up');
      await answer(OTHER, ts, 'Monthly group sessions');

      const stored = await h.db
        .selectFrom('pulse_answers')
        .select(['author_user_id', 'answer'])
        .where('pulse_id', '=', Number(pulseId))
        .orderBy('id')
        .execute();
      expect(stored).toEqual([
        { author_user_id: MEMBER_ID, answer: 'Actually: more on managing up' },
        { author_user_id: OTHER, answer: 'Monthly group sessions' },
      ]);
      const results = await replyTo(h, ADMIN_ID, 'admin pulse-results spring');
      expect(results).toContain(`• Actually: more on managing up — <@${MEMBER_ID}>`);
      expect(results).toContain('named · 2 answers');
    });

    test('when the pulse is anonymous, then no author is stored at all and the results name nobody', async () => {
      expect(await replyTo(h, ADMIN_ID, 'admin pulse spring anonymous')).toContain('anonymous pulse');
      const { ts, pulseId } = await pulsePrompt();
      expect(JSON.stringify(h.emulator.messagesIn(CHANNEL).at(-1)?.blocks)).toContain(
        'nobody, admins included',
      );
      await answer(MEMBER_ID, ts, 'Shadowing days <with> seniors');
      await answer(MEMBER_ID, ts, 'And a reading list');
      await answer(OTHER, ts, 'Cross-team mentors');
      const stored = await h.db
        .selectFrom('pulse_answers')
        .select(['author_user_id', 'answer'])
        .where('pulse_id', '=', Number(pulseId))
        .execute();
      expect(stored.map((a) => a.author_user_id)).toEqual([null, null, null]);
      const results = await replyTo(h, ADMIN_ID, 'admin pulse-results spring');
      const anonymousPart = results.slice(
        results.indexOf('anonymous · 3 answers'),
        results.indexOf('named · 2 answers'),
      );
      expect(anonymousPart).toContain('• Shadowing days &lt;with&gt; seniors');
      expect(anonymousPart).not.toContain('<@');
      const audit = await h.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'pulse.start')
        .execute();
      expect(audit.map((a) => JSON.parse(a.details).anonymous)).toEqual([false, true]);
    });

    test('when a pulse cannot be posted or the command is wrong, then the admin is told why', async () => {
      expect(await replyTo(h, ADMIN_ID, 'admin pulse quiet')).toMatch(/no announcement channel yet/);
      expect(await replyTo(h, ADMIN_ID, 'admin pulse spring secretly')).toMatch(
        /Usage: `\/mentor admin pulse <short-name> \[anonymous\]`/,
      );
      expect(await replyTo(h, ADMIN_ID, 'admin pulse-results quiet')).toMatch(/No pulses yet/);
      expect(await replyTo(h, MEMBER_ID, 'admin pulse-results spring')).toMatch(/for program admins/);
    });
  });

  describe('roster and export', () => {
    beforeAll(async () => {
      h.emulator.addUser({ id: MENTOR });
      await seedUser(h.db, 'U0NOMINEE', null);
      await h.db
        .insertInto('nominations')
        .values([
          {
            cohort_id: cohortId,
            user_id: MENTEE,
            nominated_by: ADMIN_ID,
            created_at: '2026-11-01T00:00:00.000Z',
          },
          {
            cohort_id: cohortId,
            user_id: 'U0NOMINEE',
            nominated_by: ADMIN_ID,
            created_at: '2026-11-01T00:00:00.000Z',
          },
        ])
        .execute();
      await seedEnrollment(h.db, {
        cohortId,
        userId: MENTOR,
        role: 'mentor',
        enrolledAt: '2026-11-02T09:00:00.000Z',
        answers: {
          objectives: '=HYPERLINK("http://evil.example","click")',
          skills_offered: ['coaching_and_feedback', 'strategy'],
          department: 'engineering',
          languages: ['english', 'german'],
          gender: 'woman',
          underrepresented: 'yes',
        },
      });
      await seedEnrollment(h.db, {
        cohortId,
        userId: MENTEE,
        role: 'mentee',
        enrolledAt: '2026-11-03T09:00:00.000Z',
        answers: {
          objectives: 'Lead a team, "well";\nand grow, fast',
          skills_wanted: ['delegation'],
          manager: MENTOR,
          gender: 'prefer_not_to_say',
        },
      });
      await seedEnrollment(h.db, {
        cohortId,
        userId: OTHER,
        role: 'mentee',
        state: 'withdrawn',
        enrolledAt: '2026-11-04T09:00:00.000Z',
      });
      const pairing = await seedPairing(h.db, { cohortId, mentor: MENTOR, mentees: [MENTEE] });
      for (const metOn of ['2026-11-10', '2026-11-24']) {
        await h.db
          .insertInto('check_ins')
          .values({
            pairing_id: pairing,
            logged_by: MENTOR,
            met_on: metOn,
            private_notes: 'Secret note',
            created_at: '2026-11-24T00:00:00.000Z',
          })
          .execute();
      }
    });

    test('when an admin asks for the roster, then counts, nominations and recent enrollments are listed by name', async () => {
      const text = await replyTo(h, ADMIN_ID, 'admin roster spring');
      expect(text).toContain('*Mentors*\\nenrolled: 1 · matched: 0 · completed: 0 · withdrawn: 0');
      expect(text).toContain('*Mentees*\\nenrolled: 1 · matched: 0 · completed: 0 · withdrawn: 1');
      expect(text).toContain('*Nominations: 2* (1 enrolled)');
      expect(text).toContain(`✓ User ${MENTEE} (<@${MENTEE}>)`);
      expect(text).toContain(`· User U0NOMINEE (<@U0NOMINEE>) — not enrolled yet`);
      expect(text.indexOf(`User ${OTHER}`)).toBeLessThan(
        text.indexOf(`User ${MENTOR} (<@${MENTOR}>) · Mentor`),
      );
      expect(await replyTo(h, MEMBER_ID, 'admin roster spring')).toMatch(/for program admins/);
    });

    test('when an admin exports a cohort, then a UTF-8 CSV with non-sensitive answers, partners and check-ins reaches their DM', async () => {
      const text = await replyTo(h, ADMIN_ID, 'admin export spring');
      expect(text).toMatch(/Sent `spring-\d{4}-\d{2}-\d{2}\.csv` \(3 people\) to our DM/);
      const file = await h.emulator.waitFor(() => h.emulator.uploadedFiles.find((f) => f.completed));
      expect(file.channelId).toBe(h.emulator.dmChannelFor(ADMIN_ID));
      expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = file.bytes.toString('utf8');
      expect(csv).toContain('\r\n');

      const rows: Record<string, string>[] = parse(file.bytes, { bom: true, columns: true });
      const header = Object.keys(rows[0] ?? {});
      expect(header.slice(0, 5)).toEqual(['User ID', 'Name', 'Role', 'State', 'Enrolled at']);
      expect(header.slice(-3)).toEqual(['Partner IDs', 'Partner names', 'Check-ins']);
      expect(header).toContain('Skills you want to grow');
      expect(header.some((h) => /Gender|under-represented/.test(h))).toBe(false);

      const [mentor, mentee, other] = rows;
      expect(mentor).toMatchObject({
        'User ID': MENTOR,
        Name: `User ${MENTOR}`,
        Role: 'mentor',
        State: 'enrolled',
        'Enrolled at': '2026-11-02T09:00:00.000Z',
        'What do you want from this program?': `'=HYPERLINK("http://evil.example","click")`,
        'Skills you can offer': 'Coaching and feedback; Strategy',
        Department: 'Engineering',
        'Languages you can work in': 'English; German',
        'Partner IDs': MENTEE,
        'Partner names': `User ${MENTEE}`,
        'Check-ins': '2',
      });
      expect(mentee).toMatchObject({
        'User ID': MENTEE,
        'What do you want from this program?': 'Lead a team, "well";\nand grow, fast',
        'Skills you want to grow': 'Delegation',
        'Your manager': `User ${MENTOR} (${MENTOR})`,
        'Partner IDs': MENTOR,
        'Check-ins': '2',
      });
      expect(other).toMatchObject({
        'User ID': OTHER,
        State: 'withdrawn',
        'Partner IDs': '',
        'Check-ins': '0',
      });
      for (const secret of ['Woman', 'woman', 'prefer_not_to_say', 'Prefer not to say', 'Secret note'])
        expect(csv).not.toContain(secret);

      const audit = await h.db
        .selectFrom('audit_log')
        .select(['target', 'details'])
        .where('action', '=', 'cohort.export')
        .execute();
      expect(audit).toEqual([{ target: 'spring', details: JSON.stringify({ people: 3, questions: 10 }) }]);
    });

    test('when a member asks for an export, then it is refused and no file is made', async () => {
      const files = h.emulator.uploadedFiles.length;
      expect(await replyTo(h, MEMBER_ID, 'admin export spring')).toMatch(/for program admins/);
      expect(h.emulator.uploadedFiles).toHaveLength(files);
    });

    test('when Slack refuses the upload, then the admin is told and nothing crashes', async () => {
      h.emulator.failNext('files.getUploadURLExternal', { error: 'not_allowed_token_type' });
      expect(await replyTo(h, ADMIN_ID, 'admin export spring')).toMatch(/Slack did not take the file/);
    });
  });
});
