/**
 * A small in-process fake of Discord (REST API v10 + JSON gateway) on 127.0.0.1, for end-to-end tests that
 * run the REAL discord.js Client (`rest: { api: fake.restUrl }`). It serves what the bot uses and no more:
 * gateway.ts (identify, ready, resume, intents), rest.ts (five routes), validation.ts (Discord's limits on
 * what the bot sends), payloads.ts (every payload, typed with discord-api-types). The model here: one guild
 * with one text channel, users and their DM channels, the messages seen or sent, the interactions sent.
 * discord.js 14 against it (checked in node_modules): `Authorization: Bot <token>` except on interaction
 * callbacks; GET /gateway/bot; plain JSON frames (zlib only with the optional zlib-sync package);
 * `clientReady` after GUILD_CREATE; DMs only with `partials: [Partials.Channel]` and `channel_type: 1`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionType,
  type ApplicationFlags,
  type APIDMChannel,
  type APIGuildMember,
  type APIInteraction,
  type APIMessage,
  type APITextChannel,
  type APIUser,
  type GatewayReadyDispatchData,
} from "discord.js";
import { Gateway } from "./gateway.js";
import * as build from "./payloads.js";
import { DEFAULT_PERMISSIONS, snowflake, type JsonObject } from "./payloads.js";
import { isEphemeral, Rest, toPredicate, type RecordedRequest, type RequestMatcher, type RestState } from "./rest.js";
import { isObject, type FakeResponse } from "./validation.js";

export type { IdentifyRecord, ReadyRecord, ResumeRecord } from "./gateway.js";
export type { RecordedRequest, RequestMatcher } from "./rest.js";
export type { FakeResponse } from "./validation.js";
export type { JsonObject } from "./payloads.js";
export type FakeMessage = APIMessage;

export interface FakeDiscordOptions {
  /** If set, REST `Authorization: Bot <token>`, IDENTIFY and RESUME must use it (else 401 / close 4004). */
  token?: string;
}
/** `since`: only records at or after this index (take it with `fake.mark()` before acting). */
export interface WaitOptions { since?: number; timeoutMs?: number }
/** In the guild (default) or a DM; by `user` (default `fake.defaultUser`); for components, on `message`. */
export interface InteractionOptions { guild?: boolean; user?: APIUser; message?: APIMessage }
/** `mentionsBot` prefixes `<@bot>`; `guild: false` posts in the author's DM; `extra` is merged last. */
export interface MessageCreateOptions {
  content?: string;
  author?: APIUser;
  mentionsBot?: boolean;
  guild?: boolean;
  mentionEveryone?: boolean;
  extra?: JsonObject;
}
/** `since` is `fake.requests.length` just before dispatch; `waitForCallback` resolves with the callback POST. */
export interface InteractionHandle {
  id: string;
  token: string;
  payload: APIInteraction;
  since: number;
  waitForCallback(timeoutMs?: number): Promise<RecordedRequest>;
}

interface InteractionState {
  payload: APIInteraction;
  acknowledged: boolean;
  original?: string;
}

