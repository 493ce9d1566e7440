/**
 * The fake's gateway: a JSON WebSocket (no compression: discord.js asks for zlib-stream only with the optional
 * zlib-sync package, not installed here). HELLO; heartbeats ACKed; IDENTIFY checked against the token (else
 * close 4004), READY, then GUILD_CREATE in a separate frame when the Guilds intent is requested (discord.js's
 * `clientReady` waits for it); RESUME of a known session → RESUMED (unknown → INVALID_SESSION); `drop()` closes
 * the sockets abnormally so the client resumes. A session gets only the events its intents subscribe to, and
 * without MessageContent a guild message's content is blanked unless it mentions the bot or is the bot's own.
 */
import type { IncomingMessage, Server } from "node:http";
import { randomBytes } from "node:crypto";
import type { Duplex } from "node:stream";
import type { FakeDiscord } from "./index.js";
import { GatewayCloseCodes, GatewayDispatchEvents as Events, GatewayIntentBits as Intents } from "discord.js";
import { GatewayOpcodes as Op } from "discord.js";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import type { JsonObject } from "../payloads.js";
import { enumValue, isObject, objects, str } from "./validation.js";

type Identify = { connectionId: number; token: string; intents: number; shard: unknown };
type IdentifyRecord = Identify & { sessionId?: string; rejectedWith?: number };

type Session = { id: string; intents: number; seq: number; conn: Connection | undefined };
/** `live`: READY (+ GUILD_CREATE) or RESUMED has been sent, so dispatches may flow. */
type Connection = { id: number; ws: WebSocket; session?: Session; live: boolean };

const GUILD_CREATE_DELAY_MS = 10;

