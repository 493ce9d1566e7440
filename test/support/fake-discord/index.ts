/**
 * A small in-process fake of Discord (REST API v10 + JSON gateway) on 127.0.0.1, for end-to-end tests that run
 * the REAL discord.js Client (`rest: { api: fake.restUrl }`). It serves what a bot uses: gateway.ts (identify,
 * ready, resume, intents), rest.ts (gateway discovery, interaction callbacks including modals and deferred
 * responses, the edit of a deferred response, channel messages and replies, fetching a message, command
 * registration, and the files attached to commands),
 * validation.ts (Discord's limits on what the bot sends), and ../payloads.ts (every payload, typed with
 * discord-api-types). The model: one guild with one text channel, users and their DM channels, the messages
 * seen or sent, the interactions sent, the files uploaded. discord.js 14 against it: `Authorization: Bot
 * <token>` except on interaction callbacks; GET /gateway/bot; plain JSON frames; `clientReady` after
 * GUILD_CREATE; DMs only with `partials: [Partials.Channel]` and `channel_type: 1`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ChannelType, GatewayDispatchEvents as Events } from "discord.js";
import type { ApplicationFlags, APIAttachment, APIDMChannel, APIGuildMember, APIInteraction } from "discord.js";
import type { APIMessage, APIUser, GatewayMessageCreateDispatchData, GatewayReadyDispatchData } from "discord.js";
import * as build from "../payloads.js";
import { DEFAULT_PERMISSIONS, snowflake, type JsonObject } from "../payloads.js";
import { Gateway } from "./gateway.js";
import { isEphemeral, Rest, toPredicate, type RecordedRequest, type RequestMatcher } from "./rest.js";
import { isObject, type FakeResponse } from "./validation.js";

export type { RecordedRequest } from "./rest.js";
export type { JsonObject } from "../payloads.js";

/** `since`: only records at or after this index (take it with `fake.mark()` before acting). */
type WaitOptions = { since?: number; timeoutMs?: number };
type WaitArgument = number | WaitOptions | undefined;
/**
 * In the guild (default) or a DM; by `user` (default `fake.defaultUser`), a member with `permissions` (default
 * DEFAULT_PERMISSIONS: no Manage Server); for components, on `message`.
 */
export type InteractionOptions = { guild?: boolean; user?: APIUser; message?: APIMessage; permissions?: bigint };
/**
 * `mentionsBot` prefixes `<@bot>`; `guild: false` posts in the author's DM; `replyTo` makes it a reply to that
 * message; `attachments` are files from `fake.addAttachment`; `extra` is merged last.
 */
type MessageAuthor = { content?: string; author?: APIUser; mentionsBot?: boolean; mentionEveryone?: boolean };
export type MessageCreateOptions = MessageAuthor & {
  guild?: boolean;
  replyTo?: APIMessage;
  attachments?: APIAttachment[];
  extra?: JsonObject;
};
/**
 * `original`: the message the interaction was answered with; `modal`: the modal it was answered with;
 * `deferred`: the flags of a deferred response (type 5), whose message comes with the edit of @original.
 */
type InteractionState = {
  payload: APIInteraction;
  acknowledged: boolean;
  original?: string;
  modal?: JsonObject;
  deferred?: number;
};
/** A file served at its attachment's `url`. */
type StoredFile = { filename: string; contentType: string; bytes: Buffer };

/** Starts the fake on 127.0.0.1 with a random port; `token`, if set, must be used by REST, IDENTIFY and RESUME. */
export async function startFakeDiscord(opts: { token?: string } = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(opts.token);
  await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
  const { port } = fake.server.address() as AddressInfo; // listening on TCP, so never a pipe name
  fake.restUrl = `http://127.0.0.1:${port}/api`;
  fake.gatewayUrl = `ws://127.0.0.1:${port}`;
  return fake;
}

/** The fake's model; gateway.ts and rest.ts read and update it through the methods below the acting ones. */
export class FakeDiscord {
  /** Pass as `new Client({ rest: { api: fake.restUrl } })`: `http://127.0.0.1:PORT/api`. */
  restUrl = "";
  /** `ws://127.0.0.1:PORT`, returned by GET /gateway/bot. */
  gatewayUrl = "";
  readonly applicationId = snowflake();
  /** Like most bots: the bot user id is the application id. */
  readonly botUser: APIUser = build.user(this.applicationId, { username: "FakeBot", bot: true });
  readonly guildId = snowflake();
  readonly botRoleId = snowflake();
  readonly channelId = snowflake();
  globalCommands: JsonObject[] = [];
  readonly guildCommands = new Map<string, JsonObject[]>();
  private readonly joinedAt = new Date().toISOString();
  private readonly members = new Map<string, APIGuildMember>();
  private readonly users = new Map<string, APIUser>();
  private readonly dmChannels = new Map<string, APIDMChannel>();
  private readonly messages = new Map<string, { message: APIMessage; guildId: string | undefined }>();
  readonly interactions = new Map<string, InteractionState>();
  /** Uploaded files by attachment id, served at `${origin}/attachments/<id>/<filename>`. */
  readonly files = new Map<string, StoredFile>();
  private readonly commandIds = new Map<string, string>();
  private readonly waiters = new Set<() => boolean>();
  private readonly rest = new Rest(this);
  private readonly gateway = new Gateway(this);
  /** @internal */
  readonly server = createServer((req, res) => void this.rest.handle(req, res));
  private closed = false;