/** Starts the fake on 127.0.0.1 with a random port. Remember to `await fake.close()`. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(opts);
  await fake.listen();
  return fake;
}

export class FakeDiscord implements RestState {
  /** Pass as `new Client({ rest: { api: fake.restUrl } })`: `http://127.0.0.1:PORT/api`. */
  restUrl = "";
  /** `ws://127.0.0.1:PORT`, returned by GET /gateway/bot. */
  gatewayUrl = "";
  readonly token: string | undefined;
  readonly applicationId = snowflake();
  /** Like most bots: the bot user id is the application id. */
  readonly botUser: APIUser = build.user(this.applicationId, { username: "FakeBot", bot: true });
  readonly guildId = snowflake();
  readonly botRoleId = snowflake();
  readonly channelId = snowflake();
  /** A human member of the guild, the default author and invoker. */
  readonly defaultUser: APIUser;
  globalCommands: JsonObject[] = [];
  readonly guildCommands = new Map<string, JsonObject[]>();

  private readonly server: Server;
  private readonly gateway: Gateway;
  private readonly rest: Rest;
  private readonly joinedAt = new Date().toISOString();
  private readonly members = new Map<string, APIGuildMember>();
  private readonly users = new Map<string, APIUser>();
  private readonly dmChannels = new Map<string, APIDMChannel>();
  private readonly messages = new Map<string, { message: APIMessage; guildId: string | undefined }>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly commandIds = new Map<string, string>();
  private readonly waiters = new Set<() => boolean>();
  private closed = false;

  constructor(opts: FakeDiscordOptions = {}) {
    this.token = opts.token;
    this.addUser(this.botUser, [this.botRoleId]);
    this.defaultUser = this.addUser({ username: "tester", global_name: "Tester" });
    const changed = (): void => this.notify();
    this.rest = new Rest(this, changed);
    this.gateway = new Gateway({
      token: opts.token,
      botUserId: this.botUser.id,
      ready: (sessionId, shard) => this.readyData(sessionId, shard),
      guildCreate: () => this.guildCreateData(),
      changed,
    });
    this.server = createServer((req, res) => void this.rest.handle(req, res));
    this.gateway.attach(this.server);
  }

  /** @internal Use startFakeDiscord(). */
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo; // listening on TCP, so never a pipe name
    this.restUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
  }

  /** Closes every socket and the server; pending waits reject. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notify();
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- what tests read -----------------------------------------------------------------------------------

  /** Every REST request received, in order, and those nothing handled (answered 404). */
  get requests(): RecordedRequest[] { return this.rest.requests; }
  get unhandledRequests(): RecordedRequest[] { return this.rest.requests.filter((r) => r.unhandled); }
  get identifies() { return this.gateway.identifies; }
  get resumes() { return this.gateway.resumes; }
  get heartbeats() { return this.gateway.heartbeats; }
  get gatewayConnections() { return this.gateway.connections; }
  get gatewayReceived() { return this.gateway.received; }

  /** Current `requests.length`, to pass as `since`. */
  mark(): number {
    return this.rest.requests.length;
  }

  getMessage(id: string): APIMessage | undefined {
    return this.messages.get(id)?.message;
  }

  /** The message an interaction was answered with, if any. */
  originalMessage(interactionToken: string): APIMessage | undefined {
    const state = [...this.interactions.values()].find((s) => s.payload.token === interactionToken);
    return state?.original === undefined ? undefined : this.getMessage(state.original);
  }

  // --- waiting -------------------------------------------------------------------------------------------

  /** The first recorded request (index ≥ since) matching, including earlier ones; rejects listing what came. */
  waitForRequest(matcher: RequestMatcher, opts?: number | WaitOptions): Promise<RecordedRequest> {
    const { since, timeoutMs } = waitOptions(opts);
    const predicate = toPredicate(matcher);
    const describe = typeof matcher === "function" ? "a predicate" : `${matcher.method ?? "*"} ${String(matcher.path ?? "*")}`;
    return this.waitUntil(
      () => this.requests.slice(since).find(predicate),
      timeoutMs,
      () => `fake-discord: no REST request matching ${describe} within ${timeoutMs}ms (since #${since}). Received:\n${this.describeRequests(since)}`,
    );
  }

  /** The first successful RESUME at index ≥ since. */
  waitForResume(opts?: number | WaitOptions) {
    const { since, timeoutMs } = waitOptions(opts);
    return this.waitUntil(() => this.resumes.slice(since).find((r) => r.ok), timeoutMs, () => `fake-discord: no RESUME within ${timeoutMs}ms`);
  }

  /** The READY (+ GUILD_CREATE) of session number `since`. */
  waitForReady(opts?: number | WaitOptions) {
    const { since, timeoutMs } = waitOptions(opts);
    return this.waitUntil(() => this.gateway.readies[since], timeoutMs, () => `fake-discord: no READY #${since} within ${timeoutMs}ms`);
  }

  // --- acting --------------------------------------------------------------------------------------------

  /** Answer matching REST requests with a canned response instead of the route (still recorded). */
  respondWith(matcher: RequestMatcher, response: FakeResponse, times = 1): void {
    this.rest.respondWith(matcher, response, times);
  }

  /** Closes the gateway sockets abnormally (default 4000) so the client RESUMEs. Returns how many. */
  dropConnection(code: number | "terminate" = 4000): number {
    return this.gateway.drop(code);
  }

  /** Registers a user who is also a guild member (human unless `bot: true`). */
  addUser(partial: Partial<APIUser> = {}, roles: string[] = []): APIUser {
    const u = build.user(partial.id ?? snowflake(), partial);
    this.users.set(u.id, u);
    if (!this.members.has(u.id)) this.members.set(u.id, build.member(u, roles, this.joinedAt));
    return u;
  }

  /** The DM channel between the bot and a user (created on first use). */
  dmChannelFor(of: APIUser): APIDMChannel {
    let channel = this.dmChannels.get(of.id);
    if (!channel) {
      channel = build.dmChannel(snowflake(), of);
      this.dmChannels.set(of.id, channel);
    }
    return channel;
  }

  /** An INTERACTION_CREATE payload of `type` with `data`, from `opts.user` in the guild or a DM. */
  interaction(type: InteractionType, data: JsonObject, opts: InteractionOptions = {}): APIInteraction {
    const invoker = opts.user ?? this.defaultUser;
    const inGuild = opts.guild ?? true;
    const full = { ...data };
    if (type === InteractionType.ApplicationCommand || type === InteractionType.ApplicationCommandAutocomplete) {
      full.id = this.commandIdFor(String(full.name), Number(full.type ?? 1));
    }
    const carrier =
      type === InteractionType.MessageComponent
        ? (opts.message ?? this.userlessButtonMessage(String(full.custom_id), inGuild ? this.channelId : this.dmChannelFor(invoker).id))
        : undefined;
    return build.interaction({
      applicationId: this.applicationId,
      type,
      data: full,
      user: invoker,
      guild: inGuild ? { id: this.guildId, channelId: this.channelId } : undefined,
      dmChannelId: this.dmChannelFor(invoker).id,
      message: carrier,
    });
  }

  /** Chat-input command; `options` as Discord sends them ({ name, type, value }). */
  slashCommand(name: string, options: JsonObject[] = [], opts?: InteractionOptions): APIInteraction {
    return this.interaction(InteractionType.ApplicationCommand, build.commandData(name, options), opts);
  }

  /** Autocomplete; mark the option being typed with `focused: true`. */
  autocomplete(name: string, options: JsonObject[], opts?: InteractionOptions): APIInteraction {
    return this.interaction(InteractionType.ApplicationCommandAutocomplete, build.commandData(name, options), opts);
  }

  /** Message context-menu command on `target` (put in resolved.messages). */
  messageContextMenu(name: string, target: APIMessage, opts?: InteractionOptions): APIInteraction {
    return this.interaction(InteractionType.ApplicationCommand, build.messageCommandData(name, target), opts);
  }

  /** A button click, or with `values` a string-select choice, on `opts.message`. */
  button(customId: string, opts?: InteractionOptions & { values?: string[] }): APIInteraction {
    return this.interaction(InteractionType.MessageComponent, build.componentData(customId, opts?.values), opts);
  }

  /** Dispatches INTERACTION_CREATE and returns what a test awaits. */
  sendInteraction(payload: APIInteraction): InteractionHandle {
    this.interactions.set(payload.id, { payload, acknowledged: false });
    const since = this.mark();
    this.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    const path = `/interactions/${payload.id}/${payload.token}/callback`;
    return {
      id: payload.id,
      token: payload.token,
      payload,
      since,
      waitForCallback: (timeoutMs) => this.waitForRequest({ method: "POST", path }, { since, timeoutMs }),
    };
  }

  /** A user's message as MESSAGE_CREATE data (stored, so the bot can reply to it); not dispatched. */
  messageCreate(opts: MessageCreateOptions = {}): APIMessage {
    const author = opts.author ?? this.defaultUser;
    const inGuild = opts.guild ?? true;
    let content = opts.content ?? "";
    if (opts.mentionsBot && !content.includes(`<@${this.botUser.id}>`)) content = `<@${this.botUser.id}> ${content}`;
    const mentions = [...new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? ""))].flatMap((id) => this.users.get(id) ?? []);
    const m = build.message({
      channelId: inGuild ? this.channelId : this.dmChannelFor(author).id,
      author,
      content,
      mentions,
      mentionEveryone: opts.mentionEveryone ?? false,
    });
    Object.assign(m, opts.extra);
    const guildId = inGuild ? this.guildId : undefined;
    this.messages.set(m.id, { message: m, guildId });
    return this.gatewayMessage(m, guildId);
  }

  /** Builds (see messageCreate) and dispatches MESSAGE_CREATE; `delivered` is how many sessions got it. */
  sendMessageCreate(opts: MessageCreateOptions = {}): { payload: APIMessage; since: number; delivered: number } {
    const payload = this.messageCreate(opts);
    const since = this.mark();
    return { payload, since, delivered: this.gateway.dispatch(GatewayDispatchEvents.MessageCreate, payload) };
  }

  // --- RestState: the model the routes use ---------------------------------------------------------------

  channelGuild(channelId: string): { guildId: string | undefined } | undefined {
    if (channelId === this.channelId) return { guildId: this.guildId };
    return [...this.dmChannels.values()].some((c) => c.id === channelId) ? { guildId: undefined } : undefined;
  }

  storeMessage(m: APIMessage, guildId: string | undefined): void {
    this.messages.set(m.id, { message: m, guildId });
  }

  interactionState(id: string): InteractionState | undefined {
    return this.interactions.get(id);
  }

  commandIdFor(name: string, type: number): string {
    const key = `${type}:${name}`;
    const id = this.commandIds.get(key) ?? snowflake();
    this.commandIds.set(key, id);
    return id;
  }

  /** Who a message the bot sends pings: `<@id>` users allowed by allowed_mentions, and the replied-to author. */
  resolveMentions(content: string, allowed: unknown, repliedTo?: APIMessage): APIUser[] {
    const rules = isObject(allowed) ? allowed : undefined;
    const parse = Array.isArray(rules?.parse) ? rules.parse : [];
    const listed = Array.isArray(rules?.users) ? rules.users.map(String) : [];
    const pings = (id: string): boolean => rules === undefined || parse.includes("users") || listed.includes(id);
    const ids = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? "").filter(pings);
    if (repliedTo && (rules === undefined || rules.replied_user === true)) ids.push(repliedTo.author.id);
    return [...new Set(ids)].flatMap((id) => this.users.get(id) ?? []);
  }

  echo(m: APIMessage): void {
    if (this.closed || isEphemeral(m)) return;
    this.gateway.dispatchIfConnected(GatewayDispatchEvents.MessageCreate, this.gatewayMessage(m, this.messages.get(m.id)?.guildId));
  }

  // --- internals -----------------------------------------------------------------------------------------

  /** A message as MESSAGE_CREATE data: + channel_type, and in a guild guild_id, member and mentions' members. */
  private gatewayMessage(m: APIMessage, guildId: string | undefined): APIMessage {
    const payload = { ...m, channel_type: guildId === undefined ? ChannelType.DM : ChannelType.GuildText } as APIMessage;
    if (guildId === undefined) return payload;
    const memberOf = (id: string): Omit<APIGuildMember, "user"> => {
      const { user: _user, ...rest } = this.members.get(id) ?? build.member(build.user(id), [], this.joinedAt);
      return rest;
    };
    return {
      ...payload,
      guild_id: guildId,
      ...(m.webhook_id ? {} : { member: memberOf(m.author.id) }),
      mentions: m.mentions.map((u) => ({ ...u, member: memberOf(u.id) })),
    } as APIMessage; // MESSAGE_CREATE's extra fields (GatewayMessageCreateDispatchData)
  }

  /** The bot message a component sits on, when a test does not pass one. */
  private userlessButtonMessage(customId: string, channelId: string): APIMessage {
    const m = build.message({
      channelId,
      author: this.botUser,
      content: "Component message",
      components: [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: 1, label: "Button", custom_id: customId }] }],
    });
    this.storeMessage(m, channelId === this.channelId ? this.guildId : undefined);
    return m;
  }

  private readyData(sessionId: string, shard: [number, number]): GatewayReadyDispatchData {
    const application = { id: this.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" };
    const user = { ...this.botUser, verified: true, mfa_enabled: false };
    return { v: 10, user, guilds: [{ id: this.guildId, unavailable: true }], session_id: sessionId, resume_gateway_url: this.gatewayUrl, shard, application };
  }

  private guildCreateData(): JsonObject {
    const channel: APITextChannel = build.textChannel(this.channelId, this.guildId);
    // @everyone grants what a member may do, and the bot's managed role the same.
    const everyone = build.role(this.guildId, "@everyone", 0, DEFAULT_PERMISSIONS);
    const bot = build.role(this.botRoleId, this.botUser.username, 1, DEFAULT_PERMISSIONS, { managed: true, tags: { bot_id: this.botUser.id } });
    const none = { emojis: [], stickers: [], features: [], threads: [], presences: [], voice_states: [], stage_instances: [] };
    return {
      ...{ id: this.guildId, name: "Fake Guild", icon: null, owner_id: this.defaultUser.id, preferred_locale: "en-US", roles: [everyone, bot] },
      ...{ joined_at: this.joinedAt, large: false, unavailable: false, member_count: this.members.size, members: [...this.members.values()] },
      ...{ channels: [channel], ...none, guild_scheduled_events: [], soundboard_sounds: [] },
    };
  }

  private waitUntil<T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(describe()));
      }, timeoutMs);
      const check = (): boolean => {
        const value = this.closed ? undefined : find();
        if (value === undefined && !this.closed) return false;
        clearTimeout(timer);
        if (value === undefined) reject(new Error(`fake-discord: closed while waiting. ${describe()}`));
        else resolve(value);
        return true;
      };
      this.waiters.add(check);
    });
  }

  private notify(): void {
    for (const check of [...this.waiters]) if (check()) this.waiters.delete(check);
  }

  private describeRequests(since: number): string {
    const lines = this.requests.slice(since).map((r) => `  #${r.index} ${r.method} ${r.path} -> ${r.response?.status ?? "pending"}`);
    return lines.length > 0 ? lines.join("\n") : "  (none)";
  }
}

function waitOptions(opts: number | WaitOptions | undefined): Required<WaitOptions> {
  if (typeof opts === "number") return { since: 0, timeoutMs: opts };
  return { since: opts?.since ?? 0, timeoutMs: opts?.timeoutMs ?? 5000 };
}
