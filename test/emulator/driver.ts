/**
 * Plays the part of Slack's servers calling the app: slash commands,
 * interactivity and events, signed exactly as Slack signs them, over the app's
 * real HTTP endpoint or as Socket Mode envelopes through the emulator.
 *
 * Payload shapes follow what Slack sends (and what @slack/bolt's types
 * describe), filled from the emulator's state where it knows more (the
 * messages and views the app created), so listeners see realistic bodies.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type {
  EmulatedMessage,
  EmulatedView,
  JsonObject,
  SlackEmulator,
  StateValues,
  ViewSubmissionOutcome,
} from './slack-emulator';

export interface SlackDriverOptions {
  /** The app's Slack endpoint, e.g. `http://127.0.0.1:3000/slack/events`. */
  appUrl: string;
  signingSecret: string;
  emulator: SlackEmulator;
  /** The deprecated verification token Slack still sends in payloads. */
  verificationToken?: string;
  /** Give up on the app after this long (Slack gives up after 3 s; tests want the real error). */
  requestTimeoutMs?: number;
}

export interface RequestOptions {
  /** Sent as X-Slack-Retry-Num (and retry_attempt over Socket Mode). */
  retryNum?: number;
  /** Sent as X-Slack-Retry-Reason, e.g. `http_timeout`. */
  retryReason?: string;
  /** Unix seconds for X-Slack-Request-Timestamp (e.g. 6 minutes ago to test staleness). */
  timestamp?: number;
  signature?: 'bad' | 'missing';
  signingSecret?: string;
  headers?: Record<string, string>;
}

export interface DriverResponse {
  status: number;
  body: string;
  /** The response body parsed as a JSON object, when it is one. */
  json: JsonObject | undefined;
  headers: Record<string, string>;
  /** What was sent (the command form fields, or the interaction/event JSON). */
  payload: JsonObject;
  triggerId?: string;
  responseUrl?: string;
  /** For view submissions: what the ack did to the emulator's view stack. */
  viewOutcome?: ViewSubmissionOutcome;
}

export interface SocketResult {
  /** The `payload` of the app's ack (`{}` for a bare ack()). */
  ack: JsonObject | undefined;
  payload: JsonObject;
  triggerId?: string;
  responseUrl?: string;
  viewOutcome?: ViewSubmissionOutcome;
}

export interface CommandInput {
  userId: string;
  text?: string;
  command?: string;
  channelId?: string;
  channelName?: string;
  userName?: string;
}

export interface ActionInput {
  action_id: string;
  /** Found from the message or view when omitted. */
  block_id?: string;
  /** Defaults to the element's type in the message or view, else `button`. */
  type?: string;
  value?: string;
  selected_option?: JsonObject;
  selected_options?: JsonObject[];
  [key: string]: unknown;
}

export interface ViewInput {
  /** A view the emulator knows (opened/published by the app) is used as the base. */
  id?: string;
  callback_id?: string;
  private_metadata?: string;
  state?: { values: StateValues };
  hash?: string;
  type?: 'modal' | 'home';
  title?: JsonObject;
  blocks?: JsonObject[];
  external_id?: string;
}

export interface MessageRef {
  ts: string;
  /** Defaults to the action's channelId. */
  channelId?: string;
  /** Used when the emulator does not hold the message. */
  text?: string;
  blocks?: JsonObject[];
  isEphemeral?: boolean;
}

export interface BlockActionInput {
  userId: string;
  actions: ActionInput[];
  /** A view id or view input: the action happened in a modal or the Home tab. */
  view?: string | ViewInput;
  /** The action happened on a message. */
  message?: MessageRef;
  channelId?: string;
  channelName?: string;
  container?: JsonObject;
  /** Top-level `state` (defaults to the view's state). */
  state?: { values: StateValues };
}

export interface ViewSubmissionInput {
  userId: string;
  view: ViewInput;
  /** For modals opened with response_url_enabled inputs. */
  responseUrls?: { block_id: string; action_id: string; channel_id: string }[];
}

export interface ViewClosedInput {
  userId: string;
  view: ViewInput;
  isCleared?: boolean;
}

export interface EventInput {
  event: JsonObject;
  eventId?: string;
  eventTime?: number;
}