  /** What was received: every REST request in order, and gateway identifies, resumes, connections, frames. */
  readonly requests = this.rest.requests;
  readonly identifies = this.gateway.identifies;
  readonly resumes = this.gateway.resumes;
  readonly gatewayConnections = this.gateway.connections;
  readonly gatewayReceived = this.gateway.received;
  /** A human member of the guild, the default author and invoker. */
  readonly defaultUser: APIUser;

  constructor(readonly token: string | undefined) {
    this.addUser(this.botUser, [this.botRoleId]);
    this.defaultUser = this.addUser({ username: "tester", global_name: "Tester" });
    this.gateway.attach(this.server);
  }

  /** Closes every socket and the server; pending waits reject. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.changed();
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The requests nothing handled (answered 404). */
  get unhandledRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.unhandled);
  }

  /** Current `requests.length`, to pass as `since`. */
  mark(): number {
    return this.requests.length;
  }

  getMessage(id: string): APIMessage | undefined {
    return this.messages.get(id)?.message;
  }

  /**
   * Deletes a stored message, as its author or a moderator would: MESSAGE_DELETE over the gateway, and fetching it
   * is then 404 Unknown Message; a reply to it arrives with `referenced_message: null`, as Discord sends it.
   */
  deleteMessage(id: string): void {
    const stored = this.messages.get(id);
    if (stored === undefined) return;
    this.messages.delete(id);
    const { guildId } = stored;
    this.gateway.dispatch(Events.MessageDelete, {
      id,
      channel_id: stored.message.channel_id,
      ...(guildId === undefined ? {} : { guild_id: guildId }),
    });
  }

  /** The message an interaction was answered with, if any. */
  originalMessage(interactionToken: string): APIMessage | undefined {
    const state = [...this.interactions.values()].find((s) => s.payload.token === interactionToken);
    return state?.original === undefined ? undefined : this.getMessage(state.original);
  }

  /** The modal an interaction was answered with (callback type 9), if any. */
  modalShown(interactionToken: string): JsonObject | undefined {
    return [...this.interactions.values()].find((s) => s.payload.token === interactionToken)?.modal;
  }

  /**
   * A file a user uploads (to pass as an attachment option, or attach to a message): the attachment's `url` is
   * served by the fake on 127.0.0.1, so a bot can download it.
   */
  addAttachment(filename: string, content: string | Buffer, contentType = "text/plain; charset=utf-8"): APIAttachment {
    const id = snowflake();
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    this.files.set(id, { filename, contentType, bytes });
    const url = `${this.restUrl.replace(/\/api$/, "")}/attachments/${id}/${encodeURIComponent(filename)}`;
    return build.attachment({ id, filename, size: bytes.length, url, contentType });
  }

  /** The first recorded request (index ≥ since) matching, including earlier ones; rejects listing what came. */
  waitForRequest(matcher: RequestMatcher, opts?: WaitArgument): Promise<RecordedRequest> {
    const what =
      typeof matcher === "function" ? "a predicate" : `${matcher.method ?? "*"} ${String(matcher.path ?? "*")}`;
    return this.waitFor(this.requests, toPredicate(matcher), opts, `REST request matching ${what}`);
  }

  /** The first successful RESUME at index ≥ since. */
  waitForResume(opts?: WaitArgument): Promise<{ sessionId: string; ok: boolean }> {
    return this.waitFor(this.resumes, (r) => r.ok, opts, "RESUME");
  }

  /** The READY (+ GUILD_CREATE) of session number `since`. */
  waitForReady(opts?: WaitArgument): Promise<{ sessionId: string }> {
    return this.waitFor(this.gateway.readies, () => true, opts, "READY");
  }

  /** Answer matching REST requests with a canned response instead of the route (still recorded), `times` times. */
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
    const channel = this.dmChannels.get(of.id) ?? build.dmChannel(snowflake(), of);
    this.dmChannels.set(of.id, channel);
    return channel;
  }

  /** Chat-input command; `options` as Discord sends them (see `option` in ../payloads.ts); `files` resolved. */
  slashCommand(name: string, options: JsonObject[] = [], opts?: InteractionOptions & { files?: APIAttachment[] }) {
    return this.known(build.slashCommand(name, options, { ...this.scene(opts), files: opts?.files ?? [] }));
  }

  /** Autocomplete; mark the option being typed with `focused: true`. */
  autocomplete(name: string, options: JsonObject[], opts?: InteractionOptions) {
    return this.known(build.autocomplete(name, options, this.scene(opts)));
  }

  /** Message context-menu command on `target` (put in resolved.messages). */
  messageContextMenu(name: string, target: APIMessage, opts?: InteractionOptions) {
    return this.known(build.messageContextMenu(name, target, this.scene(opts)));
  }

  /** A button click, or with `values` a string-select choice, on `opts.message` (else a stored bot message). */
  button(customId: string, opts?: InteractionOptions & { values?: string[] }) {
    const scene = this.scene(opts);
    const payload =
      opts?.values === undefined ? build.button(customId, scene) : build.select(customId, opts.values, scene);
    if (opts?.message === undefined) this.storeMessage(payload.message, payload.guild_id);
    return payload;
  }

  /** The submit of the modal `customId`, with its text inputs' values by custom_id. */
  modalSubmit(customId: string, fields: Record<string, string>, opts?: InteractionOptions) {
    return build.modalSubmit(customId, fields, this.scene(opts));
  }

  /** Dispatches INTERACTION_CREATE; `waitForCallback` resolves with the callback POST. */
  sendInteraction(payload: APIInteraction) {
    this.interactions.set(payload.id, { payload, acknowledged: false });
    const since = this.mark();
    this.gateway.dispatch(Events.InteractionCreate, payload);
    const path = `/interactions/${payload.id}/${payload.token}/callback`;
    return {
      id: payload.id,
      token: payload.token,
      payload,
      waitForCallback: (timeoutMs?: number) => this.waitForRequest({ method: "POST", path }, { since, timeoutMs }),
    };
  }

  /** A user's message as MESSAGE_CREATE data (stored, so the bot can reply to it); not dispatched. */
  messageCreate(opts: MessageCreateOptions = {}): APIMessage {
    const author = opts.author ?? this.defaultUser;
    const guildId = (opts.guild ?? true) ? this.guildId : undefined;
    let content = opts.content ?? "";
    if (opts.mentionsBot && !content.includes(`<@${this.botUser.id}>`)) content = `<@${this.botUser.id}> ${content}`;
    const ids = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] ?? ""));
    // Replying to someone mentions them, as Discord does by default.
    if (opts.replyTo !== undefined) ids.add(opts.replyTo.author.id);
    const mentions = [...ids].flatMap((id) => this.users.get(id) ?? []);
    const channelId = guildId ? this.channelId : this.dmChannelFor(author).id;
    const { replyTo, attachments = [], mentionEveryone = false } = opts;
    const m = build.message({ channelId, author, content, mentions, mentionEveryone, replyTo, attachments });
    // A reply to a message that has been deleted still names it, but Discord no longer sends it along.
    if (replyTo !== undefined && !this.messages.has(replyTo.id)) m.referenced_message = null;
    Object.assign(m, opts.extra);
    this.storeMessage(m, guildId);
    return this.gatewayMessage(m, guildId);
  }

  /** Builds (see messageCreate) and dispatches MESSAGE_CREATE. */
  sendMessageCreate(opts: MessageCreateOptions = {}): { payload: APIMessage } {
    const payload = this.messageCreate(opts);
    this.gateway.dispatch(Events.MessageCreate, payload);
    return { payload };
  }

  // --- the model, as the routes and the gateway use it ------------------------------

  channelGuild(channelId: string): { guildId: string | undefined } | undefined {
    if (channelId === this.channelId) return { guildId: this.guildId };
    return [...this.dmChannels.values()].some((c) => c.id === channelId) ? { guildId: undefined } : undefined;
  }

  storeMessage(m: APIMessage, guildId: string | undefined): void {
    this.messages.set(m.id, { message: m, guildId });
  }

  commandIdFor(name: string, type: number): string {
    const id = this.commandIds.get(`${type}:${name}`) ?? snowflake();
    this.commandIds.set(`${type}:${name}`, id);
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

  /** MESSAGE_CREATE over the gateway for a message the bot created (not for ephemeral ones), like Discord. */
  echo(m: APIMessage): void {
    if (this.closed || isEphemeral(m)) return;
    this.gateway.dispatch(Events.MessageCreate, this.gatewayMessage(m, this.messages.get(m.id)?.guildId), false);
  }

  readyData(sessionId: string, shard: [number, number]): GatewayReadyDispatchData {
    const application = { id: this.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" };
    const user = { ...this.botUser, verified: true, mfa_enabled: false };
    const guilds = [{ id: this.guildId, unavailable: true as const }];
    return { v: 10, user, guilds, session_id: sessionId, resume_gateway_url: this.gatewayUrl, shard, application };
  }

  guildCreateData(): JsonObject {
    // @everyone grants what a member may do, and the bot's managed role the same.
    const everyone = build.role(this.guildId, "@everyone", 0, DEFAULT_PERMISSIONS);
    const tags = { bot_id: this.botUser.id };
    const bot = build.role(this.botRoleId, this.botUser.username, 1, DEFAULT_PERMISSIONS, { managed: true, tags });
    const [id, owner_id, members] = [this.guildId, this.defaultUser.id, [...this.members.values()]];
    return {
      ...{ id, name: "Fake Guild", icon: null, owner_id, preferred_locale: "en-US", roles: [everyone, bot] },
      ...{ joined_at: this.joinedAt, large: false, unavailable: false, member_count: members.length, members },
      ...{ channels: [build.textChannel(this.channelId, this.guildId)], emojis: [], stickers: [], features: [] },
      ...{ threads: [], presences: [], voice_states: [], stage_instances: [], guild_scheduled_events: [] },
      soundboard_sounds: [],
    };
  }

  /** Wakes the waits after anything was recorded. */
  changed(): void {
    for (const check of [...this.waiters]) if (check()) this.waiters.delete(check);
  }

  // --- internals -----------------------------------------------------------------------------------------

  /** Who sends an interaction and where, in the fake's guild or the user's DM with the bot. */
  private scene(opts: InteractionOptions = {}): build.InteractionOptions {
    const user = opts.user ?? this.defaultUser;
    const guild = (opts.guild ?? true) ? { id: this.guildId, channelId: this.channelId } : false;
    const { applicationId } = this;
    const scene: build.InteractionOptions = { applicationId, user, guild, dmChannelId: this.dmChannelFor(user).id };
    if (opts.message !== undefined) scene.message = opts.message;
    if (opts.permissions !== undefined) scene.permissions = opts.permissions;
    return scene;
  }

  /** A command interaction carries the id the command got when it was registered (or a stable new one). */
  private known<T extends APIInteraction & { data: { name: string; type: number; id: string } }>(payload: T): T {
    payload.data.id = this.commandIdFor(payload.data.name, payload.data.type);
    return payload;
  }

  /** A message as MESSAGE_CREATE data: + channel_type, and in a guild guild_id, member and mentions' members. */
  private gatewayMessage(m: APIMessage, guildId: string | undefined): GatewayMessageCreateDispatchData {
    const channel_type = guildId === undefined ? ChannelType.DM : ChannelType.GuildText;
    const payload: GatewayMessageCreateDispatchData = { ...m, channel_type };
    if (guildId === undefined) return payload;
    const memberOf = (id: string): Omit<APIGuildMember, "user"> => {
      const { user: _user, ...rest } = this.members.get(id) ?? build.member(build.user(id), [], this.joinedAt);
      return rest;
    };
    const mentions = m.mentions.map((u) => ({ ...u, member: memberOf(u.id) }));
    const member = m.webhook_id ? {} : { member: memberOf(m.author.id) };
    return { ...payload, guild_id: guildId, ...member, mentions };
  }

  /** The first record at index ≥ since that matches; rejects after the timeout (or on close), listing the requests. */
  private waitFor<T>(list: readonly T[], match: (r: T) => boolean, opts: WaitArgument, what: string) {
    const { since = 0, timeoutMs = 5000 } = typeof opts === "number" ? { timeoutMs: opts } : (opts ?? {});
    const find = (): T | undefined => list.slice(since).find(match);
    const fail = (why: string): Error => {
      const received = this.requests.slice(since).map(describeRequest).join("") || "none";
      return new Error(`fake-discord: ${why}no ${what} within ${timeoutMs}ms (since #${since}). REST: ${received}`);
    };
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(fail(""));
      }, timeoutMs);
      const check = (): boolean => {
        const value = this.closed ? undefined : find();
        if (value === undefined && !this.closed) return false;
        clearTimeout(timer);
        if (value === undefined) reject(fail("closed while waiting: "));
        else resolve(value);
        return true;
      };
      this.waiters.add(check);
    });
  }
}

const describeRequest = (r: RecordedRequest): string =>
  `\n  #${r.index} ${r.method} ${r.path} -> ${r.response?.status}`;
