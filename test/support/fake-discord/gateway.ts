/**
 * The fake's gateway: a JSON WebSocket (no compression: discord.js asks for zlib-stream only when the optional
 * zlib-sync package is installed, and this project does not install it). What the bot's tests rely on:
 *  - HELLO, heartbeats ACKed, IDENTIFY checked against the token (else close 4004), READY, then GUILD_CREATE
 *    in a separate frame when the Guilds intent is requested (discord.js's `clientReady` waits for it);
 *  - RESUME of a known session → RESUMED (an unknown one → INVALID_SESSION); `drop()` closes the sockets
 *    abnormally so the client resumes;
 *  - intents: a session gets only the events it subscribed to, and without MessageContent a guild message's
 *    content is blanked unless it mentions the bot or is the bot's own.
 */
import type { IncomingMessage, Server } from "node:http";
import { randomBytes } from "node:crypto";
import type { Duplex } from "node:stream";
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits, GatewayOpcodes, type GatewayReadyDispatchData } from "discord.js";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import { enumValue, isObject, objects, str } from "./validation.js";
import type { JsonObject } from "./payloads.js";

export interface IdentifyRecord { connectionId: number; token: string; intents: number; shard: unknown; sessionId?: string; rejectedWith?: number }
export interface ResumeRecord { connectionId: number; sessionId: string; ok: boolean }
export interface ReadyRecord { connectionId: number; sessionId: string }
export interface ConnectionRecord { id: number; query: Record<string, string>; closeCode?: number }
export interface GatewayMessageRecord { connectionId: number; op: number; d: unknown }

export interface GatewayOptions {
  /** IDENTIFY and RESUME must carry it, when set. */
  token: string | undefined;
  botUserId: string;
  /** READY's data for a new session; GUILD_CREATE's data. */
  ready(sessionId: string, shard: [number, number]): GatewayReadyDispatchData;
  guildCreate(): unknown;
  /** Called after anything was recorded, so waits can re-check. */
  changed(): void;
}

interface Session { id: string; intents: number; seq: number; conn: Connection | undefined }
/** `live`: READY (+ GUILD_CREATE) or RESUMED has been sent, so dispatches may flow. */
interface Connection { id: number; ws: WebSocket; session?: Session; live: boolean }

const HEARTBEAT_INTERVAL_MS = 41_250;
const GUILD_CREATE_DELAY_MS = 10;

