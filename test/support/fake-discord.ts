/**
 * A small, in-process fake of Discord (REST API v10 + JSON gateway) for end-to-end tests that run the
 * REAL discord.js `Client` against 127.0.0.1.
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents, partials: [Partials.Channel], rest: { api: fake.restUrl } });
 *   await client.login("fake.token.value");
 *   const handle = fake.sendInteraction(fake.slashCommand("ping"));
 *   const callback = await handle.waitForCallback();
 *   await client.destroy(); await fake.close();
 *
 * What discord.js 14.28 / @discordjs/ws 1.2 / @discordjs/rest 2.6 actually do (checked in node_modules):
 *  - REST: `${rest.api}/v10${route}` (so restUrl ends in `/api`), `Authorization: Bot <token>` except for
 *    interaction-callback and webhook routes (auth: false). Interaction responses always carry
 *    `?with_response=false|true`. Files are sent as multipart with a `payload_json` part.
 *  - Gateway discovery: `GET /gateway/bot` → `{ url, shards, session_start_limit: { max_concurrency, ... } }`.
 *  - Gateway URL: `${url}?v=10&encoding=json`; `&compress=zlib-stream` is appended ONLY if the optional
 *    `zlib-sync` package is installed (it is not in this project), so by default frames are plain JSON text.
 *    Both zlib-stream (one deflate context per connection, every frame ends with Z_SYNC_FLUSH) and the legacy
 *    identify-level `compress: true` are nevertheless supported here.
 *  - Resume: after READY the client stores `session_id` / `resume_gateway_url`; on an unexpected close code
 *    (e.g. 4000, or 1006 from a dropped socket) it waits 500 ms, reconnects to resume_gateway_url and sends
 *    op 6 RESUME; we answer with a `RESUMED` dispatch. Close code 1000 makes it re-IDENTIFY instead.
 *  - `clientReady` (not `ready`, which is deprecated in 14.28) fires only after a GUILD_CREATE arrived for every
 *    guild listed as unavailable in READY (when the Guilds intent is requested).
 *  - DM MESSAGE_CREATEs are only emitted when the client has `partials: [Partials.Channel]` AND the payload
 *    carries `channel_type: 1` (Discord sends it; this fake does too).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import zlib from "node:zlib";
import { WebSocket, WebSocketServer, type RawData } from "ws";

// ---------------------------------------------------------------------------------------------------------
// Constants (numbers from the Discord API docs / discord-api-types v10)
// ---------------------------------------------------------------------------------------------------------

/** Gateway opcodes. */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

/** Gateway intent bits used by the fake. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12,
  DirectMessageReactions: 1 << 13,
  DirectMessageTyping: 1 << 14,
  MessageContent: 1 << 15,
} as const;
const PRIVILEGED_INTENTS = Intent.GuildMembers | Intent.GuildPresences | Intent.MessageContent;

/** Interaction types (payload `type`). */
export const InteractionKind = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  ApplicationCommandAutocomplete: 4,
  ModalSubmit: 5,
} as const;

/** Interaction callback types (callback body `type`). */
export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredMessageUpdate: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
  LaunchActivity: 12,
} as const;

const MessageFlag = { Ephemeral: 1 << 6, Loading: 1 << 7 } as const;
const ChannelKind = { GuildText: 0, DM: 1 } as const;

/** Permission bits (bigint, like Discord's string-encoded permissions). */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** What a normal member (and, by default, the bot) may do in the fake guild. */
export const DEFAULT_PERMISSIONS =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.UseApplicationCommands |
  Permission.CreatePublicThreads |
  Permission.SendMessagesInThreads;

const DISCORD_EPOCH = 1420070400000n;
let lastSnowflakeMs = 0n;
let snowflakeIncrement = 0n;

/** A realistic, strictly increasing snowflake (timestamp-based, so `createdAt` is sensible). */
export function snowflake(): string {
  let now = BigInt(Date.now());
  if (now <= lastSnowflakeMs) {
    now = lastSnowflakeMs;
    snowflakeIncrement += 1n;
    if (snowflakeIncrement >= 4096n) {
      now += 1n;
      snowflakeIncrement = 0n;
    }
  } else {
    snowflakeIncrement = 0n;
  }
  lastSnowflakeMs = now;
  return (((now - DISCORD_EPOCH) << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
  public_flags?: number;
  [key: string]: unknown;
}

export interface FakeMember {
  user?: FakeUser;
  nick: string | null;
  avatar: string | null;
  roles: string[];
  joined_at: string;
  premium_since: string | null;
  deaf: boolean;
  mute: boolean;
  flags: number;
  pending: boolean;
  communication_disabled_until: string | null;
  permissions?: string;
  [key: string]: unknown;
}

export interface FakeChannel {
  id: string;
  type: number;
  guild_id?: string;
  name?: string;
  recipients?: FakeUser[];
  [key: string]: unknown;
}

export type JsonObject = Record<string, unknown>;

export interface FakeMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: FakeUser;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: FakeUser[];
  mention_roles: string[];
  attachments: JsonObject[];
  embeds: JsonObject[];
  components: JsonObject[];
  pinned: boolean;
  type: number;
  flags: number;
  [key: string]: unknown;
}

export interface FakeInteraction {
  id: string;
  application_id: string;
  type: number;
  token: string;
  version: 1;
  data: JsonObject;
  channel_id: string;
  channel: FakeChannel;
  guild_id?: string;
  guild?: JsonObject;
  member?: FakeMember;
  user?: FakeUser;
  message?: FakeMessage;
  app_permissions: string;
  locale: string;
  guild_locale?: string;
  entitlements: unknown[];
  authorizing_integration_owners: Record<string, string>;
  context: number;
  attachment_size_limit: number;
  [key: string]: unknown;
}

export interface RecordedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  /** Position in `fake.requests`. */
  index: number;
  method: string;
  /** Path without the `/api/v10` prefix and without the query string, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body; for multipart the parsed `payload_json` part; raw text if unparsable; null if empty. */
  body: unknown;
  files: RecordedFile[];
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  /** True when no route (and no `respondWith` override) handled it: the fake answered 404. */
  unhandled: boolean;
  response?: { status: number; body: unknown };
}

/** A predicate, or a `{ method, path }` matcher (path: exact string or RegExp). */
export type RequestMatcher =
  | ((request: RecordedRequest) => boolean)
  | { method?: string; path?: string | RegExp };

export interface WaitOptions {
  /** Only consider records at or after this index (take it with `fake.mark()` / `.length` before acting). */
  since?: number;
  timeoutMs?: number;
}

export interface IdentifyRecord {
  connectionId: number;
  token: string;
  intents: number;
  properties: unknown;
  compress: boolean;
  shard: unknown;
  largeThreshold?: number;
  presence?: unknown;
  sessionId?: string;
  /** Set when the fake refused the identify (bad token, disallowed intents). */
  rejectedWith?: number;
}

export interface ResumeRecord {
  connectionId: number;
  sessionId: string;
  seq: number | null;
  ok: boolean;
}

export interface ReadyRecord {
  connectionId: number;
  sessionId: string;
  guildCreateSent: boolean;
}

export interface GatewayConnectionRecord {
  id: number;
  query: Record<string, string>;
  closeCode?: number;
}