interface Built {
  payload: JsonObject;
  triggerId?: string;
  responseUrl?: string;
  viewId?: string;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nowTs(): string {
  const ms = Date.now();
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}

/** Signs a request body as Slack does: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

interface FoundElement {
  blockId: string | undefined;
  element: JsonObject;
}

/** Finds an interactive element by action_id anywhere in a block list. */
function findElement(blocks: readonly unknown[] | undefined, actionId: string): FoundElement | undefined {
  for (const block of blocks ?? []) {
    if (!isObject(block)) continue;
    const blockId = typeof block.block_id === 'string' ? block.block_id : undefined;
    const candidates: unknown[] = [];
    if (Array.isArray(block.elements)) candidates.push(...block.elements);
    if (block.accessory !== undefined) candidates.push(block.accessory);
    if (block.element !== undefined) candidates.push(block.element);
    for (const element of candidates) {
      if (isObject(element) && element.action_id === actionId) return { blockId, element };
    }
  }
  return undefined;
}

export class SlackDriver {
  readonly appUrl: string;
  private readonly signingSecret: string;
  private readonly emulator: SlackEmulator;
  private readonly verificationToken: string;
  private readonly requestTimeoutMs: number;

  /** The same interactions, delivered as Socket Mode envelopes; each resolves with the app's ack. */
  readonly viaSocket: {
    command: (input: CommandInput, options?: RequestOptions) => Promise<SocketResult>;
    blockAction: (input: BlockActionInput, options?: RequestOptions) => Promise<SocketResult>;
    viewSubmission: (input: ViewSubmissionInput, options?: RequestOptions) => Promise<SocketResult>;
    viewClosed: (input: ViewClosedInput, options?: RequestOptions) => Promise<SocketResult>;
    event: (input: EventInput, options?: RequestOptions) => Promise<SocketResult>;
    appHomeOpened: (userId: string, options?: RequestOptions) => Promise<SocketResult>;
  };

  constructor(options: SlackDriverOptions) {
    this.appUrl = options.appUrl;
    this.signingSecret = options.signingSecret;
    this.emulator = options.emulator;
    this.verificationToken = options.verificationToken ?? 'verification-token';
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.viaSocket = {
      command: (input, options) => this.overSocket('slash_commands', this.buildCommand(input), options),
      blockAction: (input, options) => this.overSocket('interactive', this.buildBlockAction(input), options),
      viewSubmission: async (input, options) => {
        const built = this.buildViewSubmission(input);
        const result = await this.overSocket('interactive', built, options);
        if (built.viewId) result.viewOutcome = this.emulator.applyViewSubmissionAck(built.viewId, result.ack);
        return result;
      },
      viewClosed: async (input, options) => {
        const built = this.buildViewClosed(input);
        const result = await this.overSocket('interactive', built, options);
        if (built.viewId) this.emulator.closeView(built.viewId, input.isCleared ?? false);
        return result;
      },
      event: (input, options) => this.overSocket('events_api', this.buildEvent(input), options),
      appHomeOpened: (userId, options) =>
        this.overSocket('events_api', this.buildEvent({ event: this.appHomeOpenedEvent(userId) }), options),
    };
  }

  // ------------------------------------------------------------------- HTTP

  /** A slash command, form-encoded as Slack posts it. */
  async command(input: CommandInput, options: RequestOptions = {}): Promise<DriverResponse> {
    const built = this.buildCommand(input);
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(built.payload)) form.set(key, String(value));
    return this.finish(built, await this.post(form.toString(), 'application/x-www-form-urlencoded', options));
  }

  async blockAction(input: BlockActionInput, options: RequestOptions = {}): Promise<DriverResponse> {
    const built = this.buildBlockAction(input);
    return this.finish(built, await this.postInteractive(built.payload, options));
  }

  /** Submits a modal; the emulator applies the app's response_action to its view stack. */
  async viewSubmission(input: ViewSubmissionInput, options: RequestOptions = {}): Promise<DriverResponse> {
    const built = this.buildViewSubmission(input);
    const response = this.finish(built, await this.postInteractive(built.payload, options));
    if (built.viewId && response.status === 200) {
      response.viewOutcome = this.emulator.applyViewSubmissionAck(built.viewId, response.json);
    }
    return response;
  }

