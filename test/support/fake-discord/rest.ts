/**
 * The fake's REST API v10 (`${restUrl}/v10/...`): every request is recorded, and only the routes a bot
 * uses are served — gateway discovery, interaction callbacks (messages, autocomplete choices, modals, deferred
 * responses) and the edit of the original response (`PATCH /webhooks/:app/:token/messages/@original`), channel
 * messages (sending, replying, fetching one), and the PUT of application commands — plus the files users
 * uploaded, at their attachment URLs (`/attachments/<id>/<filename>`, outside the API, like Discord's CDN).
 * Anything else answers 404 and is listed in `unhandledRequests`. `respondWith` overrides a route with a canned
 * answer (e.g. a 10062 callback).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeDiscord } from "./index.js";
import { InteractionResponseType, InteractionType, MessageFlags, MessageType } from "discord.js";
import type { APIMessage } from "discord.js";
import { message, snowflake, type JsonObject } from "../payloads.js";
import { errorResponse, formError, isObject, objects, str, type FakeResponse } from "./validation.js";
import { validateCallback, validateCommand, validateMessage } from "./validation.js";

/** `path` is without `/api/v10` and the query; `body` parsed JSON (raw text if not, null if empty); `unhandled`: 404. */
export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
  unhandled: boolean;
  response?: { status: number; body: unknown };
}

/** A predicate, or a `{ method, path }` matcher (path: exact string or RegExp). */
export type RequestMatcher = ((request: RecordedRequest) => boolean) | { method?: string; path?: string | RegExp };

export function toPredicate(matcher: RequestMatcher): (r: RecordedRequest) => boolean {
  if (typeof matcher === "function") return matcher;
  const { method, path } = matcher;
  return (r) =>
    (method === undefined || r.method === method.toUpperCase()) &&
    (path === undefined || (typeof path === "string" ? r.path === path : path.test(r.path)));
}

/** A route's answer; `after` runs once the response is written (the gateway echo of a sent message). */
type Answer = FakeResponse & { after?: () => void };
type Handler = (request: RecordedRequest, params: string[]) => Answer;

export class Rest {
  readonly requests: RecordedRequest[] = [];
  private readonly overrides: { predicate: (r: RecordedRequest) => boolean; response: FakeResponse; left: number }[] =
    [];
  /** [method, path, authorized with the bot token, handler of the path's groups] */
  private readonly routes: [string, RegExp, boolean, Handler][] = [
    ["GET", /^\/gateway\/bot$/, true, () => this.gatewayBot()],
    ["POST", /^\/interactions\/([^/]+)\/([^/]+)\/callback$/, false, (r, [id, token]) => this.callback(r, id, token)],
    ["POST", /^\/channels\/([^/]+)\/messages$/, true, (r, [channel]) => this.createMessage(r, channel)],
    ["GET", /^\/channels\/([^/]+)\/messages\/([^/]+)$/, true, (_r, [channel, id]) => this.getMessage(channel, id)],
    [
      "PATCH",
      /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/@original$/,
      false,
      (r, [app, token]) => this.editOriginal(r, app, token),
    ],
    ["PUT", /^\/applications\/([^/]+)\/commands$/, true, (r, [app]) => this.putCommands(r, app, undefined)],
    ["PUT", /^\/applications\/([^/]+)\/guilds\/([^/]+)\/commands$/, true, (r, [a, g]) => this.putCommands(r, a, g)],
  ];

  constructor(private readonly state: FakeDiscord) {}