export interface GatewayMessageRecord {
  connectionId: number;
  op: number;
  d: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeDiscordOptions {
  /** Heartbeat interval announced in HELLO (ms). Default 41250 like Discord. */
  heartbeatIntervalMs?: number;
  /** If set, REST `Authorization: Bot <token>`, IDENTIFY and RESUME must use it (else 401 / close 4004). */
  token?: string;
  /** Privileged intents the "developer portal" allows; requesting others closes with 4014. Default: all. */
  allowedPrivilegedIntents?: number;
  /**
   * Emulate intent semantics (default true): events a session did not subscribe to are not sent, and guild
   * MESSAGE_CREATE/UPDATE content/embeds/attachments/components are blanked without the MessageContent intent
   * unless the message mentions the bot or was sent by it.
   */
  emulateIntents?: boolean;
  /** Send MESSAGE_CREATE back over the gateway for messages the bot posts (like Discord). Default true. */
  echoMessages?: boolean;
  /** If set, interaction callbacks later than this many ms after creation get 404 Unknown interaction (Discord: 3000). */
  interactionResponseDeadlineMs?: number;
  /** Delay between READY and GUILD_CREATE (ms). Default 10 (keeps them in separate socket reads). */
  guildCreateDelayMs?: number;
  /** Permissions of the bot's managed role. Default DEFAULT_PERMISSIONS. */
  botPermissions?: bigint;
  botUsername?: string;
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  /** Log gateway/REST traffic to stderr (also enabled by env FAKE_DISCORD_DEBUG=1). */
  debug?: boolean;
}

export interface InteractionOptions {
  /** In the fake guild (default) or in the user's DM with the bot. */
  guild?: boolean;
  /** Invoking user (default `fake.defaultUser`). */
  user?: FakeUser;
  /** Guild channel (default `fake.channelId`); ignored for DMs. */
  channelId?: string;
  /** For component interactions: the message carrying the component. Default: a bot message with a button. */
  message?: FakeMessage;
  locale?: string;
  /** Override `app_permissions` (bigint or decimal string). */
  appPermissions?: bigint | string;
  /** Extra top-level fields merged into the payload last. */
  extra?: JsonObject;
}

export interface MessageCreateOptions {
  content?: string;
  /** Author id; unknown ids become new users. Default `fake.defaultUser`. */
  authorId?: string;
  author?: FakeUser;
  /** Prefix `<@botId> ` to the content (if not present) and list the bot in `mentions`. */
  mentionsBot?: boolean;
  /** In the fake guild channel (default true) or in the author's DM channel with the bot. */
  guild?: boolean;
  channelId?: string;
  mentionEveryone?: boolean;
  /** Reply to this message id (sets message_reference / referenced_message / type 19). */
  replyTo?: string;
  /** For replies: whether the replied-to author is pinged (adds them to `mentions`). Default true. */
  mentionRepliedUser?: boolean;
  embeds?: JsonObject[];
  attachments?: JsonObject[];
  extra?: JsonObject;
}

export interface InteractionHandle {
  id: string;
  token: string;
  payload: FakeInteraction;
  /** `fake.requests.length` just before dispatch. */
  since: number;
  /** `/interactions/:id/:token/callback` */
  callbackPath: string;
  /** `/webhooks/:appId/:token/messages/@original` */
  originalPath: string;
  /** Resolves with the POST callback request. */
  waitForCallback(timeoutMs?: number): Promise<RecordedRequest>;
  /** Resolves with the first PATCH of @original. */
  waitForOriginalEdit(timeoutMs?: number): Promise<RecordedRequest>;
}

export interface MessageHandle {
  payload: FakeMessage;
  since: number;
  /** Number of gateway sessions it was delivered to (0 if filtered out by intents). */
  delivered: number;
}

// ---------------------------------------------------------------------------------------------------------
// Internal types
// ---------------------------------------------------------------------------------------------------------

interface Session {
  id: string;
  token: string;
  intents: number;
  seq: number;
  shard: unknown;
  conn: GatewayConnection | undefined;
}

interface Waiter {
  check: () => boolean;
}

interface InteractionState {
  payload: FakeInteraction;
  createdAt: number;
  acknowledged: boolean;
  callbackType?: number;
  original?: string; // message id
  followups: string[];
}

interface StoredMessage {
  message: FakeMessage;
  guildId?: string;
}

interface RouteCtx {
  req: RecordedRequest;
  params: Record<string, string>;
}

interface RouteResult extends FakeResponse {
  /** Runs after the response has been written (e.g. gateway echo). */
  after?: () => void;
}

type RouteHandler = (ctx: RouteCtx) => RouteResult;

interface Route {
  method: string;
  regex: RegExp;
  names: string[];
  auth: boolean;
  handler: RouteHandler;
}

interface Override {
  predicate: (r: RecordedRequest) => boolean;
  response: FakeResponse;
  remaining: number;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const asObjectArray = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

const nowIso = (): string => new Date().toISOString();

const errorBody = (code: number, message: string, errors?: JsonObject): JsonObject =>
  errors ? { message, code, errors } : { message, code };

const formError = (field: string, code: string, message: string): RouteResult => ({
  status: 400,
  body: errorBody(50035, "Invalid Form Body", { [field]: { _errors: [{ code, message }] } }),
});

function toPredicate(matcher: RequestMatcher): (r: RecordedRequest) => boolean {
  if (typeof matcher === "function") return matcher;
  return (r) =>
    (matcher.method === undefined || r.method === matcher.method.toUpperCase()) &&
    (matcher.path === undefined ||
      (typeof matcher.path === "string" ? r.path === matcher.path : matcher.path.test(r.path)));
}

function describeMatcher(matcher: RequestMatcher): string {
  if (typeof matcher === "function") return matcher.toString().replace(/\s+/g, " ").slice(0, 200);
  return `${matcher.method ?? "*"} ${matcher.path === undefined ? "*" : String(matcher.path)}`;
}

function normalizeWait(opts: number | WaitOptions | undefined, defaultTimeout = 5000): Required<WaitOptions> {
  if (typeof opts === "number") return { since: 0, timeoutMs: opts };
  return { since: opts?.since ?? 0, timeoutMs: opts?.timeoutMs ?? defaultTimeout };
}

// ---------------------------------------------------------------------------------------------------------
// Gateway connection
// ---------------------------------------------------------------------------------------------------------

const SYNC_FLUSH_SUFFIX = Buffer.from([0x00, 0x00, 0xff, 0xff]);

class GatewayConnection {
  session: Session | undefined;
  /** READY (+ GUILD_CREATE) or RESUMED has been sent: dispatches may flow. */
  live = false;
  closed = false;
  identifyCompress = false;
  private readonly deflate: zlib.Deflate | undefined;
  private deflated: Buffer[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    readonly zlibStream: boolean,
  ) {
    if (zlibStream) {
      this.deflate = zlib.createDeflate();
      this.deflate.on("data", (chunk: Buffer) => this.deflated.push(chunk));
      this.deflate.on("error", () => undefined);
    }
  }

