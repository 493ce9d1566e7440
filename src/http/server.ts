import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { InteractionContext } from "../discord/core/types.js";
import { describeError, type Logger } from "../logger.js";
import { destroyWhenAnswered, sendJson } from "./replies.js";
import { createRoutes } from "./routes.js";
import { publicKeyFromHex } from "./verify-signature.js";

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
 *
 * This module builds the server and handles its connections; the routes are in routes.ts, the body reading
 * under the limits in request-body.ts, the replies and refusals in replies.ts.
 */

const DEFAULT_MAX_BODY_BYTES = 1_000_000;
/** Discord gives an interaction 3 seconds; a request still arriving after this is not worth finishing. */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/**
 * Longer than the idle timeout of common load balancers (AWS ALB 60 s, GCP 600 s is configurable):
 * the balancer must close an idle keep-alive connection before the server does, or it may send a
 * request on a socket the server is closing and answer 502.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const DEFAULT_MAX_CONNECTIONS = 1024;
const DEFAULT_MAX_BODY_BYTES_IN_FLIGHT = 16_000_000;

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

/** Creates the server (not listening: call `listen`). */
export function createInteractionsServer(options: InteractionsServerOptions): http.Server {
  const { logger } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const route = createRoutes({
    ctx: options.ctx,
    logger,
    key: publicKeyFromHex(options.publicKey),
    maxBodyBytes,
    requestTimeoutMs,
    now: options.now ?? Date.now,
    maxBodyBytesInFlight: options.maxBodyBytesInFlight ?? DEFAULT_MAX_BODY_BYTES_IN_FLIGHT,
  });

  const server = http.createServer({
    // Node's own backstops for slow clients (it answers 408 and closes): the whole request, and the
    // headers alone. The per-request body timer (request-body.ts) fires first and answers with a JSON 408.
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

  return server;
}