  async viewClosed(input: ViewClosedInput, options: RequestOptions = {}): Promise<DriverResponse> {
    const built = this.buildViewClosed(input);
    const response = this.finish(built, await this.postInteractive(built.payload, options));
    if (built.viewId) this.emulator.closeView(built.viewId, input.isCleared ?? false);
    return response;
  }

  /** An Events API `event_callback`. */
  async event(input: EventInput, options: RequestOptions = {}): Promise<DriverResponse> {
    const built = this.buildEvent(input);
    return this.finish(built, await this.post(JSON.stringify(built.payload), 'application/json', options));
  }

  appHomeOpened(userId: string, options: RequestOptions = {}): Promise<DriverResponse> {
    return this.event({ event: this.appHomeOpenedEvent(userId) }, options);
  }

  async urlVerification(challenge: string, options: RequestOptions = {}): Promise<DriverResponse> {
    const payload = { token: this.verificationToken, challenge, type: 'url_verification' };
    return this.finish({ payload }, await this.post(JSON.stringify(payload), 'application/json', options));
  }

  /**
   * Sends an earlier request again, byte for byte the same payload (same trigger_id or event_id),
   * as Slack does when it retries a delivery it thinks went unanswered. Pass `retryNum`.
   */
  async redeliver(previous: DriverResponse, options: RequestOptions = {}): Promise<DriverResponse> {
    const built: Built = {
      payload: previous.payload,
      ...(previous.triggerId ? { triggerId: previous.triggerId } : {}),
      ...(previous.responseUrl ? { responseUrl: previous.responseUrl } : {}),
    };
    if (typeof previous.payload.command === 'string') {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(previous.payload)) form.set(key, String(value));
      return this.finish(
        built,
        await this.post(form.toString(), 'application/x-www-form-urlencoded', options),
      );
    }
    if (previous.payload.type === 'event_callback') {
      return this.finish(
        built,
        await this.post(JSON.stringify(previous.payload), 'application/json', options),
      );
    }
    return this.finish(built, await this.postInteractive(previous.payload, options));
  }

  // --------------------------------------------------------------- payloads

  private user(userId: string): { id: string; username: string; name: string; team_id: string } {
    const known = this.emulator.getUser(userId);
    const name = known?.name ?? userId.toLowerCase();
    return { id: userId, username: name, name, team_id: known?.teamId ?? this.emulator.teamId };
  }

  private team(): JsonObject {
    return { id: this.emulator.teamId, domain: this.emulator.teamDomain };
  }

  private buildCommand(input: CommandInput): Built {
    const channelId = input.channelId ?? this.emulator.dmChannelFor(input.userId);
    const channelName = input.channelName ?? (channelId.startsWith('D') ? 'directmessage' : 'general');
    const responseUrl = this.emulator.createResponseUrl({ channelId, userId: input.userId });
    const triggerId = this.emulator.issueTriggerId({ userId: input.userId });
    const payload: JsonObject = {
      token: this.verificationToken,
      team_id: this.emulator.teamId,
      team_domain: this.emulator.teamDomain,
      channel_id: channelId,
      channel_name: channelName,
      user_id: input.userId,
      user_name: input.userName ?? this.user(input.userId).name,
      command: input.command ?? '/mentor',
      text: input.text ?? '',
      api_app_id: this.emulator.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    };
    return { payload, triggerId, responseUrl };
  }

  /** Resolves a view reference against the emulator's views, with the caller's fields on top. */
  private resolveView(input: string | ViewInput): EmulatedView {
    const ref: ViewInput = typeof input === 'string' ? { id: input } : input;
    const known = ref.id ? this.emulator.getView(ref.id) : undefined;
    const id = ref.id ?? `V${randomBytes(5).toString('hex').toUpperCase()}`;
    const base: EmulatedView = known ?? {
      id,
      team_id: this.emulator.teamId,
      type: ref.type ?? 'modal',
      title: { type: 'plain_text', text: 'Modal' },
      submit: null,
      close: null,
      blocks: [],
      private_metadata: '',
      callback_id: '',
      external_id: '',
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      clear_on_close: false,
      notify_on_close: false,
      root_view_id: id,
      previous_view_id: null,
      app_id: this.emulator.appId,
      app_installed_team_id: this.emulator.teamId,
      bot_id: this.emulator.botId,
    };
    if (!known && base.type === 'home') base.root_view_id = null;
    return {
      ...base,
      ...(ref.type !== undefined ? { type: ref.type } : {}),
      ...(ref.callback_id !== undefined ? { callback_id: ref.callback_id } : {}),
      ...(ref.private_metadata !== undefined ? { private_metadata: ref.private_metadata } : {}),
      ...(ref.hash !== undefined ? { hash: ref.hash } : {}),
      ...(ref.title !== undefined ? { title: ref.title } : {}),
      ...(ref.blocks !== undefined ? { blocks: ref.blocks } : {}),
      ...(ref.external_id !== undefined ? { external_id: ref.external_id } : {}),
      state: ref.state ?? base.state,
    };
  }

  private channelOfMessage(ts: string): string | undefined {
    return this.emulator
      .channelsWithMessages()
      .find((channel) => this.emulator.messagesIn(channel).some((m) => m.ts === ts));
  }

  private buildBlockAction(input: BlockActionInput): Built {
    const view = input.view !== undefined ? this.resolveView(input.view) : undefined;
    const messageChannel =
      input.message?.channelId ??
      input.channelId ??
      (input.message ? this.channelOfMessage(input.message.ts) : undefined);
    const stored: EmulatedMessage | undefined =
      input.message && messageChannel
        ? this.emulator.messagesIn(messageChannel).find((m) => m.ts === input.message?.ts)
        : undefined;
    const sourceBlocks = view?.blocks ?? stored?.blocks ?? input.message?.blocks;
    const actionTs = nowTs();
    const actions = input.actions.map((action) => {
      const found = findElement(sourceBlocks, action.action_id);
      const element = found?.element;
      const type = action.type ?? (typeof element?.type === 'string' ? element.type : 'button');
      const result: JsonObject = {
        ...(type === 'button' && element?.text !== undefined ? { text: element.text } : {}),
        ...(type === 'button' && element?.value !== undefined ? { value: element.value } : {}),
        ...action,
        type,
        block_id: action.block_id ?? found?.blockId ?? 'actions',
        action_ts: actionTs,
      };
      return result;
    });

    const triggerId = this.emulator.issueTriggerId({
      userId: input.userId,
      ...(view && view.type === 'modal' ? { viewId: view.id } : {}),
    });
    const payload: JsonObject = {
      type: 'block_actions',
      user: this.user(input.userId),
      api_app_id: this.emulator.appId,
      token: this.verificationToken,
      container: {},
      trigger_id: triggerId,
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
    };
    let responseUrl: string | undefined;
    if (view) {
      payload.container = { type: 'view', view_id: view.id };
      payload.view = view;
      payload.state = input.state ?? view.state;
    } else {
      const channelId = messageChannel ?? this.emulator.dmChannelFor(input.userId);
      const ts = input.message?.ts ?? nowTs();
      payload.container = {
        type: 'message',
        message_ts: ts,
        channel_id: channelId,
        is_ephemeral: input.message?.isEphemeral ?? false,
      };
      payload.channel = {
        id: channelId,
        name: input.channelName ?? (channelId.startsWith('D') ? 'directmessage' : 'general'),
      };
      if (!input.message?.isEphemeral) {
        const { channel: _channel, ...message } = stored ?? {
          channel: channelId,
          type: 'message' as const,
          ts,
          text: input.message?.text ?? '',
          user: this.emulator.botUserId,
          bot_id: this.emulator.botId,
          app_id: this.emulator.appId,
          team: this.emulator.teamId,
          ...(input.message?.blocks ? { blocks: input.message.blocks } : {}),
        };
        payload.message = message;
      }
      if (input.state) payload.state = input.state;
      responseUrl = this.emulator.createResponseUrl({ channelId, messageTs: ts, userId: input.userId });
      payload.response_url = responseUrl;
    }
    if (input.container) payload.container = input.container;
    payload.actions = actions;
    return { payload, triggerId, ...(responseUrl ? { responseUrl } : {}) };
  }

  private buildViewSubmission(input: ViewSubmissionInput): Built {
    const view = this.resolveView(input.view);
    const triggerId = this.emulator.issueTriggerId({ userId: input.userId, viewId: view.id });
    const payload: JsonObject = {
      type: 'view_submission',
      team: this.team(),
      user: this.user(input.userId),
      api_app_id: this.emulator.appId,
      token: this.verificationToken,
      trigger_id: triggerId,
      view,
      response_urls: input.responseUrls ?? [],
      is_enterprise_install: false,
      enterprise: null,
    };
    return { payload, triggerId, viewId: view.id };
  }

  private buildViewClosed(input: ViewClosedInput): Built {
    const view = this.resolveView(input.view);
    const payload: JsonObject = {
      type: 'view_closed',
      team: this.team(),
      user: this.user(input.userId),
      api_app_id: this.emulator.appId,
      token: this.verificationToken,
      view,
      is_cleared: input.isCleared ?? false,
      is_enterprise_install: false,
      enterprise: null,
    };
    return { payload, viewId: view.id };
  }

  private buildEvent(input: EventInput): Built {
    const eventTime = input.eventTime ?? Math.floor(Date.now() / 1000);
    const event: JsonObject = { event_ts: nowTs(), ...input.event };
    const payload: JsonObject = {
      token: this.verificationToken,
      team_id: this.emulator.teamId,
      context_team_id: this.emulator.teamId,
      context_enterprise_id: null,
      api_app_id: this.emulator.appId,
      event,
      type: 'event_callback',
      event_id: input.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: eventTime,
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.emulator.teamId,
          user_id: this.emulator.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(24).toString('base64url')}`,
    };
    return { payload };
  }

  private appHomeOpenedEvent(userId: string): JsonObject {
    const home = this.emulator.homeOf(userId);
    return {
      type: 'app_home_opened',
      user: userId,
      channel: this.emulator.dmChannelFor(userId),
      tab: 'home',
      event_ts: nowTs(),
      ...(home ? { view: home } : {}),
    };
  }

  // -------------------------------------------------------------- transport

  private finish(
    built: Built,
    raw: { status: number; body: string; headers: Record<string, string> },
  ): DriverResponse {
    let json: JsonObject | undefined;
    if (raw.body.length > 0) {
      try {
        const parsed: unknown = JSON.parse(raw.body);
        if (isObject(parsed)) json = parsed;
      } catch {
        json = undefined;
      }
    }
    return {
      ...raw,
      json,
      payload: built.payload,
      ...(built.triggerId ? { triggerId: built.triggerId } : {}),
      ...(built.responseUrl ? { responseUrl: built.responseUrl } : {}),
    };
  }

  private async overSocket(
    type: 'slash_commands' | 'interactive' | 'events_api',
    built: Built,
    options: RequestOptions = {},
  ): Promise<SocketResult> {
    const ack = await this.emulator.sendEnvelope({
      type,
      payload: built.payload,
      ...(options.retryNum !== undefined ? { retryAttempt: options.retryNum } : {}),
      ...(options.retryReason !== undefined ? { retryReason: options.retryReason } : {}),
    });
    return {
      ack,
      payload: built.payload,
      ...(built.triggerId ? { triggerId: built.triggerId } : {}),
      ...(built.responseUrl ? { responseUrl: built.responseUrl } : {}),
    };
  }

  private postInteractive(payload: JsonObject, options: RequestOptions) {
    const form = new URLSearchParams({ payload: JSON.stringify(payload) });
    return this.post(form.toString(), 'application/x-www-form-urlencoded', options);
  }

  private post(
    body: string,
    contentType: string,
    options: RequestOptions,
  ): Promise<{ status: number; body: string; headers: Record<string, string> }> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': String(timestamp),
    };
    if (options.signature !== 'missing') {
      const signature = slackSignature(options.signingSecret ?? this.signingSecret, timestamp, body);
      headers['x-slack-signature'] = options.signature === 'bad' ? `v0=${'0'.repeat(64)}` : signature;
    }
    if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
    if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
    Object.assign(headers, options.headers);

    const url = new URL(this.appUrl);
    return new Promise((resolve, reject) => {
      // A fresh connection per request: no pooled sockets outlive the test.
      const req = request(
        url,
        { method: 'POST', headers, agent: false, timeout: this.requestTimeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const responseHeaders: Record<string, string> = {};
            for (const [key, value] of Object.entries(res.headers)) {
              if (value !== undefined) responseHeaders[key] = Array.isArray(value) ? value.join(', ') : value;
            }
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: responseHeaders,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`the app did not answer within ${this.requestTimeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
