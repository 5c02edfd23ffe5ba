import { MatchIds as Ids } from '../../src/slack/ids';
import { ADMIN_ID, type Harness, startHarness } from '../support/harness';
import { closeEnrollment, enrollPeople, openCohort, people } from '../support/match-seed';

type Json = Record<string, unknown>;

/**
 * The server matches on a worker thread. The same admin flow as in matching.test.ts, through
 * that thread: a preview, Approve, and a rematch, which runs the engine inside a transaction.
 */
describe('matching on the worker thread', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ matchingWorker: true });
  });
  afterAll(async () => {
    await h.stop();
  });

  async function say(text: string): Promise<Json> {
    const sent = await h.driver.command({ userId: ADMIN_ID, text });
    return (await h.emulator.waitForResponse(sent.responseUrl ?? '', 10_000)).body;
  }

  test('when an admin previews, approves and rematches a late joiner, then every answer comes from the worker', async () => {
    const cohortId = await openCohort(h.services, ADMIN_ID, 'wk');
    const enrolled = people('WK', 4);
    for (const p of enrolled) h.emulator.addUser({ id: p.id, name: p.name ?? p.id });
    await enrollPeople(h.db, cohortId, [
      ...enrolled,
      { id: 'U0LONELY9', role: 'mentee', name: 'Lone Wolf', answers: { languages: ['japanese'] } },
    ]);
    await closeEnrollment(h.services, ADMIN_ID, 'wk');

    const preview = await say('admin match wk');
    expect(preview.text).toBe('Match preview for Cohort wk: 4 of 5 mentees matched, 1 unmatched.');
    expect(JSON.stringify(preview.blocks)).toMatch(/Lone Wolf — [^"]*language/i);

    const proposal = await h.db
      .selectFrom('match_proposals')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const sent = await h.driver.blockAction({
      userId: ADMIN_ID,
      actions: [{ action_id: Ids.approve, value: String(proposal.id), type: 'button' }],
      message: { ts: '1700000000.000001', isEphemeral: true, text: 'preview' },
      channelId: h.emulator.dmChannelFor(ADMIN_ID),
    });
    expect(sent.status).toBe(200);
    await h.emulator.waitForResponse(sent.responseUrl ?? '', 10_000);
    expect(await h.db.selectFrom('pairings').select('id').execute()).toHaveLength(4);

    h.emulator.addUser({ id: 'U0LATEM09', name: 'Late Mentor' });
    h.emulator.addUser({ id: 'U0LATEE09', name: 'Late Mentee' });
    await enrollPeople(h.db, cohortId, [
      { id: 'U0LATEM09', role: 'mentor', name: 'Late Mentor' },
      { id: 'U0LATEE09', role: 'mentee', name: 'Late Mentee' },
    ]);
    expect((await say('admin rematch wk <@U0LATEE09|late>')).text).toMatch(
      /Matched.*<@U0LATEM09> ↔ <@U0LATEE09>/,
    );
    expect(await h.db.selectFrom('pairings').select('id').execute()).toHaveLength(5);
    await h.app.dispatcher.drain();
    const proposed = h.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((e) => e.msg === 'matches proposed');
    expect(proposed).toEqual([
      expect.objectContaining({ mentees: 5, mentors: 4, matched: 4, ms: expect.any(Number) }),
      expect.objectContaining({ mentees: 2, mentors: 1, matched: 1 }),
    ]);
  });
});
