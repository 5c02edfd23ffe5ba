/**
 * A local stand-in for Slack used by every end-to-end test.
 *
 * It speaks the Web API over HTTP the way @slack/web-api expects (form or JSON
 * bodies, `{ok:false,error}` answers, 429 with Retry-After), serves Socket Mode
 * over a real WebSocket, accepts response_url posts and file uploads, and keeps
 * the state a test needs to assert on: messages per channel, open views, Home
 * tabs, uploaded files. It enforces the Slack rules an app most often breaks in
 * production (Block Kit limits, single-use expiring trigger ids, the view stack
 * depth, response_url use limits) so those bugs fail tests instead of users.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  BLOCK_KIT_LIMITS,
  type BlockKitProblem,
  formatProblem,
  validateMessage,
  validateView,
} from './block-kit-limits';
import { boundaryOf, parseMultipart } from './multipart';
import { DEFAULT_METHOD_LIMITS, type RateLimit, RateLimiter } from './rate-limits';

export type JsonObject = Record<string, unknown>;

/** `state.values` of a view: block_id → action_id → element state. */
export type StateValues = Record<string, Record<string, JsonObject>>;

export interface SlackEmulatorOptions {
  botToken?: string;
  appToken?: string;
  teamId?: string;
  teamDomain?: string;
  teamName?: string;
  botId?: string;
  botUserId?: string;
  botName?: string;
  appId?: string;
  /** How long an issued trigger_id stays usable (Slack: 3 s). */
  triggerTtlMs?: number;
  /** Enforce Slack's per-method rate limits (off by default). */
  rateLimits?: boolean;
  /** Multiplies every rate-limit rate, e.g. 100 lets a test hit limits 100× faster. */
  rateLimitScale?: number;
  /** Replace the limit of individual methods; `null` leaves a method unlimited. */
  rateLimitOverrides?: Record<string, RateLimit | null>;
  /** Interval of WebSocket pings to Socket Mode clients (Slack pings every few seconds). */
  socketPingIntervalMs?: number;
  /** How long sendEnvelope waits for the app's ack (Slack waits 3 s). */
  envelopeAckTimeoutMs?: number;
  /** Lifetime of a response_url (Slack: 30 minutes). */
  responseUrlTtlMs?: number;
  /** Users to register at start. */
  users?: EmulatedUserInput[];
}

export type Fault =
  { error: string } | { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { drop: true };

export interface RecordedCall {
  method: string;
  /** Decoded arguments; JSON-string fields (blocks, view, attachments, metadata, files) parsed. */
  params: JsonObject;
  token: string | undefined;
  at: Date;
  /** HTTP status answered; 0 when the connection was dropped. */
  status: number;
  /** The JSON body answered, if any. */
  response: JsonObject | undefined;
  fault?: Fault;
  /** Set when the emulator's rate limiter (not an injected fault) answered 429. */
  rateLimited?: boolean;
}

export interface EmulatedUserInput {
  id: string;
  name?: string;
  realName?: string;
  displayName?: string;
  email?: string;
  tz?: string;
  tzLabel?: string;
  /** Seconds east of UTC; computed from `tz` for the current instant when omitted. */
  tzOffset?: number;
  isAdmin?: boolean;
  isOwner?: boolean;
  deleted?: boolean;
  isBot?: boolean;
  teamId?: string;
}

export interface EmulatedUser {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  displayName: string;
  email: string | undefined;
  tz: string;
  tzLabel: string;
  tzOffset: number;
  isAdmin: boolean;
  isOwner: boolean;
  deleted: boolean;
  isBot: boolean;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: JsonObject;
}

/** A message as Slack stores it, plus the channel it lives in. */
export interface EmulatedMessage {
  type: 'message';
  channel: string;
  ts: string;
  text: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  metadata?: MessageMetadata;
  thread_ts?: string;
  edited?: { user: string; ts: string };
  files?: JsonObject[];
  upload?: boolean;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  text: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  thread_ts?: string;
  message_ts: string;
  /** `api` for chat.postEphemeral, `response_url` for respond(). */
  via: 'api' | 'response_url';
}

export interface ScheduledMessage {
  scheduled_message_id: string;
  channel: string;
  post_at: number;
  text: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  metadata?: MessageMetadata;
  thread_ts?: string;
}

export interface EmulatedView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: JsonObject;
  submit?: JsonObject | null;
  close?: JsonObject | null;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: StateValues };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

export interface UploadedFile {
  fileId: string;
  filename: string;
  title: string | undefined;
  /** Declared by files.getUploadURLExternal. */
  length: number;
  bytes: Buffer;
  /** The bytes arrived at upload_url. */
  uploaded: boolean;
  /** files.completeUploadExternal was called for it. */
  completed: boolean;
  channelId: string | undefined;
  initialComment: string | undefined;
  threadTs: string | undefined;
}

export interface RecordedResponse {
  id: string;
  url: string;
  body: JsonObject;
  at: Date;
}

export interface RejectedResponse extends RecordedResponse {
  status: number;
  error: string;
}

export interface ResponseUrlContext {
  channelId?: string;
  /** ts of the message the interaction came from; replace_original/delete_original act on it. */
  messageTs?: string;
  userId?: string;
}

export interface TriggerContext {
  userId?: string;
  /** View the interaction happened in; views.push stacks onto it. */
  viewId?: string;
}

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface EnvelopeRequest {
  type: EnvelopeType;
  payload: JsonObject;
  retryAttempt?: number;
  retryReason?: string;
  acceptsResponsePayload?: boolean;
  /** Overrides envelopeAckTimeoutMs. */
  timeoutMs?: number;
}

export interface RecordedEnvelope {
  envelopeId: string;
  type: EnvelopeType;
  payload: JsonObject;
  sentAt: Date;
  acked: boolean;
  ack: JsonObject | undefined;
  ackedAt: Date | undefined;
}

/** What applying a view_submission ack did to the view stack. */
export interface ViewSubmissionOutcome {
  action: 'closed' | 'cleared' | 'errors' | 'updated' | 'pushed' | 'invalid';
  problems: BlockKitProblem[];
  view?: EmulatedView;
}

type Answer = { status?: number; body: JsonObject; headers?: Record<string, string> };

interface CallContext {
  params: JsonObject;
  token: string;
}

interface Trigger {
  issuedAt: number;
  used: boolean;
  expired: boolean;
  context: TriggerContext;
}

interface ResponseUrlState {
  createdAt: number;
  uses: number;
  expired: boolean;
  context: ResponseUrlContext;
}

interface PendingEnvelope {
  resolve: (ack: JsonObject | undefined) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  record: RecordedEnvelope;
}

interface Waiter {
  check: () => boolean;
  reject: (error: Error) => void;
}

interface PermanentRule {
  method: string;
  predicate: (params: JsonObject) => boolean;
  error: string;
}

/** Arguments @slack/web-api sends as JSON strings inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files', 'user_auth_blocks']);

const MAX_SCHEDULE_AHEAD_SECONDS = 120 * 24 * 60 * 60;
const RESPONSE_URL_MAX_USES = 5;
const MAX_BODY_BYTES = 20 * 1024 * 1024;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function truthy(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

function upperId(prefix: string, seed: string, length = 10): string {
  return prefix + createHash('sha256').update(seed).digest('hex').slice(0, length).toUpperCase();
}

function randomUpper(length: number): string {
  return randomBytes(length).toString('hex').slice(0, length).toUpperCase();
}

/** Slack timestamps compare as (seconds, microseconds); doubles lose the last digit. */
function tsToMicros(ts: string): bigint {
  const [seconds = '0', fraction = ''] = ts.split('.');
  const micros = `${fraction}000000`.slice(0, 6);
  return BigInt(seconds || '0') * 1_000_000n + BigInt(micros);
}

