import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type types, verifySlackRequest } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import {
  type Logger,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import { SlackDriver, SlackEmulator, validateView, visibleText } from './index';

// The clients log Slack's [ERROR] messages; these tests provoke them on purpose.
const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};
const quiet = { logger: silentLogger };

function client(
  emulator: SlackEmulator,
  options: WebClientOptions = {},
  token = emulator.botToken,
): WebClient {
  return new WebClient(token, {
    slackApiUrl: emulator.apiUrl,
    retryConfig: { retries: 0 },
    ...quiet,
    ...options,
  });
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function modal(title: string, extra: Partial<types.ModalView> = {}): types.ModalView {
  return { type: 'modal', title: { type: 'plain_text', text: title }, blocks: [section('hello')], ...extra };
}

async function platformError(promise: Promise<unknown>): Promise<WebAPIPlatformError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('SlackEmulator Web API', () => {
  let emulator: SlackEmulator;
  let web: WebClient;

  beforeEach(async () => {
    emulator = await SlackEmulator.start({
      users: [
        { id: 'U1ALICE', name: 'alice', realName: 'Alice Adams', tz: 'Europe/Paris', isAdmin: true },
        { id: 'U2BOB', name: 'bob' },
        { id: 'U3CARA', name: 'cara' },
        { id: 'U4GONE', name: 'gone', deleted: true },
      ],
    });
    web = client(emulator);
  });

  afterEach(async () => {
    await emulator.stop();
  });

  it('when the app posts with blocks and metadata, then the call is recorded with decoded params and the message is stored', async () => {
    const blocks = [section('*Welcome*')];
    const first = await web.chat.postMessage({
      channel: 'C0PROGRAM',
      text: 'Welcome',
      blocks,
      metadata: { event_type: 'intro_sent', event_payload: { pair_id: 7 } },
    });
    const second = await web.chat.postMessage({ channel: 'C0PROGRAM', text: 'Second' });

    expect(first.ok).toBe(true);
    expect(first.channel).toBe('C0PROGRAM');
    expect(first.message?.metadata).toEqual({ event_type: 'intro_sent', event_payload: { pair_id: 7 } });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));

    const [call] = emulator.callsTo('chat.postMessage');
    expect(call?.token).toBe(emulator.botToken);
    expect(call?.params.blocks).toEqual(blocks);
    expect(call?.params.metadata).toEqual({ event_type: 'intro_sent', event_payload: { pair_id: 7 } });
    expect(call?.at).toBeInstanceOf(Date);
    expect(call?.response).toMatchObject({ ok: true, ts: first.ts });

    expect(emulator.messagesIn('C0PROGRAM').map((m) => m.text)).toEqual(['Welcome', 'Second']);
    expect(visibleText(emulator.messagesIn('C0PROGRAM')[0] ?? {})).toContain('*Welcome*');
  });

  it('when history is read, then messages come newest first and metadata only on request', async () => {
    for (const text of ['one', 'two', 'three']) {
      await web.chat.postMessage({
        channel: 'C0H',
        text,
        metadata: { event_type: 'nudge', event_payload: { text } },
      });
    }
    const plain = await web.conversations.history({ channel: 'C0H', limit: 2 });
    expect(plain.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    expect(plain.has_more).toBe(true);
    expect(plain.messages?.[0]?.metadata).toBeUndefined();

    const oldest = emulator.messagesIn('C0H')[0]?.ts;
    const withMetadata = await web.conversations.history({
      channel: 'C0H',
      include_all_metadata: true,
      ...(oldest ? { oldest } : {}),
    });
    expect(withMetadata.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    expect(withMetadata.messages?.[0]?.metadata?.event_type).toBe('nudge');
  });

  it('when the token is missing, unknown or the wrong type, then Slack auth errors come back', async () => {
    expect((await platformError(client(emulator, {}, '').auth.test())).data.error).toBe('not_authed');
    expect((await platformError(client(emulator, {}, 'xoxb-nope').auth.test())).data.error).toBe(
      'invalid_auth',
    );
    expect((await platformError(web.apps.connections.open())).data.error).toBe('not_allowed_token_type');
    expect((await platformError(web.apiCall('no.such.method'))).data.error).toBe('unknown_method');

    const auth = await web.auth.test();
    expect(auth).toMatchObject({ ok: true, team_id: 'T0TEAM', user_id: 'U0BOT', bot_id: 'B0BOT' });
  });

  it('when an ok:false fault is injected, then the client throws WebAPIPlatformError once and the next call succeeds', async () => {
    emulator.failNext('chat.postMessage', { error: 'is_archived' });
    const error = await platformError(web.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(error.data.error).toBe('is_archived');
    await expect(web.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
    expect(emulator.callsTo('chat.postMessage').map((c) => c.fault)).toEqual([
      { error: 'is_archived' },
      undefined,
    ]);
  });

  it('when a 429 with Retry-After is injected, then the client waits that long and retries', async () => {
    emulator.failNext('users.info', { status: 429, retryAfter: 1 });
    const retrying = client(emulator, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    const started = Date.now();
    const result = await retrying.users.info({ user: 'U2BOB' });
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(emulator.callsTo('users.info').map((c) => c.status)).toEqual([429, 200]);
  });

  it('when rate-limited calls are rejected, then WebAPIRateLimitedError carries Retry-After', async () => {
    emulator.failNext('chat.update', { status: 429, retryAfter: 7 });
    const error = await errorOf(
      client(emulator, { rejectRateLimitedCalls: true }).chat.update({
        channel: 'C1',
        ts: '1.000001',
        text: 'x',
      }),
    );
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
  });

  it('when a 5xx or a dropped connection is injected, then the client throws HTTP and request errors', async () => {
    emulator.failNext('chat.postMessage', { status: 503 });
    emulator.failNext('chat.postMessage', { drop: true });
    const http = await errorOf(web.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(http).toBeInstanceOf(WebAPIHTTPError);
    expect((http as WebAPIHTTPError).statusCode).toBe(503);
    const dropped = await errorOf(web.chat.postMessage({ channel: 'C1', text: 'x' }));
    expect(dropped).toBeInstanceOf(WebAPIRequestError);
    expect(emulator.callsTo('chat.postMessage').map((c) => c.status)).toEqual([503, 0]);
    expect(emulator.messagesIn('C1')).toHaveLength(0);
  });

  it('when rate limits are on, then a burst to one channel is answered 429 and counted', async () => {
    emulator.enableRateLimits();
    const limited = client(emulator, { rejectRateLimitedCalls: true });
    for (let i = 0; i < 3; i += 1) await limited.chat.postMessage({ channel: 'C1', text: `m${i}` });
    await limited.chat.postMessage({ channel: 'C2', text: 'other channel' });
    const error = await errorOf(limited.chat.postMessage({ channel: 'C1', text: 'too fast' }));
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBeGreaterThanOrEqual(1);
    expect(emulator.rateLimitedCount).toBe(1);
    expect(emulator.callsTo('chat.postMessage').at(-1)?.rateLimited).toBe(true);
  });

  it('when a channel or user is marked with a permanent error, then every call naming it fails', async () => {
    emulator.setChannelError('C0GONE', 'channel_not_found');
    emulator.setChannelError('U2BOB', 'user_disabled');
    expect((await platformError(web.chat.postMessage({ channel: 'C0GONE', text: 'x' }))).data.error).toBe(
      'channel_not_found',
    );
    expect((await platformError(web.conversations.open({ users: 'U1ALICE,U2BOB' }))).data.error).toBe(
      'user_disabled',
    );
    emulator.setChannelError('U2BOB', null);
    await expect(web.conversations.open({ users: 'U2BOB' })).resolves.toMatchObject({ ok: true });
  });

  it('when a message has no text or no channel, then no_text and channel_not_found come back', async () => {
    expect((await platformError(web.apiCall('chat.postMessage', { channel: 'C1' }))).data.error).toBe(
      'no_text',
    );
    expect((await platformError(web.apiCall('chat.postMessage', { text: 'hi' }))).data.error).toBe(
      'channel_not_found',
    );
  });

  it('when a message has 51 blocks, then invalid_blocks names the pointer; 50 blocks are accepted', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    const error = await platformError(web.chat.postMessage({ channel: 'C1', text: 'x', blocks }));
    expect(error.data.error).toBe('invalid_blocks');
    expect(error.data).toMatchObject({
      errors: ['no more than 50 items allowed [json-pointer:/blocks]'],
      response_metadata: { messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'] },
    });
    await expect(
      web.chat.postMessage({ channel: 'C1', text: 'x', blocks: blocks.slice(0, 50) }),
    ).resolves.toMatchObject({ ok: true });
  });

  it('when blocks break text limits, then each problem is reported with its JSON pointer', async () => {
    const blocks = [
      { type: 'header', text: { type: 'mrkdwn', text: 'x' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(3001) }, block_id: 'dup' },
      {
        type: 'actions',
        block_id: 'dup',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) }, action_id: 'go' }],
      },
    ];
    const error = await platformError(web.apiCall('chat.postMessage', { channel: 'C1', text: 'x', blocks }));
    expect(error.data).toHaveProperty('errors', [
      'must be a valid enum value (plain_text is required here) [json-pointer:/blocks/0/text/type]',
      'must be less than 3001 characters [json-pointer:/blocks/1/text/text]',
      'duplicate block_id: dup [json-pointer:/blocks/2/block_id]',
      'must be less than 76 characters [json-pointer:/blocks/2/elements/0/text/text]',
    ]);
  });

  it('when a modal title has 25 characters, then views.open answers invalid_arguments; 24 characters open', async () => {
    const tooLong = await platformError(
      web.views.open({ trigger_id: emulator.issueTriggerId(), view: modal('x'.repeat(25)) }),
    );
    expect(tooLong.data.error).toBe('invalid_arguments');
    expect(tooLong.data.response_metadata?.messages).toEqual([
      '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
    ]);

    const opened = await web.views.open({
      trigger_id: emulator.issueTriggerId(),
      view: modal('x'.repeat(24)),
    });
    expect(opened.view?.id).toMatch(/^V/);
    expect(opened.view?.hash).toBeTruthy();
    expect(emulator.openViews.map((v) => v.id)).toEqual([opened.view?.id]);
  });

  it('when a modal has an input block but no submit, then it is rejected', () => {
    const problems = validateView(
      modal('Join', {
        blocks: [
          {
            type: 'input',
            block_id: 'goal',
            label: { type: 'plain_text', text: 'Goal' },
            element: { type: 'plain_text_input', action_id: 'v', max_length: 3001 },
          },
        ],
      }),
    );
    expect(problems.map((p) => p.pointer)).toEqual(['/view/blocks/0/element/max_length', '/view/submit']);
  });

  it('when a trigger is reused, expired or unknown, then views.open answers the Slack trigger errors', async () => {
    const trigger = emulator.issueTriggerId({ userId: 'U1ALICE' });
    expect(trigger).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
    await web.views.open({ trigger_id: trigger, view: modal('First') });
    expect(
      (await platformError(web.views.open({ trigger_id: trigger, view: modal('Again') }))).data.error,
    ).toBe('exchanged_trigger_id');

    const stale = emulator.issueTriggerId();
    emulator.expireTrigger(stale);
    expect((await platformError(web.views.open({ trigger_id: stale, view: modal('Late') }))).data.error).toBe(
      'expired_trigger_id',
    );
    expect(
      (await platformError(web.views.open({ trigger_id: '1.2.3', view: modal('Who') }))).data.error,
    ).toBe('invalid_trigger_id');
  });

  it('when a trigger outlives triggerTtlMs, then it has expired', async () => {
    const fast = await SlackEmulator.start({ triggerTtlMs: 30 });
    try {
      const trigger = fast.issueTriggerId();
      await new Promise((resolve) => setTimeout(resolve, 60));
      const error = await platformError(
        client(fast).views.open({ trigger_id: trigger, view: modal('Late') }),
      );
      expect(error.data.error).toBe('expired_trigger_id');
    } finally {
      await fast.stop();
    }
  });

  it('when views are pushed more than twice above the root, then push_limit_reached', async () => {
    const root = await web.views.open({
      trigger_id: emulator.issueTriggerId({ userId: 'U1ALICE' }),
      view: modal('Root'),
    });
    const rootId = root.view?.id ?? '';
    const first = await web.views.push({
      trigger_id: emulator.issueTriggerId({ userId: 'U1ALICE', viewId: rootId }),
      view: modal('One'),
    });
    expect(first.view).toMatchObject({ root_view_id: rootId, previous_view_id: rootId });
    await web.views.push({ trigger_id: emulator.issueTriggerId({ userId: 'U1ALICE' }), view: modal('Two') });
    const third = await platformError(
      web.views.push({ trigger_id: emulator.issueTriggerId({ userId: 'U1ALICE' }), view: modal('Three') }),
    );
    expect(third.data.error).toBe('push_limit_reached');
    expect(emulator.openViewsFor('U1ALICE').map((v) => v.title?.text)).toEqual(['Root', 'One', 'Two']);
  });

  it('when a view is updated with a stale hash, then hash_conflict; by external_id it updates', async () => {
    const opened = await web.views.open({
      trigger_id: emulator.issueTriggerId(),
      view: modal('Form', { external_id: 'enroll-1' }),
    });
    const updated = await web.views.update({ external_id: 'enroll-1', view: modal('Form v2') });
    expect(updated.view?.id).toBe(opened.view?.id);
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    const conflict = await platformError(
      web.views.update({
        view_id: opened.view?.id ?? '',
        hash: opened.view?.hash ?? '',
        view: modal('Form v3'),
      }),
    );
    expect(conflict.data.error).toBe('hash_conflict');
  });

  it('when a Home tab is published, then homeOf returns it and app_home views are validated for 100 blocks', async () => {
    await web.views.publish({
      user_id: 'U1ALICE',
      view: { type: 'home', blocks: [section('Your pairing')] },
    });
    expect(visibleText(emulator.homeOf('U1ALICE') ?? {})).toBe('Your pairing');
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    const error = await platformError(
      web.views.publish({ user_id: 'U1ALICE', view: { type: 'home', blocks } }),
    );
    expect(error.data.response_metadata?.messages).toEqual([
      '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]',
    ]);
  });

  it('when conversations are opened, then DM and group ids are stable and limits apply', async () => {
    const dm = await web.conversations.open({ users: 'U1ALICE' });
    expect(dm.channel?.id).toBe(emulator.dmChannelFor('U1ALICE'));
    expect(dm.channel?.id).toMatch(/^D/);

    const group = await web.conversations.open({ users: 'U1ALICE,U2BOB,U3CARA' });
    const again = await web.conversations.open({ users: 'U3CARA, U1ALICE,U2BOB' });
    expect(group.channel?.id).toMatch(/^G/);
    expect(again.channel?.id).toBe(group.channel?.id);
    expect(again.already_open).toBe(true);
    expect(emulator.membersOf(group.channel?.id ?? '')).toEqual(['U1ALICE', 'U2BOB', 'U3CARA']);

    const nine = Array.from({ length: 9 }, (_, i) => `U${i}X`);
    for (const id of nine) emulator.addUser({ id });
    expect((await platformError(web.conversations.open({ users: nine.join(',') }))).data.error).toBe(
      'too_many_users',
    );
    expect((await platformError(web.conversations.open({ users: 'U9NOBODY' }))).data.error).toBe(
      'user_not_found',
    );
    expect((await platformError(web.conversations.open({ users: 'U4GONE' }))).data.error).toBe(
      'user_disabled',
    );
  });

  it('when users.info is called, then the user has Slack fields including time zone', async () => {
    const { user } = await web.users.info({ user: 'U1ALICE' });
    expect(user).toMatchObject({
      id: 'U1ALICE',
      team_id: 'T0TEAM',
      name: 'alice',
      real_name: 'Alice Adams',
      deleted: false,
      is_admin: true,
      is_owner: false,
      is_bot: false,
      tz: 'Europe/Paris',
      profile: { real_name: 'Alice Adams', display_name: 'alice', email: 'alice@example.com' },
    });
    expect([3600, 7200]).toContain(user?.tz_offset);
    expect(user?.tz_label).toMatch(/Central European/);
    expect((await platformError(web.users.info({ user: 'U404' }))).data.error).toBe('user_not_found');
  });

  it('when a message is scheduled too far ahead or in the past, then time_too_far and time_in_past', async () => {
    const now = Math.floor(Date.now() / 1000);
    const day = 24 * 60 * 60;
    await expect(
      web.chat.scheduleMessage({ channel: 'C1', text: 'soon', post_at: now + 119 * day }),
    ).resolves.toMatchObject({ ok: true, post_at: now + 119 * day });
    expect(
      (await platformError(web.chat.scheduleMessage({ channel: 'C1', text: 'x', post_at: now + 121 * day })))
        .data.error,
    ).toBe('time_too_far');
    expect(
      (await platformError(web.chat.scheduleMessage({ channel: 'C1', text: 'x', post_at: now - 60 }))).data
        .error,
    ).toBe('time_in_past');
    expect(emulator.scheduledMessages.map((m) => m.text)).toEqual(['soon']);
  });

  it('when messages are updated, deleted and sent ephemerally, then the channel reflects it', async () => {
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'draft', blocks: [section('draft')] });
    await web.chat.update({ channel: 'C1', ts: posted.ts ?? '', text: 'final' });
    const [stored] = emulator.messagesIn('C1');
    expect(stored).toMatchObject({ text: 'final', blocks: [section('draft')] });
    expect(stored?.edited?.user).toBe('U0BOT');

    const ephemeral = await web.chat.postEphemeral({ channel: 'C1', user: 'U2BOB', text: 'only you' });
    expect(ephemeral.message_ts).toBeTruthy();
    expect(emulator.ephemeralsFor('U2BOB').map((m) => m.text)).toEqual(['only you']);

    await web.chat.delete({ channel: 'C1', ts: posted.ts ?? '' });
    expect(emulator.messagesIn('C1')).toHaveLength(0);
    expect((await platformError(web.chat.delete({ channel: 'C1', ts: posted.ts ?? '' }))).data.error).toBe(
      'message_not_found',
    );
  });

  it('when a user id is used as channel, then the message lands in the DM conversations.open returns', async () => {
    const posted = await web.chat.postMessage({ channel: 'U2BOB', text: 'hi Bob' });
    expect(posted.channel).toBe(emulator.dmChannelFor('U2BOB'));
    expect(emulator.messagesIn(emulator.dmChannelFor('U2BOB')).map((m) => m.text)).toEqual(['hi Bob']);
  });

  it('when filesUploadV2 runs, then the bytes, title, channel and comment arrive', async () => {
    const content = 'name,score\nalice,5\n';
    const result = await web.filesUploadV2({
      channel_id: 'C0REPORTS',
      filename: 'report.csv',
      title: 'Cohort report',
      initial_comment: 'Here is the report',
      file: Buffer.from(content),
    });
    expect(result.ok).toBe(true);
    expect(emulator.uploadedFiles).toHaveLength(1);
    const [file] = emulator.uploadedFiles;
    expect(file).toMatchObject({
      filename: 'report.csv',
      title: 'Cohort report',
      channelId: 'C0REPORTS',
      initialComment: 'Here is the report',
      uploaded: true,
      completed: true,
    });
    expect(file?.bytes.toString('utf8')).toBe(content);
    expect(emulator.messagesIn('C0REPORTS')[0]?.files?.[0]).toMatchObject({ id: file?.fileId });
    expect(emulator.callsTo('files.completeUploadExternal')[0]?.params.files).toEqual([
      { id: file?.fileId, title: 'Cohort report' },
    ]);
  });

  it('when a response_url is posted to, then it is recorded, validated and refused after five uses', async () => {
    const url = emulator.createResponseUrl({ channelId: 'C1', userId: 'U2BOB' });
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${emulator.port}/response/`));
    const post = (body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    const waiting = emulator.waitForResponse(url, 1000);
    expect((await post({ text: 'one', response_type: 'in_channel' })).status).toBe(200);
    expect((await waiting).body.text).toBe('one');
    expect(emulator.messagesIn('C1').map((m) => m.text)).toEqual(['one']);

    const invalid = await post({
      blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });

    for (let i = 2; i <= 5; i += 1) expect((await post({ text: `use ${i}` })).status).toBe(200);
    const sixth = await post({ text: 'six' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ error: 'used_url' });
    expect(emulator.responsesTo(url)).toHaveLength(5);
    expect(emulator.ephemeralsFor('U2BOB')).toHaveLength(4);
    expect(emulator.rejectedResponses.map((r) => r.error)).toEqual(['invalid_blocks', 'used_url']);
  });

  it('when waitFor watches for a call that arrives later, then it resolves without sleeping blindly', async () => {
    const waiting = emulator.waitForCall('chat.postMessage', (c) => c.params.text === 'later', 1000);
    setTimeout(() => void web.chat.postMessage({ channel: 'C1', text: 'later' }), 20);
    await expect(waiting).resolves.toMatchObject({ method: 'chat.postMessage' });
    await expect(emulator.waitFor(() => false, 30, 'nothing')).rejects.toThrow(
      /timed out after 30 ms: nothing/,
    );
  });
});

describe('SlackDriver over HTTP', () => {
  let emulator: SlackEmulator;
  let server: Server;
  let received: { headers: IncomingMessage['headers']; body: string }[];
  let driver: SlackDriver;
  const signingSecret = 'test-signing-secret';

  beforeEach(async () => {
    emulator = await SlackEmulator.start({ users: [{ id: 'U1ALICE', name: 'alice' }] });
    received = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ response_action: 'errors', errors: { goal: 'Too short' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    driver = new SlackDriver({ appUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret, emulator });
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await emulator.stop();
  });

  function verify(index: number, secret = signingSecret): void {
    const request = received[index];
    if (!request) throw new Error(`no request ${index}`);
    verifySlackRequest({
      signingSecret: secret,
      body: request.body,
      headers: {
        'x-slack-signature': String(request.headers['x-slack-signature']),
        'x-slack-request-timestamp': Number(request.headers['x-slack-request-timestamp']),
      },
    });
  }

  it("when the driver sends a slash command, then Bolt's verifier accepts the signature and the form is Slack's", async () => {
    const result = await driver.command(
      { userId: 'U1ALICE', text: 'join now' },
      { retryNum: 1, retryReason: 'x' },
    );
    expect(result.status).toBe(200);
    expect(() => verify(0)).not.toThrow();
    expect(() => verify(0, 'another-secret')).toThrow(/signature mismatch/);

    const request = received[0];
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers['x-slack-retry-num']).toBe('1');
    const form = Object.fromEntries(new URLSearchParams(request?.body));
    expect(form).toMatchObject({
      team_id: 'T0TEAM',
      user_id: 'U1ALICE',
      user_name: 'alice',
      command: '/mentor',
      text: 'join now',
      api_app_id: 'A0APP',
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
    });
    expect(Object.keys(form)).toEqual([
      'token',
      'team_id',
      'team_domain',
      'channel_id',
      'channel_name',
      'user_id',
      'user_name',
      'command',
      'text',
      'api_app_id',
      'is_enterprise_install',
      'response_url',
      'trigger_id',
    ]);
  });

  it('when a bad, missing or stale signature is requested, then the request carries it', async () => {
    await driver.command({ userId: 'U1ALICE' }, { signature: 'bad' });
    await driver.command({ userId: 'U1ALICE' }, { signature: 'missing' });
    await driver.command({ userId: 'U1ALICE' }, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(() => verify(0)).toThrow(/signature mismatch/);
    expect(received[1]?.headers['x-slack-signature']).toBeUndefined();
    expect(() => verify(2)).toThrow(/stale/);
  });

  it('when a view is submitted, then the payload is a view_submission of the stored view and the ack is parsed', async () => {
    const web = client(emulator);
    const opened = await web.views.open({
      trigger_id: emulator.issueTriggerId({ userId: 'U1ALICE' }),
      view: modal('Enroll', {
        callback_id: 'enroll',
        private_metadata: '{"cohort":3}',
        submit: { type: 'plain_text', text: 'Join' },
        blocks: [
          {
            type: 'input',
            block_id: 'goal',
            label: { type: 'plain_text', text: 'Goal' },
            element: { type: 'plain_text_input', action_id: 'value' },
          },
        ],
      }),
    });
    const viewId = opened.view?.id ?? '';
    const result = await driver.viewSubmission({
      userId: 'U1ALICE',
      view: { id: viewId, state: { values: { goal: { value: { type: 'plain_text_input', value: 'x' } } } } },
    });
    expect(result.json).toEqual({ response_action: 'errors', errors: { goal: 'Too short' } });
    expect(result.viewOutcome?.action).toBe('errors');
    expect(emulator.openViews.map((v) => v.id)).toEqual([viewId]);

    const payload = JSON.parse(new URLSearchParams(received[0]?.body).get('payload') ?? '{}');
    expect(payload).toMatchObject({
      type: 'view_submission',
      user: { id: 'U1ALICE', name: 'alice' },
      trigger_id: result.triggerId,
      response_urls: [],
      view: {
        id: viewId,
        type: 'modal',
        callback_id: 'enroll',
        private_metadata: '{"cohort":3}',
        hash: opened.view?.hash,
        app_id: 'A0APP',
        bot_id: 'B0BOT',
        root_view_id: viewId,
        previous_view_id: null,
        state: { values: { goal: { value: { type: 'plain_text_input', value: 'x' } } } },
      },
    });
  });

  it('when a button on a posted message is clicked, then block_actions carries the message, value and a response_url', async () => {
    const web = client(emulator);
    const posted = await web.chat.postMessage({
      channel: 'C1',
      text: 'Check in?',
      blocks: [
        {
          type: 'actions',
          block_id: 'checkin',
          elements: [
            { type: 'button', action_id: 'log', value: 'pair-9', text: { type: 'plain_text', text: 'Log' } },
          ],
        },
      ],
    });
    const result = await driver.blockAction({
      userId: 'U1ALICE',
      channelId: 'C1',
      message: { ts: posted.ts ?? '' },
      actions: [{ action_id: 'log' }],
    });
    const payload = JSON.parse(new URLSearchParams(received[0]?.body).get('payload') ?? '{}');
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U1ALICE', username: 'alice', team_id: 'T0TEAM' },
      container: { type: 'message', message_ts: posted.ts, channel_id: 'C1', is_ephemeral: false },
      channel: { id: 'C1' },
      message: { ts: posted.ts, text: 'Check in?' },
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
      enterprise: null,
      actions: [{ action_id: 'log', block_id: 'checkin', type: 'button', value: 'pair-9' }],
    });
    expect(payload.actions[0].action_ts).toMatch(/^\d+\.\d{6}$/);
  });

  it('when an event is sent, then it is a signed event_callback JSON envelope', async () => {
    await driver.appHomeOpened('U1ALICE', { retryNum: 2, retryReason: 'http_timeout' });
    expect(() => verify(0)).not.toThrow();
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(received[0]?.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(JSON.parse(received[0]?.body ?? '{}')).toMatchObject({
      type: 'event_callback',
      team_id: 'T0TEAM',
      api_app_id: 'A0APP',
      authorizations: [{ team_id: 'T0TEAM', user_id: 'U0BOT', is_bot: true }],
      is_ext_shared_channel: false,
      event: {
        type: 'app_home_opened',
        user: 'U1ALICE',
        channel: emulator.dmChannelFor('U1ALICE'),
        tab: 'home',
      },
    });
  });
});

describe('SlackDriver against a real Bolt app over HTTP', () => {
  it('when a command opens a modal and responds, then the emulator sees views.open and the response', async () => {
    const emulator = await SlackEmulator.start({ users: [{ id: 'U1ALICE', name: 'alice' }] });
    const app = new App({
      token: emulator.botToken,
      signingSecret: 'bolt-secret',
      botId: emulator.botId,
      botUserId: emulator.botUserId,
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
      ...quiet,
    });
    app.command('/mentor', async ({ ack, body, client: boltClient, respond }) => {
      await ack();
      await boltClient.views.open({ trigger_id: body.trigger_id, view: modal('Join the program') });
      await respond({ text: 'Opening the form…' });
    });
    app.view('never', async ({ ack }) => ack());
    const server = (await app.start(0)) as Server;
    try {
      const { port } = server.address() as AddressInfo;
      const driver = new SlackDriver({
        appUrl: `http://127.0.0.1:${port}/slack/events`,
        signingSecret: 'bolt-secret',
        emulator,
      });
      const rejected = await driver.command({ userId: 'U1ALICE', text: 'join' }, { signature: 'bad' });
      expect(rejected.status).toBe(401);

      const result = await driver.command({ userId: 'U1ALICE', text: 'join' });
      expect(result.status).toBe(200);
      const response = await emulator.waitForResponse(result.responseUrl ?? '', 2000);
      expect(response.body.text).toBe('Opening the form…');
      expect(emulator.openViews.map((v) => v.title?.text)).toEqual(['Join the program']);
    } finally {
      await app.stop();
      await emulator.stop();
    }
  });
});

