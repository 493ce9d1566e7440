import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import {
  InteractionResponseType,
  InteractionType,
  type APIInteraction,
  type APIInteractionResponse,
} from "discord-api-types/v10";
import type { InteractionContext } from "../discord/core/types.js";
import { handleInteraction } from "../discord/handle-interaction.js";
import { APOLOGY, ephemeralText } from "../discord/core/respond.js";
import { describeError, type Logger } from "../logger.js";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, publicKeyFromHex, verifyDiscordRequest } from "./verify-signature.js";

/**
 * The Interactions Endpoint URL server: Discord POSTs every slash command, autocomplete and
 * component interaction here, signed with Ed25519, and the response body is the interaction
 * response. It is stateless (component custom_ids carry their own state; the only in-memory state
 * is the per-instance rate limiter), so any number of instances can run behind a load balancer.
 *
 * Built on plain `node:http`: two routes, a raw body with a size cap, and a signature check do not
 * need a framework, and owning the body stream is what lets oversized bodies be refused without
 * reading them. The interaction itself is answered by `handleInteraction`, the same
 * transport-agnostic handler (and so the same command modules) as the gateway bot.
 *
 *   GET  /healthz       → 200 {"ok":true}
 *   GET  /metrics       → Prometheus text (prom-client), when the context has metrics
 *   POST /interactions  → 413 body too large · 408 body too slow · 503 too many bodies in flight ·
 *                         401 bad signature · 400 malformed JSON · 200 the interaction response
 *   other paths → 404, other methods → 405
 * /healthz and /metrics are never signature-checked and never rate-limited.
 *
 * Limits against slow or abusive clients: a per-request body cap and deadline, a cap on open connections
 * (`server.maxConnections`: past it new connections are dropped, so the process keeps file descriptors for
 * /healthz), a cap on the bytes of all request bodies being received at once, sockets destroyed once a refusal
 * or timeout is answered, or shortly after when the client does not read (never left for the client to hold),
 * and 401 log lines sampled.
 */

export const INTERACTIONS_PATH = "/interactions";
const HEALTH_PATH = "/healthz";
const DEFAULT_MAX_BODY_BYTES = 1_000_000;
/** Discord gives an interaction 3 seconds; a request still arriving after this is not worth finishing. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/**
 * Longer than the idle timeout of common load balancers (AWS ALB 60 s, GCP 600 s is configurable):
 * the balancer must close an idle keep-alive connection before the server does, or it may send a
 * request on a socket the server is closing and answer 502.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/**
 * After the server's last answer on a connection (a 413/408/503 refusal, a timeout, malformed HTTP): the
 * longest the socket stays open when that answer cannot be flushed (a client that stopped reading). Once it
 * is flushed, the socket is destroyed at once.
 */
const LINGER_MS = 1_000;
const METRICS_PATH = "/metrics";
const DEFAULT_MAX_CONNECTIONS = 1024;
const DEFAULT_MAX_BODY_BYTES_IN_FLIGHT = 16_000_000;
/** At most one 401 log line per this interval (with the count of those not logged). */
const UNAUTHORIZED_LOG_INTERVAL_MS = 10_000;

export interface InteractionsServerOptions {
  /** DISCORD_PUBLIC_KEY: the application's Ed25519 public key, hex. */
  readonly publicKey: string;
  readonly ctx: InteractionContext;
  readonly logger: Logger;
  readonly maxBodyBytes?: number;
  /** Time allowed to receive a request's headers and body (per request); a slower client gets 408. */
  readonly requestTimeoutMs?: number;
  /** The clock (ms since the epoch) for the signature timestamp check; injectable for tests. */
  readonly now?: () => number;
  /** server.maxConnections (HTTP_MAX_CONNECTIONS). */
  readonly maxConnections?: number;
  /** Bytes of request bodies being received at once, over all connections (HTTP_MAX_BODY_BYTES_IN_FLIGHT). */
  readonly maxBodyBytesInFlight?: number;
}

type BodyResult =
  | { readonly kind: "ok"; readonly body: Buffer }
  | { readonly kind: "too-large" }
  | { readonly kind: "busy" }
  | { readonly kind: "timeout" }
  | { readonly kind: "aborted" };

