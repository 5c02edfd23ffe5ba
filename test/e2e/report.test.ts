import { parse } from 'csv-parse/sync';
import { CHART_SCALE, CHART_WIDTH, funnelChartHeight } from '../../src/domain/charts';
import { replyTo, seedBankCohort, seedEnrollment } from '../support/admin-seed';
import { ADMIN_ID, type Harness, MEMBER_ID, startHarness } from '../support/harness';
import { bars, decodePng, expectProportional, inkIn } from '../support/chart-pixels';
import { seedPairing } from '../support/seed';

const SECRET = 'SECRET-COMMENT-about-my-mentor';
const NOTE = 'PRIVATE-NOTE-xyz';
/** A word only one pulse answer uses: never shown, it could quote or identify someone. */
const PULSE_ONCE = 'Zanzibar';

describe('program report', () => {
  let h: Harness;
  const people: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    h.setNow(new Date('2026-11-25T12:00:00.000Z'));
    const cohortId = await seedBankCohort(h.db, { slug: 'spring', state: 'active' });
    await seedBankCohort(h.db, { slug: 'empty', state: 'enrolling' });
    // 6 pairs (12 people), 5 unmatched, 1 withdrawn: enrolled 18, matched 12, met 6, completed 0.
    for (let i = 0; i < 18; i++) {
      const userId = `U0P${String(i).padStart(2, '0')}`;
      people.push(userId);
      await seedEnrollment(h.db, {
        cohortId,
        userId,
        role: i < 6 ? 'mentor' : 'mentee',
        state: i === 17 ? 'withdrawn' : 'enrolled',
        answers: {
          objectives: i % 2 === 0 ? 'Grow my delegation and strategy' : 'Better feedback',
          department: i < 12 ? 'engineering' : 'sales',
          gender: i < 9 ? 'woman' : i < 16 ? 'man' : 'non_binary',
          underrepresented: i === 3 ? 'yes' : 'prefer_not_to_say',
        },
      });
    }
    const pairings: number[] = [];
    for (let i = 0; i < 6; i++)
      pairings.push(
        await seedPairing(h.db, { cohortId, mentor: people[i] ?? '', mentees: [people[i + 6] ?? ''] }),
      );
    const checkIn = (pairing: number | undefined, metOn: string) =>
      h.db
        .insertInto('check_ins')
        .values({
          pairing_id: pairing ?? 0,
          logged_by: people[0] ?? '',
          met_on: metOn,
          private_notes: NOTE,
          topics: NOTE,
          created_at: `${metOn}T12:00:00.000Z`,
        })
        .execute();
    // Week of 9 Nov: 3 check-ins; week of 16 Nov: 1; week of 23 Nov: 2.
    for (const p of pairings.slice(0, 3)) await checkIn(p, '2026-11-10');
    await checkIn(pairings[0], '2026-11-17');
    await checkIn(pairings[0], '2026-11-24');
    await checkIn(pairings[1], '2026-11-24');
    const survey = await h.db
      .insertInto('surveys')
      .values({
        cohort_id: cohortId,
        kind: 'midpoint',
        opens_at: '2026-11-20T00:00:00.000Z',
        closes_at: '2026-12-04T00:00:00.000Z',
        created_at: '2026-11-20T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const scores = [10, 9, 8, 6, 10];
    for (const [i, nps] of scores.entries())
      await h.db
        .insertInto('survey_responses')
        .values({
          survey_id: survey.id,
          user_id: people[i] ?? '',
          satisfaction: 4,
          goal_progress: 3,
          nps,
          leadership_interest: i < 3 ? 'yes' : 'no',
          comments: `${SECRET} ${i}`,
          submitted_at: '2026-11-21T00:00:00.000Z',
        })
        .execute();
    const pulse = await h.db
      .insertInto('pulses')
      .values({
        cohort_id: cohortId,
        anonymous: 1,
        channel_id: 'C0SPRING',
        created_by: ADMIN_ID,
        created_at: '2026-11-20T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pulseAnswers = [
      'Office hours',
      'office hours!',
      'Office hours monthly',
      'more office hours',
      'Office hours',
    ];
    pulseAnswers.push(`Office hours with ${PULSE_ONCE}`);
    for (const answer of pulseAnswers)
      await h.db
        .insertInto('pulse_answers')
        .values({
          pulse_id: pulse.id,
          author_user_id: null,
          answer,
          created_at: '2026-11-21T00:00:00.000Z',
          updated_at: '2026-11-21T00:00:00.000Z',
        })
        .execute();
  });
  afterAll(async () => {
    await h.stop();
  });

  test('when an admin asks for a cohort report, then metrics, the suppressed funnel and two PNG charts arrive', async () => {
    const uploadsBefore = h.emulator.uploadedFiles.length;
    const text = await replyTo(h, ADMIN_ID, 'admin report spring');
    expect(text).toContain('Program report: Spring leadership cohort');
    expect(text).toContain('Enrolled: *18*');
    expect(text).toContain('Match rate: *67%*');
    expect(text).toContain('Median days from match to first check-in: *8.0*');
    expect(text).toContain('Pairs active in their last cadence period: *2 (33%)*');
    expect(text).toContain('Participants who left early: *1*');
    expect(text).toContain('Average satisfaction (1-5): *4.0*');
    // 3 promoters, 1 detractor of 5: NPS 40.
    expect(text).toContain('NPS: *40*');
    expect(text).toContain('More interested in leadership roles: *60%*');
    expect(text).toContain('Survey comments written (never shown): *5*');
    expect(text).toContain('2026-11-09: 3 check-ins · 6 pairs · 0.5 per pair');
    // Six answers, but the anonymous "Office hours" sent twice to one pulse counts once.
    expect(text).toContain('Pulse answers (6): office hours (5)');
    expect(text).toContain('Objectives: delegation (9) · feedback (9) · grow (9) · strategy (9)');
    expect(text).toContain('fewer than 5');
    expect(text).toContain('By Gender (self-identification)*');
    expect(text).not.toContain('(self-identification) (self-identification)');
    expect(text).toContain(
      'By Do you identify as a member of an under-represented group at work? (self-identification)',
    );

    await h.emulator.waitFor(
      () => h.emulator.uploadedFiles.filter((f) => f.completed).length >= uploadsBefore + 2,
      3000,
      'two charts',
    );
    const [funnel, weekly] = h.emulator.uploadedFiles.slice(uploadsBefore);
    expect(funnel?.filename).toMatch(/^spring-\d{4}-\d{2}-\d{2}-funnel\.png$/);
    expect(funnel?.channelId).toBe(h.emulator.dmChannelFor(ADMIN_ID));
    const funnelPng = decodePng(funnel?.bytes);
    expect([funnelPng.width, funnelPng.height]).toEqual([
      CHART_WIDTH * CHART_SCALE,
      funnelChartHeight(4) * CHART_SCALE,
    ]);
    // enrolled 18, matched 12, met 6, completed 0 (no bar), each with its number drawn.
    const funnelBars = bars(funnelPng, 'horizontal');
    expectProportional(funnelBars, [18, 12, 6]);
    for (const bar of funnelBars)
      expect(inkIn(funnelPng, bar.end + 4, bar.from, bar.end + 60, bar.to)).toBeGreaterThan(40);
    // Weeks of 2, 9, 16 and 23 November: 0, 3, 1, 2 check-ins.
    expect(weekly?.filename).toMatch(/^spring-\d{4}-\d{2}-\d{2}-check-ins\.png$/);
    expectProportional(bars(decodePng(weekly?.bytes), 'vertical'), [3, 1, 2]);
    const altTexts = h.emulator
      .callsTo('files.getUploadURLExternal')
      .map((c) => String(c.params.alt_text ?? ''));
    expect(altTexts).toContainEqual(
      expect.stringContaining('enrolled: 18; matched: 12; met: 6; completed: 0'),
    );

    for (const secret of [SECRET, NOTE, PULSE_ONCE, ...people]) {
      // Themes are lower-cased: a leak would not keep its capitals.
      expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
      expect(h.logs.join('\n')).not.toContain(SECRET);
      expect(h.logs.join('\n')).not.toContain(NOTE);
    }
    const audit = await h.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'report.view')
      .execute();
    expect(audit).toContainEqual({ action: 'report.view', target: 'spring' });
  });

  test('when Slack refuses a chart upload, then the admin is told the numbers are complete and the other chart still arrives', async () => {
    const uploads = h.emulator.uploadedFiles.length;
    h.emulator.failNext('files.getUploadURLExternal', { error: 'not_allowed_token_type' });
    const sent = await h.driver.command({ userId: ADMIN_ID, text: 'admin report spring' });
    await h.emulator.waitFor(
      () => h.emulator.responsesTo(sent.responseUrl ?? '').length >= 2,
      5000,
      'a notice',
    );
    const [report, notice] = h.emulator.responsesTo(sent.responseUrl ?? '');
    expect(JSON.stringify(report?.body)).toContain('Program report');
    expect(String(notice?.body.text)).toMatch(
      /_Participation funnel_ could not be sent; the numbers in the report are complete/,
    );
    const arrived = h.emulator.uploadedFiles.slice(uploads).filter((f) => f.completed);
    expect(arrived.map((f) => f.filename)).toEqual([expect.stringMatching(/-check-ins\.png$/)]);
  });

  test('when the report covers all cohorts or an empty one, then it still renders', async () => {
    expect(await replyTo(h, ADMIN_ID, 'admin report')).toContain('Program report: all cohorts (2)');
    const empty = await replyTo(h, ADMIN_ID, 'admin report empty');
    expect(empty).toContain('Enrolled: *0*');
    expect(empty).toContain('Match rate: *n/a*');
    expect(await replyTo(h, ADMIN_ID, 'admin report nope')).toContain('There is no cohort called `nope`');
    expect(await replyTo(h, ADMIN_ID, 'admin report a b')).toMatch(
      /Usage: `\/mentor admin report \[<short-name>\]`/,
    );
    expect(await replyTo(h, MEMBER_ID, 'admin report spring')).toMatch(/for program admins/);
  });

  test('when an admin exports the report, then the CSV holds the suppressed tables and no comments', async () => {
    const before = h.emulator.uploadedFiles.length;
    expect(await replyTo(h, ADMIN_ID, 'admin export spring --report')).toMatch(
      /Sent `spring-report-\d{4}-\d{2}-\d{2}\.csv` \(report tables\)/,
    );
    const file = await h.emulator.waitFor(() =>
      h.emulator.uploadedFiles.slice(before).find((f) => f.completed && f.filename.endsWith('.csv')),
    );
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = file.bytes.toString('utf8');
    expect(csv).toContain('\r\n');
    const rows: Record<string, string>[] = parse(file.bytes, { bom: true, columns: true });
    expect(rows).toContainEqual({
      Scope: 'Spring leadership cohort',
      Table: 'Funnel',
      Group: 'Everyone',
      Category: 'All',
      Measure: 'matched',
      Value: '12',
    });
    const nonBinary = rows.filter((r) => r.Group?.startsWith('Gender') && r.Category === 'Non-binary');
    expect(nonBinary.map((r) => r.Value)).toEqual([
      'fewer than 5',
      'fewer than 5',
      'fewer than 5',
      'fewer than 5',
    ]);
    for (const secret of [SECRET, NOTE, PULSE_ONCE, ...people])
      expect(csv.toLowerCase()).not.toContain(secret.toLowerCase());
    expect(await replyTo(h, ADMIN_ID, 'admin export spring --everything')).toMatch(/Usage/);
  });

  test("when an admin exports the report of every cohort, then one CSV holds the combined tables and each cohort's", async () => {
    const before = h.emulator.uploadedFiles.length;
    expect(await replyTo(h, ADMIN_ID, 'admin export --report')).toMatch(
      /Sent `all-cohorts-report-\d{4}-\d{2}-\d{2}\.csv` \(report tables\)/,
    );
    const file = await h.emulator.waitFor(() =>
      h.emulator.uploadedFiles.slice(before).find((f) => f.completed && f.filename.endsWith('.csv')),
    );
    const rows: Record<string, string>[] = parse(file.bytes, { bom: true, columns: true });
    const enrolled = rows.filter((r) => r.Table === 'Summary' && r.Measure === 'Enrolled');
    expect(enrolled.map((r) => [r.Scope, r.Value])).toEqual([
      ['All cohorts', '18'],
      ['Spring leadership cohort (spring)', '18'],
      [expect.stringMatching(/\(empty\)$/), '0'],
    ]);
    // One header row only: every record after it is data.
    expect(rows.filter((r) => r.Scope === 'Scope')).toEqual([]);
    const audit = await h.db
      .selectFrom('audit_log')
      .select(['action', 'target'])
      .where('action', '=', 'report.export')
      .execute();
    expect(audit).toContainEqual({ action: 'report.export', target: '*' });
    expect(await replyTo(h, ADMIN_ID, 'admin export --report nope')).toMatch(/Usage/);
  });
});
