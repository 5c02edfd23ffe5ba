import { AnnounceIds, EnrollIds } from '../../src/slack/ids';
import type { EmulatedView } from '../emulator/slack-emulator';
import { fieldErrorsOf, replyTo, seedBankCohort, seedEnrollment } from '../support/admin-seed';
import { ADMIN_ID, type Harness, MEMBER_ID, startHarness } from '../support/harness';
import { type Entry, fillView } from '../support/view-state';

const NOMINEES = ['U0NOM1', 'U0NOM2', 'U0NOM3'] as const;
const CHANNEL = 'C0COHORT';
const NOW = new Date('2026-11-23T10:00:00.000Z');

function buttonsIn(blocks: unknown): { action_id: string; value: string }[] {
  const found: { action_id: string; value: string }[] = [];
  JSON.stringify(blocks, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'button') {
      const b = value as { action_id: string; value: string };
      found.push({ action_id: b.action_id, value: b.value });
    }
    return value;
  });
  return found;
}

describe('nominations and announcements', () => {
  let h: Harness;
  let cohortId: number;

  beforeAll(async () => {
    h = await startHarness();
    h.setNow(NOW);
    for (const id of NOMINEES) h.emulator.addUser({ id, tz: 'Europe/Berlin' });
    cohortId = await seedBankCohort(h.db, {
      slug: 'spring',
      state: 'enrolling',
      channel: CHANNEL,
      guidelines: 'Meet at least monthly. <b>Be kind</b>.',
    });
    await seedBankCohort(h.db, { slug: 'draft', state: 'draft' });
    await seedBankCohort(h.db, { slug: 'over', state: 'completed' });
  });
  afterAll(async () => {
    await h.stop();
  });

  const outbox = (prefix: string) =>
    h.db
      .selectFrom('outbox')
      .selectAll()
      .where('idempotency_key', 'like', `${prefix}%`)
      .orderBy('id')
      .execute();

  describe('nominations', () => {
    test('when an admin nominates several people, then each is stored and gets one DM invitation with a Join button', async () => {
      await seedEnrollment(h.db, { cohortId, userId: NOMINEES[2], role: 'mentee' });
      const text = await replyTo(
        h,
        ADMIN_ID,
        `admin nominate spring <@${NOMINEES[0]}|nina> <@${NOMINEES[1]}> <@${NOMINEES[0]}|nina> <@${NOMINEES[2]}|em>`,
      );
      expect(text).toContain(`Nominated <@${NOMINEES[0]}>, <@${NOMINEES[1]}> for *Spring leadership cohort*`);
      expect(text).toContain(`already enrolled, so no invitation: <@${NOMINEES[2]}>`);
      const stored = await h.db
        .selectFrom('nominations')
        .select(['user_id', 'nominated_by'])
        .where('cohort_id', '=', cohortId)
        .orderBy('user_id')
        .execute();
      expect(stored).toEqual(NOMINEES.map((user_id) => ({ user_id, nominated_by: ADMIN_ID })));
      expect((await outbox('nominate:')).map((r) => r.idempotency_key)).toEqual([
        `nominate:${cohortId}:${NOMINEES[0]}`,
        `nominate:${cohortId}:${NOMINEES[1]}`,
      ]);

      await h.app.dispatcher.drain();
      for (const id of NOMINEES.slice(0, 2)) {
        const [dm, ...more] = h.emulator.messagesIn(h.emulator.dmChannelFor(id));
        expect(more).toEqual([]);
        expect(dm?.text).toBe('You have been nominated for Spring leadership cohort');
        const body = JSON.stringify(dm?.blocks);
        expect(body).toContain(`<@${ADMIN_ID}> nominated you`);
        expect(body).toContain('Meet at least monthly. &lt;b&gt;Be kind&lt;/b&gt;.');
        expect(buttonsIn(dm?.blocks)).toEqual([{ action_id: EnrollIds.joinButton, value: 'spring' }]);
      }
      expect(h.emulator.messagesIn(h.emulator.dmChannelFor(NOMINEES[2]))).toEqual([]);
    });

    test('when the same nomination is repeated, then it is reported as a duplicate and nobody is invited twice', async () => {
      const text = await replyTo(h, ADMIN_ID, `admin nominate spring <@${NOMINEES[1]}|ben>`);
      expect(text).toContain(`Already nominated before, so no second invitation: <@${NOMINEES[1]}>`);
      await h.app.dispatcher.drain();
      expect(h.emulator.messagesIn(h.emulator.dmChannelFor(NOMINEES[1]))).toHaveLength(1);
      expect(await outbox('nominate:')).toHaveLength(2);
      const audit = await h.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'cohort.nominate')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => JSON.parse(a.details))).toEqual([
        { nominated: 3, invited: 2, alreadyNominated: 0 },
        { nominated: 0, invited: 0, alreadyNominated: 1 },
      ]);
    });

    test.each([
      ['no people', 'admin nominate spring', /Usage: `\/mentor admin nominate <short-name> @person/],
      ['no cohort', `admin nominate <@${NOMINEES[0]}>`, /Usage/],
      [
        'a channel and a word',
        'admin nominate spring <#C0GENERAL|general> bob',
        /`&lt;#C0GENERAL\|general&gt;`, `bob` are not a person/,
      ],
      ['a user group', 'admin nominate spring <!subteam^S0LEADS|@leads>', /is not a person/],
      ['a cohort still in draft', `admin nominate draft <@${NOMINEES[0]}>`, /Open enrollment first/],
      ['a completed cohort', `admin nominate over <@${NOMINEES[0]}>`, /Enrollment is not open/],
      ['an unknown cohort', `admin nominate nope <@${NOMINEES[0]}>`, /no cohort called `nope`/],
    ])(
      'when the command has %s, then the reply explains and nothing is stored',
      async (_case, command, pattern) => {
        const before = await h.db.selectFrom('nominations').select('user_id').execute();
        expect(await replyTo(h, ADMIN_ID, command)).toMatch(pattern);
        expect(await h.db.selectFrom('nominations').select('user_id').execute()).toEqual(before);
      },
    );
  });

  describe('announcements', () => {
    async function openComposer(slug = 'spring'): Promise<EmulatedView> {
      const before = h.emulator.callsTo('views.open').length;
      await h.driver.command({ userId: ADMIN_ID, text: `admin announce ${slug}` });
      await h.emulator.waitFor(() => h.emulator.callsTo('views.open').length > before, 2000, 'the composer');
      const view = h.emulator.topViewFor(ADMIN_ID);
      if (view?.callback_id !== AnnounceIds.composerModal) throw new Error('the composer is not on top');
      return view;
    }

    function composed(view: EmulatedView, entries: Record<string, Entry>, postAt?: number) {
      const values = fillView(view, entries);
      if (postAt !== undefined)
        values[AnnounceIds.postAt] = { value: { type: 'datetimepicker', selected_date_time: postAt } };
      return values;
    }

    const message: Record<string, Entry> = {
      [AnnounceIds.text]: { text: '*Enrollment is open!*\nJoin the spring cohort by 18 December.' },
      [AnnounceIds.options]: { options: ['join'] },
    };

    test('when an admin composes an announcement, then a preview shows it as it will appear, and Post sends it once', async () => {
      const composer = await openComposer();
      expect(fillView(composer)[AnnounceIds.channel]?.value).toMatchObject({
        selected_conversation: CHANNEL,
      });
      const previewed = await h.driver.viewSubmission({
        userId: ADMIN_ID,
        view: { id: composer.id, state: { values: composed(composer, message) } },
      });
      expect(previewed.viewOutcome?.action).toBe('pushed');
      const preview = previewed.viewOutcome?.view as EmulatedView;
      expect(preview.callback_id).toBe(AnnounceIds.previewModal);
      expect(preview.submit).toMatchObject({ text: 'Post' });
      expect(preview.close).toMatchObject({ text: 'Back' });
      expect(JSON.stringify(preview.blocks)).toContain(`Goes to <#${CHANNEL}> as soon as you press *Post*`);
      expect(JSON.stringify(preview.blocks)).toContain(
        '*Enrollment is open!*\\nJoin the spring cohort by 18 December.',
      );
      expect(buttonsIn(preview.blocks)).toEqual([{ action_id: AnnounceIds.previewJoin, value: 'spring' }]);
      expect(await outbox('announce:')).toEqual([]);

      const posted = await h.driver.viewSubmission({ userId: ADMIN_ID, view: { id: preview.id } });
      expect(posted.json).toEqual({ response_action: 'clear' });
      const again = await h.driver.viewSubmission({ userId: ADMIN_ID, view: { id: preview.id } });
      expect(again.json).toEqual({ response_action: 'clear' });
      await h.driver.redeliver(posted, { retryNum: 1, retryReason: 'http_timeout' });
      const rows = await outbox('announce:');
      expect(rows.map((r) => r.idempotency_key)).toEqual([`announce:${cohortId}:${composer.id}`]);

      await h.app.dispatcher.drain();
      await h.app.dispatcher.drain();
      const [post, ...more] = h.emulator.messagesIn(CHANNEL);
      expect(more).toEqual([]);
      expect(post?.text).toBe('*Enrollment is open!*');
      expect(buttonsIn(post?.blocks)).toEqual([{ action_id: EnrollIds.joinButton, value: 'spring' }]);
      const confirmations = h.emulator
        .messagesIn(h.emulator.dmChannelFor(ADMIN_ID))
        .filter((m) => m.text.includes('announcement'));
      expect(confirmations).toHaveLength(1);
      const audit = await h.db
        .selectFrom('audit_log')
        .select('target')
        .where('action', '=', 'announcement.queue')
        .execute();
      expect(audit).toEqual([{ target: 'spring' }]);
    });

    test('when the admin goes back from the preview and changes the text, then the same draft is updated and posted once', async () => {
      const composer = await openComposer();
      const first = await h.driver.viewSubmission({
        userId: ADMIN_ID,
        view: { id: composer.id, state: { values: composed(composer, message) } },
      });
      h.emulator.closeView(first.viewOutcome?.view?.id ?? '');
      expect(h.emulator.topViewFor(ADMIN_ID)?.id).toBe(composer.id);
      const second = await h.driver.viewSubmission({
        userId: ADMIN_ID,
        view: {
          id: composer.id,
          state: {
            values: composed(composer, { [AnnounceIds.text]: { text: 'Pairs are formed: say hello!' } }),
          },
        },
      });
      const preview = second.viewOutcome?.view as EmulatedView;
      expect(buttonsIn(preview.blocks)).toEqual([]);
      await h.driver.viewSubmission({ userId: ADMIN_ID, view: { id: preview.id } });
      const drafts = await h.db
        .selectFrom('announcements')
        .select(['text', 'queued_at'])
        .where('composer_view_id', '=', composer.id)
        .execute();
      expect(drafts).toEqual([{ text: 'Pairs are formed: say hello!', queued_at: NOW.toISOString() }]);
      await h.app.dispatcher.drain();
      expect(h.emulator.messagesIn(CHANNEL).map((m) => m.text)).toEqual([
        '*Enrollment is open!*',
        'Pairs are formed: say hello!',
      ]);
    });

    test('when an announcement is scheduled, then it waits in the outbox until its time and then posts once', async () => {
      const composer = await openComposer();
      const at = Date.parse('2026-11-24T09:00:00.000Z') / 1000;
      const previewed = await h.driver.viewSubmission({
        userId: ADMIN_ID,
        view: {
          id: composer.id,
          state: {
            values: composed(composer, { [AnnounceIds.text]: { text: 'Wrap-up: thank you all!' } }, at),
          },
        },
      });
      const preview = previewed.viewOutcome?.view as EmulatedView;
      expect(preview.submit).toMatchObject({ text: 'Schedule' });
      expect(JSON.stringify(preview.blocks)).toContain(
        `<!date^${at}^{date_long_pretty} at {time}|2026-11-24 09:00 UTC>`,
      );
      await h.driver.viewSubmission({ userId: ADMIN_ID, view: { id: preview.id } });
      const [row] = await outbox(`announce:${cohortId}:${composer.id}`);
      expect(row?.next_attempt_at).toBe('2026-11-24T09:00:00.000Z');

      await h.app.dispatcher.drain();
      expect(h.emulator.messagesIn(CHANNEL).map((m) => m.text)).not.toContain('Wrap-up: thank you all!');
      h.setNow(new Date('2026-11-24T09:00:05.000Z'));
      try {
        await h.app.dispatcher.drain();
        await h.app.dispatcher.drain();
      } finally {
        h.setNow(NOW);
      }
      expect(h.emulator.messagesIn(CHANNEL).filter((m) => m.text === 'Wrap-up: thank you all!')).toHaveLength(
        1,
      );
    });

    test.each<[string, string, Record<string, Entry>, number | undefined, Record<string, RegExp>]>([
      [
        'no text',
        'spring',
        { [AnnounceIds.text]: { text: '  ' } },
        undefined,
        { [AnnounceIds.text]: /write the announcement/ },
      ],
      [
        'no channel',
        'draft',
        { [AnnounceIds.text]: { text: 'Hello' } },
        undefined,
        { [AnnounceIds.channel]: /pick a channel/ },
      ],
      [
        'a time in the past',
        'spring',
        { [AnnounceIds.text]: { text: 'Hello' } },
        NOW.getTime() / 1000 - 60,
        { [AnnounceIds.postAt]: /in the future/ },
      ],
      [
        'a time two years ahead',
        'spring',
        { [AnnounceIds.text]: { text: 'Hello' } },
        NOW.getTime() / 1000 + 2 * 365 * 86400,
        { [AnnounceIds.postAt]: /within 365 days/ },
      ],
      [
        'a Join button on a completed cohort',
        'over',
        { [AnnounceIds.channel]: { conversation: CHANNEL }, ...message },
        undefined,
        {
          [AnnounceIds.options]: /Enrollment is closed/,
        },
      ],
    ])(
      'when the composer has %s, then field errors come back and nothing is drafted',
      async (_case, slug, entries, postAt, expected) => {
        const composer = await openComposer(slug);
        const sent = await h.driver.viewSubmission({
          userId: ADMIN_ID,
          view: { id: composer.id, state: { values: composed(composer, entries, postAt) } },
        });
        expect(sent.viewOutcome?.action).toBe('errors');
        const errors = sent.json?.errors as Record<string, string>;
        expect(Object.keys(errors).sort()).toEqual(Object.keys(expected).sort());
        for (const [block, pattern] of Object.entries(expected)) expect(errors[block]).toMatch(pattern);
        expect(
          await h.db
            .selectFrom('announcements')
            .select('id')
            .where('composer_view_id', '=', composer.id)
            .execute(),
        ).toEqual([]);
      },
    );

    test('when a member crafts the command, the composer or the Post, then each is refused, audited and nothing is posted', async () => {
      expect(await replyTo(h, MEMBER_ID, 'admin announce spring')).toMatch(/for program admins/);
      const composer = await openComposer();
      const crafted = await h.driver.viewSubmission({
        userId: MEMBER_ID,
        view: { id: composer.id, state: { values: composed(composer, message) } },
      });
      expect(fieldErrorsOf(crafted)[AnnounceIds.text]).toMatch(/for program admins/);
      const previewed = await h.driver.viewSubmission({
        userId: ADMIN_ID,
        view: { id: composer.id, state: { values: composed(composer, message) } },
      });
      const preview = previewed.viewOutcome?.view as EmulatedView;
      const post = await h.driver.viewSubmission({ userId: MEMBER_ID, view: { id: preview.id } });
      expect(post.json).toMatchObject({ response_action: 'update' });
      expect(JSON.stringify(post.json)).toContain('for program admins');
      expect(await outbox(`announce:${cohortId}:${composer.id}`)).toEqual([]);
      const denied = await h.db
        .selectFrom('audit_log')
        .select('action')
        .where('actor_user_id', '=', MEMBER_ID)
        .where('outcome', '=', 'denied')
        .execute();
      expect(denied.map((d) => d.action).sort()).toEqual([
        'command:admin announce',
        'view:announce_composer',
        'view:announce_preview',
      ]);
    });

    test('when the Join button in a preview is pressed, then nothing happens', async () => {
      const sent = await h.driver.blockAction({
        userId: ADMIN_ID,
        view: { callback_id: AnnounceIds.previewModal },
        actions: [{ action_id: AnnounceIds.previewJoin, value: 'spring' }],
      });
      expect(sent.status).toBe(200);
      expect(
        await h.db.selectFrom('enrollments').select('id').where('user_id', '=', ADMIN_ID).execute(),
      ).toEqual([]);
    });
  });
});