/** Creates the server (not listening: call `listen`). */
export function createInteractionsServer(options: InteractionsServerOptions): http.Server {
  const { ctx, logger } = options;
  const key = publicKeyFromHex(options.publicKey);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const maxBodyBytesInFlight = options.maxBodyBytesInFlight ?? DEFAULT_MAX_BODY_BYTES_IN_FLIGHT;
  const inFlight = { bytes: 0 };
  const unauthorizedLog = sampler(UNAUTHORIZED_LOG_INTERVAL_MS);

  const server = http.createServer({
    // Node's own backstops for slow clients (it answers 408 and closes): the whole request, and the
    // headers alone. The per-request body timer below fires first and answers with a JSON 408.
    requestTimeout: requestTimeoutMs + 1_000,
    headersTimeout: requestTimeoutMs,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // How often Node checks those two timeouts (default 30 s, too coarse for a 10 s limit).
    connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
  });
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((error: unknown) => {
      // Nothing a request does may take the process down.
      logger.error("http-request-failed", { error: describeError(error) });
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    });
  });

  // `Expect: 100-continue` (curl sends it for bodies over 1 KB): only invite a body the server would
  // read. An oversized one is refused at once, and the client never sends it.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    if (!(Number(req.headers["content-length"]) > maxBodyBytes)) res.writeContinue();
    server.emit("request", req, res);
  });

  // Malformed HTTP, oversized headers, Node's own timeouts: answer when the socket still can, never throw.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    const code = error.code ?? "";
    // A client hanging up mid-request is routine; the rest is worth a line.
    if (!["ECONNRESET", "EPIPE", "HPE_INVALID_EOF_STATE"].includes(code)) logger.info("http-client-error", { code });
    if (!socket.writable || socket.destroyed) {
      socket.destroy();
      return;
    }
    const status =
      code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? "408 Request Timeout"
        : code === "HPE_HEADER_OVERFLOW"
          ? "431 Request Header Fields Too Large"
          : "400 Bad Request";
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    // end() only half-closes: a client that never closes its side, or never reads, would hold the socket
    // (and a file descriptor) for as long as it likes.
    destroyWhenAnswered(socket);
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?", 1)[0];
    if (path === HEALTH_PATH) {
      if (req.method !== "GET" && req.method !== "HEAD") return refuseMethod(res, "GET, HEAD");
      return sendJson(res, 200, { ok: true });
    }
    if (path === METRICS_PATH && ctx.metrics !== undefined) {
      if (req.method !== "GET" && req.method !== "HEAD") return refuseMethod(res, "GET, HEAD");
      const text = await ctx.metrics.registry.metrics();
      res.writeHead(200, { "Content-Type": ctx.metrics.registry.contentType, "Cache-Control": "no-store" });
      res.end(text);
      return;
    }
    if (path !== INTERACTIONS_PATH) {
      return sendJson(res, 404, { error: "not found" });
    }
    if (req.method !== "POST") return refuseMethod(res, "POST");
    await interactions(req, res);
  }

  async function interactions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > maxBodyBytes) {
      // Refused from the header alone: not one byte of the body is read.
      logger.info("http-rejected", { status: 413, reason: "content-length", bytes: Number(declared) });
      return refuse(req, res, 413, { error: "request body too large" });
    }
    if (declared !== undefined && inFlight.bytes + Number(declared) > maxBodyBytesInFlight) {
      logger.warn("http-rejected", { status: 503, reason: "bodies-in-flight", bytes: inFlight.bytes });
      return refuse(req, res, 503, { error: "server busy, try again" }, { "Retry-After": "1" });
    }

    const read = await readBody(req, res, maxBodyBytes, requestTimeoutMs, inFlight, maxBodyBytesInFlight);
    if (read.kind === "aborted") return; // The client went away; nobody to answer.
    if (read.kind === "too-large") {
      logger.info("http-rejected", { status: 413, reason: "streamed-bytes" });
      return refuse(req, res, 413, { error: "request body too large" });
    }
    if (read.kind === "busy") {
      logger.warn("http-rejected", { status: 503, reason: "bodies-in-flight", bytes: inFlight.bytes });
      return refuse(req, res, 503, { error: "server busy, try again" }, { "Retry-After": "1" });
    }
    if (read.kind === "timeout") {
      logger.info("http-rejected", { status: 408, reason: "body-timeout" });
      return refuse(req, res, 408, { error: "request body not received in time" });
    }

    // Signature first: nothing from an unverified request is parsed, let alone run.
    const verified = verifyDiscordRequest({
      publicKey: key,
      signature: req.headers[SIGNATURE_HEADER],
      timestamp: req.headers[TIMESTAMP_HEADER],
      rawBody: read.body,
      now,
    });
    if (!verified.ok) {
      // Anyone can send unsigned requests: one line per interval, with how many were not logged.
      const suppressed = unauthorizedLog();
      if (suppressed !== undefined)
        logger.info("http-unauthorized", { status: 401, reason: verified.reason, notLoggedSinceLast: suppressed });
      return sendJson(res, 401, { error: "invalid request signature" });
    }

    let payload: unknown;
    try {
      payload = JSON.parse(read.body.toString("utf8"));
    } catch {
      logger.info("http-rejected", { status: 400, reason: "malformed-json" });
      return sendJson(res, 400, { error: "malformed JSON body" });
    }
    if (!isInteractionShaped(payload)) {
      logger.info("http-rejected", { status: 400, reason: "not-an-interaction" });
      return sendJson(res, 400, { error: "the body is not an interaction (an object with a numeric type)" });
    }

    // A deferred response's follow-up waits until this response has been written out.
    let written: () => void = () => undefined;
    const responded = new Promise<void>((resolve) => (written = resolve));
    res.once("finish", () => written());
    res.once("close", () => written());
    const response = await respond(payload, responded);
    sendJson(res, 200, response);
    logger.debug("http-interaction", {
      type: payload.type,
      responseType: response.type,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  }

  /** `handleInteraction` never throws by contract; this guards the HTTP layer if it ever does. */
  async function respond(payload: APIInteraction, responded: Promise<void>): Promise<APIInteractionResponse> {
    try {
      return await handleInteraction(payload, ctx, responded);
    } catch (error) {
      const token = (payload as { token?: unknown }).token;
      logger.error("interaction-handler-threw", {
        type: payload.type,
        error: describeError(error, typeof token === "string" ? [token] : []),
      });
      return payload.type === InteractionType.Ping ? { type: InteractionResponseType.Pong } : ephemeralText(APOLOGY);
    }
  }

  return server;
}