export class Gateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: { connectionId: number; sessionId: string; ok: boolean }[] = [];
  readonly readies: { connectionId: number; sessionId: string }[] = [];
  readonly connections: { id: number; query: Record<string, string>; closeCode?: number }[] = [];
  readonly received: { connectionId: number; op: number; d: unknown }[] = [];
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly open = new Set<Connection>();
  private readonly sessions = new Map<string, Session>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly state: FakeDiscord) {}

  attach(server: Server): void {
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const query = Object.fromEntries(new URL(req.url ?? "/", "http://127.0.0.1").searchParams);
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, query));
    });
  }

  /** Sends a dispatch to every live session it is meant for; returns how many got it. `strict`: throw if none is live. */
  dispatch(t: Events, d: unknown, strict = true): number {
    const live = [...this.open].filter((c) => c.live);
    if (strict && live.length === 0) {
      throw new Error(`fake-discord: cannot dispatch ${t}: no gateway session is connected (wait for clientReady)`);
    }
    let delivered = 0;
    for (const conn of live) {
      const required = requiredIntent(t, d);
      if (!conn.session || (required !== undefined && (conn.session.intents & required) === 0)) continue;
      this.sendDispatch(conn, conn.session, t, this.withoutContent(t, d, conn.session.intents));
      delivered++;
    }
    return delivered;
  }

  /** Closes every socket abnormally (default 4000, resumable); "terminate" drops TCP without a close frame. */
  drop(code: number | "terminate" = 4000): number {
    const count = this.open.size;
    for (const conn of this.open) {
      conn.live = false;
      if (code === "terminate") conn.ws.terminate();
      else conn.ws.close(code, "fake-discord: dropped");
    }
    return count;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket, query: Record<string, string>): void {
    const record: (typeof this.connections)[number] = { id: this.connections.length + 1, query };
    this.connections.push(record);
    const conn: Connection = { id: record.id, ws, live: false };
    this.open.add(conn);
    ws.on("message", (raw: RawData) => this.onMessage(conn, raw));
    ws.on("close", (code: number) => {
      record.closeCode = code;
      this.open.delete(conn);
      if (conn.session?.conn === conn) conn.session.conn = undefined;
      this.state.changed();
    });
    if (query.v !== "10" || (query.encoding ?? "json") !== "json" || query.compress !== undefined) {
      ws.close(GatewayCloseCodes.InvalidAPIVersion, "unsupported gateway query");
      return;
    }
    this.send(conn, Op.Hello, { heartbeat_interval: 41_250 });
    this.state.changed();
  }

  private send(conn: Connection, op: Op, d: unknown, t: string | null = null, s: number | null = null): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify({ op, d, s, t }));
  }

  private sendDispatch(conn: Connection, session: Session, t: Events, d: unknown): void {
    session.seq += 1;
    this.send(conn, Op.Dispatch, d, t, session.seq);
  }

  private onMessage(conn: Connection, raw: RawData): void {
    let payload: unknown;
    try {
      const bytes = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
      payload = JSON.parse(bytes.toString("utf8"));
    } catch {
      payload = undefined;
    }
    if (!isObject(payload) || typeof payload.op !== "number") {
      conn.ws.close(GatewayCloseCodes.DecodeError, "Error while decoding payload.");
      return;
    }
    const { op, d } = payload;
    this.received.push({ connectionId: conn.id, op, d });
    const data = isObject(d) ? d : {};
    const opcode = enumValue(Op, op);
    if (opcode === Op.Heartbeat) this.send(conn, Op.HeartbeatAck, null);
    else if (opcode === Op.Identify) this.onIdentify(conn, data);
    else if (opcode === Op.Resume) this.onResume(conn, data);
    this.state.changed();
  }

  private onIdentify(conn: Connection, d: JsonObject): void {
    const intents = Number(d.intents ?? 0);
    const record: IdentifyRecord = { connectionId: conn.id, token: str(d.token), intents, shard: d.shard };
    this.identifies.push(record);
    const { token } = this.state;
    const wrongToken = token !== undefined && record.token !== token;
    const refuse = conn.session
      ? GatewayCloseCodes.AlreadyAuthenticated
      : wrongToken
        ? GatewayCloseCodes.AuthenticationFailed
        : undefined;
    if (refuse !== undefined) {
      record.rejectedWith = refuse;
      conn.ws.close(refuse, "refused");
      return;
    }
    const session: Session = { id: randomBytes(16).toString("hex"), intents, seq: 0, conn };
    record.sessionId = session.id;
    this.sessions.set(session.id, session);
    conn.session = session;
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    this.sendDispatch(conn, session, Events.Ready, this.state.readyData(session.id, shard));
    const live = (): void => {
      conn.live = true;
      this.readies.push({ connectionId: conn.id, sessionId: session.id });
      this.state.changed();
    };
    if ((intents & Intents.Guilds) === 0) return live();
    // A separate frame, so @discordjs/ws has processed READY before GUILD_CREATE arrives.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (conn.session !== session || conn.ws.readyState !== WebSocket.OPEN) return;
      this.sendDispatch(conn, session, Events.GuildCreate, this.state.guildCreateData());
      live();
    }, GUILD_CREATE_DELAY_MS);
    this.timers.add(timer);
  }

  private onResume(conn: Connection, d: JsonObject): void {
    const sessionId = str(d.session_id);
    const session = this.sessions.get(sessionId);
    const token = this.state.token;
    const ok = session !== undefined && !conn.session && (token === undefined || d.token === token);
    this.resumes.push({ connectionId: conn.id, sessionId, ok });
    if (!ok) return this.send(conn, Op.InvalidSession, false);
    if (session.conn && session.conn !== conn) session.conn.ws.close(4000, "Session resumed elsewhere");
    session.conn = conn;
    conn.session = session;
    // Events dispatched while disconnected are not replayed: dispatch() sends only to live sessions.
    this.sendDispatch(conn, session, Events.Resumed, {});
    conn.live = true;
  }

  /** Without the MessageContent intent, a guild message's content arrives empty unless it concerns the bot. */
  private withoutContent(t: Events, d: unknown, intents: number): unknown {
    if (t !== Events.MessageCreate || !isObject(d) || d.guild_id === undefined) return d;
    if ((intents & Intents.MessageContent) !== 0) return d;
    const bot = this.state.botUser.id;
    const author = isObject(d.author) ? d.author : {};
    if (author.id === bot || objects(d.mentions).some((m) => m.id === bot)) return d;
    return { ...d, content: "", embeds: [], attachments: [], components: [] };
  }
}

/** The intent an event needs; undefined for events always sent (READY, INTERACTION_CREATE, ...). */
function requiredIntent(t: Events, d: unknown): number | undefined {
  if (t === Events.GuildCreate) return Intents.Guilds;
  if (t !== Events.MessageCreate) return undefined;
  return isObject(d) && d.guild_id !== undefined ? Intents.GuildMessages : Intents.DirectMessages;
}
