import { rematchMatchRequest, requestDifferentMatch } from '../../src/services/match-requests';
import { inlineEngine } from '../../src/services/matching';
import { approveProposal } from '../../src/services/match-approval';
import { previewMatches } from '../../src/services/matching';
import { MatchIds as Ids } from '../../src/slack/ids';
import { REQUESTS_SHOWN } from '../../src/slack/views/match-request';
import { validateMessage } from '../emulator/block-kit-limits';
import { ADMIN_ID, type Harness, MEMBER_ID, startHarness } from '../support/harness';
import { livePairingOf, submitMatchRequest } from '../support/match-requests';
import { closeEnrollment, enrollPeople, openCohort, type PersonSeed, people } from '../support/match-seed';

type Json = Record<string, unknown>;

const SECOND_ADMIN = 'U0ADMIN02';

describe('requests for a different match', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ adminUserIds: [ADMIN_ID, SECOND_ADMIN] });
    h.emulator.addUser({ id: SECOND_ADMIN, name: 'bo', realName: 'Bo Admin', tz: 'Europe/London' });
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
        ts: `1700000100.${String((pressed += 1)).padStart(6, '0')}`,
        isEphemeral: true,
        text: 'requests',
      },
      channelId: h.emulator.dmChannelFor(userId),
    });
    expect(sent.status).toBe(200);
    return (await h.emulator.waitForResponse(sent.responseUrl ?? '', 10_000)).body;
  }

  /** An active cohort of `pairs` approved 1:1 pairs (plus `extra` people left unpaired). */
  async function activeCohort(
    slug: string,
    crowd: readonly PersonSeed[],
    extra: Partial<{ track: 'group'; groupSize: number }> = {},
    on: Harness = h,
  ) {
    const h = on;
    const cohortId = await openCohort(h.services, ADMIN_ID, slug, extra);
    await enrollPeople(h.db, cohortId, crowd);
    for (const p of crowd)
      h.emulator.addUser({
        id: p.id,
        name: p.id.toLowerCase(),
        realName: p.name ?? p.id,
        tz: 'Europe/London',
      });
    await closeEnrollment(h.services, ADMIN_ID, slug);
    const preview = await previewMatches(h.services, ADMIN_ID, { slug });
    if (!preview.ok) throw new Error(preview.reason);
    const approved = await approveProposal(h.services, ADMIN_ID, preview.proposalId);
    if (!approved.ok) throw new Error(approved.reason);
    return cohortId;
  }

  async function requestRow(userId: string, on: Harness = h) {
    return on.db
      .selectFrom('match_change_requests')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  }

  const buttonsOf = (body: Json) =>
    (body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .map((e) => `${e.action_id}:${e.value}`);

  describe('dismissing', () => {
    const slug = 'dismiss';
    const [, e0, , e1] = people('DI', 2).map((p) => p.id) as [string, string, string, string];
    let cohortId = 0;
    beforeAll(async () => {
      cohortId = await activeCohort(slug, people('DI', 2));
      for (const [who, why] of [
        [e0, 'Our goals are too different.'],
        [e1, 'We never manage to meet.'],
      ] as const)
        expect(await submitMatchRequest(h, who, await livePairingOf(h, who, cohortId), why)).toMatch(
          /admins have your request/,
        );
    });

    test('when an admin lists the requests, then each open one has Rematch and Dismiss buttons within Block Kit limits', async () => {
      const list = await say(`admin requests ${slug}`);
      expect(validateMessage(list)).toEqual([]);
      expect(list.text).toBe('2 open requests for a different match in Cohort dismiss.');
      const [first, second] = [await requestRow(e0), await requestRow(e1)];
      expect(buttonsOf(list)).toEqual([
        `${Ids.requestRematch}:${first.id}`,
        `${Ids.requestDismiss}:${first.id}`,
        `${Ids.requestRematch}:${second.id}`,
        `${Ids.requestDismiss}:${second.id}`,
      ]);
    });

    test('when a member crafts a Dismiss button, then it is refused, audited, and the request stays open', async () => {
      const { id } = await requestRow(e0);
      expect((await press(Ids.requestDismiss, String(id), MEMBER_ID)).text).toMatch(/for program admins/);
      expect(await requestRow(e0)).toMatchObject({ resolved_at: null, resolved_by: null, resolution: null });
      const denied = await h.db
        .selectFrom('audit_log')
        .select('action')
        .where('actor_user_id', '=', MEMBER_ID)
        .where('outcome', '=', 'denied')
        .execute();
      expect(denied.map((d) => d.action)).toContain(`button:${Ids.requestDismiss}`);
    });

    test('when an admin dismisses a request, then it is resolved, the requester is told without the reason, and the list redraws without it', async () => {
      const { id } = await requestRow(e0);
      h.setNow(new Date('2026-12-10T10:00:00.000Z'));
      const reply = await press(Ids.requestDismiss, String(id));
      h.setNow(undefined);
      expect(reply.replace_original).toBe(true);
      expect(validateMessage(reply)).toEqual([]);
      expect(reply.text).toMatch(new RegExp(`^Dismissed <@${e0}>'s request.* 1 open request for`));
      expect(buttonsOf(reply)).toEqual([
        `${Ids.requestRematch}:${(await requestRow(e1)).id}`,
        `${Ids.requestDismiss}:${(await requestRow(e1)).id}`,
      ]);
      expect(await requestRow(e0)).toMatchObject({
        resolved_at: '2026-12-10T10:00:00.000Z',
        resolved_by: ADMIN_ID,
        resolution: 'dismissed',
      });
      const told = await h.db
        .selectFrom('outbox')
        .select(['target', 'payload'])
        .where('kind', '=', 'match.change_request_resolved')
        .execute();
      expect(told.map((t) => t.target)).toEqual([e0]);
      expect(told[0]?.payload).toContain('keeping your current pairing');
      expect(told[0]?.payload).not.toContain('goals are too different');
      expect(h.logs.join('\n')).not.toContain('goals are too different');
      const pairing = await h.db
        .selectFrom('pairings')
        .select('state')
        .where('id', '=', await livePairingOf(h, e0, cohortId))
        .executeTakeFirstOrThrow();
      expect(pairing.state).toBe('active');
      const audit = await h.db
        .selectFrom('audit_log')
        .select(['actor_user_id', 'outcome'])
        .where('action', '=', 'match.request_dismiss')
        .where('target', '=', `request:${id}`)
        .execute();
      expect(audit).toEqual([{ actor_user_id: ADMIN_ID, outcome: 'ok' }]);
    });

    test('when the same or a second admin presses Dismiss or Rematch on a resolved request, then they are told who resolved it and nothing changes', async () => {
      const { id } = await requestRow(e0);
      const before = await requestRow(e0);
      const pairingsBefore = await h.db.selectFrom('pairings').select(['id', 'state']).execute();
      for (const [actionId, who] of [
        [Ids.requestDismiss, ADMIN_ID],
        [Ids.requestDismiss, SECOND_ADMIN],
        [Ids.requestRematch, SECOND_ADMIN],
      ] as const) {
        const again = await press(actionId, String(id), who);
        expect({ actionId, who, replaced: again.replace_original, text: again.text }).toEqual({
          actionId,
          who,
          replaced: false,
          text: `This request was already dismissed by <@${ADMIN_ID}> on 2026-12-10; nothing changed.`,
        });
      }
      expect(await requestRow(e0)).toEqual(before);
      expect(await h.db.selectFrom('pairings').select(['id', 'state']).execute()).toEqual(pairingsBefore);
      const told = await h.db
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'match.change_request_resolved')
        .execute();
      expect(told).toHaveLength(1);
      const refused = await h.db
        .selectFrom('audit_log')
        .select(['action', 'outcome', 'details'])
        .where('target', '=', `request:${id}`)
        .where('outcome', '=', 'failed')
        .orderBy('id')
        .execute();
      expect(refused.map((r) => `${r.action}:${r.details}`)).toEqual([
        'match.request_dismiss:{"code":"already_resolved"}',
        'match.request_dismiss:{"code":"already_resolved"}',
        'match.request_rematch:{"code":"already_resolved"}',
      ]);
    });

    test('when a button names a request that does not exist or is not a number, then the admin is told or nothing happens', async () => {
      expect((await press(Ids.requestDismiss, '999999')).text).toBe('That request no longer exists.');
      const sent = await h.driver.blockAction({
        userId: ADMIN_ID,
        actions: [{ action_id: Ids.requestDismiss, value: 'drop table', type: 'button' }],
        message: { ts: '1700000200.000001', isEphemeral: true, text: 'requests' },
        channelId: h.emulator.dmChannelFor(ADMIN_ID),
      });
      expect(sent.status).toBe(200);
      expect(h.logs.join('\n')).toContain('malformed match button');
      expect(await requestRow(e1)).toMatchObject({ resolved_at: null });
    });
  });

  test('when there are more open requests than fit, then the list shows the first ones and says how many more there are', async () => {
    const slug = 'many';
    const crowd = people('MY', REQUESTS_SHOWN + 3);
    const cohortId = await activeCohort(slug, crowd);
    for (const mentee of crowd.filter((p) => p.role === 'mentee')) {
      const sent = await requestDifferentMatch(h.services, {
        pairingId: await livePairingOf(h, mentee.id, cohortId),
        userId: mentee.id,
        reason: `Reason of ${mentee.id} `.repeat(40),
      });
      expect(sent.ok).toBe(true);
    }
    const list = await say(`admin requests ${slug}`);
    expect(validateMessage(list)).toEqual([]);
    expect((list.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    expect(buttonsOf(list).filter((b) => b.startsWith(Ids.requestDismiss))).toHaveLength(REQUESTS_SHOWN);
    expect(JSON.stringify(list.blocks)).toContain('…and 3 more open requests, oldest first.');
    expect(list.text).toBe(`${REQUESTS_SHOWN + 3} open requests for a different match in Cohort many.`);
  });

  describe('rematching', () => {
    async function membersOf(pairingId: number) {
      const rows = await h.db
        .selectFrom('pairing_members')
        .select(['user_id', 'role'])
        .where('pairing_id', '=', pairingId)
        .orderBy('user_id')
        .execute();
      return rows.map((r) => `${r.role}:${r.user_id}`);
    }
    const stateOf = async (pairingId: number) =>
      (
        await h.db
          .selectFrom('pairings')
          .select('state')
          .where('id', '=', pairingId)
          .executeTakeFirstOrThrow()
      ).state;
    const auditOf = async (action: string) =>
      (
        await h.db
          .selectFrom('audit_log')
          .select(['outcome', 'details'])
          .where('action', '=', action)
          .orderBy('id')
          .execute()
      ).map((a) => `${a.outcome}:${a.details}`);

    test('when an admin rematches a 1:1 request, then the old pairing ends, the requester gets a new mentor, both sides are told without the reason, and a second press changes nothing', async () => {
      const slug = 'swap';
      const [m0, e0] = people('SW', 1).map((p) => p.id) as [string, string];
      const cohortId = await activeCohort(slug, people('SW', 1));
      const spare = { id: 'U0SWSPARE1', role: 'mentor' as const, name: 'Spare Mentor' };
      await enrollPeople(h.db, cohortId, [spare]);
      const old = await livePairingOf(h, e0, cohortId);
      await submitMatchRequest(h, e0, old, 'We clash on everything.');
      const { id } = await requestRow(e0);

      const reply = await press(Ids.requestRematch, String(id), SECOND_ADMIN);
      expect(reply.replace_original).toBe(true);
      expect(validateMessage(reply)).toEqual([]);
      expect(reply.text).toMatch(new RegExp(`^Rematched <@${e0}>\\. Matched.*<@${spare.id}> ↔ <@${e0}>`));
      expect(JSON.stringify(reply.blocks)).toContain('No open requests');
      expect(await stateOf(old)).toBe('ended');
      const fresh = await livePairingOf(h, e0, cohortId);
      expect(await membersOf(fresh)).toEqual([`mentee:${e0}`, `mentor:${spare.id}`].sort());
      expect(await requestRow(e0)).toMatchObject({ resolved_by: SECOND_ADMIN, resolution: 'rematched' });
      const told = await h.db
        .selectFrom('outbox')
        .select(['kind', 'target', 'payload'])
        .where('kind', 'in', ['match.change_request_resolved', 'pairing.ended'])
        .where('target', 'in', [e0, m0])
        .orderBy('id')
        .execute();
      expect(told.map((t) => `${t.kind}:${t.target}`)).toEqual([
        `match.change_request_resolved:${e0}`,
        `pairing.ended:${m0}`,
      ]);
      expect(told[0]?.payload).toContain('found you a new match');
      expect(told[1]?.payload).toContain('will look for a new match for you');
      expect(told.map((t) => t.payload).join()).not.toContain('clash');
      const intro = await h.db
        .selectFrom('outbox')
        .select('target')
        .where('idempotency_key', '=', `intro:${fresh}`)
        .executeTakeFirst();
      expect(intro?.target).toBe(`users:${spare.id},${e0}`);
      expect((await auditOf('match.request_rematch')).at(-1)).toBe(`ok:{"pairing":${old}}`);

      const again = await press(Ids.requestRematch, String(id));
      expect(again.replace_original).toBe(false);
      expect(again.text).toMatch(new RegExp(`already rematched by <@${SECOND_ADMIN}>`));
      expect(await livePairingOf(h, e0, cohortId)).toBe(fresh);
    });

    test('when no mentor has room for the requester, then the admin is told, the pairing and the request stay, and the failure is audited', async () => {
      const slug = 'full';
      const [, e0] = people('FU', 1).map((p) => p.id) as [string, string];
      const cohortId = await activeCohort(slug, people('FU', 1));
      const pairing = await livePairingOf(h, e0, cohortId);
      await submitMatchRequest(h, e0, pairing, 'Please.');
      const { id } = await requestRow(e0);
      const reply = await press(Ids.requestRematch, String(id));
      expect(reply.replace_original).toBe(false);
      expect(reply.text).toMatch(
        new RegExp(`^No match for <@${e0}> right now.*Their current pairing is unchanged\\.`),
      );
      expect(await stateOf(pairing)).toBe('active');
      expect(await requestRow(e0)).toMatchObject({ resolved_at: null, resolution: null });
      expect((await auditOf('match.rematch')).at(-1)).toBe(`failed:{"user":"${e0}","code":"no_match"}`);
      expect((await auditOf('match.request_rematch')).at(-1)).toBe('failed:{"code":"no_match"}');
    });

    test('when the cohort changes while the engine runs, then nothing is written and the admin is asked to run it again; running it again works', async () => {
      const slug = 'race';
      const [, e0] = people('RA', 1).map((p) => p.id) as [string, string];
      const cohortId = await activeCohort(slug, people('RA', 1));
      await enrollPeople(h.db, cohortId, [{ id: 'U0RASPARE1', role: 'mentor', name: 'Spare' }]);
      const pairing = await livePairingOf(h, e0, cohortId);
      await submitMatchRequest(h, e0, pairing, 'Please.');
      const { id } = await requestRow(e0);
      const pairingsBefore = await h.db.selectFrom('pairings').select(['id', 'state']).execute();
      // Someone joins while the engine is working on the old cohort.
      const racing = {
        propose: async (input: Parameters<typeof inlineEngine.propose>[0]) => {
          await enrollPeople(h.db, cohortId, [{ id: 'U0RALATE01', role: 'mentee', name: 'Late' }]);
          return inlineEngine.propose(input);
        },
      };
      const raced = await rematchMatchRequest({ ...h.services, matching: racing }, ADMIN_ID, id);
      expect(raced).toEqual({
        ok: false,
        reason: expect.stringMatching(/^The cohort changed while .* Please run it again\.$/),
      });
      expect(await h.db.selectFrom('pairings').select(['id', 'state']).execute()).toEqual(pairingsBefore);
      expect(await requestRow(e0)).toMatchObject({ resolved_at: null });
      expect((await auditOf('match.rematch')).at(-1)).toBe(`failed:{"user":"${e0}","code":"stale"}`);
      const target = await h.db
        .selectFrom('audit_log')
        .select('target')
        .where('action', '=', 'match.rematch')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(target.target).toBe(slug);

      const reply = await press(Ids.requestRematch, String(id));
      expect(reply.text).toMatch(new RegExp(`^Rematched <@${e0}>`));
      expect(await stateOf(pairing)).toBe('ended');
    });

    test('when a group cohort rematches a late mentee, then they join the group with room; when a group mentee asks for a new match, then only they leave the group', async () => {
      const slug = 'grp';
      const crowd: PersonSeed[] = [
        { id: 'U0GPM0001', role: 'mentor', name: 'Group Mentor' },
        { id: 'U0GPE0001', role: 'mentee', name: 'Group Mentee 1' },
        { id: 'U0GPE0002', role: 'mentee', name: 'Group Mentee 2' },
      ];
      const cohortId = await activeCohort(slug, crowd, { track: 'group', groupSize: 4 });
      const group = await livePairingOf(h, 'U0GPE0001', cohortId);
      await h.db
        .updateTable('pairings')
        .set({ conversation_id: 'G0OLDDM01' })
        .where('id', '=', group)
        .execute();
      await enrollPeople(h.db, cohortId, [{ id: 'U0GPLATE1', role: 'mentee', name: 'Late Mentee' }]);
      const joined = await say(`admin rematch ${slug} <@U0GPLATE1>`);
      expect(joined.text).toMatch(/Matched.*They join the mentor’s existing group\./);
      expect(await livePairingOf(h, 'U0GPLATE1', cohortId)).toBe(group);
      expect(await membersOf(group)).toEqual(
        ['mentee:U0GPE0001', 'mentee:U0GPE0002', 'mentee:U0GPLATE1', 'mentor:U0GPM0001'].sort(),
      );
      const welcome = await h.db
        .selectFrom('outbox')
        .select('target')
        .where('idempotency_key', '=', `intro:${group}:joined:U0GPLATE1`)
        .executeTakeFirstOrThrow();
      // The old group DM cannot take a new member: the welcome opens one with everyone.
      expect(welcome.target).toBe('users:U0GPM0001,U0GPE0001,U0GPE0002,U0GPLATE1');
      expect(
        await h.db.selectFrom('pairings').select('id').where('cohort_id', '=', cohortId).execute(),
      ).toHaveLength(1);

      await enrollPeople(h.db, cohortId, [{ id: 'U0GPM0002', role: 'mentor', name: 'Second Mentor' }]);
      await h.db
        .updateTable('pairings')
        .set({ conversation_id: 'G0OLDDM02' })
        .where('id', '=', group)
        .execute();
      await submitMatchRequest(h, 'U0GPE0002', group, 'Different goals from the group.');
      const { id } = await requestRow('U0GPE0002');
      const reply = await press(Ids.requestRematch, String(id));
      expect(reply.text).toMatch(/^Rematched <@U0GPE0002>\. Matched.*<@U0GPM0002> ↔ <@U0GPE0002>/);
      expect(await stateOf(group)).toBe('active');
      expect(await membersOf(group)).toEqual(
        ['mentee:U0GPE0001', 'mentee:U0GPLATE1', 'mentor:U0GPM0001'].sort(),
      );
      const fresh = await livePairingOf(h, 'U0GPE0002', cohortId);
      expect(await membersOf(fresh)).toEqual(['mentee:U0GPE0002', 'mentor:U0GPM0002'].sort());
      const forbid = await h.db
        .selectFrom('match_constraints')
        .select(['kind', 'mentor_id', 'mentee_id'])
        .where('cohort_id', '=', cohortId)
        .execute();
      expect(forbid).toEqual([{ kind: 'forbid', mentor_id: 'U0GPM0001', mentee_id: 'U0GPE0002' }]);
      // The rest of the group is told who left (never why), in a group DM without them.
      const notice = await h.db
        .selectFrom('outbox')
        .select(['kind', 'target', 'payload'])
        .where('idempotency_key', '=', `group-left:${group}:U0GPE0002`)
        .executeTakeFirstOrThrow();
      expect(notice.kind).toBe('pairing.member_left');
      expect(notice.target).toBe('users:U0GPM0001,U0GPE0001,U0GPLATE1');
      expect(notice.payload).toContain('<@U0GPE0002> has moved to a different mentoring match');
      expect(notice.payload).not.toContain('Different goals');
      const kept = await h.db
        .selectFrom('pairings')
        .select('conversation_id')
        .where('id', '=', group)
        .executeTakeFirstOrThrow();
      expect(kept.conversation_id).toBeNull();
    });
  });

  describe('acting from the admin DM', () => {
    // A harness of its own: the DMs must be delivered, without the other tests' backlog.
    let h: Harness;
    const slug = 'from-dm';
    const crowd = people('DM', 2);
    const [, e0, , e1] = crowd.map((p) => p.id) as [string, string, string, string];
    const spare = { id: 'U0DMSPARE1', role: 'mentor' as const, name: 'Spare Mentor' };
    let cohortId = 0;
    beforeAll(async () => {
      h = await startHarness({ adminUserIds: [ADMIN_ID, SECOND_ADMIN] });
      h.emulator.addUser({ id: SECOND_ADMIN, name: 'bo', realName: 'Bo Admin', tz: 'Europe/London' });
      cohortId = await activeCohort(slug, crowd, {}, h);
      await enrollPeople(h.db, cohortId, [spare]);
      await submitMatchRequest(h, e0, await livePairingOf(h, e0, cohortId), 'We keep missing each other.');
      await submitMatchRequest(h, e1, await livePairingOf(h, e1, cohortId), 'Our goals drifted apart.');
      await h.app.dispatcher.drain();
    });
    afterAll(async () => {
      await h.stop();
    });

    /** The admin's DM about `userId`'s request, as it stands in Slack now. */
    const dmAbout = (adminId: string, userId: string) => {
      const found = h.emulator
        .messagesIn(h.emulator.dmChannelFor(adminId))
        .filter((m) => m.text.includes(`<@${userId}> asked for a different match in *Cohort ${slug}*`));
      expect(found).toHaveLength(1);
      return found[0] as NonNullable<(typeof found)[0]>;
    };

    async function pressOnDm(adminId: string, userId: string, actionId: string): Promise<Json> {
      const sent = await h.driver.blockAction({
        userId: adminId,
        actions: [{ action_id: actionId }],
        message: { ts: dmAbout(adminId, userId).ts },
        channelId: h.emulator.dmChannelFor(adminId),
      });
      expect(sent.status).toBe(200);
      return (await h.emulator.waitForResponse(sent.responseUrl ?? '', 10_000)).body;
    }

    test('when a request arrives, then every admin’s DM has Rematch and Dismiss for it within Block Kit limits', async () => {
      const { id } = await requestRow(e0, h);
      for (const admin of [ADMIN_ID, SECOND_ADMIN]) {
        const dm = dmAbout(admin, e0);
        expect(validateMessage(dm)).toEqual([]);
        expect(buttonsOf(dm as unknown as Json)).toEqual([
          `${Ids.requestRematch}:${id}`,
          `${Ids.requestDismiss}:${id}`,
        ]);
      }
    });

    test('when an admin dismisses from their DM, then that DM keeps the request and shows what was done in place of the buttons', async () => {
      const reply = await pressOnDm(ADMIN_ID, e0, Ids.requestDismiss);
      expect(reply.replace_original).toBe(true);
      expect(await requestRow(e0, h)).toMatchObject({ resolved_by: ADMIN_ID, resolution: 'dismissed' });
      const dm = dmAbout(ADMIN_ID, e0);
      expect(validateMessage(dm)).toEqual([]);
      expect(buttonsOf(dm as unknown as Json)).toEqual([]);
      const shown = JSON.stringify(dm.blocks);
      expect(shown).toContain('We keep missing each other.');
      expect(shown).toContain(`Dismissed <@${e0}>'s request; they keep their pairing and have been told.`);
      expect(shown).toContain(`/mentor admin requests ${slug}`);
    });

    test('when the second admin then presses on their own DM, then they are told who resolved it and their DM is left as it is', async () => {
      const before = dmAbout(SECOND_ADMIN, e0);
      const again = await pressOnDm(SECOND_ADMIN, e0, Ids.requestRematch);
      expect(again.replace_original).toBe(false);
      expect(again.text).toMatch(new RegExp(`already dismissed by <@${ADMIN_ID}>`));
      expect(dmAbout(SECOND_ADMIN, e0)).toEqual(before);
      expect(await livePairingOf(h, e0, cohortId)).toBeGreaterThan(0);
    });

    test('when an admin rematches from their DM, then the requester is matched anew and the DM says with whom', async () => {
      const old = await livePairingOf(h, e1, cohortId);
      const reply = await pressOnDm(SECOND_ADMIN, e1, Ids.requestRematch);
      expect(reply.replace_original).toBe(true);
      expect(await livePairingOf(h, e1, cohortId)).not.toBe(old);
      const dm = dmAbout(SECOND_ADMIN, e1);
      expect(validateMessage(dm)).toEqual([]);
      expect(buttonsOf(dm as unknown as Json)).toEqual([]);
      expect(JSON.stringify(dm.blocks)).toMatch(
        new RegExp(`Rematched <@${e1}>\\..*<@${spare.id}> ↔ <@${e1}>`),
      );
      expect(JSON.stringify(dm.blocks)).toContain('Our goals drifted apart.');
      expect(buttonsOf(dmAbout(ADMIN_ID, e1) as unknown as Json)).toHaveLength(2);
    });
  });
});
