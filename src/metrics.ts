import http from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Prometheus metrics (prom-client), one registry per process, served as text at GET /metrics by the HTTP
 * endpoint and, with METRICS_PORT, by the gateway bot:
 *   articleqa_interactions_total{command,outcome}  every interaction and mention/DM handled
 *   articleqa_answer_duration_seconds              histogram of the engine's time per answer
 *   articleqa_rate_limiter_errors_total            rate-limit checks that failed (Redis unreachable) and were let through
 *   articleqa_feedback_total{vote}                 👍 (up) and 👎 (down) votes recorded on answers
 *   articleqa_gateway_ping_seconds                 gateway heartbeat round trip (gateway bot only)
 *   articleqa_gateway_ready_shards                 shards of this process that are ready (gateway bot only)
 *   plus prom-client's default process metrics (CPU, memory, event-loop lag, handles, GC).
 */

/** The `outcome` label: the engine's outcome for a question, or what else became of the request; see outcomeLabel. */
export type OutcomeLabel = "answered" | "unsure" | "not_covered" | "corrected" | "summary" | "rate_limited" | "error";

/** What a handler reports about one request, as far as the metrics care. */
export interface HandledRequest {
  /** The engine's answered flag (false: "the article doesn't say", unknown topic, …); undefined when nothing was asked (/help, /source). */
  readonly answered: boolean | undefined;
  /**
   * The engine's outcome when the request was a question (/ask, a mention, a DM). Spelt out rather than
   * imported: this module sits below the answer layer.
   */
  readonly engineOutcome?: "answered" | "unsure" | "not_covered" | "corrected" | "summary" | undefined;
  readonly rateLimited: boolean;
  readonly failed: boolean;
}

/**
 * The one mapping from what happened to the `outcome` label: errors and rate limits first, then the
 * engine's own outcome for a question; other requests count as answered, or not_covered when refused.
 */
export function outcomeLabel(request: HandledRequest): OutcomeLabel {
  if (request.failed) return "error";
  if (request.rateLimited) return "rate_limited";
  if (request.engineOutcome !== undefined) return request.engineOutcome;
  return request.answered === false ? "not_covered" : "answered";
}

export interface Metrics {
  readonly registry: Registry;
  readonly interactions: Counter<"command" | "outcome">;
  readonly answerDuration: Histogram;
  readonly rateLimiterErrors: Counter;
  readonly feedback: Counter<"vote">;
  readonly gatewayPing: Gauge;
  readonly readyShards: Gauge;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return {
    registry,
    interactions: new Counter({
      name: "articleqa_interactions_total",
      help: "Interactions, mentions and DMs handled, by command and outcome.",
      labelNames: ["command", "outcome"] as const,
      registers: [registry],
    }),
    answerDuration: new Histogram({
      name: "articleqa_answer_duration_seconds",
      help: "Time the answer engine took per answer.",
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [registry],
    }),
    rateLimiterErrors: new Counter({
      name: "articleqa_rate_limiter_errors_total",
      help: "Rate-limit checks that failed (shared store unreachable); the request was let through.",
      registers: [registry],
    }),
    feedback: new Counter({
      name: "articleqa_feedback_total",
      help: "Votes recorded on answers: up (👍) and down (👎).",
      labelNames: ["vote"] as const,
      registers: [registry],
    }),
    gatewayPing: new Gauge({
      name: "articleqa_gateway_ping_seconds",
      help: "Gateway heartbeat round trip (the gateway bot only).",
      registers: [registry],
    }),
    readyShards: new Gauge({
      name: "articleqa_gateway_ready_shards",
      help: "Shards of this process whose gateway connection is ready (the gateway bot only).",
      registers: [registry],
    }),
  };
}

export interface MetricsServerOptions {
  readonly metrics: Metrics;
  readonly port: number;
  readonly host: string;
  /** GET /healthz: 200 when true, 503 otherwise. */
  readonly ready: () => boolean;
  /** Called before each scrape (to read gauges such as the gateway ping). */
  readonly beforeScrape?: () => void;
}

/**
 * The gateway bot's METRICS_PORT server: GET /metrics (Prometheus text) and GET /healthz (200 {"ok":true}
 * when ready, 503 {"ok":false} when not). Nothing else; no authentication, no rate limit — bind it where only
 * the scraper and the orchestrator can reach it.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0];
    const method = req.method ?? "GET";
    if (path !== "/metrics" && path !== "/healthz")
      return send(res, 404, "application/json", JSON.stringify({ error: "not found" }));
    if (method !== "GET" && method !== "HEAD")
      return send(res, 405, "application/json", JSON.stringify({ error: "method not allowed" }));
    if (path === "/healthz") {
      const ok = safeReady(options.ready);
      return send(res, ok ? 200 : 503, "application/json", JSON.stringify({ ok }));
    }
    try {
      options.beforeScrape?.();
    } catch {
      // A gauge that cannot be read keeps its last value.
    }
    options.metrics.registry
      .metrics()
      .then((text) => send(res, 200, options.metrics.registry.contentType, text))
      .catch(() => send(res, 500, "application/json", JSON.stringify({ error: "metrics unavailable" })));
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}

function safeReady(ready: () => boolean): boolean {
  try {
    return ready();
  } catch {
    return false;
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}

/** Closes a server, dropping keep-alive connections. */
export function closeServer(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), 2_000);
  force.unref();
  return closed.finally(() => clearTimeout(force));
}
