import { requestDifferentMatch } from '../../src/services/match-requests';
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
  ) {
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

  async function requestRow(userId: string) {
    return h.db
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
});