  /** Serialises and sends one gateway payload, preserving order across compressed sends. */
  send(payload: JsonObject): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    const json = JSON.stringify(payload);
    if (this.deflate) {
      const deflate = this.deflate;
      this.chain = this.chain.then(
        () =>
          new Promise<void>((resolve) => {
            if (this.closed) return resolve();
            deflate.write(json);
            deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
              let attempts = 0;
              const emit = (): void => {
                const buffer = Buffer.concat(this.deflated);
                const complete = buffer.length >= 4 && buffer.subarray(-4).equals(SYNC_FLUSH_SUFFIX);
                if (!complete && attempts++ < 100) {
                  setImmediate(emit);
                  return;
                }
                this.deflated = [];
                if (!this.closed && this.ws.readyState === WebSocket.OPEN) this.ws.send(buffer, { binary: true });
                resolve();
              };
              emit();
            });
          }),
      );
    } else if (this.identifyCompress) {
      this.ws.send(zlib.deflateSync(json), { binary: true });
    } else {
      this.ws.send(json);
    }
  }

  dispose(): void {
    this.closed = true;
    this.live = false;
    this.deflate?.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------------------

/** Starts the fake on 127.0.0.1 with a random port. Remember to `await fake.close()`. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(opts);
  await fake.listen();
  return fake;
}

export class FakeDiscord {
  /** Pass as `new Client({ rest: { api: fake.restUrl } })` — e.g. `http://127.0.0.1:PORT/api`. */
  restUrl = "";
  /** `ws://127.0.0.1:PORT` (returned by GET /gateway/bot and as READY.resume_gateway_url). */
  gatewayUrl = "";
  readonly applicationId: string;
  readonly botUser: FakeUser;
  /** A regular human member of the guild, the default author/invoker. */
  readonly defaultUser: FakeUser;
  readonly guildId: string;
  /** The @everyone role id (== guildId, as on Discord). */
  readonly everyoneRoleId: string;
  /** The bot's managed role. */
  readonly botRoleId: string;
  /** The guild text channel. */
  readonly channelId: string;

  /** Every REST request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every IDENTIFY (op 2) received. */
  readonly identifies: IdentifyRecord[] = [];
  /** Every RESUME (op 6) received (ok=false when answered with INVALID_SESSION). */
  readonly resumes: ResumeRecord[] = [];
  /** Sessions that got READY (+ GUILD_CREATE when the Guilds intent is set). */
  readonly readies: ReadyRecord[] = [];
  /** Heartbeats (op 1) received; each was ACKed with op 11. */
  readonly heartbeats: GatewayMessageRecord[] = [];
  /** Every gateway WebSocket connection (with its query: v, encoding, compress). */
  readonly gatewayConnections: GatewayConnectionRecord[] = [];
  /** Every payload received from clients. */
  readonly gatewayReceived: GatewayMessageRecord[] = [];
  /** Protocol problems the fake noticed (bad query, unknown op, ...). */
  readonly gatewayErrors: string[] = [];
  /** Last PUT of global commands (with ids). */
  globalCommands: JsonObject[] = [];
  /** Last PUT of guild commands per guild id. */
  readonly guildCommands = new Map<string, JsonObject[]>();
  readonly users = new Map<string, FakeUser>();

  private readonly opts: Required<
    Pick<
      FakeDiscordOptions,
      "heartbeatIntervalMs" | "emulateIntents" | "echoMessages" | "guildCreateDelayMs" | "botPermissions" | "debug"
    >
  > &
    FakeDiscordOptions;
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly routes: Route[] = [];
  private readonly overrides: Override[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly connections = new Set<GatewayConnection>();
  private readonly sessions = new Map<string, Session>();
  private readonly channels = new Map<string, FakeChannel>();
  private readonly dmChannelsByUser = new Map<string, FakeChannel>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly commandIdsByName = new Map<string, string>();
  private readonly members = new Map<string, FakeMember>();
  private nextConnectionId = 1;
  private closed = false;
  private readonly guildJoinedAt = nowIso();

  constructor(options: FakeDiscordOptions = {}) {
    this.opts = {
      ...options,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
      emulateIntents: options.emulateIntents ?? true,
      echoMessages: options.echoMessages ?? true,
      guildCreateDelayMs: options.guildCreateDelayMs ?? 10,
      botPermissions: options.botPermissions ?? DEFAULT_PERMISSIONS,
      debug: options.debug ?? process.env.FAKE_DISCORD_DEBUG === "1",
    };
    this.applicationId = options.applicationId ?? snowflake();
    this.guildId = options.guildId ?? snowflake();
    this.everyoneRoleId = this.guildId;
    this.botRoleId = snowflake();
    this.channelId = options.channelId ?? snowflake();
    this.botUser = {
      id: this.applicationId, // like most bots: bot user id == application id
      username: options.botUsername ?? "FakeBot",
      global_name: null,
      discriminator: "0",
      avatar: null,
      bot: true,
      public_flags: 0,
    };
    this.defaultUser = this.addUser({ username: "tester", global_name: "Tester" });
    this.users.set(this.botUser.id, this.botUser);
    this.members.set(this.botUser.id, this.newMember([this.botRoleId]));
    this.channels.set(this.channelId, {
      id: this.channelId,
      type: ChannelKind.GuildText,
      guild_id: this.guildId,
      name: "general",
      position: 0,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
      last_message_id: null,
      flags: 0,
    });

    this.server = createServer((req, res) => {
      this.handleHttp(req, res).catch((error: unknown) => {
        this.gatewayErrors.push(`REST ${req.method ?? "?"} ${req.url ?? "?"}: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify(errorBody(0, `fake-discord internal error: ${String(error)}`)));
      });
    });
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    this.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.handleUpgrade(req, socket, head),
    );
    this.registerRoutes();
  }

  /** @internal Use startFakeDiscord(). */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = this.server.address() as AddressInfo; // listening on TCP, so never a pipe string
    this.restUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
  }

  /** Terminates all sockets, rejects pending waits and closes the server. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.notify(); // waiters see `closed` and reject
    for (const conn of this.connections) {
      conn.dispose();
      conn.ws.terminate();
    }
    this.connections.clear();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------------------
  // Users / channels / messages
  // -------------------------------------------------------------------------------------------------------

  /** Registers a (human by default) user who is also a guild member. */
  addUser(partial: Partial<FakeUser> = {}): FakeUser {
    const id = partial.id ?? snowflake();
    const user: FakeUser = {
      id,
      username: partial.username ?? `user${id.slice(-4)}`,
      global_name: partial.global_name ?? null,
      discriminator: "0",
      avatar: null,
      public_flags: 0,
      ...partial,
    };
    this.users.set(id, user);
    if (!this.members.has(id)) this.members.set(id, this.newMember([]));
    return user;
  }

  /** The DM channel between the bot and a user (created on first use, like POST /users/@me/channels). */
  dmChannelFor(userOrId: FakeUser | string): FakeChannel {
    const user = typeof userOrId === "string" ? this.userById(userOrId) : userOrId;
    let channel = this.dmChannelsByUser.get(user.id);
    if (!channel) {
      channel = { id: snowflake(), type: ChannelKind.DM, last_message_id: null, recipients: [user], flags: 0 };
      this.dmChannelsByUser.set(user.id, channel);
      this.channels.set(channel.id, channel);
    }
    return channel;
  }

  /** A stored message (sent by the bot over REST, or built by a helper). */
  getMessage(id: string): FakeMessage | undefined {
    return this.messages.get(id)?.message;
  }

  /** The current `@original` response message of an interaction, if any. */
  originalMessage(interactionToken: string): FakeMessage | undefined {
    const id = this.interactionsByToken.get(interactionToken)?.original;
    return id === undefined ? undefined : this.getMessage(id);
  }

  /** The GUILD_CREATE payload the fake sends after READY. */
  guildCreatePayload(): JsonObject {
    return {
      ...this.guildRestObject(),
      joined_at: this.guildJoinedAt,
      large: false,
      unavailable: false,
      member_count: this.members.size,
      voice_states: [],
      members: [...this.members.entries()].map(([id, member]) => ({ ...member, user: this.userById(id) })),
      channels: [...this.channels.values()].filter((c) => c.guild_id === this.guildId),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Waiting
  // -------------------------------------------------------------------------------------------------------

  /** Current `requests.length`, to pass as `since`. */
  mark(): number {
    return this.requests.length;
  }

  /**
   * Resolves with the first recorded request (index >= since) matching `matcher`, including ones that were
   * already recorded. Rejects after `timeoutMs` (default 5000) listing what was received.
   */
  waitForRequest(matcher: RequestMatcher, opts?: number | WaitOptions): Promise<RecordedRequest> {
    const { since, timeoutMs } = normalizeWait(opts);
    const predicate = toPredicate(matcher);
    return this.waitUntil(
      () => this.requests.slice(since).find(predicate),
      timeoutMs,
      () =>
        `fake-discord: no REST request matching ${describeMatcher(matcher)} within ${timeoutMs}ms ` +
        `(since #${since}). Received:\n${this.describeRequests(since)}`,
    );
  }

  /** Resolves with the first IDENTIFY at index >= since. */
  waitForIdentify(opts?: number | WaitOptions): Promise<IdentifyRecord> {
    const { since, timeoutMs } = normalizeWait(opts);
    return this.waitUntil(
      () => this.identifies[since],
      timeoutMs,
      () => `fake-discord: no IDENTIFY #${since} within ${timeoutMs}ms. ${this.describeGateway()}`,
    );
  }

  /** Resolves with the first successful RESUME at index >= since. */
  waitForResume(opts?: number | WaitOptions): Promise<ResumeRecord> {
    const { since, timeoutMs } = normalizeWait(opts);
    return this.waitUntil(
      () => this.resumes.slice(since).find((r) => r.ok),
      timeoutMs,
      () => `fake-discord: no successful RESUME (since #${since}) within ${timeoutMs}ms. ${this.describeGateway()}`,
    );
  }

  /** Resolves once READY (and GUILD_CREATE, if subscribed) has been sent for a session (index >= since). */
  waitForReady(opts?: number | WaitOptions): Promise<ReadyRecord> {
    const { since, timeoutMs } = normalizeWait(opts);
    return this.waitUntil(
      () => this.readies[since],
      timeoutMs,
      () => `fake-discord: no READY #${since} within ${timeoutMs}ms. ${this.describeGateway()}`,
    );
  }

  // -------------------------------------------------------------------------------------------------------
  // REST control
  // -------------------------------------------------------------------------------------------------------

  /**
   * Answer matching REST requests with a canned response instead of the normal route (still recorded).
   * `times` defaults to 1; use Infinity for "always". Note @discordjs/rest retries 5xx responses (3 times).
   */
  respondWith(matcher: RequestMatcher, response: FakeResponse, times = 1): void {
    this.overrides.push({ predicate: toPredicate(matcher), response, remaining: times });
  }

  /** Requests nothing handled (answered 404 "unknown route"). */
  get unhandledRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.unhandled);
  }

  // -------------------------------------------------------------------------------------------------------
  // Gateway control
  // -------------------------------------------------------------------------------------------------------

  /**
   * Sends a dispatch (op 0) to every live session. Returns how many sessions received it (0 when filtered
   * out by intent emulation). Throws if no client is connected — await client ready / waitForResume first.
   */
  dispatch(eventName: string, data: unknown): number {
    const targets = [...this.connections].filter((c) => c.live && c.session);
    if (targets.length === 0) {
      throw new Error(
        `fake-discord: cannot dispatch ${eventName}: no gateway session is connected ` +
          `(wait for the client's clientReady, or fake.waitForResume() after dropConnection()). ${this.describeGateway()}`,
      );
    }
    // Hand-built INTERACTION_CREATE payloads get callback/webhook state too.
    if (eventName === "INTERACTION_CREATE" && isObject(data) && typeof data.id === "string" && typeof data.token === "string") {
      this.registerInteraction(data as FakeInteraction); // shape checked loosely above; routes only read id/token/type/data
    }
    return this.dispatchTo(targets, eventName, data);
  }

  /**
   * Closes every gateway socket abnormally so the client reconnects and RESUMEs. Default 4000 (Unknown
   * error: resumable). "terminate" kills the TCP socket without a close frame (client sees 1006, also resumes).
   * Returns the number of sockets closed.
   */
  dropConnection(code: number | "terminate" = 4000, reason = "fake-discord: dropped"): number {
    let count = 0;
    for (const conn of this.connections) {
      if (conn.closed) continue;
      count++;
      conn.live = false;
      if (code === "terminate") conn.ws.terminate();
      else conn.ws.close(code, reason);
    }
    return count;
  }

  /** Sends op 7 RECONNECT (client closes with 4200 and resumes). */
  requestReconnect(): void {
    for (const conn of this.connections) if (conn.session) conn.send({ op: Op.Reconnect, d: null, s: null, t: null });
  }

  /** Sends op 9 INVALID_SESSION; with resumable=false the session is forgotten and the client re-identifies. */
  invalidateSession(resumable = false): void {
    for (const conn of this.connections) {
      if (!conn.session) continue;
      if (!resumable) this.sessions.delete(conn.session.id);
      conn.live = false;
      conn.send({ op: Op.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Payload builders
  // -------------------------------------------------------------------------------------------------------

  /**
   * Builds an INTERACTION_CREATE payload. `type`: 2 application command, 3 component, 4 autocomplete,
   * 5 modal submit. For 2/4, `data.name` is required (`data.type` defaults to 1 = chat input, `data.id` to the
   * registered command's id); for 3, `data.custom_id` (component_type defaults to 2 = button).
   */
  interaction(type: number, data: JsonObject, opts: InteractionOptions = {}): FakeInteraction {
    const inGuild = opts.guild ?? true;
    const user = opts.user ?? this.defaultUser;
    if (!this.users.has(user.id)) this.users.set(user.id, user);
    const channel = inGuild ? this.channelById(opts.channelId ?? this.channelId) : this.dmChannelFor(user);

    const normalized: JsonObject = { ...data };
    if (type === InteractionKind.ApplicationCommand || type === InteractionKind.ApplicationCommandAutocomplete) {
      if (typeof normalized.name !== "string") throw new Error("fake-discord: command interactions need data.name");
      normalized.type ??= 1;
      const registered = this.findCommand(normalized.name, Number(normalized.type));
      normalized.id ??= registered?.id ?? this.commandIdFor(normalized.name, Number(normalized.type));
      if (registered && typeof registered.guild_id === "string") normalized.guild_id ??= registered.guild_id;
    } else if (type === InteractionKind.MessageComponent) {
      if (typeof normalized.custom_id !== "string") throw new Error("fake-discord: component interactions need data.custom_id");
      normalized.component_type ??= 2;
    }

    const appPermissions =
      opts.appPermissions === undefined
        ? (inGuild ? this.botGuildPermissions() : DEFAULT_PERMISSIONS).toString()
        : opts.appPermissions.toString();

    const payload: FakeInteraction = {
      id: snowflake(),
      application_id: this.applicationId,
      type,
      token: `fake-interaction-token-${randomBytes(16).toString("hex")}`,
      version: 1,
      data: normalized,
      channel_id: channel.id,
      channel: inGuild ? { ...channel, permissions: DEFAULT_PERMISSIONS.toString() } : channel,
      app_permissions: appPermissions,
      locale: opts.locale ?? "en-US",
      entitlements: [],
      authorizing_integration_owners: { "0": inGuild ? this.guildId : "0" },
      context: inGuild ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (inGuild) {
      payload.guild_id = this.guildId;
      payload.guild = { id: this.guildId, locale: "en-US", features: [] };
      payload.guild_locale = "en-US";
      payload.member = {
        ...this.memberFor(user.id),
        user,
        permissions: DEFAULT_PERMISSIONS.toString(),
      };
    } else {
      payload.user = user;
    }
    if (type === InteractionKind.MessageComponent) {
      payload.message =
        opts.message ??
        this.storeMessage(
          this.buildMessage({
            channelId: channel.id,
            author: this.botUser,
            content: "Component message",
            components: [{ type: 1, components: [{ type: 2, style: 1, label: "Button", custom_id: normalized.custom_id }] }],
          }),
          inGuild ? this.guildId : undefined,
        );
    }
    Object.assign(payload, opts.extra ?? {});
    this.registerInteraction(payload);
    return payload;
  }

  /** Chat-input (slash) command interaction. `options` as Discord sends them ({name, type, value}). */
  slashCommand(name: string, options: JsonObject[] = [], opts?: InteractionOptions): FakeInteraction {
    return this.interaction(InteractionKind.ApplicationCommand, { name, type: 1, ...(options.length ? { options } : {}) }, opts);
  }

  /** Autocomplete interaction; mark the focused option with `focused: true`. */
  autocomplete(name: string, options: JsonObject[], opts?: InteractionOptions): FakeInteraction {
    return this.interaction(InteractionKind.ApplicationCommandAutocomplete, { name, type: 1, options }, opts);
  }

  /** Message context-menu command (data.type 3) targeting `target` (put in resolved.messages). */
  messageContextMenu(name: string, target: FakeMessage, opts?: InteractionOptions): FakeInteraction {
    return this.interaction(
      InteractionKind.ApplicationCommand,
      { name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } },
      { ...opts, guild: opts?.guild ?? target.guild_id !== undefined },
    );
  }

  /** Button click on `opts.message` (default: a fresh bot message carrying the button). */
  button(customId: string, opts?: InteractionOptions): FakeInteraction {
    return this.interaction(InteractionKind.MessageComponent, { custom_id: customId, component_type: 2 }, opts);
  }

  /** Dispatches INTERACTION_CREATE and returns what tests need to await the bot's response. */
  sendInteraction(payload: FakeInteraction): InteractionHandle {
    this.registerInteraction(payload);
    const since = this.mark();
    this.dispatch("INTERACTION_CREATE", payload);
    const callbackPath = `/interactions/${payload.id}/${payload.token}/callback`;
    const originalPath = `/webhooks/${payload.application_id}/${payload.token}/messages/@original`;
    return {
      id: payload.id,
      token: payload.token,
      payload,
      since,
      callbackPath,
      originalPath,
      waitForCallback: (timeoutMs) => this.waitForRequest({ method: "POST", path: callbackPath }, { since, timeoutMs }),
      waitForOriginalEdit: (timeoutMs) =>
        this.waitForRequest({ method: "PATCH", path: originalPath }, { since, timeoutMs }),
    };
  }

  /**
   * Builds a MESSAGE_CREATE payload from a user (stored, so the bot can fetch/reply to it). In the guild it has
   * guild_id + member; otherwise it is in the author's DM channel (channel_type 1, no guild_id).
   */
  messageCreate(opts: MessageCreateOptions = {}): FakeMessage {
    const author = opts.author ?? (opts.authorId ? this.userById(opts.authorId, true) : this.defaultUser);
    if (!this.users.has(author.id)) this.users.set(author.id, author);
    const inGuild = opts.guild ?? true;
    const channel = inGuild ? this.channelById(opts.channelId ?? this.channelId) : this.dmChannelFor(author);
    let content = opts.content ?? "";
    const mentions: FakeUser[] = [];
    if (opts.mentionsBot) {
      const id = this.botUser.id;
      if (!content.includes(`<@${id}>`) && !content.includes(`<@!${id}>`)) content = `<@${id}> ${content}`;
    }
    for (const match of content.matchAll(/<@!?(\d+)>/g)) {
      const user = match[1] === undefined ? undefined : this.users.get(match[1]);
      if (user && !mentions.some((m) => m.id === user.id)) mentions.push(user);
    }
    const message = this.buildMessage({
      channelId: channel.id,
      author,
      content,
      mentions,
      mentionEveryone: opts.mentionEveryone ?? false,
      embeds: opts.embeds,
      attachments: opts.attachments,
    });
    if (opts.replyTo !== undefined) {
      const referenced = this.getMessage(opts.replyTo);
      message.type = 19;
      message.message_reference = {
        type: 0,
        message_id: opts.replyTo,
        channel_id: channel.id,
        ...(inGuild ? { guild_id: this.guildId } : {}),
      };
      message.referenced_message = referenced ?? null;
      if (referenced && (opts.mentionRepliedUser ?? true) && !mentions.some((m) => m.id === referenced.author.id)) {
        mentions.push(referenced.author);
      }
    }
    Object.assign(message, opts.extra ?? {});
    this.storeMessage(message, inGuild ? this.guildId : undefined);
    return this.toGatewayMessage(message, inGuild ? this.guildId : undefined);
  }

  /** Builds (see messageCreate) and dispatches MESSAGE_CREATE. */
  sendMessageCreate(opts: MessageCreateOptions = {}): MessageHandle {
    const payload = this.messageCreate(opts);
    const since = this.mark();
    const delivered = this.dispatch("MESSAGE_CREATE", payload);
    return { payload, since, delivered };
  }

  // -------------------------------------------------------------------------------------------------------
  // Internals: waiting
  // -------------------------------------------------------------------------------------------------------

  private waitUntil<T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const immediate = find();
    if (immediate !== undefined) return Promise.resolve(immediate);
    if (this.closed) return Promise.reject(new Error(`fake-discord: closed. ${describe()}`));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          if (this.closed) {
            clearTimeout(timer);
            reject(new Error(`fake-discord: closed while waiting. ${describe()}`));
            return true;
          }
          const found = find();
          if (found === undefined) return false;
          clearTimeout(timer);
          resolve(found);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(describe()));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) if (waiter.check()) this.waiters.delete(waiter);
  }

  private describeRequests(since = 0): string {
    const lines = this.requests.slice(since).map((r) => {
      const query = new URLSearchParams(r.query).toString();
      return `  #${r.index} ${r.method} ${r.path}${query ? `?${query}` : ""} -> ${r.response?.status ?? "pending"}`;
    });
    return lines.length ? lines.join("\n") : "  (none)";
  }

  private describeGateway(): string {
    return (
      `Gateway: ${this.gatewayConnections.length} connection(s), ${this.identifies.length} identify, ` +
      `${this.resumes.length} resume, ${this.readies.length} ready` +
      (this.gatewayErrors.length ? `; errors: ${this.gatewayErrors.join(" | ")}` : "") +
      `. REST so far:\n${this.describeRequests()}`
    );
  }

  private log(message: string): void {
    if (this.opts.debug) process.stderr.write(`[fake-discord] ${message}\n`);
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) fn();
    }, ms);
    this.timers.add(timer);
  }

  // -------------------------------------------------------------------------------------------------------
  // Internals: gateway
  // -------------------------------------------------------------------------------------------------------

  private handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, query));
  }

  private onConnection(ws: WebSocket, query: Record<string, string>): void {
    const id = this.nextConnectionId++;
    const record: GatewayConnectionRecord = { id, query };
    this.gatewayConnections.push(record);
    const problem =
      query.v !== "10"
        ? `unsupported gateway version v=${String(query.v)}`
        : query.encoding !== undefined && query.encoding !== "json"
          ? `unsupported encoding=${query.encoding}`
          : query.compress !== undefined && query.compress !== "zlib-stream"
            ? `unsupported compress=${query.compress}`
            : undefined;
    const conn = new GatewayConnection(id, ws, query.compress === "zlib-stream");
    this.connections.add(conn);
    this.log(`conn#${id} open ${JSON.stringify(query)}`);

    ws.on("message", (raw: RawData, isBinary: boolean) => this.onGatewayMessage(conn, raw, isBinary));
    ws.on("close", (code: number) => {
      record.closeCode = code;
      conn.dispose();
      this.connections.delete(conn);
      if (conn.session?.conn === conn) conn.session.conn = undefined;
      this.log(`conn#${id} closed ${code}`);
      this.notify();
    });
    ws.on("error", (error: Error) => this.gatewayErrors.push(`conn#${id}: ${error.message}`));

    if (problem) {
      // 4012 (invalid API version) is non-resumable, so the client stops instead of looping.
      this.gatewayErrors.push(`conn#${id}: ${problem}`);
      ws.close(4012, problem);
      this.notify();
      return;
    }
    conn.send({ op: Op.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs }, s: null, t: null });
    this.notify();
  }

  private closeWith(conn: GatewayConnection, code: number, reason: string): void {
    this.gatewayErrors.push(`conn#${conn.id}: closing ${code} ${reason}`);
    conn.live = false;
    conn.ws.close(code, reason);
  }

  private onGatewayMessage(conn: GatewayConnection, raw: RawData, isBinary: boolean): void {
    if (conn.closed) return;
    let payload: unknown;
    try {
      const buffer = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
      const text = buffer.toString("utf8");
      if (isBinary) this.gatewayErrors.push(`conn#${conn.id}: client sent a binary frame`);
      payload = JSON.parse(text);
    } catch {
      this.closeWith(conn, 4002, "Error while decoding payload.");
      return;
    }
    if (!isObject(payload) || typeof payload.op !== "number") {
      this.closeWith(conn, 4002, "Error while decoding payload.");
      return;
    }
    const { op, d } = payload;
    this.gatewayReceived.push({ connectionId: conn.id, op, d });
    this.log(`conn#${conn.id} <- op ${op}`);

    switch (op) {
      case Op.Heartbeat:
        this.heartbeats.push({ connectionId: conn.id, op, d });
        conn.send({ op: Op.HeartbeatAck, d: null, s: null, t: null });
        break;
      case Op.Identify:
        this.onIdentify(conn, isObject(d) ? d : {});
        break;
      case Op.Resume:
        this.onResume(conn, isObject(d) ? d : {});
        break;
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestSoundboardSounds:
        if (!conn.session) this.closeWith(conn, 4003, "Not authenticated.");
        break;
      case Op.RequestGuildMembers:
        if (!conn.session) this.closeWith(conn, 4003, "Not authenticated.");
        else this.onRequestGuildMembers(conn, isObject(d) ? d : {});
        break;
      default:
        this.closeWith(conn, 4001, `Unknown opcode ${op}.`);
    }
    this.notify();
  }

  private onIdentify(conn: GatewayConnection, d: JsonObject): void {
    const record: IdentifyRecord = {
      connectionId: conn.id,
      token: String(d.token ?? ""),
      intents: Number(d.intents ?? 0),
      properties: d.properties,
      compress: d.compress === true,
      shard: d.shard,
      ...(d.large_threshold !== undefined ? { largeThreshold: Number(d.large_threshold) } : {}),
      ...(d.presence !== undefined ? { presence: d.presence } : {}),
    };
    this.identifies.push(record);
    if (conn.session) {
      record.rejectedWith = 4005;
      this.closeWith(conn, 4005, "Already authenticated.");
      return;
    }
    if (this.opts.token !== undefined && record.token !== this.opts.token) {
      record.rejectedWith = 4004;
      this.closeWith(conn, 4004, "Authentication failed.");
      return;
    }
    const allowed = this.opts.allowedPrivilegedIntents ?? PRIVILEGED_INTENTS;
    if (record.intents & PRIVILEGED_INTENTS & ~allowed) {
      record.rejectedWith = 4014;
      this.closeWith(conn, 4014, "Disallowed intent(s).");
      return;
    }
    conn.identifyCompress = record.compress && !conn.zlibStream;
    const session: Session = {
      id: randomBytes(16).toString("hex"),
      token: record.token,
      intents: record.intents,
      seq: 0,
      shard: d.shard ?? [0, 1],
      conn,
    };
    record.sessionId = session.id;
    this.sessions.set(session.id, session);
    conn.session = session;
    const wantsGuilds = (session.intents & Intent.Guilds) !== 0;
    this.sendDispatch(conn, "READY", {
      v: 10,
      user_settings: {},
      user: { ...this.botUser, verified: true, mfa_enabled: false, flags: 0, email: null },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: this.gatewayUrl,
      shard: session.shard,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ["fake"],
      auth: {},
      _trace: ['["fake-discord-gateway",{"micros":0}]'],
    });
    if (!wantsGuilds) {
      conn.live = true;
      this.readies.push({ connectionId: conn.id, sessionId: session.id, guildCreateSent: false });
      return;
    }
    // Separate socket write so @discordjs/ws processes READY fully before GUILD_CREATE.
    this.later(this.opts.guildCreateDelayMs, () => {
      if (conn.closed || conn.session !== session) return;
      this.sendDispatch(conn, "GUILD_CREATE", this.guildCreatePayload());
      conn.live = true;
      this.readies.push({ connectionId: conn.id, sessionId: session.id, guildCreateSent: true });
      this.notify();
    });
  }

  private onResume(conn: GatewayConnection, d: JsonObject): void {
    const sessionId = String(d.session_id ?? "");
    const seq = typeof d.seq === "number" ? d.seq : null;
    const session = this.sessions.get(sessionId);
    const tokenOk = this.opts.token === undefined || d.token === this.opts.token;
    if (!session || !tokenOk || conn.session) {
      this.resumes.push({ connectionId: conn.id, sessionId, seq, ok: false });
      conn.send({ op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    this.resumes.push({ connectionId: conn.id, sessionId, seq, ok: true });
    if (session.conn && session.conn !== conn && !session.conn.closed) {
      const old = session.conn;
      old.live = false;
      old.ws.close(4000, "Session resumed elsewhere");
    }
    session.conn = conn;
    conn.session = session;
    // Events dispatched while disconnected are not replayed: dispatch() refuses to send without a session.
    this.sendDispatch(conn, "RESUMED", { _trace: ['["fake-discord-gateway",{"micros":0}]'] });
    conn.live = true;
  }

  private onRequestGuildMembers(conn: GatewayConnection, d: JsonObject): void {
    const userIds = Array.isArray(d.user_ids) ? d.user_ids.map(String) : typeof d.user_ids === "string" ? [d.user_ids] : null;
    const query = typeof d.query === "string" ? d.query.toLowerCase() : "";
    const limit = typeof d.limit === "number" && d.limit > 0 ? d.limit : Infinity;
    const members = [...this.members.entries()]
      .filter(([id]) => (userIds ? userIds.includes(id) : this.userById(id).username.toLowerCase().startsWith(query)))
      .slice(0, limit)
      .map(([id, member]) => ({ ...member, user: this.userById(id) }));
    this.sendDispatch(conn, "GUILD_MEMBERS_CHUNK", {
      guild_id: this.guildId,
      members,
      chunk_index: 0,
      chunk_count: 1,
      not_found: userIds ? userIds.filter((id) => !this.members.has(id)) : [],
      ...(d.nonce !== undefined ? { nonce: d.nonce } : {}),
    });
  }

  private sendDispatch(conn: GatewayConnection, t: string, d: unknown): number {
    const session = conn.session;
    if (!session) throw new Error("fake-discord: internal error: dispatch without session");
    session.seq += 1;
    conn.send({ op: Op.Dispatch, t, s: session.seq, d });
    this.log(`conn#${conn.id} -> ${t} s=${session.seq}`);
    return session.seq;
  }

  private dispatchTo(targets: GatewayConnection[], t: string, d: unknown): number {
    let delivered = 0;
    for (const conn of targets) {
      const session = conn.session;
      if (!session) continue;
      let data = d;
      if (this.opts.emulateIntents) {
        const required = requiredIntent(t, d);
        if (required !== undefined && (session.intents & required) === 0) {
          this.log(`conn#${conn.id} filtered ${t} (intent ${required} not requested)`);
          continue;
        }
        data = this.applyMessageContentIntent(t, d, session.intents);
      }
      this.sendDispatch(conn, t, data);
      delivered++;
    }
    return delivered;
  }

  /** Like dispatch() but silent when nobody is connected (used for echoes). */
  private dispatchIfConnected(t: string, d: unknown): void {
    if (this.closed) return;
    this.dispatchTo([...this.connections].filter((c) => c.live && c.session), t, d);
  }

  private applyMessageContentIntent(t: string, d: unknown, intents: number): unknown {
    if (t !== "MESSAGE_CREATE" && t !== "MESSAGE_UPDATE") return d;
    if (!isObject(d) || (intents & Intent.MessageContent) !== 0 || d.guild_id === undefined) return d;
    const author = isObject(d.author) ? d.author : {};
    const mentions = asObjectArray(d.mentions);
    if (author.id === this.botUser.id || mentions.some((m) => m.id === this.botUser.id)) return d;
    return { ...d, content: "", embeds: [], attachments: [], components: [] };
  }

  // -------------------------------------------------------------------------------------------------------
  // Internals: REST
  // -------------------------------------------------------------------------------------------------------

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer); // http request streams yield Buffers
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const versioned = url.pathname.startsWith("/api/v10/");
    // Decoded per segment: undici sends `@original` as `%40original`, emojis percent-encoded, etc.
    const path = (versioned ? url.pathname.slice("/api/v10".length) : url.pathname)
      .split("/")
      .map(safeDecode)
      .join("/");
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(", ") : value;
    }
    const { body, files } = await parseBody(raw, headers["content-type"] ?? "");
    const record: RecordedRequest = {
      index: this.requests.length,
      method: (req.method ?? "GET").toUpperCase(),
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      headers,
      unhandled: false,
    };
    this.requests.push(record);
    this.log(`REST ${record.method} ${record.path}`);

    let result: RouteResult;
    try {
      result = versioned ? this.route(record) : this.notFound(record);
    } catch (error) {
      result = { status: 500, body: errorBody(0, `fake-discord internal error: ${String(error)}`) };
      this.gatewayErrors.push(`REST ${record.method} ${record.path}: ${String(error)}`);
    }
    record.response = { status: result.status, body: result.body ?? null };

    const responseHeaders: Record<string, string> = { ...result.headers };
    let payload: string | undefined;
    if (result.status !== 204 && result.body !== undefined) {
      payload = JSON.stringify(result.body);
      responseHeaders["content-type"] ??= "application/json";
    }
    res.writeHead(result.status, responseHeaders);
    const afterEnd = (): void => {
      if (result.after) setImmediate(() => !this.closed && result.after?.());
    };
    if (payload === undefined) res.end(afterEnd);
    else res.end(payload, afterEnd);
    this.notify();
  }

  private notFound(record: RecordedRequest): RouteResult {
    record.unhandled = true;
    return { status: 404, body: errorBody(0, "404: Not Found") };
  }

  private route(record: RecordedRequest): RouteResult {
    const override = this.overrides.find((o) => o.remaining > 0 && o.predicate(record));
    if (override) {
      override.remaining -= 1;
      return { ...override.response };
    }
    let methodMismatch = false;
    for (const route of this.routes) {
      const match = route.regex.exec(record.path);
      if (!match) continue;
      if (route.method !== record.method) {
        methodMismatch = true;
        continue;
      }
      if (route.auth && this.opts.token !== undefined && record.headers.authorization !== `Bot ${this.opts.token}`) {
        return { status: 401, body: errorBody(0, "401: Unauthorized") };
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = match[i + 1] ?? "";
      });
      return route.handler({ req: record, params });
    }
    if (methodMismatch) {
      record.unhandled = true;
      return { status: 405, body: errorBody(0, "405: Method Not Allowed") };
    }
    return this.notFound(record);
  }

  private on(method: string, pattern: string, handler: RouteHandler, auth = true): void {
    const names: string[] = [];
    const source = pattern
      .split("/")
      .map((segment) => {
        if (segment.startsWith(":")) {
          names.push(segment.slice(1));
          return "([^/]+)";
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    this.routes.push({ method, regex: new RegExp(`^${source}$`), names, auth, handler });
  }

  private registerRoutes(): void {
    const ok = (body: unknown, status = 200): RouteResult => ({ status, body });
    const noContent: RouteResult = { status: 204 };
    const param = (ctx: RouteCtx, name: string): string => ctx.params[name] ?? "";

    // Gateway / identity
    this.on("GET", "/gateway/bot", () =>
      ok({
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      }),
    );
    this.on("GET", "/gateway", () => ok({ url: this.gatewayUrl }), false);
    this.on("GET", "/users/@me", () => ok({ ...this.botUser, verified: true, mfa_enabled: false, flags: 0, email: null }));
    this.on("GET", "/users/:userId", (ctx) => {
      const user = this.users.get(param(ctx, "userId"));
      return user ? ok(user) : { status: 404, body: errorBody(10013, "Unknown User") };
    });
    this.on("GET", "/applications/@me", () => ok(this.applicationObject()));

    // Channels & messages
    this.on("POST", "/users/@me/channels", (ctx) => {
      const recipient = isObject(ctx.req.body) ? String(ctx.req.body.recipient_id ?? "") : "";
      if (!recipient) return formError("recipient_id", "BASE_TYPE_REQUIRED", "This field is required");
      return ok(this.dmChannelFor(this.userById(recipient, true)));
    });
    this.on("GET", "/channels/:channelId", (ctx) => {
      const channel = this.channels.get(param(ctx, "channelId"));
      return channel ? ok(channel) : { status: 404, body: errorBody(10003, "Unknown Channel") };
    });
    this.on("POST", "/channels/:channelId/messages", (ctx) => this.createChannelMessage(ctx));
    this.on("GET", "/channels/:channelId/messages/:messageId", (ctx) => {
      const message = this.getMessage(param(ctx, "messageId"));
      return message && message.channel_id === param(ctx, "channelId")
        ? ok(message)
        : { status: 404, body: errorBody(10008, "Unknown Message") };
    });
    this.on("PATCH", "/channels/:channelId/messages/:messageId", (ctx) => this.editMessage(param(ctx, "messageId"), ctx.req));
    this.on("DELETE", "/channels/:channelId/messages/:messageId", (ctx) =>
      this.messages.delete(param(ctx, "messageId")) ? noContent : { status: 404, body: errorBody(10008, "Unknown Message") },
    );
    this.on("POST", "/channels/:channelId/typing", () => noContent);
    this.on("PUT", "/channels/:channelId/messages/:messageId/reactions/:emoji/@me", () => noContent);
    this.on("DELETE", "/channels/:channelId/messages/:messageId/reactions/:emoji/@me", () => noContent);

    // Guild
    this.on("GET", "/guilds/:guildId", (ctx) =>
      param(ctx, "guildId") === this.guildId ? ok(this.guildRestObject()) : { status: 404, body: errorBody(10004, "Unknown Guild") },
    );
    this.on("GET", "/guilds/:guildId/channels", () => ok([...this.channels.values()].filter((c) => c.guild_id === this.guildId)));
    this.on("GET", "/guilds/:guildId/roles", () => ok(this.roles()));
    this.on("GET", "/guilds/:guildId/members/:userId", (ctx) => {
      const id = param(ctx, "userId") === "@me" ? this.botUser.id : param(ctx, "userId");
      const member = this.members.get(id);
      return member ? ok({ ...member, user: this.userById(id) }) : { status: 404, body: errorBody(10007, "Unknown Member") };
    });

    // Application commands
    for (const scope of ["global", "guild"] as const) {
      const base = scope === "global" ? "/applications/:appId/commands" : "/applications/:appId/guilds/:guildId/commands";
      const list = (ctx: RouteCtx): JsonObject[] =>
        scope === "global" ? this.globalCommands : (this.guildCommands.get(param(ctx, "guildId")) ?? []);
      const save = (ctx: RouteCtx, commands: JsonObject[]): void => {
        if (scope === "global") this.globalCommands = commands;
        else this.guildCommands.set(param(ctx, "guildId"), commands);
      };
      const guildIdOf = (ctx: RouteCtx): string | undefined => (scope === "guild" ? param(ctx, "guildId") : undefined);
      const checkApp = (ctx: RouteCtx): RouteResult | undefined =>
        param(ctx, "appId") === this.applicationId ? undefined : { status: 404, body: errorBody(10002, "Unknown Application") };

      this.on("GET", base, (ctx) => checkApp(ctx) ?? ok(list(ctx)));
      this.on("PUT", base, (ctx) => {
        const bad = checkApp(ctx);
        if (bad) return bad;
        if (!Array.isArray(ctx.req.body)) return formError("_root", "BASE_TYPE_ARRAY", "Must be an array");
        if (ctx.req.body.length > 100) return formError("_root", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
        const commands: JsonObject[] = [];
        for (const [i, input] of ctx.req.body.entries()) {
          if (!isObject(input)) return formError(String(i), "MODEL_TYPE_CONVERT", "Only dictionaries may be used");
          const invalid = validateCommand(input, String(i));
          if (invalid) return invalid;
          commands.push(this.materializeCommand(input, list(ctx), guildIdOf(ctx)));
        }
        save(ctx, commands);
        return ok(commands);
      });
      this.on("POST", base, (ctx) => {
        const bad = checkApp(ctx);
        if (bad) return bad;
        if (!isObject(ctx.req.body)) return formError("_root", "MODEL_TYPE_CONVERT", "Only dictionaries may be used");
        const invalid = validateCommand(ctx.req.body, "_root");
        if (invalid) return invalid;
        const current = list(ctx);
        const command = this.materializeCommand(ctx.req.body, current, guildIdOf(ctx));
        save(ctx, [...current.filter((c) => c.id !== command.id), command]);
        return ok(command, 201);
      });
      this.on("GET", `${base}/:commandId`, (ctx) => {
        const command = list(ctx).find((c) => c.id === param(ctx, "commandId"));
        return command ? ok(command) : { status: 404, body: errorBody(10063, "Unknown application command") };
      });
      this.on("DELETE", `${base}/:commandId`, (ctx) => {
        const current = list(ctx);
        const next = current.filter((c) => c.id !== param(ctx, "commandId"));
        if (next.length === current.length) return { status: 404, body: errorBody(10063, "Unknown application command") };
        save(ctx, next);
        return noContent;
      });
    }

    // Interactions (no Authorization header: auth=false)
    this.on("POST", "/interactions/:interactionId/:token/callback", (ctx) => this.interactionCallback(ctx), false);
    const webhookState = (ctx: RouteCtx): InteractionState | RouteResult => {
      const state = this.interactionsByToken.get(param(ctx, "token"));
      if (!state || param(ctx, "appId") !== this.applicationId) return { status: 404, body: errorBody(10015, "Unknown Webhook") };
      return state;
    };
    const messageIdOf = (ctx: RouteCtx, state: InteractionState): string | undefined =>
      param(ctx, "messageId") === "@original" ? state.original : param(ctx, "messageId");
    const unknownMessage: RouteResult = { status: 404, body: errorBody(10008, "Unknown Message") };
    const isResult = (value: InteractionState | RouteResult): value is RouteResult => "status" in value;

    this.on(
      "GET",
      "/webhooks/:appId/:token/messages/:messageId",
      (ctx) => {
        const state = webhookState(ctx);
        if (isResult(state)) return state;
        const id = messageIdOf(ctx, state);
        const message = id === undefined ? undefined : this.getMessage(id);
        return message ? ok(message) : unknownMessage;
      },
      false,
    );
    this.on(
      "PATCH",
      "/webhooks/:appId/:token/messages/:messageId",
      (ctx) => {
        const state = webhookState(ctx);
        if (isResult(state)) return state;
        const id = messageIdOf(ctx, state);
        return id === undefined ? unknownMessage : this.editMessage(id, ctx.req);
      },
      false,
    );
    this.on(
      "DELETE",
      "/webhooks/:appId/:token/messages/:messageId",
      (ctx) => {
        const state = webhookState(ctx);
        if (isResult(state)) return state;
        const id = messageIdOf(ctx, state);
        if (id === undefined || !this.messages.delete(id)) return unknownMessage;
        if (id === state.original) delete state.original;
        return noContent;
      },
      false,
    );
    this.on(
      "POST",
      "/webhooks/:appId/:token",
      (ctx) => {
        const state = webhookState(ctx);
        if (isResult(state)) return state;
        if (!state.acknowledged) return { status: 404, body: errorBody(10015, "Unknown Webhook") };
        const body = isObject(ctx.req.body) ? ctx.req.body : {};
        const invalid = validateMessageBody(body, ctx.req.files.length, true);
        if (invalid) return invalid;
        const message = this.interactionMessage(state, body, ctx.req.files);
        state.followups.push(message.id);
        return { ...ok(message), after: () => this.echo(message) };
      },
      false,
    );
  }

  private createChannelMessage(ctx: RouteCtx): RouteResult {
    const channel = this.channels.get(ctx.params.channelId ?? "");
    if (!channel) return { status: 404, body: errorBody(10003, "Unknown Channel") };
    const body = isObject(ctx.req.body) ? ctx.req.body : {};
    const invalid = validateMessageBody(body, ctx.req.files.length, true);
    if (invalid) return invalid;
    if (channel.guild_id !== undefined && (this.botGuildPermissions() & Permission.SendMessages) === 0n) {
      return { status: 403, body: errorBody(50013, "Missing Permissions") };
    }
    const reference = isObject(body.message_reference) ? body.message_reference : undefined;
    const referenced = reference ? this.getMessage(String(reference.message_id ?? "")) : undefined;
    if (reference && !referenced && reference.fail_if_not_exists !== false) {
      return formError(
        "message_reference",
        "MESSAGE_REFERENCE_UNKNOWN_MESSAGE",
        "Unknown message",
      );
    }
    const message = this.buildMessage({
      channelId: channel.id,
      author: this.botUser,
      ...messageFieldsFromBody(body),
      attachments: attachmentsFromFiles(ctx.req.files, body),
      mentions: this.resolveMentions(String(body.content ?? ""), body.allowed_mentions, referenced),
    });
    if (reference) {
      message.type = referenced ? 19 : 0;
      const stored: JsonObject = { type: 0, ...reference, channel_id: String(reference.channel_id ?? channel.id) };
      delete stored.fail_if_not_exists; // request-only field
      message.message_reference = stored;
      message.referenced_message = referenced ?? null;
    }
    if (body.nonce !== undefined) message.nonce = body.nonce;
    this.storeMessage(message, channel.guild_id);
    channel.last_message_id = message.id;
    return { status: 200, body: message, after: () => this.echo(message) };
  }

  private editMessage(messageId: string, req: RecordedRequest): RouteResult {
    const stored = this.messages.get(messageId);
    if (!stored) return { status: 404, body: errorBody(10008, "Unknown Message") };
    const body = isObject(req.body) ? req.body : {};
    const invalid = validateMessageBody(body, req.files.length, false);
    if (invalid) return invalid;
    const message = stored.message;
    if (typeof body.content === "string" || body.content === null) message.content = body.content ?? "";
    if (Array.isArray(body.embeds)) message.embeds = asObjectArray(body.embeds).map((e) => ({ type: "rich", ...e }));
    if (Array.isArray(body.components)) message.components = asObjectArray(body.components);
    if (Array.isArray(body.attachments) || req.files.length) message.attachments = attachmentsFromFiles(req.files, body);
    if (typeof body.flags === "number") message.flags = body.flags;
    message.flags &= ~MessageFlag.Loading; // editing a deferred response resolves the "thinking" state
    if (typeof body.content === "string") message.mentions = this.resolveMentions(body.content, body.allowed_mentions);
    message.edited_timestamp = nowIso();
    return { status: 200, body: message };
  }

  private interactionCallback(ctx: RouteCtx): RouteResult {
    const state = this.interactions.get(ctx.params.interactionId ?? "");
    if (!state || state.payload.token !== ctx.params.token) {
      return { status: 404, body: errorBody(10062, "Unknown interaction") };
    }
    const deadline = this.opts.interactionResponseDeadlineMs;
    if (deadline !== undefined && Date.now() - state.createdAt > deadline) {
      return { status: 404, body: errorBody(10062, "Unknown interaction") };
    }
    if (state.acknowledged) {
      return { status: 400, body: errorBody(40060, "Interaction has already been acknowledged.") };
    }
    const body = isObject(ctx.req.body) ? ctx.req.body : {};
    const type = Number(body.type);
    const data = isObject(body.data) ? body.data : {};
    const kind = state.payload.type;
    const isAutocomplete = kind === InteractionKind.ApplicationCommandAutocomplete;
    if (isAutocomplete !== (type === CallbackType.ApplicationCommandAutocompleteResult)) {
      return formError("type", "INTERACTION_RESPONSE_TYPE_INVALID", `Callback type ${type} is invalid for interaction type ${kind}`);
    }
    if ((type === CallbackType.DeferredMessageUpdate || type === CallbackType.UpdateMessage) && kind !== InteractionKind.MessageComponent && kind !== InteractionKind.ModalSubmit) {
      return formError("type", "INTERACTION_RESPONSE_TYPE_INVALID", `Callback type ${type} requires a component interaction`);
    }

    let resourceMessage: FakeMessage | undefined;
    let after: (() => void) | undefined;
    switch (type) {
      case CallbackType.ChannelMessageWithSource: {
        const invalid = validateMessageBody(data, ctx.req.files.length, true);
        if (invalid) return invalid;
        resourceMessage = this.interactionMessage(state, data, ctx.req.files);
        state.original = resourceMessage.id;
        const echoed = resourceMessage;
        after = () => this.echo(echoed);
        break;
      }
      case CallbackType.DeferredChannelMessageWithSource: {
        const flags = (typeof data.flags === "number" ? data.flags : 0) | MessageFlag.Loading;
        resourceMessage = this.interactionMessage(state, { content: "", flags }, []);
        state.original = resourceMessage.id;
        break;
      }
      case CallbackType.DeferredMessageUpdate:
      case CallbackType.UpdateMessage: {
        const target = state.payload.message;
        const stored = target ? this.messages.get(target.id) : undefined;
        if (target && !stored) this.storeMessage(target, state.payload.guild_id);
        if (target) {
          state.original = target.id;
          if (type === CallbackType.UpdateMessage) {
            const invalid = validateMessageBody(data, ctx.req.files.length, false);
            if (invalid) return invalid;
            this.editMessage(target.id, { ...ctx.req, body: data });
          }
          resourceMessage = this.getMessage(target.id);
        }
        break;
      }
      case CallbackType.ApplicationCommandAutocompleteResult: {
        const choices = data.choices;
        if (!Array.isArray(choices)) return formError("data.choices", "BASE_TYPE_REQUIRED", "This field is required");
        if (choices.length > 25) return formError("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        for (const [i, choice] of choices.entries()) {
          const name = isObject(choice) ? choice.name : undefined;
          if (typeof name !== "string" || name.length < 1 || name.length > 100) {
            return formError(`data.choices.${i}.name`, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
          }
        }
        break;
      }
      case CallbackType.Modal:
      case CallbackType.Pong:
      case CallbackType.LaunchActivity:
        break;
      default:
        return formError("type", "INTERACTION_RESPONSE_TYPE_INVALID", `Unknown callback type ${type}`);
    }
    state.acknowledged = true;
    state.callbackType = type;

    if (ctx.req.query.with_response !== "true") return { status: 204, after };
    const loading = resourceMessage ? (resourceMessage.flags & MessageFlag.Loading) !== 0 : undefined;
    return {
      status: 200,
      after,
      body: {
        interaction: {
          id: state.payload.id,
          type: state.payload.type,
          ...(resourceMessage
            ? {
                response_message_id: resourceMessage.id,
                response_message_loading: loading,
                response_message_ephemeral: (resourceMessage.flags & MessageFlag.Ephemeral) !== 0,
              }
            : {}),
        },
        resource: { type, ...(resourceMessage ? { message: resourceMessage } : {}) },
      },
    };
  }

  // -------------------------------------------------------------------------------------------------------
  // Internals: model
  // -------------------------------------------------------------------------------------------------------

  private userById(id: string, create = false): FakeUser {
    const user = this.users.get(id);
    if (user) return user;
    if (!create) throw new Error(`fake-discord: unknown user ${id}`);
    return this.addUser({ id });
  }

  private channelById(id: string): FakeChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`fake-discord: unknown channel ${id}`);
    return channel;
  }

  private newMember(roles: string[]): FakeMember {
    return {
      nick: null,
      avatar: null,
      roles,
      joined_at: this.guildJoinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  private memberFor(userId: string): FakeMember {
    let member = this.members.get(userId);
    if (!member) {
      member = this.newMember([]);
      this.members.set(userId, member);
    }
    return member;
  }

  /** Effective bot permissions in the guild channel (@everyone ⊆ bot role, no overwrites). */
  private botGuildPermissions(): bigint {
    return this.opts.botPermissions;
  }

  private roles(): JsonObject[] {
    const role = (id: string, name: string, position: number, permissions: bigint, extra: JsonObject = {}): JsonObject => ({
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: permissions.toString(),
      managed: false,
      mentionable: false,
      flags: 0,
      ...extra,
    });
    // @everyone grants only what the bot role grants too, so botPermissions can actually restrict the bot.
    const everyone = this.opts.botPermissions & DEFAULT_PERMISSIONS;
    return [
      role(this.everyoneRoleId, "@everyone", 0, everyone),
      role(this.botRoleId, this.botUser.username, 1, this.opts.botPermissions, { managed: true, tags: { bot_id: this.botUser.id } }),
    ];
  }

  private guildRestObject(): JsonObject {
    return {
      id: this.guildId,
      name: "Fake Guild",
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.defaultUser.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: this.roles(),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: this.channelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      max_members: 500000,
      max_video_channel_users: 25,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: "en-US",
      nsfw_level: 0,
    };
  }

  private applicationObject(): JsonObject {
    return {
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: "",
      summary: "",
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: "0".repeat(64),
      flags: 0,
      owner: this.defaultUser,
      team: null,
      bot: this.botUser,
      approximate_guild_count: 1,
      integration_types_config: { "0": {} },
      tags: [],
    };
  }

  private commandIdFor(name: string, type: number): string {
    const key = `${type}:${name}`;
    let id = this.commandIdsByName.get(key);
    if (!id) {
      id = snowflake();
      this.commandIdsByName.set(key, id);
    }
    return id;
  }

  private findCommand(name: string, type: number): JsonObject | undefined {
    const matches = (c: JsonObject): boolean => c.name === name && Number(c.type ?? 1) === type;
    return this.guildCommands.get(this.guildId)?.find(matches) ?? this.globalCommands.find(matches);
  }

  private materializeCommand(input: JsonObject, existing: JsonObject[], guildId: string | undefined): JsonObject {
    const type = Number(input.type ?? 1);
    const name = String(input.name);
    const previous = existing.find((c) => c.name === name && Number(c.type ?? 1) === type);
    const id = typeof input.id === "string" ? input.id : typeof previous?.id === "string" ? previous.id : this.commandIdFor(name, type);
    this.commandIdsByName.set(`${type}:${name}`, id);
    return {
      default_member_permissions: null,
      nsfw: false,
      integration_types: [0],
      contexts: null,
      name_localizations: null,
      description_localizations: null,
      ...input,
      id,
      application_id: this.applicationId,
      version: snowflake(),
      type,
      name,
      description: typeof input.description === "string" ? input.description : "",
      ...(type === 1 ? { options: Array.isArray(input.options) ? input.options : [] } : {}),
      ...(guildId !== undefined ? { guild_id: guildId } : {}),
    };
  }

  private registerInteraction(payload: FakeInteraction): void {
    if (this.interactions.get(payload.id)?.payload === payload) return;
    const state: InteractionState = { payload, createdAt: Date.now(), acknowledged: false, followups: [] };
    this.interactions.set(payload.id, state);
    this.interactionsByToken.set(payload.token, state);
  }

  private buildMessage(args: {
    channelId: string;
    author: FakeUser;
    content?: string;
    embeds?: JsonObject[] | undefined;
    components?: JsonObject[] | undefined;
    attachments?: JsonObject[] | undefined;
    mentions?: FakeUser[];
    mentionEveryone?: boolean;
    flags?: number;
    tts?: boolean;
    type?: number;
  }): FakeMessage {
    return {
      id: snowflake(),
      channel_id: args.channelId,
      author: args.author,
      content: args.content ?? "",
      timestamp: nowIso(),
      edited_timestamp: null,
      tts: args.tts ?? false,
      mention_everyone: args.mentionEveryone ?? false,
      mentions: args.mentions ?? [],
      mention_roles: [],
      attachments: args.attachments ?? [],
      embeds: (args.embeds ?? []).map((e) => ({ type: "rich", ...e })),
      components: args.components ?? [],
      pinned: false,
      type: args.type ?? 0,
      flags: args.flags ?? 0,
    };
  }

  private storeMessage(message: FakeMessage, guildId: string | undefined): FakeMessage {
    this.messages.set(message.id, guildId === undefined ? { message } : { message, guildId });
    return message;
  }

  /** The message as a MESSAGE_CREATE payload: + guild_id, member (guild), channel_type. */
  private toGatewayMessage(message: FakeMessage, guildId: string | undefined): FakeMessage {
    const channel = this.channels.get(message.channel_id);
    const payload: FakeMessage = { ...message, channel_type: channel?.type ?? (guildId ? 0 : 1) };
    if (guildId !== undefined) {
      payload.guild_id = guildId;
      if (!message.webhook_id) payload.member = { ...this.memberFor(message.author.id) };
      payload.mentions = message.mentions.map((u) => ({ ...u, member: { ...this.memberFor(u.id) } }));
    }
    return payload;
  }

  private interactionMessage(state: InteractionState, body: JsonObject, files: RecordedFile[]): FakeMessage {
    const p = state.payload;
    const invoker = p.member?.user ?? p.user ?? this.defaultUser;
    const data: JsonObject = isObject(p.data) ? p.data : {}; // hand-built payloads may omit data
    const isCommand = p.type === InteractionKind.ApplicationCommand;
    const commandType = Number(data.type ?? 1);
    const message = this.buildMessage({
      channelId: p.channel_id,
      author: this.botUser,
      ...messageFieldsFromBody(body),
      attachments: attachmentsFromFiles(files, body),
      mentions: this.resolveMentions(String(body.content ?? ""), body.allowed_mentions),
      type: isCommand ? (commandType === 1 ? 20 : 23) : 0,
    });
    message.webhook_id = this.applicationId;
    message.application_id = this.applicationId;
    message.interaction_metadata = {
      id: p.id,
      type: p.type,
      user: invoker,
      authorizing_integration_owners: p.authorizing_integration_owners,
      ...(isCommand ? { name: data.name } : {}),
      ...(commandType === 3 && typeof data.target_id === "string" ? { target_message_id: data.target_id } : {}),
    };
    this.storeMessage(message, p.guild_id);
    return message;
  }

  private resolveMentions(content: string, allowed: unknown, repliedTo?: FakeMessage): FakeUser[] {
    const allowedObj = isObject(allowed) ? allowed : undefined;
    const parse = Array.isArray(allowedObj?.parse) ? allowedObj.parse : undefined;
    const allowedUsers = Array.isArray(allowedObj?.users) ? allowedObj.users.map(String) : [];
    const userAllowed = (id: string): boolean => !allowedObj || parse?.includes("users") === true || allowedUsers.includes(id);
    const mentions: FakeUser[] = [];
    for (const match of content.matchAll(/<@!?(\d+)>/g)) {
      const id = match[1];
      const user = id === undefined ? undefined : this.users.get(id);
      if (user && userAllowed(user.id) && !mentions.some((m) => m.id === user.id)) mentions.push(user);
    }
    const pingReplied = allowedObj ? allowedObj.replied_user === true : true;
    if (repliedTo && pingReplied && !mentions.some((m) => m.id === repliedTo.author.id)) mentions.push(repliedTo.author);
    return mentions;
  }

  /** Gateway MESSAGE_CREATE for a message the bot created (non-ephemeral), like Discord does. */
  private echo(message: FakeMessage): void {
    if (!this.opts.echoMessages || (message.flags & MessageFlag.Ephemeral) !== 0) return;
    if (!this.messages.has(message.id)) return;
    this.dispatchIfConnected("MESSAGE_CREATE", this.toGatewayMessage(message, this.messages.get(message.id)?.guildId));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers: bodies, validation, intents
// ---------------------------------------------------------------------------------------------------------

async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: null, files: [] };
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
    const files: RecordedFile[] = [];
    let body: unknown = null;
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") {
        if (field === "payload_json") body = safeJson(value);
        continue;
      }
      files.push({
        field,
        filename: value.name,
        contentType: value.type,
        size: value.size,
        data: Buffer.from(await value.arrayBuffer()),
      });
    }
    return { body, files };
  }
  return { body: safeJson(raw.toString("utf8")), files: [] };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function messageFieldsFromBody(body: JsonObject): {
  content: string;
  embeds: JsonObject[];
  components: JsonObject[];
  flags: number;
  tts: boolean;
} {
  return {
    content: typeof body.content === "string" ? body.content : "",
    embeds: asObjectArray(body.embeds),
    components: asObjectArray(body.components),
    flags: typeof body.flags === "number" ? body.flags : 0,
    tts: body.tts === true,
  };
}

function attachmentsFromFiles(files: RecordedFile[], body: JsonObject): JsonObject[] {
  const meta = asObjectArray(body.attachments);
  return files.map((file, index) => {
    const id = snowflake();
    const info = meta.find((m) => String(m.id) === String(index)) ?? {};
    return {
      id,
      filename: typeof info.filename === "string" ? info.filename : file.filename,
      size: file.size,
      url: `https://cdn.fake-discord.invalid/attachments/${id}/${encodeURIComponent(file.filename)}`,
      proxy_url: `https://media.fake-discord.invalid/attachments/${id}/${encodeURIComponent(file.filename)}`,
      content_type: file.contentType,
      ...(typeof info.description === "string" ? { description: info.description } : {}),
    };
  });
}

/** Discord's message limits: 2000-char content, 10 embeds, 6000 embed chars, per-field limits, non-empty. */
function validateMessageBody(body: JsonObject, fileCount: number, requireNonEmpty: boolean): RouteResult | undefined {
  const content = typeof body.content === "string" ? body.content : "";
  if (content.length > 2000) return formError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
  const embeds = asObjectArray(body.embeds);
  if (embeds.length > 10) return formError("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
  let total = 0;
  const limits: [string, number][] = [
    ["title", 256],
    ["description", 4096],
  ];
  for (const [i, embed] of embeds.entries()) {
    for (const [key, max] of limits) {
      const value = embed[key];
      if (typeof value === "string") {
        total += value.length;
        if (value.length > max) return formError(`embeds.${i}.${key}`, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
      }
    }
    const fields = asObjectArray(embed.fields);
    if (fields.length > 25) return formError(`embeds.${i}.fields`, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    for (const [j, field] of fields.entries()) {
      const name = typeof field.name === "string" ? field.name : "";
      const value = typeof field.value === "string" ? field.value : "";
      if (name.length > 256) return formError(`embeds.${i}.fields.${j}.name`, "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length.");
      if (value.length > 1024) return formError(`embeds.${i}.fields.${j}.value`, "BASE_TYPE_MAX_LENGTH", "Must be 1024 or fewer in length.");
      total += name.length + value.length;
    }
    const footer = isObject(embed.footer) && typeof embed.footer.text === "string" ? embed.footer.text : "";
    if (footer.length > 2048) return formError(`embeds.${i}.footer.text`, "BASE_TYPE_MAX_LENGTH", "Must be 2048 or fewer in length.");
    const author = isObject(embed.author) && typeof embed.author.name === "string" ? embed.author.name : "";
    if (author.length > 256) return formError(`embeds.${i}.author.name`, "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length.");
    total += footer.length + author.length;
  }
  if (total > 6000) return formError("embeds", "BASE_TYPE_MAX_LENGTH", "Embed size exceeds maximum size of 6000");
  const empty =
    content.trim() === "" &&
    embeds.length === 0 &&
    fileCount === 0 &&
    asObjectArray(body.components).length === 0 &&
    !(Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) &&
    body.poll === undefined;
  if (requireNonEmpty && empty) return { status: 400, body: errorBody(50006, "Cannot send an empty message") };
  return undefined;
}

function validateCommand(command: JsonObject, at: string): RouteResult | undefined {
  const type = Number(command.type ?? 1);
  const name = command.name;
  if (typeof name !== "string" || name.length < 1 || name.length > 32) {
    return formError(`${at}.name`, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.");
  }
  if (type === 1) {
    if (!/^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u.test(name) || name !== name.toLowerCase()) {
      return formError(`${at}.name`, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    }
    const description = command.description;
    if (typeof description !== "string" || description.length < 1 || description.length > 100) {
      return formError(`${at}.description`, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
    }
  } else if (typeof command.description === "string" && command.description !== "") {
    return formError(`${at}.description`, "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", "Context menu commands cannot have description");
  }
  return undefined;
}

/** The intent an event needs, or undefined for events that are always sent (READY, INTERACTION_CREATE, ...). */
function requiredIntent(t: string, d: unknown): number | undefined {
  const inGuild = isObject(d) && d.guild_id !== undefined;
  if (t.startsWith("GUILD_MEMBER_") && t !== "GUILD_MEMBERS_CHUNK") return Intent.GuildMembers;
  if (t === "GUILD_CREATE" || t === "GUILD_UPDATE" || t === "GUILD_DELETE" || t.startsWith("GUILD_ROLE_") || t.startsWith("THREAD_")) {
    return Intent.Guilds;
  }
  if (t.startsWith("CHANNEL_")) return Intent.Guilds;
  if (t === "PRESENCE_UPDATE") return Intent.GuildPresences;
  if (t === "MESSAGE_CREATE" || t === "MESSAGE_UPDATE" || t === "MESSAGE_DELETE" || t === "MESSAGE_DELETE_BULK") {
    return inGuild ? Intent.GuildMessages : Intent.DirectMessages;
  }
  if (t.startsWith("MESSAGE_REACTION_")) return inGuild ? Intent.GuildMessageReactions : Intent.DirectMessageReactions;
  if (t === "TYPING_START") return inGuild ? Intent.GuildMessageTyping : Intent.DirectMessageTyping;
  return undefined;
}