function microsToTs(micros: bigint): string {
  return `${micros / 1_000_000n}.${(micros % 1_000_000n).toString().padStart(6, '0')}`;
}

function zoneOffsetSeconds(tz: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 1000);
}

function zoneLabel(tz: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? tz;
}

function errorBody(error: string, extra: JsonObject = {}): Answer {
  return { body: { ok: false, error, ...extra } };
}

function invalidArguments(messages: string[]): Answer {
  return errorBody('invalid_arguments', {
    response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
  });
}

function blockProblemsAnswer(problems: BlockKitProblem[]): Answer {
  const errors = problems.map(formatProblem);
  return errorBody('invalid_blocks', {
    errors,
    response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
  });
}

function parseJsonFields(params: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(params)) {
    if (JSON_FIELDS.has(key) && typeof value === 'string') {
      try {
        params[key] = JSON.parse(value);
      } catch {
        // Left as the raw string: the method answers with Slack's *_format error.
      }
    }
  }
  return params;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function withoutChannel(message: EmulatedMessage, includeMetadata = true): JsonObject {
  const { channel: _channel, metadata, ...rest } = message;
  return includeMetadata && metadata ? { ...rest, metadata } : rest;
}

export class SlackEmulator {
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly teamName: string;
  readonly botId: string;
  readonly botUserId: string;
  readonly botName: string;
  readonly appId: string;

  /** Every Web API call, in arrival order. */
  readonly calls: RecordedCall[] = [];
  /** Accepted response_url posts. */
  readonly responses: RecordedResponse[] = [];
  /** response_url posts Slack would refuse (used/expired URL, invalid blocks). */
  readonly rejectedResponses: RejectedResponse[] = [];
  readonly ephemeralMessages: EphemeralMessage[] = [];
  readonly scheduledMessages: ScheduledMessage[] = [];
  readonly envelopes: RecordedEnvelope[] = [];
  /** Calls answered 429 by the rate limiter. */
  rateLimitedCount = 0;

  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  private portNumber = 0;
  private readonly triggerTtlMs: number;
  private readonly responseUrlTtlMs: number;
  private readonly socketPingIntervalMs: number;
  private readonly envelopeAckTimeoutMs: number;
  private rateLimiter: RateLimiter | undefined;
  private readonly rateLimitScale: number;
  private readonly rateLimitTable: Record<string, RateLimit | null>;

  private readonly users = new Map<string, EmulatedUser>();
  private readonly messages = new Map<string, EmulatedMessage[]>();
  private readonly conversations = new Map<string, string[]>();
  private readonly triggers = new Map<string, Trigger>();
  private readonly views = new Map<string, EmulatedView>();
  private readonly viewOwners = new Map<string, string | undefined>();
  /** Open modal stacks, root view id → view ids bottom to top, in opening order. */
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, EmulatedView>();
  private readonly files = new Map<string, UploadedFile>();
  private readonly responseUrls = new Map<string, ResponseUrlState>();
  private readonly faults = new Map<string, { fault: Fault; remaining: number }[]>();
  private readonly channelErrors = new Map<string, string>();
  private readonly permanentRules: PermanentRule[] = [];
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly rawConnections = new Set<Socket | Duplex>();
  private readonly pingTimers = new Map<WebSocket, NodeJS.Timeout>();
  private readonly pending = new Map<string, PendingEnvelope>();
  private readonly waiters = new Set<Waiter>();
  private lastTsMicros = 0n;
  private counter = 0;

  private constructor(options: SlackEmulatorOptions) {
    this.botToken = options.botToken ?? 'xoxb-test-token';
    this.appToken = options.appToken ?? 'xapp-test-token';
    this.teamId = options.teamId ?? 'T0TEAM';
    this.teamDomain = options.teamDomain ?? 'emulated';
    this.teamName = options.teamName ?? 'Emulated Workspace';
    this.botId = options.botId ?? 'B0BOT';
    this.botUserId = options.botUserId ?? 'U0BOT';
    this.botName = options.botName ?? 'mentor-bot';
    this.appId = options.appId ?? 'A0APP';
    this.triggerTtlMs = options.triggerTtlMs ?? 3000;
    this.responseUrlTtlMs = options.responseUrlTtlMs ?? 30 * 60 * 1000;
    this.socketPingIntervalMs = options.socketPingIntervalMs ?? 5000;
    this.envelopeAckTimeoutMs = options.envelopeAckTimeoutMs ?? 3000;
    this.rateLimitScale = options.rateLimitScale ?? 1;
    this.rateLimitTable = { ...DEFAULT_METHOD_LIMITS, ...options.rateLimitOverrides };
    if (options.rateLimits) this.enableRateLimits();
    this.addUser({ id: this.botUserId, name: this.botName, realName: this.botName, isBot: true });
    for (const user of options.users ?? []) this.addUser(user);
  }

  static async start(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
    const emulator = new SlackEmulator(options);
    await emulator.listen();
    return emulator;
  }

