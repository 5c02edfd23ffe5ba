import { CohortIds } from '../../src/slack/ids';
import type { EmulatedView } from '../emulator/slack-emulator';
import { ADMIN_ID, type Harness, modalFromCommand, startHarness } from '../support/harness';
import { closeEnrollment, enrollPeople, openCohort } from '../support/match-seed';
import { type Entry, fillView } from '../support/view-state';

type Json = Record<string, unknown>;

interface StoredPair {
  mentorId: string;
  menteeId: string;
  score: number;
  reasons: { code: string; text: string }[];
}
interface StoredProposal {
  pairs: StoredPair[];
  unmatched: { menteeId: string; code: string; reason: string }[];
  stats: { meanScore: number };
}

/**
 * The cohort's own matching settings and its question bank, from Slack to the engine and back:
 * what an admin sets is what the preview obeys.
 */
describe('matching rules a cohort sets', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  async function say(text: string): Promise<Json> {
    const sent = await h.driver.command({ userId: ADMIN_ID, text });
    return (await h.emulator.waitForResponse(sent.responseUrl ?? '', 10_000)).body;
  }

  const modalFrom = (text: string) => modalFromCommand(h, text);

  async function submit(view: EmulatedView, entries: Record<string, Entry>) {
    return h.driver.viewSubmission({
      userId: ADMIN_ID,
      view: { id: view.id, state: { values: fillView(view, entries) } },
    });
  }

  async function preview(slug: string): Promise<StoredProposal> {
    await say(`admin match ${slug}`);
    const row = await h.db
      .selectFrom('match_proposals')
      .innerJoin('cohorts', 'cohorts.id', 'match_proposals.cohort_id')
      .select('match_proposals.proposal')
      .where('cohorts.slug', '=', slug)
      .orderBy('match_proposals.id', 'desc')
      .executeTakeFirstOrThrow();
    return JSON.parse(row.proposal) as StoredProposal;
  }

  const pairsOf = (p: StoredProposal) => p.pairs.map((x) => `${x.mentorId}>${x.menteeId}`).sort();

  test('when an admin sets shared hours and the skills juniors teach, then the cohort modal saves and shows them', async () => {
    const created = await submit(await modalFrom('admin cohort new'), {
      [CohortIds.name]: { text: 'Reverse 2027' },
      [CohortIds.slug]: { text: 'rev-27' },
      [CohortIds.track]: { option: 'reverse' },
      [CohortIds.minOverlapHours]: { text: '4' },
      [CohortIds.reverseSkills]: { options: ['new_technology_and_ai', 'social_media_and_digital_culture'] },
    });
    expect(created.viewOutcome?.action).toBe('closed');
    const row = await h.db
      .selectFrom('cohorts')
      .select(['min_overlap_hours', 'reverse_skills'])
      .where('slug', '=', 'rev-27')
      .executeTakeFirstOrThrow();
    expect(row.min_overlap_hours).toBe(4);
    expect(JSON.parse(row.reverse_skills)).toEqual([
      'new_technology_and_ai',
      'social_media_and_digital_culture',
    ]);

    const edit = await modalFrom('admin cohort edit rev-27');
    const fields = fillView(edit);
    expect(fields[CohortIds.minOverlapHours]?.value).toMatchObject({ value: '4' });
    expect(JSON.stringify(fields[CohortIds.reverseSkills])).toContain('new_technology_and_ai');

    const tooLong = await submit(edit, { [CohortIds.minOverlapHours]: { text: '9' } });
    expect(tooLong.json).toMatchObject({
      response_action: 'errors',
      errors: { [CohortIds.minOverlapHours]: expect.stringMatching(/whole hours from 0 to 8/) },
    });
    const unchanged = await h.db
      .selectFrom('cohorts')
      .select('min_overlap_hours')
      .where('slug', '=', 'rev-27')
      .executeTakeFirstOrThrow();
    expect(unchanged.min_overlap_hours).toBe(4);
  });

  test('when the reverse track lists skills, then a junior who teaches none of them is never proposed', async () => {
    const cohortId = await openCohort(h.services, ADMIN_ID, 'rev-ai', {
      track: 'reverse',
      reverseSkills: ['new_technology_and_ai'],
    });
    const senior = { job_level: '6', skills_wanted: ['new_technology_and_ai', 'strategy'] };
    await enrollPeople(h.db, cohortId, [
      { id: 'U0RVE01', role: 'mentee', name: 'Senior One', answers: senior },
      { id: 'U0RVE02', role: 'mentee', name: 'Senior Two', answers: senior },
      {
        id: 'U0RVM01',
        role: 'mentor',
        name: 'Junior AI',
        answers: { job_level: '2', skills_offered: ['new_technology_and_ai'] },
      },
      {
        id: 'U0RVM02',
        role: 'mentor',
        name: 'Junior Strategy',
        answers: { job_level: '2', skills_offered: ['strategy'] },
      },
    ]);
    await closeEnrollment(h.services, ADMIN_ID, 'rev-ai');
    const proposal = await preview('rev-ai');
    expect(proposal.pairs.map((p) => p.mentorId)).toEqual(['U0RVM01']);
    expect(proposal.pairs[0]?.reasons.map((r) => r.text).join(' ')).toContain('New technology and AI');
    expect(proposal.pairs[0]?.reasons.map((r) => r.text).join(' ')).not.toContain('Strategy');
    expect(proposal.unmatched).toHaveLength(1);
  });

  test('when a cohort needs more shared hours than two time zones have, then that pair is not proposed', async () => {
    const cohortId = await openCohort(h.services, ADMIN_ID, 'hours', { minOverlapHours: 4 });
    await enrollPeople(h.db, cohortId, [
      { id: 'U0HRE01', role: 'mentee', name: 'London Mentee', tz: 'Europe/London' },
      { id: 'U0HRM01', role: 'mentor', name: 'Chicago Mentor', tz: 'America/Chicago' },
      {
        id: 'U0HRM02',
        role: 'mentor',
        name: 'Paris Mentor',
        tz: 'Europe/Paris',
        answers: { skills_offered: ['hiring_and_interviewing'] },
      },
    ]);
    await closeEnrollment(h.services, ADMIN_ID, 'hours');
    // Chicago shares 3 hours of London's working day at most; Paris 7, though it offers less.
    expect(pairsOf(await preview('hours'))).toEqual(['U0HRM02>U0HRE01']);
  });

  test("when the mentee's manager answered in another cohort, then the manager's manager is never their mentor", async () => {
    const other = await openCohort(h.services, ADMIN_ID, 'org-chart-a');
    await enrollPeople(h.db, other, [
      { id: 'U0ORLEAD', role: 'mentee', name: 'Lead', answers: { manager: 'U0ORVP' } },
    ]);
    const cohortId = await openCohort(h.services, ADMIN_ID, 'org-chart-b');
    await enrollPeople(h.db, cohortId, [
      { id: 'U0ORE01', role: 'mentee', name: 'Ada', answers: { manager: 'U0ORLEAD' } },
      {
        id: 'U0ORVP',
        role: 'mentor',
        name: 'Vice President',
        answers: { skills_offered: ['strategy', 'delegation'] },
      },
      { id: 'U0ORM02', role: 'mentor', name: 'Other Mentor', answers: { skills_offered: ['negotiation'] } },
    ]);
    await closeEnrollment(h.services, ADMIN_ID, 'org-chart-b');
    // The VP offers exactly what Ada wants, but is her manager's manager.
    expect(pairsOf(await preview('org-chart-b'))).toEqual(['U0ORM02>U0ORE01']);
  });

  test('when a mentee ranks a mentor first, then the preview says so in the reasons', async () => {
    const cohortId = await openCohort(h.services, ADMIN_ID, 'picks');
    await enrollPeople(h.db, cohortId, [
      { id: 'U0PKE01', role: 'mentee', name: 'Picker', answers: { mentor_picks: ['U0PKM02', 'U0PKM01'] } },
      { id: 'U0PKM01', role: 'mentor', name: 'First Mentor' },
      { id: 'U0PKM02', role: 'mentor', name: 'Chosen Mentor' },
    ]);
    await closeEnrollment(h.services, ADMIN_ID, 'picks');
    const proposal = await preview('picks');
    expect(pairsOf(proposal)).toEqual(['U0PKM02>U0PKE01']);
    expect(proposal.pairs[0]?.reasons.map((r) => r.text)).toContainEqual(
      expect.stringMatching(/^you picked Chosen Mentor \(your #1 choice\) \(\+\d+\)$/),
    );
  });

  test('when two opted-in people match on a self-identification question, then no score or reason anyone sees reveals it', async () => {
    const cohortId = await openCohort(h.services, ADMIN_ID, 'private');
    await h.db
      .updateTable('profile_questions')
      .set({ matching_use: 'prefer_similar', weight: 'high' })
      .where('cohort_id', '=', cohortId)
      .where('key', '=', 'underrepresented')
      .execute();
    await enrollPeople(h.db, cohortId, [
      { id: 'U0PVE01', role: 'mentee', name: 'Private Mentee', answers: { underrepresented: 'yes' } },
      { id: 'U0PVM01', role: 'mentor', name: 'Private Mentor', answers: { underrepresented: 'yes' } },
    ]);
    await h.db
      .updateTable('enrollments')
      .set({ match_on_sensitive: 1 })
      .where('cohort_id', '=', cohortId)
      .execute();
    await closeEnrollment(h.services, ADMIN_ID, 'private');
    const shown = await say('admin match private');
    const proposal = await preview('private');
    const [pair] = proposal.pairs;
    expect(pair?.reasons.map((r) => r.code)).not.toContain('preference');
    expect(pair?.score).toBe(
      pair?.reasons.reduce((sum, r) => sum + Number(/\(\+(\d+)\)$/.exec(r.text)?.[1]), 0),
    );
    expect(proposal.stats.meanScore).toBe(pair?.score);
    expect(JSON.stringify(shown)).not.toMatch(/preference|opted in/);
  });
});