export class Gateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  readonly readies: ReadyRecord[] = [];
  readonly heartbeats: GatewayMessageRecord[] = [];
  readonly connections: ConnectionRecord[] = [];
  readonly received: GatewayMessageRecord[] = [];
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly open = new Set<Connection>();
  private readonly sessions = new Map<string, Session>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextId = 1;

  constructor(private readonly opts: GatewayOptions) {}

  attach(server: Server): void {
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const query = Object.fromEntries(new URL(req.url ?? "/", "http://127.0.0.1").searchParams);
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, query));
    });
  }

  /** Sends a dispatch to every live session it is meant for; returns how many got it. Throws if none is live. */
  dispatch(t: GatewayDispatchEvents, d: unknown): number {
    const live = [...this.open].filter((c) => c.live);
    if (live.length === 0) throw new Error(`fake-discord: cannot dispatch ${t}: no gateway session is connected (wait for clientReady)`);
    return this.dispatchTo(live, t, d);
  }

  /** Like dispatch, but silent when nobody is connected (echoes of the bot's own messages). */
  dispatchIfConnected(t: GatewayDispatchEvents, d: unknown): void {
    this.dispatchTo([...this.open].filter((c) => c.live), t, d);
  }

  /** Closes every socket abnormally (default 4000, resumable); "terminate" drops TCP without a close frame. */
  drop(code: number | "terminate" = 4000): number {
    let count = 0;
    for (const conn of this.open) {
      count++;
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
    const record: ConnectionRecord = { id: this.nextId++, query };
    this.connections.push(record);
    const conn: Connection = { id: record.id, ws, live: false };
    this.open.add(conn);
    ws.on("message", (raw: RawData) => this.onMessage(conn, raw));
    ws.on("close", (code: number) => {
      record.closeCode = code;
      this.open.delete(conn);
      if (conn.session?.conn === conn) conn.session.conn = undefined;
      this.opts.changed();
    });
    if (query.v !== "10" || (query.encoding ?? "json") !== "json" || query.compress !== undefined) {
      ws.close(GatewayCloseCodes.InvalidAPIVersion, "unsupported gateway query");
      return;
    }
    this.send(conn, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS }, s: null, t: null });
    this.opts.changed();
  }

  private send(conn: Connection, payload: JsonObject): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(payload));
  }

  private sendDispatch(conn: Connection, session: Session, t: GatewayDispatchEvents, d: unknown): void {
    session.seq += 1;
    this.send(conn, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
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
    const opcode = enumValue(GatewayOpcodes, op);
    if (opcode === GatewayOpcodes.Heartbeat) {
      this.heartbeats.push({ connectionId: conn.id, op, d });
      this.send(conn, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
    } else if (opcode === GatewayOpcodes.Identify) {
      this.onIdentify(conn, data);
    } else if (opcode === GatewayOpcodes.Resume) {
      this.onResume(conn, data);
    }
    this.opts.changed();
  }

  private onIdentify(conn: Connection, d: JsonObject): void {
    const record: IdentifyRecord = { connectionId: conn.id, token: str(d.token), intents: Number(d.intents ?? 0), shard: d.shard };
    this.identifies.push(record);
    const refuse = conn.session
      ? GatewayCloseCodes.AlreadyAuthenticated
      : this.opts.token !== undefined && record.token !== this.opts.token
        ? GatewayCloseCodes.AuthenticationFailed
        : undefined;
    if (refuse !== undefined) {
      record.rejectedWith = refuse;
      conn.ws.close(refuse, "refused");
      return;
    }
    const session: Session = { id: randomBytes(16).toString("hex"), intents: record.intents, seq: 0, conn };
    record.sessionId = session.id;
    this.sessions.set(session.id, session);
    conn.session = session;
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    this.sendDispatch(conn, session, GatewayDispatchEvents.Ready, this.opts.ready(session.id, shard));
    const live = (): void => {
      conn.live = true;
      this.readies.push({ connectionId: conn.id, sessionId: session.id });
      this.opts.changed();
    };
    if ((session.intents & GatewayIntentBits.Guilds) === 0) return live();
    // A separate frame, so @discordjs/ws has processed READY before GUILD_CREATE arrives.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (conn.session !== session || conn.ws.readyState !== WebSocket.OPEN) return;
      this.sendDispatch(conn, session, GatewayDispatchEvents.GuildCreate, this.opts.guildCreate());
      live();
    }, GUILD_CREATE_DELAY_MS);
    this.timers.add(timer);
  }

  private onResume(conn: Connection, d: JsonObject): void {
    const sessionId = str(d.session_id);
    const session = this.sessions.get(sessionId);
    const ok = session !== undefined && !conn.session && (this.opts.token === undefined || d.token === this.opts.token);
    this.resumes.push({ connectionId: conn.id, sessionId, ok });
    if (!ok) {
      this.send(conn, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (session.conn && session.conn !== conn) session.conn.ws.close(4000, "Session resumed elsewhere");
    session.conn = conn;
    conn.session = session;
    // Events dispatched while disconnected are not replayed: dispatch() refuses to send without a live session.
    this.sendDispatch(conn, session, GatewayDispatchEvents.Resumed, {});
    conn.live = true;
  }

  private dispatchTo(targets: Connection[], t: GatewayDispatchEvents, d: unknown): number {
    let delivered = 0;
    for (const conn of targets) {
      const session = conn.session;
      if (!session) continue;
      const required = requiredIntent(t, d);
      if (required !== undefined && (session.intents & required) === 0) continue;
      this.sendDispatch(conn, session, t, this.withoutContent(t, d, session.intents));
      delivered++;
    }
    return delivered;
  }

  /** Without the MessageContent intent, a guild message's content arrives empty unless it concerns the bot. */
  private withoutContent(t: GatewayDispatchEvents, d: unknown, intents: number): unknown {
    if (t !== GatewayDispatchEvents.MessageCreate || !isObject(d) || d.guild_id === undefined) return d;
    if ((intents & GatewayIntentBits.MessageContent) !== 0) return d;
    const author = isObject(d.author) ? d.author : {};
    if (author.id === this.opts.botUserId || objects(d.mentions).some((m) => m.id === this.opts.botUserId)) return d;
    return { ...d, content: "", embeds: [], attachments: [], components: [] };
  }
}

/** The intent an event needs; undefined for events always sent (READY, INTERACTION_CREATE, ...). */
function requiredIntent(t: GatewayDispatchEvents, d: unknown): number | undefined {
  const inGuild = isObject(d) && d.guild_id !== undefined;
  if (t === GatewayDispatchEvents.GuildCreate) return GatewayIntentBits.Guilds;
  if (t === GatewayDispatchEvents.MessageCreate) return inGuild ? GatewayIntentBits.GuildMessages : GatewayIntentBits.DirectMessages;
  return undefined;
}
