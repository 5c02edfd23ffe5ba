import { parse } from 'csv-parse/sync';
import { MatchIds as Ids } from '../../src/slack/ids';
import { validateMessage } from '../emulator/block-kit-limits';
import { ADMIN_ID, type Harness, MEMBER_ID, startHarness } from '../support/harness';
import { closeEnrollment, enrollPeople, openCohort, people } from '../support/match-seed';
import { livePairingOf, openRequestModal, submitMatchRequest } from '../support/match-requests';
import { fillView } from '../support/view-state';

type Json = Record<string, unknown>;

describe('matching', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  async function say(text: string, userId = ADMIN_ID): Promise<Json> {
    const sent = await h.driver.command({ userId, text });
    return (await h.emulator.waitForResponse(sent.responseUrl ?? '')).body;
  }

  let pressed = 0;
  async function press(actionId: string, value: string, userId = ADMIN_ID): Promise<Json> {
    const sent = await h.driver.blockAction({
      userId,
      actions: [{ action_id: actionId, value, type: 'button' }],
      message: {
        ts: `1700000000.${String((pressed += 1)).padStart(6, '0')}`,
        isEphemeral: true,
        text: 'preview',
      },
      channelId: h.emulator.dmChannelFor(userId),
    });
    expect(sent.status).toBe(200);
    return (await h.emulator.waitForResponse(sent.responseUrl ?? '', 10_000)).body;
  }

  async function latestProposal(slug: string) {
    const row = await h.db
      .selectFrom('match_proposals')
      .innerJoin('cohorts', 'cohorts.id', 'match_proposals.cohort_id')
      .select(['match_proposals.id', 'match_proposals.proposal'])
      .where('cohorts.slug', '=', slug)
      .orderBy('match_proposals.id', 'desc')
      .executeTakeFirstOrThrow();
    const proposal = JSON.parse(row.proposal) as { pairs: { mentorId: string; menteeId: string }[] };
    return { id: row.id, pairs: proposal.pairs.map((p) => `${p.mentorId}>${p.menteeId}`) };
  }

  const blocksText = (body: Json) => JSON.stringify(body.blocks);

  test('when an admin previews a cohort of 40 pairs and one unmatchable mentee, then counts, reasons and paging fit Block Kit', async () => {
    const cohortId = await openCohort(h.services, ADMIN_ID, 'big');
    await enrollPeople(h.db, cohortId, [
      ...people('BG', 40),
      { id: 'U0LONELY1', role: 'mentee', name: 'Lone Ranger', answers: { languages: ['japanese'] } },
    ]);
    expect(await say('admin match big')).toMatchObject({ text: expect.stringMatching(/is still enrolling/) });
    const refused = await h.db
      .selectFrom('audit_log')
      .select(['outcome', 'details'])
      .where('action', '=', 'match.preview')
      .where('target', '=', 'big')
      .execute();
    expect(refused).toEqual([{ outcome: 'failed', details: JSON.stringify({ state: 'enrolling' }) }]);
    await closeEnrollment(h.services, ADMIN_ID, 'big');

    const preview = await say('admin match big');
    expect(preview.text).toBe('Match preview for Cohort big: 40 of 41 mentees matched, 1 unmatched.');
    const blocks = preview.blocks as Json[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(validateMessage(preview)).toEqual([]);
    expect(blocksText(preview)).toMatch(/Lone Ranger — [^"]*language/i);
    expect(blocksText(preview)).toContain('Pairs 1–10 of 40 (page 1 of 4)');
    expect(blocksText(preview)).toContain('Mean score:');

    const { id } = await latestProposal('big');
    const page3 = await press(Ids.page, `${id}:2`);
    expect(page3.replace_original).toBe(true);
    expect(blocksText(page3)).toContain('Pairs 21–30 of 40 (page 3 of 4)');
    expect((page3.blocks as Json[]).length).toBeLessThanOrEqual(50);
    const last = await press(Ids.page, `${id}:3`);
    expect(blocksText(last)).toContain('Pairs 31–40 of 40');
    expect(blocksText(last)).not.toContain(`"${Ids.page}"`);
    expect(blocksText(last)).toContain(Ids.pagePrevious);
  });

  test('when an admin downloads the CSV, then the DM gets every pair and the unmatched mentee with a BOM', async () => {
    const { id } = await latestProposal('big');
    const reply = await press(Ids.csv, String(id));
    expect(reply.text).toMatch(/CSV is in your DM/);
    const file = h.emulator.uploadedFiles.find((f) => f.filename === `big-match-${id}.csv`);
    expect(file?.channelId).toBe(h.emulator.dmChannelFor(ADMIN_ID));
    const text = file?.bytes.toString('utf8') ?? '';
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'mentor_id',
      'mentor_name',
      'mentee_id',
      'mentee_name',
      'score',
      'pinned',
      'reasons',
    ]);
    expect(rows.filter((r) => r.mentee_id !== '')).toHaveLength(41);
    expect(rows.filter((r) => r.mentor_id !== '')).toHaveLength(40);
    // What the preview suggested to the admin is in the file too.
    expect(rows.filter((r) => r.mentee_id === '').map((r) => r.reasons)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^suggestion: /)]),
    );
    expect(rows.find((r) => r.mentee_id === 'U0LONELY1')).toMatchObject({
      mentee_name: 'Lone Ranger',
      mentor_id: '',
      reasons: expect.stringMatching(/^unmatched: /),
    });
    expect(rows[0]?.mentor_name).toMatch(/^Mentor BG/);
  });

  describe('a small cohort', () => {
    const slug = 'small';
    const [m0, e0, m1, e1, m2, e2] = people('SM', 3).map((p) => p.id) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    beforeAll(async () => {
      cohortId = await openCohort(h.services, ADMIN_ID, slug);
      await enrollPeople(h.db, cohortId, people('SM', 3));
      // Introductions open group DMs, which Slack refuses for people it does not know.
      for (const p of people('SM', 3))
        h.emulator.addUser({
          id: p.id,
          name: p.id.toLowerCase(),
          realName: p.name ?? p.id,
          tz: 'Europe/London',
        });
      await closeEnrollment(h.services, ADMIN_ID, slug);
    });

    const openRequestModalFor = (userId: string, pairingId: number) => openRequestModal(h, userId, pairingId);
    const requestDifferentMatch = (userId: string, pairingId: number, text: string) =>
      submitMatchRequest(h, userId, pairingId, text);
    let cohortId = 0;
    const pairingOf = (userId: string) => livePairingOf(h, userId, cohortId);

    test('when an admin pins a pair, then the pair is in the next preview', async () => {
      expect((await say(`admin pin ${slug} <@${e0}|e0> <@${m0}|m0>`)).text).toMatch(/Name the mentor first/);
      expect((await say(`admin pin ${slug} <@${m2}|m2> nobody`)).text).toMatch(/`nobody` is not a person/);
      expect((await say(`admin pin ${slug} <@${m1}|m1> <@${e0}|e0>`)).text).toMatch(
        /^Pinned: [^.]*\. Re-run/,
      );
      // A mentee has one pinned mentor: a second pin replaces the first, and says so.
      expect((await say(`admin pin ${slug} <@${m2}|m2> <@${e0}|e0>`)).text).toContain(
        `This replaces their pin to <@${m1}>.`,
      );
      for (let run = 0; run < 3; run += 1) {
        await say(`admin match ${slug}`);
        expect((await latestProposal(slug)).pairs).toContain(`${m2}>${e0}`);
      }
    });

    test('when an admin forbids a pair (mentee named first), then it never appears', async () => {
      expect((await say(`admin forbid ${slug} <@${e1}> <@${m1}>`)).text).toMatch(/Forbidden/);
      for (let run = 0; run < 4; run += 1) {
        await say(`admin match ${slug}`);
        const { pairs } = await latestProposal(slug);
        expect(pairs).not.toContain(`${m1}>${e1}`);
        expect(pairs).toHaveLength(3);
      }
      expect((await say(`admin forbid ${slug} <@${m0}> <@${m1}>`)).text).toMatch(
        /both mentors, so they could never be paired anyway/,
      );
      const audit = await h.db
        .selectFrom('audit_log')
        .select(['action', 'outcome'])
        .where('action', 'in', ['match.pin', 'match.forbid'])
        .orderBy('id')
        .execute();
      // Refusals are admin actions too: the wrong-order pin and the two-mentor forbid are on record.
      expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual([
        'match.pin:failed',
        'match.pin:ok',
        'match.pin:ok',
        'match.forbid:ok',
        'match.forbid:failed',
      ]);
    });

    test('when a member runs match commands or crafts an Approve button, then each is refused and audited', async () => {
      expect((await say(`admin match ${slug}`, MEMBER_ID)).text).toMatch(/for program admins/);
      const { id } = await latestProposal(slug);
      expect((await press(Ids.approve, String(id), MEMBER_ID)).text).toMatch(/for program admins/);
      const denied = await h.db
        .selectFrom('audit_log')
        .select('action')
        .where('actor_user_id', '=', MEMBER_ID)
        .where('outcome', '=', 'denied')
        .execute();
      expect(denied.map((d) => d.action)).toEqual(
        expect.arrayContaining(['command:admin match', `button:${Ids.approve}`]),
      );
      expect(await h.db.selectFrom('pairings').select('id').execute()).toEqual([]);
    });

    test('when an admin approves an older preview, then it is refused; approving the latest creates pairings once', async () => {
      const { id: older } = await latestProposal(slug);
      await say(`admin match ${slug}`);
      const latest = await latestProposal(slug);
      expect((await press(Ids.approve, String(older))).text).toMatch(/newer preview/);

      const approved = await press(Ids.approve, String(latest.id));
      expect(approved.text).toMatch(/Approved: 3 pairings .* now active\. 3 introductions/);
      const pairings = await h.db.selectFrom('pairings').selectAll().execute();
      expect(pairings).toHaveLength(3);
      const members = await h.db
        .selectFrom('pairing_members')
        .select(['pairing_id', 'user_id', 'role'])
        .execute();
      expect(members.map((m) => `${m.role}:${m.user_id}`).sort()).toEqual(
        [m0, m1, m2]
          .map((m) => `mentor:${m}`)
          .concat([e0, e1, e2].map((e) => `mentee:${e}`))
          .sort(),
      );
      const pairs = pairings.map((p) => {
        const mine = members.filter((m) => m.pairing_id === p.id);
        return `${mine.find((m) => m.role === 'mentor')?.user_id}>${mine.find((m) => m.role === 'mentee')?.user_id}`;
      });
      expect(pairs.sort()).toEqual([...latest.pairs].sort());
      expect(pairs).toContain(`${m2}>${e0}`);
      // The mentee asked for weekly meetings; a pair takes the mentee's cadence.
      expect(pairings.every((p) => p.cadence === 'weekly' && p.approved_by === ADMIN_ID)).toBe(true);
      expect(pairings.every((p) => (JSON.parse(p.reasons) as unknown[]).length > 0)).toBe(true);
      const enrollments = await h.db
        .selectFrom('enrollments')
        .innerJoin('cohorts', 'cohorts.id', 'enrollments.cohort_id')
        .select('enrollments.state')
        .where('cohorts.slug', '=', slug)
        .execute();
      expect(enrollments.every((e) => e.state === 'matched')).toBe(true);
      const cohort = await h.db
        .selectFrom('cohorts')
        .select('state')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      expect(cohort.state).toBe('active');
      const intros = await h.db
        .selectFrom('outbox')
        .select(['idempotency_key', 'target'])
        .where('kind', '=', 'pairing.introduction')
        .execute();
      expect(intros.map((i) => i.idempotency_key).sort()).toEqual(
        pairings.map((p) => `intro:${p.id}`).sort(),
      );

      await h.app.dispatcher.drain();
      const sent = await h.db
        .selectFrom('outbox')
        .select(['state', 'slack_channel', 'last_error'])
        .where('kind', '=', 'pairing.introduction')
        .execute();
      expect(sent.map((row) => `${row.state}:${row.last_error}`)).toEqual(Array(3).fill('sent:null'));
      const posted = h.emulator.messagesIn(sent[0]?.slack_channel ?? '');
      expect(JSON.stringify(posted[0]?.blocks)).toContain(Ids.requestChange);

      expect((await press(Ids.approve, String(latest.id))).text).toMatch(/already approved/);
      expect(await h.db.selectFrom('pairings').select('id').execute()).toHaveLength(3);
      expect((await say(`admin match ${slug}`)).text).toMatch(/already matched/);
    });

    test('when a late mentor and mentee join an active cohort, then rematch pairs them and leaves the others intact', async () => {
      const before = await h.db
        .selectFrom('pairing_members')
        .selectAll()
        .orderBy('pairing_id')
        .orderBy('user_id')
        .execute();
      const cohort = await h.db
        .selectFrom('cohorts')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      await enrollPeople(h.db, cohort.id, [
        { id: 'U0LATEM01', role: 'mentor', name: 'Late Mentor' },
        { id: 'U0LATEE01', role: 'mentee', name: 'Late Mentee' },
      ]);
      expect((await say(`admin rematch ${slug} <@${e0}>`)).text).toMatch(/already has a pairing/);
      const reply = await say(`admin rematch ${slug} <@U0LATEE01|late>`);
      expect(reply.text).toMatch(/Matched.*<@U0LATEM01> ↔ <@U0LATEE01>/);
      const after = await h.db
        .selectFrom('pairing_members')
        .selectAll()
        .orderBy('pairing_id')
        .orderBy('user_id')
        .execute();
      expect(after.slice(0, before.length)).toEqual(before);
      expect(
        after
          .slice(before.length)
          .map((m) => m.user_id)
          .sort(),
      ).toEqual(['U0LATEE01', 'U0LATEM01']);
      const newPairing = after[after.length - 1]?.pairing_id ?? 0;
      const intro = await h.db
        .selectFrom('outbox')
        .select('target')
        .where('idempotency_key', '=', `intro:${newPairing}`)
        .executeTakeFirst();
      expect(intro?.target).toMatch(/U0LATEE01|U0LATEM01/);
    });

    test('when a participant requests a different match, then a blank reason is refused, and a reason is stored and sent to the admins', async () => {
      const pairing = await h.db
        .selectFrom('pairing_members')
        .select('pairing_id')
        .where('user_id', '=', e1)
        .executeTakeFirstOrThrow();
      const intro = await h.db
        .selectFrom('outbox')
        .select('payload')
        .where('idempotency_key', '=', `intro:${pairing.pairing_id}`)
        .executeTakeFirstOrThrow();
      expect(intro.payload).toContain(Ids.requestChange);

      const openRequestModal = (userId: string) => openRequestModalFor(userId, pairing.pairing_id);
      const view = await openRequestModal(e1);
      expect(view.callback_id).toBe(Ids.requestModal);

      const blank = await h.driver.viewSubmission({
        userId: e1,
        view: { id: view.id, state: { values: fillView(view, { [Ids.requestReason]: { text: '   ' } }) } },
      });
      expect(blank.json).toMatchObject({
        response_action: 'errors',
        errors: { [Ids.requestReason]: expect.stringMatching(/tell the admins why/) },
      });
      expect(await h.db.selectFrom('match_change_requests').select('id').execute()).toEqual([]);

      const crafted = await openRequestModal(MEMBER_ID);
      const outsider = await h.driver.viewSubmission({
        userId: MEMBER_ID,
        view: {
          id: crafted.id,
          state: { values: fillView(crafted, { [Ids.requestReason]: { text: 'let me in' } }) },
        },
      });
      expect(JSON.stringify(outsider.json)).toMatch(/belongs to the people in this mentoring pairing/);

      const reason = 'Our schedules never overlap & I need <someone> closer to my time zone.';
      const sent = await h.driver.viewSubmission({
        userId: e1,
        view: { id: view.id, state: { values: fillView(view, { [Ids.requestReason]: { text: reason } }) } },
      });
      expect(sent.json?.response_action).toBe('update');
      const stored = await h.db.selectFrom('match_change_requests').selectAll().execute();
      expect(stored).toMatchObject([
        { user_id: e1, pairing_id: pairing.pairing_id, reason, resolved_at: null },
      ]);
      const dm = await h.db
        .selectFrom('outbox')
        .select(['target', 'payload'])
        .where('kind', '=', 'match.change_request')
        .execute();
      expect(dm).toHaveLength(1);
      expect(dm[0]?.target).toBe(ADMIN_ID);
      expect(dm[0]?.payload).toContain('Our schedules never overlap &amp; I need &lt;someone&gt;');
      expect(h.logs.join('\n')).not.toContain('schedules never overlap');

      const list = await say(`admin requests ${slug}`);
      expect(blocksText(list)).toContain(`<@${e1}>`);
      expect(blocksText(list)).toContain('schedules never overlap');
    });

    test('when a participant asks again while their request is open, then it folds into that request and they are told so', async () => {
      const pairingId = await pairingOf(e1);
      const before = await h.db.selectFrom('match_change_requests').selectAll().execute();
      expect(before).toHaveLength(1);
      const reply = await requestDifferentMatch(e1, pairingId, 'Also: we never found a slot in three weeks.');
      expect(reply).toMatch(/already have an open request for this pairing, so I added this to it/);
      const after = await h.db.selectFrom('match_change_requests').selectAll().execute();
      expect(after).toHaveLength(1);
      expect(after[0]?.id).toBe(before[0]?.id);
      expect(after[0]?.reason).toBe(`${before[0]?.reason}\n\nAlso: we never found a slot in three weeks.`);
      const dms = await h.db
        .selectFrom('outbox')
        .select('payload')
        .where('kind', '=', 'match.change_request')
        .orderBy('id')
        .execute();
      expect(dms).toHaveLength(2);
      expect(dms[1]?.payload).toContain('added to their open request');
      expect(h.logs.join('\n')).not.toContain('never found a slot');
      const list = await say(`admin requests ${slug}`);
      expect(list.text).toMatch(/^1 open request/);
    });

    test('when a participant asks for a different match on an ended pairing, then it is refused and nothing is stored', async () => {
      const pairingId = await pairingOf(e2);
      await h.db.updateTable('pairings').set({ state: 'ended' }).where('id', '=', pairingId).execute();
      try {
        const reply = await requestDifferentMatch(e2, pairingId, 'Please find me someone else.');
        expect(reply).toMatch(/This pairing has ended, so there is nothing to change/);
        const stored = await h.db
          .selectFrom('match_change_requests')
          .select('id')
          .where('user_id', '=', e2)
          .execute();
        expect(stored).toEqual([]);
      } finally {
        await h.db.updateTable('pairings').set({ state: 'active' }).where('id', '=', pairingId).execute();
      }
    });
  });

  test('when the cohort changes after a preview, then Approve refuses it in place, offers Re-run, and the re-run approves', async () => {
    const slug = 'stale';
    const cohortId = await openCohort(h.services, ADMIN_ID, slug);
    await enrollPeople(h.db, cohortId, people('ST', 2));
    await closeEnrollment(h.services, ADMIN_ID, slug);
    const stale = async (why: string) => {
      const { id } = await latestProposal(slug);
      const refused = await press(Ids.approve, String(id));
      expect({ why, replaced: refused.replace_original, text: refused.text }).toEqual({
        why,
        replaced: true,
        text: expect.stringMatching(/^Nothing was approved\. Something this preview depended on has changed/),
      });
      // The stale preview's Approve button is gone; Re-run is the one way on.
      expect(blocksText(refused)).not.toContain(Ids.approve);
      expect(blocksText(refused)).toContain(Ids.rerun);
      expect(
        await h.db.selectFrom('pairings').select('id').where('cohort_id', '=', cohortId).execute(),
      ).toEqual([]);
      return id;
    };

    await say(`admin match ${slug}`);
    const [m0, e0] = [people('ST', 1)[0]?.id, people('ST', 1)[1]?.id];
    expect((await say(`admin forbid ${slug} <@${m0}> <@${e0}>`)).text).toMatch(/Forbidden/);
    await stale('a forbid made after the preview');

    await say(`admin match ${slug}`);
    await enrollPeople(h.db, cohortId, [{ id: 'U0STLATE01', role: 'mentee', name: 'Late Comer' }]);
    await stale('someone who enrolled after the preview');

    await say(`admin match ${slug}`);
    const answer = await h.db
      .selectFrom('profile_answers')
      .innerJoin('enrollments', 'enrollments.id', 'profile_answers.enrollment_id')
      .innerJoin('profile_questions', 'profile_questions.id', 'profile_answers.question_id')
      .select(['profile_answers.enrollment_id', 'profile_answers.question_id'])
      .where('enrollments.user_id', '=', 'U0STLATE01')
      .where('profile_questions.key', '=', 'languages')
      .executeTakeFirstOrThrow();
    await h.db
      .updateTable('profile_answers')
      .set({ value: JSON.stringify(['german']) })
      .where('enrollment_id', '=', answer.enrollment_id)
      .where('question_id', '=', answer.question_id)
      .execute();
    const last = await stale('an answer edited after the preview');

    const rerun = await press(Ids.rerun, String(last));
    expect(rerun.replace_original).toBe(true);
    expect(rerun.text).toMatch(/^Match preview for Cohort stale/);
    const { id } = await latestProposal(slug);
    const approved = await press(Ids.approve, String(id));
    expect(approved.replace_original).toBe(true);
    expect(approved.text).toMatch(/Approved: 2 pairings in \*Cohort stale\*/);
    expect(blocksText(approved)).not.toContain(Ids.approve);
    const audit = await h.db
      .selectFrom('audit_log')
      .select(['outcome'])
      .where('action', '=', 'match.approve')
      .where('target', '=', slug)
      .execute();
    expect(audit.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed', 'ok']);
  });

  test('when a group cohort is approved, then each mentor gets one pairing with their mentees at the cohort cadence', async () => {
    const cohortId = await openCohort(h.services, ADMIN_ID, 'groups', { track: 'group', groupSize: 3 });
    const crowd = [
      ...people('GR', 2).filter((p) => p.role === 'mentor'),
      ...people('GR', 4).filter((p) => p.role === 'mentee'),
    ];
    await enrollPeople(h.db, cohortId, crowd);
    await closeEnrollment(h.services, ADMIN_ID, 'groups');
    const preview = await say('admin match groups');
    expect(preview.text).toMatch(/4 of 4 mentees matched/);
    // One introduction per group, not per mentee.
    expect(blocksText(preview)).toContain('2 introductions will be sent');
    const { id } = await latestProposal('groups');
    expect((await press(Ids.approve, String(id))).text).toMatch(/Approved: 2 pairings/);
    const pairings = await h.db
      .selectFrom('pairings')
      .select(['id', 'cadence'])
      .where('cohort_id', '=', cohortId)
      .execute();
    expect(pairings.map((p) => p.cadence)).toEqual(['biweekly', 'biweekly']);
    for (const pairing of pairings) {
      const members = await h.db
        .selectFrom('pairing_members')
        .select('role')
        .where('pairing_id', '=', pairing.id)
        .execute();
      expect(members.map((m) => m.role).sort()).toEqual(['mentee', 'mentee', 'mentor']);
    }
  });
});
