/**
 * The interactions server's routes: /healthz, /metrics, and POST /interactions, where a body read under the
 * limits (request-body.ts) is signature-checked, parsed and answered by `handleInteraction`, the same
 * transport-agnostic handler as the gateway bot's. A request that fails a check is refused (replies.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { KeyObject } from "node:crypto";
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
import { refuse, refuseMethod, sendJson } from "./replies.js";
import { readBody } from "./request-body.js";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyDiscordRequest } from "./verify-signature.js";

export const INTERACTIONS_PATH = "/interactions";
const HEALTH_PATH = "/healthz";
const METRICS_PATH = "/metrics";
/** At most one 401 log line per this interval (with the count of those not logged). */
const UNAUTHORIZED_LOG_INTERVAL_MS = 10_000;

/** What the routes need of the server's options, with the defaults applied. */
export interface RouteSettings {
  readonly ctx: InteractionContext;
  readonly logger: Logger;
  /** The application's Ed25519 public key. */
  readonly key: KeyObject;
  readonly maxBodyBytes: number;
  readonly requestTimeoutMs: number;
  /** The clock (ms since the epoch) for the signature timestamp check. */
  readonly now: () => number;
  readonly maxBodyBytesInFlight: number;
}

/**
 * The request handler of one server: routes by path and method. The bytes of the bodies being received are
 * counted over all of its requests.
 */
export function createRoutes(settings: RouteSettings): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { ctx, logger, key, maxBodyBytes, requestTimeoutMs, now, maxBodyBytesInFlight } = settings;
  const inFlight = { bytes: 0 };
  const unauthorizedLog = sampler(UNAUTHORIZED_LOG_INTERVAL_MS);

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

  return route;
}

function isInteractionShaped(value: unknown): value is APIInteraction {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === "number"
  );
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