/**
 * Reads the raw body with a streaming cap and a deadline. Past the cap (or the deadline) it stops
 * listening for data at once, so an endless or huge body is never buffered.
 */
function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  timeoutMs: number,
  inFlight: { bytes: number },
  maxInFlight: number,
): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // This request's bytes count against the shared budget until its response is done (or the socket closes).
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      inFlight.bytes -= size;
    };
    res.once("close", release);
    const finish = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("aborted", onAborted);
      req.off("close", onClose);
      if (result.kind !== "ok") {
        req.pause();
        chunks.length = 0;
        release();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > limit) return finish({ kind: "too-large" });
      if (inFlight.bytes + chunk.length > maxInFlight) return finish({ kind: "busy" });
      size += chunk.length;
      inFlight.bytes += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ kind: "ok", body: Buffer.concat(chunks, size) });
    const onAborted = (): void => finish({ kind: "aborted" });
    const onClose = (): void => {
      if (!req.complete) finish({ kind: "aborted" });
    };
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("aborted", onAborted);
    req.on("close", onClose);
    // A stream error (socket reset) also ends in "close"; listening keeps it from being unhandled.
    req.on("error", () => finish({ kind: "aborted" }));
  });
}

function isInteractionShaped(value: unknown): value is APIInteraction {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === "number"
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(json),
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(json);
}

function refuseMethod(res: ServerResponse, allow: string): void {
  sendJson(res, 405, { error: "method not allowed" }, { Allow: allow });
}

/**
 * Answers without (fully) reading the request body, then closes the connection: the unread rest
 * of the body would otherwise be taken for the next request. The connection is half-closed after
 * the response and destroyed shortly after, so the client can read the answer but cannot keep
 * streaming into a connection the server has given up on.
 */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (req.complete) return sendJson(res, status, body, headers);
  sendJson(res, status, body, { ...headers, Connection: "close" });
  // Counted from now, not from when the answer is flushed: a client that stopped reading never lets it be.
  destroyWhenAnswered(req.socket);
}

/**
 * The server has answered for the last time on this connection: the socket is destroyed as soon as the answer
 * is flushed and the connection half-closed, and at the latest LINGER_MS from now when it cannot be flushed
 * (the client stopped reading, its receive window full). Either way no client holds it, half-closed
 * (FIN_WAIT2) or with unsent data, for as long as it likes.
 */
function destroyWhenAnswered(socket: Socket): void {
  const deadline = setTimeout(() => socket.destroy(), LINGER_MS);
  deadline.unref();
  socket.once("close", () => clearTimeout(deadline));
  if (socket.writableFinished) socket.destroy();
  else socket.once("finish", () => socket.destroy());
}

/**
 * A log sampler: calling it returns the number of calls not logged since the last logged one when this call
 * should be logged (at most once per `intervalMs`), undefined otherwise.
 */
function sampler(intervalMs: number): () => number | undefined {
  let last = -Infinity;
  let skipped = 0;
  return () => {
    const t = performance.now();
    if (t - last < intervalMs) {
      skipped += 1;
      return undefined;
    }
    last = t;
    const n = skipped;
    skipped = 0;
    return n;
  };
}