describe('Socket Mode', () => {
  it('when a real SocketModeClient connects, then it receives envelopes and the emulator resolves with its ack', async () => {
    const emulator = await SlackEmulator.start({ socketPingIntervalMs: 50 });
    const socket = new SocketModeClient({
      appToken: emulator.appToken,
      clientOptions: { slackApiUrl: emulator.apiUrl },
      autoReconnectEnabled: false,
      ...quiet,
    });
    socket.on(
      'slash_commands',
      async ({ ack, body }: { ack: (r?: object) => Promise<void>; body: { text: string } }) => {
        await ack({ text: `got ${body.text}` });
      },
    );
    try {
      await socket.start();
      await emulator.waitForSocketClient(1000);
      expect(emulator.callsTo('apps.connections.open')[0]?.token).toBe(emulator.appToken);

      const ack = await emulator.sendEnvelope({
        type: 'slash_commands',
        payload: { command: '/mentor', text: 'x' },
      });
      expect(ack).toEqual({ text: 'got x' });
      expect(emulator.envelopes[0]).toMatchObject({
        type: 'slash_commands',
        acked: true,
        ack: { text: 'got x' },
      });

      // Outlives several ping intervals: the client keeps the connection while pings arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(emulator.socketClientCount).toBe(1);
    } finally {
      await socket.disconnect();
      await emulator.stop();
    }
  });

  it('when a Bolt app runs in Socket Mode, then driver.viaSocket delivers a view submission and returns the ack', async () => {
    const emulator = await SlackEmulator.start({ users: [{ id: 'U1ALICE', name: 'alice' }] });
    const app = new App({
      token: emulator.botToken,
      appToken: emulator.appToken,
      socketMode: true,
      botId: emulator.botId,
      botUserId: emulator.botUserId,
      clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
      ...quiet,
    });
    app.view('enroll', async ({ ack, view }) => {
      await ack({ response_action: 'errors', errors: { goal: `Got ${view.private_metadata}` } });
    });
    try {
      await app.start();
      await emulator.waitForSocketClient(2000);
      const driver = new SlackDriver({
        appUrl: 'http://127.0.0.1:1/unused',
        signingSecret: 'unused',
        emulator,
      });
      const result = await driver.viaSocket.viewSubmission({
        userId: 'U1ALICE',
        view: { callback_id: 'enroll', private_metadata: 'meta', state: { values: {} } },
      });
      expect(result.ack).toEqual({ response_action: 'errors', errors: { goal: 'Got meta' } });
      expect(emulator.envelopes[0]?.type).toBe('interactive');
    } finally {
      await app.stop();
      await emulator.stop();
    }
  });

  it('when no client acks in time, then sendEnvelope rejects', async () => {
    const emulator = await SlackEmulator.start();
    await expect(emulator.sendEnvelope({ type: 'events_api', payload: {} })).rejects.toThrow(
      /no Socket Mode client/,
    );
    await emulator.stop();
  });
});