  /** Answer matching requests with `response` instead of the route (still recorded), `times` times. */
  respondWith(matcher: RequestMatcher, response: FakeResponse, times = 1): void {
    this.overrides.push({ predicate: toPredicate(matcher), response, left: times });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer); // http request streams yield Buffers
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const versioned = url.pathname.startsWith("/api/v10/");
    // Decoded per segment: undici percent-encodes some characters.
    const segments = (versioned ? url.pathname.slice("/api/v10".length) : url.pathname).split("/");
    const path = segments.map(safeDecode).join("/");
    const headers = Object.fromEntries(
      Object.entries(req.headers).flatMap(([key, v]) =>
        v === undefined ? [] : [[key, Array.isArray(v) ? v.join(", ") : v]],
      ),
    );
    const text = Buffer.concat(chunks).toString("utf8");
    const file = versioned ? undefined : /^\/attachments\/([^/]+)\/([^/]+)$/.exec(path);
    const record: RecordedRequest = {
      index: this.requests.length,
      method: (req.method ?? "GET").toUpperCase(),
      path,
      query: Object.fromEntries(url.searchParams),
      body: text === "" ? null : safeJson(text),
      headers,
      unhandled: false,
    };
    this.requests.push(record);
    const stored = file === null || file === undefined ? undefined : this.state.files.get(file[1] ?? "");
    if (stored !== undefined && stored.filename === file?.[2] && record.method === "GET") {
      record.response = { status: 200, body: `${stored.bytes.length} bytes` };
      res.writeHead(200, { "content-type": stored.contentType, "content-length": stored.bytes.length });
      res.end(stored.bytes);
      this.state.changed();
      return;
    }
    const result: Answer = versioned ? this.route(record) : this.notFound(record);
    record.response = { status: result.status, body: result.body ?? null };
    const payload = result.status === 204 || result.body === undefined ? undefined : JSON.stringify(result.body);
    const type = payload === undefined ? {} : { "content-type": "application/json" };
    res.writeHead(result.status, { ...type, ...result.headers });
    res.end(payload, () => result.after && setImmediate(result.after));
    this.state.changed();
  }

  private notFound(record: RecordedRequest): FakeResponse {
    record.unhandled = true;
    return errorResponse(404, 0, "404: Not Found");
  }

  private route(record: RecordedRequest): Answer {
    const override = this.overrides.find((o) => o.left > 0 && o.predicate(record));
    if (override) {
      override.left -= 1;
      return { ...override.response };
    }
    const { token } = this.state;
    for (const [method, regex, auth, handler] of this.routes) {
      const match = regex.exec(record.path);
      if (!match || method !== record.method) continue;
      if (auth && token !== undefined && record.headers.authorization !== `Bot ${token}`) {
        return errorResponse(401, 0, "401: Unauthorized");
      }
      const groups = match.slice(1).map((p) => p ?? "");
      return handler(record, groups);
    }
    return this.notFound(record);
  }

  private gatewayBot(): FakeResponse {
    const limit = { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 };
    return { status: 200, body: { url: this.state.gatewayUrl, shards: 1, session_start_limit: limit } };
  }

  private callback(record: RecordedRequest, id = "", token = ""): Answer {
    const state = this.state.interactions.get(id);
    if (!state || state.payload.token !== token) return errorResponse(404, 10062, "Unknown interaction");
    if (state.acknowledged) return errorResponse(400, 40060, "Interaction has already been acknowledged.");
    const body = isObject(record.body) ? record.body : {};
    const invalid = validateCallback(state.payload.type, body);
    if (invalid) return invalid;
    state.acknowledged = true;
    if (state.payload.type === InteractionType.ApplicationCommandAutocomplete) return { status: 204 };
    if (body.type === InteractionResponseType.Modal) {
      state.modal = isObject(body.data) ? body.data : {};
      return { status: 204 };
    }
    if (body.type === InteractionResponseType.DeferredChannelMessageWithSource) {
      const data = isObject(body.data) ? body.data : {};
      state.deferred = typeof data.flags === "number" ? data.flags : 0;
      return { status: 204 };
    }
    // A message response: stored as the interaction's @original message, authored by the bot.
    const data = isObject(body.data) ? body.data : {};
    const p = state.payload;
    const sent = this.botMessage(p.channel?.id ?? "", data);
    sent.webhook_id = this.state.applicationId;
    sent.application_id = this.state.applicationId;
    sent.type = p.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;
    this.state.storeMessage(sent, p.guild_id);
    state.original = sent.id;
    return { status: 204, after: () => this.state.echo(sent) };
  }

  /** The edit of an interaction's original response: a deferred one gets its message here (ephemeral if it was). */
  private editOriginal(record: RecordedRequest, appId = "", token = ""): Answer {
    const state = [...this.state.interactions.values()].find((s) => s.payload.token === token);
    if (appId !== this.state.applicationId || state === undefined) return errorResponse(404, 10015, "Unknown Webhook");
    if (!state.acknowledged || (state.original === undefined && state.deferred === undefined))
      return errorResponse(404, 10008, "Unknown Message");
    const body = isObject(record.body) ? record.body : {};
    const invalid = validateMessage(body);
    if (invalid) return invalid;
    const previous = state.original === undefined ? undefined : this.state.getMessage(state.original);
    const flags = previous?.flags ?? state.deferred ?? 0;
    const p = state.payload;
    const sent = this.botMessage(p.channel?.id ?? "", { ...body, flags });
    if (previous !== undefined) sent.id = previous.id;
    sent.webhook_id = this.state.applicationId;
    sent.application_id = this.state.applicationId;
    this.state.storeMessage(sent, p.guild_id);
    state.original = sent.id;
    return { status: 200, body: sent, after: previous === undefined ? () => this.state.echo(sent) : undefined };
  }

  private createMessage(record: RecordedRequest, channelId = ""): Answer {
    const channel = this.state.channelGuild(channelId);
    if (!channel) return errorResponse(404, 10003, "Unknown Channel");
    const body = isObject(record.body) ? record.body : {};
    const invalid = validateMessage(body);
    if (invalid) return invalid;
    const reference = isObject(body.message_reference) ? body.message_reference : undefined;
    const referenced = reference ? this.state.getMessage(str(reference.message_id)) : undefined;
    if (reference && !referenced && reference.fail_if_not_exists !== false) {
      return formError("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message");
    }
    const sent = this.botMessage(channelId, body, referenced);
    if (reference) {
      sent.type = referenced ? MessageType.Reply : MessageType.Default;
      sent.message_reference = { type: 0, message_id: String(reference.message_id), channel_id: channelId };
      sent.referenced_message = referenced ?? null;
    }
    this.state.storeMessage(sent, channel.guildId);
    return { status: 200, body: sent, after: () => this.state.echo(sent) };
  }

  private getMessage(channelId = "", id = ""): FakeResponse {
    const found = this.state.getMessage(id);
    if (found === undefined || found.channel_id !== channelId) return errorResponse(404, 10008, "Unknown Message");
    return { status: 200, body: found };
  }

  private botMessage(channelId: string, body: JsonObject, repliedTo?: APIMessage): APIMessage {
    const content = str(body.content);
    return message({
      channelId,
      author: this.state.botUser,
      content,
      embeds: objects(body.embeds).map((e) => ({ type: "rich", ...e })) as APIMessage["embeds"],
      components: objects(body.components) as unknown as APIMessage["components"], // validated above
      flags: typeof body.flags === "number" ? body.flags : 0,
      mentions: this.state.resolveMentions(content, body.allowed_mentions, repliedTo),
    });
  }

  private putCommands(record: RecordedRequest, appId = "", guildId: string | undefined): FakeResponse {
    if (appId !== this.state.applicationId) return errorResponse(404, 10002, "Unknown Application");
    if (!Array.isArray(record.body)) return formError("_root", "BASE_TYPE_ARRAY", "Must be an array");
    const commands: JsonObject[] = [];
    for (const [i, input] of record.body.entries()) {
      const invalid = validateCommand(input, String(i));
      if (invalid) return invalid;
      const command = input as JsonObject; // validateCommand checked it is an object
      const type = Number(command.type ?? 1);
      const unset = { default_member_permissions: null, nsfw: false, description: "" };
      const id = this.state.commandIdFor(String(command.name), type);
      const made = { id, application_id: this.state.applicationId, version: snowflake(), type };
      const options = type === 1 ? { options: Array.isArray(command.options) ? command.options : [] } : {};
      commands.push({
        ...unset,
        ...command,
        ...made,
        ...options,
        ...(guildId === undefined ? {} : { guild_id: guildId }),
      });
    }
    if (guildId === undefined) this.state.globalCommands = commands;
    else this.state.guildCommands.set(guildId, commands);
    return { status: 200, body: commands };
  }
}

/** Whether a message is ephemeral (never echoed over the gateway). */
export const isEphemeral = (m: APIMessage): boolean => ((m.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

/** `parse(text)`, or `text` itself when it cannot be parsed (a malformed %-escape, a body that is not JSON). */
function orAsIs<T>(parse: (text: string) => T, text: string): T | string {
  try {
    return parse(text);
  } catch {
    return text;
  }
}
const safeDecode = (segment: string): string => orAsIs(decodeURIComponent, segment);
const safeJson = (text: string): unknown => orAsIs((t) => JSON.parse(t) as unknown, text);