  get port(): number {
    return this.portNumber;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.portNumber}`;
  }

  /** For `new WebClient(token, { slackApiUrl })`; ends with `/api/`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  // ---------------------------------------------------------------- lifecycle

  private listen(): Promise<void> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: 'fatal_error', detail: String(error) }));
        }
      });
    });
    server.on('connection', (socket) => {
      this.rawConnections.add(socket);
      socket.on('close', () => this.rawConnections.delete(socket));
    });
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        this.portNumber = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Closes every socket, timer and pending promise so the test process can exit. */
  async stop(): Promise<void> {
    const stopped = new Error('Slack emulator stopped');
    for (const waiter of this.waiters) waiter.reject(stopped);
    this.waiters.clear();
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(stopped);
      this.pending.delete(id);
    }
    for (const timer of this.pingTimers.values()) clearInterval(timer);
    this.pingTimers.clear();
    await Promise.all([...this.sockets].map((ws) => this.closeSocket(ws)));
    this.sockets.clear();
    this.wss.close();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of this.rawConnections) socket.destroy();
    });
  }

  /**
   * Completes the WebSocket close handshake before dropping the connection:
   * @slack/socket-mode leaks a 30 s timer when its socket dies without a close
   * frame, which would keep the test process alive.
   */
  private closeSocket(ws: WebSocket): Promise<void> {
    return new Promise((resolve) => {
      const force = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 1000);
      ws.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      if (ws.readyState === ws.OPEN) ws.close(1001, 'emulator stopping');
      else if (ws.readyState === ws.CLOSED) ws.emit('close');
    });
  }

  /**
   * Forgets recorded history and workspace state (calls, responses, messages,
   * views, files, triggers, faults, rate-limit buckets). Users and connected
   * Socket Mode clients stay.
   */
  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.rejectedResponses.length = 0;
    this.ephemeralMessages.length = 0;
    this.scheduledMessages.length = 0;
    this.envelopes.length = 0;
    this.rateLimitedCount = 0;
    this.messages.clear();
    this.conversations.clear();
    this.triggers.clear();
    this.views.clear();
    this.viewOwners.clear();
    this.stacks.clear();
    this.homes.clear();
    this.files.clear();
    this.responseUrls.clear();
    this.faults.clear();
    this.channelErrors.clear();
    this.permanentRules.length = 0;
    this.rateLimiter?.reset();
  }

  // ------------------------------------------------------------------- users

  addUser(input: EmulatedUserInput): EmulatedUser {
    const now = new Date();
    const tz = input.tz ?? 'America/New_York';
    const name = input.name ?? input.id.toLowerCase();
    const user: EmulatedUser = {
      id: input.id,
      teamId: input.teamId ?? this.teamId,
      name,
      realName: input.realName ?? `User ${input.id}`,
      displayName: input.displayName ?? name,
      email: input.email ?? (input.isBot ? undefined : `${name}@example.com`),
      tz,
      tzLabel: input.tzLabel ?? zoneLabel(tz, now),
      tzOffset: input.tzOffset ?? zoneOffsetSeconds(tz, now),
      isAdmin: input.isAdmin ?? false,
      isOwner: input.isOwner ?? false,
      deleted: input.deleted ?? false,
      isBot: input.isBot ?? false,
    };
    this.users.set(user.id, user);
    return user;
  }

  getUser(id: string): EmulatedUser | undefined {
    return this.users.get(id);
  }

  /** The 1:1 DM id conversations.open returns for this user (stable for the emulator's team). */
  dmChannelFor(userId: string): string {
    return upperId('D', `im:${this.teamId}:${userId}`);
  }

  /** The group DM id conversations.open returns for this set of users (order-insensitive). */
  groupChannelFor(userIds: readonly string[]): string {
    const members = [...new Set(userIds)].sort();
    if (members.length === 1 && members[0] !== undefined) return this.dmChannelFor(members[0]);
    return upperId('G', `mpim:${this.teamId}:${members.join(',')}`);
  }

  /** Members of a conversation opened with conversations.open. */
  membersOf(channelId: string): string[] | undefined {
    return this.conversations.get(channelId)?.slice();
  }

  // ---------------------------------------------------------------- messages

  /** Messages currently in a channel (oldest first), as the bot posted or last updated them. */
  messagesIn(channelId: string): EmulatedMessage[] {
    return (this.messages.get(channelId) ?? []).slice();
  }

  /** Every channel that holds at least one message. */
  channelsWithMessages(): string[] {
    return [...this.messages.entries()].filter(([, list]) => list.length > 0).map(([id]) => id);
  }

  ephemeralsFor(userId: string): EphemeralMessage[] {
    return this.ephemeralMessages.filter((m) => m.user === userId);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  // ------------------------------------------------------------------ faults

  /** The next `times` calls to `method` ('*' for any) fail with `fault`, in the order registered. */
  failNext(method: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    queue.push({ fault, remaining: times });
    this.faults.set(method, queue);
  }

  /**
   * Every call naming this channel or user (channel, channel_id, user, user_id,
   * users) fails with `error` until cleared with `null`: e.g. channel_not_found,
   * is_archived, user_disabled.
   */
  setChannelError(channelOrUserId: string, error: string | null): void {
    if (error === null) this.channelErrors.delete(channelOrUserId);
    else this.channelErrors.set(channelOrUserId, error);
  }

  /** Every call to `method` ('*' for any) whose arguments match fails with `error`. */
  permanentError(method: string, predicate: (params: JsonObject) => boolean, error: string): void {
    this.permanentRules.push({ method, predicate, error });
  }

  enableRateLimits(): void {
    this.rateLimiter ??= new RateLimiter(this.rateLimitTable, this.rateLimitScale);
  }

  disableRateLimits(): void {
    this.rateLimiter = undefined;
  }

  private takeFault(method: string): Fault | undefined {
    for (const key of [method, '*']) {
      const queue = this.faults.get(key);
      const head = queue?.[0];
      if (!queue || !head) continue;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      return head.fault;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- triggers

  /** Registers a trigger_id as Slack issues one with an interaction. */
  issueTriggerId(context: TriggerContext = {}): string {
    this.counter += 1;
    const id = `${Date.now()}${this.counter}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: Date.now(), used: false, expired: false, context });
    return id;
  }

  expireTrigger(id: string): void {
    const trigger = this.triggers.get(id);
    if (trigger) trigger.expired = true;
  }

  private exchangeTrigger(id: string | undefined): { trigger: Trigger } | { error: string } {
    const trigger = id === undefined ? undefined : this.triggers.get(id);
    if (!trigger) return { error: 'invalid_trigger_id' };
    if (trigger.used) return { error: 'exchanged_trigger_id' };
    if (trigger.expired || Date.now() - trigger.issuedAt > this.triggerTtlMs) {
      return { error: 'expired_trigger_id' };
    }
    trigger.used = true;
    return { trigger };
  }

  // ------------------------------------------------------------------- views

  /** Views currently open in modal stacks (bottom to top, in opening order). */
  get openViews(): EmulatedView[] {
    const result: EmulatedView[] = [];
    for (const stack of this.stacks.values()) {
      for (const id of stack) {
        const view = this.views.get(id);
        if (view) result.push(view);
      }
    }
    return result;
  }

  openViewsFor(userId: string): EmulatedView[] {
    return this.openViews.filter((view) => this.viewOwners.get(view.id) === userId);
  }

  /** The modal on top of the user's most recently opened stack. */
  topViewFor(userId: string): EmulatedView | undefined {
    const views = this.openViewsFor(userId);
    return views[views.length - 1];
  }

  getView(viewId: string): EmulatedView | undefined {
    return this.views.get(viewId);
  }

  /** The Home tab last published for a user. */
  homeOf(userId: string): EmulatedView | undefined {
    return this.homes.get(userId);
  }

  /** Closes a modal as the user would: the view and any views pushed above it. */
  closeView(viewId: string, clearStack = false): void {
    for (const [root, stack] of this.stacks) {
      const index = stack.indexOf(viewId);
      if (index === -1) continue;
      if (clearStack || index === 0) this.stacks.delete(root);
      else stack.splice(index);
      this.notify();
      return;
    }
  }

  /**
   * Applies the app's ack to a view_submission as Slack would: empty ack closes
   * the submitted view, `clear` closes the stack, `update`/`push` change it,
   * `errors` leaves it open. Invalid response views are reported, not applied.
   */
  applyViewSubmissionAck(viewId: string, ack: JsonObject | undefined): ViewSubmissionOutcome {
    const action = ack?.response_action;
    const view = this.views.get(viewId);
    if (action === undefined || action === null) {
      this.closeView(viewId);
      return { action: 'closed', problems: [] };
    }
    if (action === 'clear') {
      this.closeView(viewId, true);
      return { action: 'cleared', problems: [] };
    }
    if (action === 'errors') {
      const problems: BlockKitProblem[] = [];
      const errors = ack?.errors;
      if (!isObject(errors)) {
        problems.push({ pointer: '/errors', message: 'must provide an object' });
      } else if (view) {
        const inputBlockIds = new Set(
          view.blocks
            .filter((b) => b.type === 'input' && typeof b.block_id === 'string')
            .map((b) => b.block_id),
        );
        for (const key of Object.keys(errors)) {
          if (!inputBlockIds.has(key)) {
            problems.push({
              pointer: `/errors/${key}`,
              message: 'no input block with this block_id in the view',
            });
          }
        }
      }
      return { action: problems.length ? 'invalid' : 'errors', problems };
    }
    if (action === 'update' || action === 'push') {
      const problems = validateView(ack?.view, 'modal');
      if (problems.length > 0 || !isObject(ack?.view)) return { action: 'invalid', problems };
      if (action === 'update') {
        if (!view) {
          return { action: 'invalid', problems: [{ pointer: '', message: `unknown view ${viewId}` }] };
        }
        const updated = this.replaceView(view, ack.view);
        return { action: 'updated', problems: [], view: updated };
      }
      const stack = this.stackContaining(viewId);
      if (!stack) {
        return { action: 'invalid', problems: [{ pointer: '', message: `view ${viewId} is not open` }] };
      }
      if (stack.length >= 3) {
        return { action: 'invalid', problems: [{ pointer: '', message: 'push_limit_reached' }] };
      }
      const pushed = this.pushView(stack, ack.view, this.viewOwners.get(viewId));
      return { action: 'pushed', problems: [], view: pushed };
    }
    return {
      action: 'invalid',
      problems: [{ pointer: '/response_action', message: 'must be a valid enum value' }],
    };
  }

  private stackContaining(viewId: string): string[] | undefined {
    for (const stack of this.stacks.values()) if (stack.includes(viewId)) return stack;
    return undefined;
  }

  private newHash(): string {
    return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  private buildView(
    input: JsonObject,
    id: string,
    root: string | null,
    previous: string | null,
  ): EmulatedView {
    return {
      id,
      team_id: this.teamId,
      type: input.type === 'home' ? 'home' : 'modal',
      ...(isObject(input.title) ? { title: input.title } : {}),
      submit: isObject(input.submit) ? input.submit : null,
      close: isObject(input.close) ? input.close : null,
      blocks: Array.isArray(input.blocks) ? (input.blocks as JsonObject[]) : [],
      private_metadata: str(input.private_metadata) ?? '',
      callback_id: str(input.callback_id) ?? '',
      external_id: str(input.external_id) ?? '',
      state: { values: {} },
      hash: this.newHash(),
      clear_on_close: truthy(input.clear_on_close),
      notify_on_close: truthy(input.notify_on_close),
      root_view_id: root,
      previous_view_id: previous,
      app_id: this.appId,
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
    };
  }

  private newViewId(): string {
    this.counter += 1;
    return `V${this.counter.toString(36).toUpperCase().padStart(4, '0')}${randomUpper(6)}`;
  }

  private openRootView(input: JsonObject, userId: string | undefined): EmulatedView {
    const id = this.newViewId();
    const view = this.buildView(input, id, id, null);
    this.views.set(id, view);
    this.viewOwners.set(id, userId);
    this.stacks.set(id, [id]);
    return view;
  }

  private pushView(stack: string[], input: JsonObject, userId: string | undefined): EmulatedView {
    const id = this.newViewId();
    const view = this.buildView(input, id, stack[0] ?? id, stack[stack.length - 1] ?? null);
    this.views.set(id, view);
    this.viewOwners.set(id, userId);
    stack.push(id);
    return view;
  }

  private replaceView(existing: EmulatedView, input: JsonObject): EmulatedView {
    const updated = this.buildView(input, existing.id, existing.root_view_id, existing.previous_view_id);
    updated.state = existing.state;
    this.views.set(existing.id, updated);
    for (const [user, home] of this.homes) if (home.id === existing.id) this.homes.set(user, updated);
    return updated;
  }

  private externalIdTaken(externalId: string, exceptViewId?: string): boolean {
    if (!externalId) return false;
    for (const view of this.views.values()) {
      if (view.external_id === externalId && view.id !== exceptViewId && this.isLive(view.id)) return true;
    }
    return false;
  }

  private isLive(viewId: string): boolean {
    if (this.stackContaining(viewId)) return true;
    for (const home of this.homes.values()) if (home.id === viewId) return true;
    return false;
  }

  // ------------------------------------------------------------------- files

  get uploadedFiles(): UploadedFile[] {
    return [...this.files.values()];
  }

  // ----------------------------------------------------------- response URLs

  /** A response_url as Slack puts into commands and message interactions. */
  createResponseUrl(context: ResponseUrlContext = {}): string {
    const id = randomBytes(12).toString('hex');
    this.responseUrls.set(id, { createdAt: Date.now(), uses: 0, expired: false, context });
    return `${this.baseUrl}/response/${id}`;
  }

  expireResponseUrl(idOrUrl: string): void {
    const state = this.responseUrls.get(this.responseId(idOrUrl));
    if (state) state.expired = true;
  }

  responsesTo(idOrUrl: string): RecordedResponse[] {
    const id = this.responseId(idOrUrl);
    return this.responses.filter((r) => r.id === id);
  }

  private responseId(idOrUrl: string): string {
    const match = /\/response\/([^/?#]+)/.exec(idOrUrl);
    return match?.[1] ?? idOrUrl;
  }

  // ----------------------------------------------------------------- waiting

  /**
   * Resolves with the predicate's first truthy value. Re-checked whenever the
   * emulator records something and every 20 ms (for predicates over other state).
   */
  waitFor<T>(
    predicate: () => T | undefined | null | false,
    timeoutMs = 2000,
    description?: string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let poll: NodeJS.Timeout | undefined;
      const cleanup = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined | null | false;
          try {
            value = predicate();
          } catch (error) {
            cleanup();
            reject(error instanceof Error ? error : new Error(String(error)));
            return true;
          }
          if (value === undefined || value === null || value === false) return false;
          cleanup();
          resolve(value);
          return true;
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
      };
      if (waiter.check()) return;
      this.waiters.add(waiter);
      timer = setTimeout(() => {
        cleanup();
        reject(new Error(`waitFor timed out after ${timeoutMs} ms${description ? `: ${description}` : ''}`));
      }, timeoutMs);
      poll = setInterval(() => waiter.check(), 20);
    });
  }

  /** Waits for a call to `method` (optionally matching `predicate`) and returns the first such call. */
  waitForCall(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs = 2000,
  ): Promise<RecordedCall> {
    return this.waitFor(
      () => this.calls.find((call) => call.method === method && (!predicate || predicate(call))),
      timeoutMs,
      `a call to ${method}`,
    );
  }

  /** Waits for an accepted post to a response_url (id or full URL), or for any matching the predicate. */
  waitForResponse(
    idOrPredicate: string | ((response: RecordedResponse) => boolean),
    timeoutMs = 2000,
  ): Promise<RecordedResponse> {
    const matches =
      typeof idOrPredicate === 'string'
        ? (() => {
            const id = this.responseId(idOrPredicate);
            return (r: RecordedResponse) => r.id === id;
          })()
        : idOrPredicate;
    return this.waitFor(() => this.responses.find(matches), timeoutMs, 'a response_url post');
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  // -------------------------------------------------------------- HTTP entry

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      await this.handleApi(decodeURIComponent(path.slice('/api/'.length)), url, req, res);
    } else if (path.startsWith('/upload/v1/') && req.method === 'POST') {
      await this.handleUpload(path.slice('/upload/v1/'.length), req, res);
    } else if (path.startsWith('/response/') && req.method === 'POST') {
      await this.handleResponseUrl(path.slice('/response/'.length), req, res);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  }

  private async decodeParams(url: URL, req: IncomingMessage): Promise<JsonObject> {
    const params: JsonObject = {};
    for (const [key, value] of url.searchParams) params[key] = value;
    const body = await readBody(req);
    const contentType = (req.headers['content-type'] ?? '').toLowerCase();
    if (body.length > 0) {
      if (contentType.startsWith('application/json')) {
        const parsed: unknown = JSON.parse(body.toString('utf8'));
        if (isObject(parsed)) Object.assign(params, parsed);
      } else if (contentType.startsWith('multipart/form-data')) {
        const boundary = boundaryOf(req.headers['content-type'] ?? '');
        for (const part of boundary ? parseMultipart(body, boundary) : []) {
          params[part.name] = part.filename === undefined ? part.data.toString('utf8') : part.data;
        }
      } else {
        for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = value;
      }
    }
    return parseJsonFields(params);
  }

  private async handleApi(
    method: string,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const at = new Date();
    let params: JsonObject = {};
    let undecodable = false;
    try {
      params = await this.decodeParams(url, req);
    } catch {
      undecodable = true;
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const token = bearer ?? str(params.token);
    delete params.token;
    const record = (answer: Answer | undefined, extra: Partial<RecordedCall> = {}): void => {
      this.calls.push({
        method,
        params,
        token,
        at,
        status: answer ? (answer.status ?? 200) : 0,
        response: answer?.body,
        ...extra,
      });
      this.notify();
    };

    const fault = this.takeFault(method);
    if (fault) {
      if ('drop' in fault) {
        record(undefined, { fault });
        req.socket.destroy();
        return;
      }
      const answer: Answer =
        'error' in fault
          ? errorBody(fault.error)
          : fault.status === 429
            ? {
                status: 429,
                body: { ok: false, error: 'ratelimited' },
                headers: { 'retry-after': String(fault.retryAfter) },
              }
            : { status: fault.status, body: { ok: false, error: 'service_unavailable' } };
      record(answer, { fault });
      this.send(res, answer);
      return;
    }

    const answer = undecodable ? errorBody('invalid_form_data') : this.answer(method, params, token);
    record(answer, answer.status === 429 ? { rateLimited: true } : {});
    this.send(res, answer);
  }

  private answer(method: string, params: JsonObject, token: string | undefined): Answer {
    const handler = this.handlers[method];
    if (!handler) return errorBody('unknown_method');
    if (!token) return errorBody('not_authed');
    if (token !== this.botToken && token !== this.appToken) return errorBody('invalid_auth');
    const needsAppToken = method === 'apps.connections.open';
    if ((token === this.appToken) !== needsAppToken) return errorBody('not_allowed_token_type');

    for (const id of this.idsIn(params)) {
      const error = this.channelErrors.get(id);
      if (error) return errorBody(error);
    }
    for (const rule of this.permanentRules) {
      if ((rule.method === method || rule.method === '*') && rule.predicate(params)) {
        return errorBody(rule.error);
      }
    }
    if (this.rateLimiter) {
      const decision = this.rateLimiter.take(method, str(params.channel), Date.now());
      if (!decision.allowed) {
        this.rateLimitedCount += 1;
        return {
          status: 429,
          body: { ok: false, error: 'ratelimited' },
          headers: { 'retry-after': String(decision.retryAfterSeconds) },
        };
      }
    }
    return handler({ params, token });
  }

  private idsIn(params: JsonObject): string[] {
    const ids: string[] = [];
    for (const key of ['channel', 'channel_id', 'user', 'user_id']) {
      const value = str(params[key]);
      if (value) ids.push(value);
    }
    const users = str(params.users);
    if (users) ids.push(...users.split(',').map((u) => u.trim()));
    return ids;
  }

  private send(res: ServerResponse, answer: Answer): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(answer.status ?? 200, {
      'content-type': 'application/json; charset=utf-8',
      ...answer.headers,
    });
    res.end(JSON.stringify(answer.body));
  }

  // ------------------------------------------------------------ Web API methods

  private readonly handlers: Record<string, (ctx: CallContext) => Answer> = {
    'auth.test': () => ({
      body: {
        ok: true,
        url: `https://${this.teamDomain}.slack.com/`,
        team: this.teamName,
        user: this.botName,
        team_id: this.teamId,
        user_id: this.botUserId,
        bot_id: this.botId,
        app_id: this.appId,
        is_enterprise_install: false,
      },
    }),
    'apps.connections.open': () => {
      const ticket = randomUUID();
      this.tickets.add(ticket);
      return {
        body: {
          ok: true,
          url: `ws://127.0.0.1:${this.portNumber}/link/?ticket=${ticket}&app_id=${this.appId}`,
        },
      };
    },
    'chat.postMessage': ({ params }) => this.postMessage(params),
    'chat.postEphemeral': ({ params }) => this.postEphemeral(params),
    'chat.update': ({ params }) => this.updateMessage(params),
    'chat.delete': ({ params }) => this.deleteMessage(params),
    'chat.scheduleMessage': ({ params }) => this.scheduleMessage(params),
    'chat.deleteScheduledMessage': ({ params }) => {
      const id = str(params.scheduled_message_id);
      const index = this.scheduledMessages.findIndex(
        (m) => m.scheduled_message_id === id && m.channel === str(params.channel),
      );
      if (index === -1) return errorBody('invalid_scheduled_message_id');
      this.scheduledMessages.splice(index, 1);
      return { body: { ok: true } };
    },
    'conversations.open': ({ params }) => this.openConversation(params),
    'conversations.history': ({ params }) => this.history(params),
    'users.info': ({ params }) => {
      const user = this.users.get(str(params.user) ?? '');
      if (!user) return errorBody('user_not_found');
      return { body: { ok: true, user: this.userWire(user) } };
    },
    'users.list': ({ params }) => {
      const all = [...this.users.values()];
      const limit = Math.max(1, Math.min(Number(params.limit) || 200, 1000));
      const offset = this.decodeCursor(params.cursor);
      const page = all.slice(offset, offset + limit);
      const next = offset + limit < all.length ? this.encodeCursor(offset + limit) : '';
      return {
        body: {
          ok: true,
          members: page.map((u) => this.userWire(u)),
          cache_ts: Math.floor(Date.now() / 1000),
          response_metadata: { next_cursor: next },
        },
      };
    },
    'views.open': ({ params }) => this.viewsOpen(params),
    'views.push': ({ params }) => this.viewsPush(params),
    'views.update': ({ params }) => this.viewsUpdate(params),
    'views.publish': ({ params }) => this.viewsPublish(params),
    'files.getUploadURLExternal': ({ params }) => {
      const filename = str(params.filename);
      const length = Number(params.length);
      if (!filename) return invalidArguments(['missing required field: filename']);
      if (!Number.isInteger(length) || length < 0) {
        return invalidArguments(['missing required field: length']);
      }
      const fileId = upperId('F', randomUUID());
      this.files.set(fileId, {
        fileId,
        filename,
        title: undefined,
        length,
        bytes: Buffer.alloc(0),
        uploaded: false,
        completed: false,
        channelId: undefined,
        initialComment: undefined,
        threadTs: undefined,
      });
      return { body: { ok: true, upload_url: `${this.baseUrl}/upload/v1/${fileId}`, file_id: fileId } };
    },
    'files.completeUploadExternal': ({ params }) => this.completeUpload(params),
  };

  private checkMessageContent(params: JsonObject): Answer | undefined {
    const { blocks, attachments } = params;
    if (blocks !== undefined && !Array.isArray(blocks)) return errorBody('invalid_blocks_format');
    if (attachments !== undefined && !Array.isArray(attachments)) return errorBody('invalid_attachments');
    if (Array.isArray(attachments) && attachments.length > 100) return errorBody('too_many_attachments');
    const text = str(params.text) ?? '';
    const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
    const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
    if (!text && !hasBlocks && !hasAttachments) return errorBody('no_text');
    if (text.length > BLOCK_KIT_LIMITS.messageText) return errorBody('msg_too_long');
    const problems = validateMessage({ blocks, attachments });
    if (problems.length > 0) return blockProblemsAnswer(problems);
    return undefined;
  }

  private parseMetadata(value: unknown): MessageMetadata | 'invalid' | undefined {
    if (value === undefined) return undefined;
    if (!isObject(value) || typeof value.event_type !== 'string' || !isObject(value.event_payload)) {
      return 'invalid';
    }
    return { event_type: value.event_type, event_payload: value.event_payload };
  }

  /** A user id as channel means the app's DM with that user, as Slack resolves it. */
  private resolveChannel(channel: string): string | undefined {
    if (/^[UW][A-Z0-9]+$/.test(channel)) {
      if (!this.users.has(channel)) return undefined;
      const id = this.dmChannelFor(channel);
      this.conversations.set(id, [channel]);
      return id;
    }
    return channel;
  }

  private nextTs(): string {
    const now = BigInt(Date.now()) * 1000n;
    this.lastTsMicros = now > this.lastTsMicros ? now : this.lastTsMicros + 1n;
    return microsToTs(this.lastTsMicros);
  }

  private storeMessage(channel: string, params: JsonObject, metadata?: MessageMetadata): EmulatedMessage {
    const message: EmulatedMessage = {
      type: 'message',
      channel,
      ts: this.nextTs(),
      text: str(params.text) ?? '',
      user: this.botUserId,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.teamId,
    };
    if (Array.isArray(params.blocks)) message.blocks = params.blocks as JsonObject[];
    if (Array.isArray(params.attachments)) message.attachments = params.attachments as JsonObject[];
    if (metadata) message.metadata = metadata;
    const threadTs = str(params.thread_ts);
    if (threadTs) message.thread_ts = threadTs;
    const list = this.messages.get(channel) ?? [];
    list.push(message);
    this.messages.set(channel, list);
    return message;
  }

  private postMessage(params: JsonObject): Answer {
    const requested = str(params.channel);
    if (!requested) return errorBody('channel_not_found');
    const channel = this.resolveChannel(requested);
    if (!channel) return errorBody('channel_not_found');
    const invalid = this.checkMessageContent(params);
    if (invalid) return invalid;
    const metadata = this.parseMetadata(params.metadata);
    if (metadata === 'invalid') return errorBody('invalid_metadata_format');
    const message = this.storeMessage(channel, params, metadata);
    return { body: { ok: true, channel, ts: message.ts, message: withoutChannel(message) } };
  }

  private postEphemeral(params: JsonObject): Answer {
    const channel = str(params.channel);
    if (!channel) return errorBody('channel_not_found');
    const userId = str(params.user);
    const user = userId ? this.users.get(userId) : undefined;
    if (!user) return errorBody('user_not_found');
    const invalid = this.checkMessageContent(params);
    if (invalid) return invalid;
    const messageTs = this.nextTs();
    const ephemeral: EphemeralMessage = {
      channel,
      user: user.id,
      text: str(params.text) ?? '',
      message_ts: messageTs,
      via: 'api',
    };
    if (Array.isArray(params.blocks)) ephemeral.blocks = params.blocks as JsonObject[];
    if (Array.isArray(params.attachments)) ephemeral.attachments = params.attachments as JsonObject[];
    const threadTs = str(params.thread_ts);
    if (threadTs) ephemeral.thread_ts = threadTs;
    this.ephemeralMessages.push(ephemeral);
    return { body: { ok: true, message_ts: messageTs } };
  }

  private findMessage(channel: string | undefined, ts: string | undefined): EmulatedMessage | undefined {
    if (!channel || !ts) return undefined;
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  private updateMessage(params: JsonObject): Answer {
    const channel = str(params.channel);
    if (!channel) return errorBody('channel_not_found');
    const message = this.findMessage(channel, str(params.ts));
    if (!message) return errorBody('message_not_found');
    const next: JsonObject = {
      text: params.text ?? message.text,
      blocks: params.blocks ?? message.blocks,
      attachments: params.attachments ?? message.attachments,
    };
    const invalid = this.checkMessageContent(next);
    if (invalid) return invalid;
    const metadata = this.parseMetadata(params.metadata);
    if (metadata === 'invalid') return errorBody('invalid_metadata_format');
    this.applyUpdate(message, params, metadata);
    return {
      body: { ok: true, channel, ts: message.ts, text: message.text, message: withoutChannel(message) },
    };
  }

  private applyUpdate(message: EmulatedMessage, params: JsonObject, metadata?: MessageMetadata): void {
    if (params.text !== undefined) message.text = str(params.text) ?? '';
    // Slack keeps existing blocks and attachments unless the update names them.
    if (Array.isArray(params.blocks)) message.blocks = params.blocks as JsonObject[];
    if (Array.isArray(params.attachments)) message.attachments = params.attachments as JsonObject[];
    if (metadata) message.metadata = metadata;
    message.edited = { user: this.botUserId, ts: this.nextTs() };
    this.notify();
  }

  private deleteMessage(params: JsonObject): Answer {
    const channel = str(params.channel);
    if (!channel) return errorBody('channel_not_found');
    const ts = str(params.ts);
    const list = this.messages.get(channel) ?? [];
    const index = list.findIndex((m) => m.ts === ts);
    if (index === -1) return errorBody('message_not_found');
    list.splice(index, 1);
    return { body: { ok: true, channel, ts } };
  }

  private scheduleMessage(params: JsonObject): Answer {
    const requested = str(params.channel);
    if (!requested) return errorBody('channel_not_found');
    const channel = this.resolveChannel(requested);
    if (!channel) return errorBody('channel_not_found');
    const postAt = Number(params.post_at);
    if (!Number.isFinite(postAt)) return errorBody('invalid_time');
    const nowSeconds = Date.now() / 1000;
    if (postAt < Math.floor(nowSeconds)) return errorBody('time_in_past');
    if (postAt > nowSeconds + MAX_SCHEDULE_AHEAD_SECONDS) return errorBody('time_too_far');
    const invalid = this.checkMessageContent(params);
    if (invalid) return invalid;
    const metadata = this.parseMetadata(params.metadata);
    if (metadata === 'invalid') return errorBody('invalid_metadata_format');
    const scheduled: ScheduledMessage = {
      scheduled_message_id: upperId('Q', randomUUID()),
      channel,
      post_at: Math.floor(postAt),
      text: str(params.text) ?? '',
    };
    if (Array.isArray(params.blocks)) scheduled.blocks = params.blocks as JsonObject[];
    if (Array.isArray(params.attachments)) scheduled.attachments = params.attachments as JsonObject[];
    if (metadata) scheduled.metadata = metadata;
    const threadTs = str(params.thread_ts);
    if (threadTs) scheduled.thread_ts = threadTs;
    this.scheduledMessages.push(scheduled);
    return {
      body: {
        ok: true,
        channel,
        scheduled_message_id: scheduled.scheduled_message_id,
        post_at: scheduled.post_at,
        message: {
          type: 'delayed_message',
          subtype: 'bot_message',
          text: scheduled.text,
          ...(scheduled.blocks ? { blocks: scheduled.blocks } : {}),
          ...(scheduled.metadata ? { metadata: scheduled.metadata } : {}),
          user: this.botUserId,
          bot_id: this.botId,
          app_id: this.appId,
          team: this.teamId,
        },
      },
    };
  }

  private openConversation(params: JsonObject): Answer {
    const users = str(params.users);
    const channel = str(params.channel);
    if (!users) {
      if (channel && this.conversations.has(channel)) {
        return { body: { ok: true, no_op: true, already_open: true, channel: { id: channel } } };
      }
      return errorBody(channel ? 'channel_not_found' : 'users_list_not_supplied');
    }
    const ids = [...new Set(users.split(',').map((u) => u.trim()))].filter(Boolean);
    if (ids.length === 0) return errorBody('users_list_not_supplied');
    if (ids.length > 8) return errorBody('too_many_users');
    for (const id of ids) {
      const user = this.users.get(id);
      if (!user) return errorBody('user_not_found');
      if (user.deleted) return errorBody('user_disabled');
    }
    const id =
      ids.length === 1 && ids[0] !== undefined ? this.dmChannelFor(ids[0]) : this.groupChannelFor(ids);
    const alreadyOpen = this.conversations.has(id);
    // Slack keeps the member order of the first open.
    if (!alreadyOpen) this.conversations.set(id, ids);
    return {
      body: alreadyOpen
        ? { ok: true, no_op: true, already_open: true, channel: { id } }
        : { ok: true, channel: { id } },
    };
  }

  private encodeCursor(offset: number): string {
    return Buffer.from(`offset:${offset}`).toString('base64');
  }

  private decodeCursor(cursor: unknown): number {
    const text = str(cursor);
    if (!text) return 0;
    const match = /^offset:(\d+)$/.exec(Buffer.from(text, 'base64').toString('utf8'));
    return match?.[1] ? Number(match[1]) : 0;
  }

  private history(params: JsonObject): Answer {
    const channel = str(params.channel);
    if (!channel) return errorBody('channel_not_found');
    const inclusive = truthy(params.inclusive);
    const oldest = str(params.oldest);
    const latest = str(params.latest);
    const oldestMicros = oldest ? tsToMicros(oldest) : undefined;
    const latestMicros = latest ? tsToMicros(latest) : undefined;
    const includeMetadata = truthy(params.include_all_metadata);
    const matching = (this.messages.get(channel) ?? [])
      .filter((m) => {
        const micros = tsToMicros(m.ts);
        if (oldestMicros !== undefined && (inclusive ? micros < oldestMicros : micros <= oldestMicros)) {
          return false;
        }
        if (latestMicros !== undefined && (inclusive ? micros > latestMicros : micros >= latestMicros)) {
          return false;
        }
        return true;
      })
      .reverse();
    const limit = Math.max(1, Math.min(Number(params.limit) || 100, 999));
    const offset = this.decodeCursor(params.cursor);
    const page = matching.slice(offset, offset + limit);
    const hasMore = offset + limit < matching.length;
    return {
      body: {
        ok: true,
        messages: page.map((m) => withoutChannel(m, includeMetadata)),
        has_more: hasMore,
        pin_count: 0,
        channel_actions_ts: null,
        channel_actions_count: 0,
        response_metadata: { next_cursor: hasMore ? this.encodeCursor(offset + limit) : '' },
      },
    };
  }

  private userWire(user: EmulatedUser): JsonObject {
    return {
      id: user.id,
      team_id: user.teamId,
      name: user.name,
      deleted: user.deleted,
      color: '9f69e7',
      real_name: user.realName,
      tz: user.tz,
      tz_label: user.tzLabel,
      tz_offset: user.tzOffset,
      profile: {
        real_name: user.realName,
        real_name_normalized: user.realName,
        display_name: user.displayName,
        display_name_normalized: user.displayName,
        ...(user.email ? { email: user.email } : {}),
        team: user.teamId,
        ...(user.isBot ? { bot_id: this.botId } : {}),
      },
      is_admin: user.isAdmin,
      is_owner: user.isOwner,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: user.isBot,
      is_app_user: false,
      updated: Math.floor(Date.now() / 1000),
    };
  }

  private viewArgument(
    params: JsonObject,
    expected: 'modal' | 'home',
  ): { view: JsonObject } | { answer: Answer } {
    const view = params.view;
    if (view === undefined) return { answer: invalidArguments(['missing required field: view']) };
    if (!isObject(view)) return { answer: invalidArguments(['must provide an object [json-pointer:/view]']) };
    const problems = validateView(view, expected);
    if (problems.length > 0) return { answer: invalidArguments(problems.map(formatProblem)) };
    return { view };
  }

  private viewsOpen(params: JsonObject): Answer {
    const parsed = this.viewArgument(params, 'modal');
    if ('answer' in parsed) return parsed.answer;
    if (this.externalIdTaken(str(parsed.view.external_id) ?? '')) return errorBody('duplicate_external_id');
    const exchanged = this.exchangeTrigger(str(params.trigger_id) ?? str(params.interactivity_pointer));
    if ('error' in exchanged) return errorBody(exchanged.error);
    const view = this.openRootView(parsed.view, exchanged.trigger.context.userId);
    return { body: { ok: true, view } };
  }

  private viewsPush(params: JsonObject): Answer {
    const parsed = this.viewArgument(params, 'modal');
    if ('answer' in parsed) return parsed.answer;
    if (this.externalIdTaken(str(parsed.view.external_id) ?? '')) return errorBody('duplicate_external_id');
    const exchanged = this.exchangeTrigger(str(params.trigger_id) ?? str(params.interactivity_pointer));
    if ('error' in exchanged) return errorBody(exchanged.error);
    const { viewId, userId } = exchanged.trigger.context;
    let stack = viewId ? this.stackContaining(viewId) : undefined;
    if (!stack && userId) {
      const top = this.topViewFor(userId);
      stack = top ? this.stackContaining(top.id) : undefined;
    }
    // Slack only accepts a push from an interaction inside an open modal.
    if (!stack) return errorBody('not_found');
    if (stack.length >= 3) return errorBody('push_limit_reached');
    const view = this.pushView(stack, parsed.view, userId);
    return { body: { ok: true, view } };
  }

  private viewsUpdate(params: JsonObject): Answer {
    const viewId = str(params.view_id);
    const externalId = str(params.external_id);
    if (!viewId && !externalId) return invalidArguments(['missing required field: view_id or external_id']);
    const existing = viewId
      ? this.views.get(viewId)
      : [...this.views.values()].find((v) => v.external_id === externalId && this.isLive(v.id));
    if (!existing) return errorBody('not_found');
    const parsed = this.viewArgument(params, existing.type);
    if ('answer' in parsed) return parsed.answer;
    const hash = str(params.hash);
    if (hash && hash !== existing.hash) return errorBody('hash_conflict');
    if (this.externalIdTaken(str(parsed.view.external_id) ?? '', existing.id)) {
      return errorBody('duplicate_external_id');
    }
    const updated = this.replaceView(existing, parsed.view);
    this.notify();
    return { body: { ok: true, view: updated } };
  }

  private viewsPublish(params: JsonObject): Answer {
    const userId = str(params.user_id);
    if (!userId) return invalidArguments(['missing required field: user_id']);
    if (!this.users.has(userId)) return errorBody('user_not_found');
    const parsed = this.viewArgument(params, 'home');
    if ('answer' in parsed) return parsed.answer;
    const existing = this.homes.get(userId);
    const hash = str(params.hash);
    if (hash && existing && hash !== existing.hash) return errorBody('hash_conflict');
    const id = existing?.id ?? this.newViewId();
    const view = this.buildView(parsed.view, id, null, null);
    this.views.set(id, view);
    this.viewOwners.set(id, userId);
    this.homes.set(userId, view);
    return { body: { ok: true, view } };
  }

  private completeUpload(params: JsonObject): Answer {
    const list = params.files;
    if (!Array.isArray(list) || list.length === 0) return invalidArguments(['missing required field: files']);
    const entries: UploadedFile[] = [];
    for (const item of list) {
      const id = isObject(item) ? str(item.id) : undefined;
      const file = id ? this.files.get(id) : undefined;
      if (!file?.uploaded) return errorBody('file_not_found');
      file.title = (isObject(item) ? str(item.title) : undefined) ?? file.filename;
      entries.push(file);
    }
    const channelId = str(params.channel_id);
    const initialComment = str(params.initial_comment);
    const threadTs = str(params.thread_ts);
    const wires = entries.map((file) => {
      file.completed = true;
      file.channelId = channelId;
      file.initialComment = initialComment;
      file.threadTs = threadTs;
      return {
        id: file.fileId,
        created: Math.floor(Date.now() / 1000),
        timestamp: Math.floor(Date.now() / 1000),
        name: file.filename,
        title: file.title,
        size: file.bytes.length,
        user: this.botUserId,
        is_external: false,
        url_private: `${this.baseUrl}/files/${file.fileId}/${encodeURIComponent(file.filename)}`,
        channels: channelId ? [channelId] : [],
      };
    });
    if (channelId) {
      const message = this.storeMessage(channelId, { text: initialComment ?? '', thread_ts: threadTs });
      message.files = wires;
      message.upload = true;
    }
    this.notify();
    return { body: { ok: true, files: wires } };
  }

  // ------------------------------------------------------------------ uploads

  private async handleUpload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const file = this.files.get(fileId);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('file_not_found');
      return;
    }
    const boundary = boundaryOf(req.headers['content-type'] ?? '');
    if (boundary) {
      const parts = parseMultipart(body, boundary);
      const part = parts.find((p) => p.name === 'body' || p.name === 'file') ?? parts.find((p) => p.filename);
      file.bytes = part?.data ?? Buffer.alloc(0);
    } else {
      file.bytes = body;
    }
    file.uploaded = true;
    this.notify();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${file.bytes.length}`);
  }

  // ------------------------------------------------------------ response URLs

  private async handleResponseUrl(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const at = new Date();
    const url = `${this.baseUrl}/response/${id}`;
    let body: JsonObject = {};
    let parsedOk = false;
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (isObject(parsed)) {
        body = parsed;
        parsedOk = true;
      }
    } catch {
      // Reported below as invalid_payload.
    }
    const reject = (status: number, error: string, extra: JsonObject = {}): void => {
      this.rejectedResponses.push({ id, url, body, at, status, error });
      this.notify();
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error, ...extra }));
    };
    const state = this.responseUrls.get(id);
    if (!state) return reject(404, 'invalid_url');
    if (state.expired || Date.now() - state.createdAt > this.responseUrlTtlMs) {
      return reject(404, 'expired_url');
    }
    if (state.uses >= RESPONSE_URL_MAX_USES) return reject(404, 'used_url');
    if (!parsedOk) return reject(400, 'invalid_payload');
    const deleting = truthy(body.delete_original);
    if (!deleting) {
      const invalid = this.checkMessageContent(body);
      if (invalid) return reject(400, str(invalid.body.error) ?? 'invalid_payload', invalid.body);
    }
    state.uses += 1;
    this.applyResponse(state.context, body);
    this.responses.push({ id, url, body, at });
    this.notify();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  }

  private applyResponse(context: ResponseUrlContext, body: JsonObject): void {
    const { channelId, messageTs, userId } = context;
    if (truthy(body.delete_original)) {
      const list = channelId ? this.messages.get(channelId) : undefined;
      const index = list?.findIndex((m) => m.ts === messageTs) ?? -1;
      if (list && index !== -1) list.splice(index, 1);
      return;
    }
    const original = this.findMessage(channelId, messageTs);
    if (truthy(body.replace_original) && original) {
      this.applyUpdate(original, body);
      return;
    }
    if (!channelId) return;
    if (body.response_type === 'in_channel') {
      this.storeMessage(channelId, body);
    } else if (userId) {
      const ephemeral: EphemeralMessage = {
        channel: channelId,
        user: userId,
        text: str(body.text) ?? '',
        message_ts: this.nextTs(),
        via: 'response_url',
      };
      if (Array.isArray(body.blocks)) ephemeral.blocks = body.blocks as JsonObject[];
      this.ephemeralMessages.push(ephemeral);
    }
  }

  // -------------------------------------------------------------- Socket Mode

  get socketClientCount(): number {
    return this.sockets.size;
  }

  /** Resolves once a Socket Mode client has connected and received `hello`. */
  waitForSocketClient(timeoutMs = 5000): Promise<void> {
    return this.waitFor(() => this.sockets.size > 0, timeoutMs, 'a Socket Mode client').then(() => undefined);
  }

  /** Asks connected clients to reconnect, as Slack does when it recycles a connection. */
  disconnectSocketClients(
    reason: 'warning' | 'refresh_requested' | 'link_disabled' = 'refresh_requested',
  ): void {
    for (const ws of this.sockets) {
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'emulator' } }));
    }
  }

  /**
   * Sends an envelope to a connected Socket Mode client and resolves with the
   * `payload` of its ack (undefined when the ack carried none).
   */
  sendEnvelope(request: EnvelopeRequest): Promise<JsonObject | undefined> {
    const ws = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (!ws) return Promise.reject(new Error('no Socket Mode client is connected'));
    const envelopeId = randomUUID();
    const acceptsResponsePayload = request.acceptsResponsePayload ?? request.type !== 'events_api';
    const message = {
      envelope_id: envelopeId,
      type: request.type,
      payload: request.payload,
      accepts_response_payload: acceptsResponsePayload,
      retry_attempt: request.retryAttempt ?? 0,
      retry_reason: request.retryReason ?? '',
    };
    const record: RecordedEnvelope = {
      envelopeId,
      type: request.type,
      payload: request.payload,
      sentAt: new Date(),
      acked: false,
      ack: undefined,
      ackedAt: undefined,
    };
    this.envelopes.push(record);
    const timeoutMs = request.timeoutMs ?? this.envelopeAckTimeoutMs;
    return new Promise<JsonObject | undefined>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`no ack for ${request.type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer, record });
      ws.send(JSON.stringify(message), (error) => {
        if (!error) return;
        clearTimeout(timer);
        this.pending.delete(envelopeId);
        reject(error);
      });
    });
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const ticket = url.searchParams.get('ticket');
    if (!url.pathname.startsWith('/link') || !ticket || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.rawConnections.add(socket);
    socket.on('close', () => this.rawConnections.delete(socket));
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
  }

  private onSocket(ws: WebSocket): void {
    if (!this.server) {
      ws.terminate();
      return;
    }
    this.sockets.add(ws);
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'emulator', approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    // The client drops the connection when it hears no ping for 30 s.
    this.pingTimers.set(
      ws,
      setInterval(() => {
        if (ws.readyState === ws.OPEN) ws.ping();
      }, this.socketPingIntervalMs),
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (!isObject(message) || typeof message.envelope_id !== 'string') return;
      const pending = this.pending.get(message.envelope_id);
      if (!pending) return;
      this.pending.delete(message.envelope_id);
      clearTimeout(pending.timer);
      const ack = isObject(message.payload) ? message.payload : undefined;
      pending.record.acked = true;
      pending.record.ack = ack;
      pending.record.ackedAt = new Date();
      pending.resolve(ack);
      this.notify();
    });
    ws.on('close', () => {
      clearInterval(this.pingTimers.get(ws));
      this.pingTimers.delete(ws);
      this.sockets.delete(ws);
      this.notify();
    });
    this.notify();
  }
}
