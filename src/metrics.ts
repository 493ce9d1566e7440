import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Prometheus metrics (prom-client), one registry per process, served as text at GET /metrics by the HTTP
 * endpoint and, with METRICS_PORT, by the gateway bot:
 *   articleqa_interactions_total{command,outcome}  every interaction and mention/DM handled
 *   articleqa_answer_duration_seconds              histogram of the engine's time per answer
 *   articleqa_rate_limiter_errors_total            rate-limit checks that failed (Redis unreachable) and were let through
 *   articleqa_gateway_ping_seconds                 gateway heartbeat round trip (gateway bot only)
 *   articleqa_gateway_ready_shards                 shards of this process that are ready (gateway bot only)
 *   plus prom-client's default process metrics (CPU, memory, event-loop lag, handles, GC).
 */

/** The `outcome` label. The engine reports answered/abstained today; see outcomeLabel. */
export type OutcomeLabel = "answered" | "unsure" | "not_covered" | "corrected" | "rate_limited" | "error";

/** What a handler reports about one request, as far as the metrics care. */
export interface HandledRequest {
  /** The engine's answered flag (false: "the article doesn't say", unknown topic, …); undefined when nothing was asked (/help, /source). */
  readonly answered: boolean | undefined;
  readonly rateLimited: boolean;
  readonly failed: boolean;
}

/**
 * The one mapping from what happened to the `outcome` label. Today's engine knows answered and abstained
 * (→ not_covered); when it reports "unsure" or "corrected" answers, they are mapped here.
 */
export function outcomeLabel(request: HandledRequest): OutcomeLabel {
  if (request.failed) return "error";
  if (request.rateLimited) return "rate_limited";
  return request.answered === false ? "not_covered" : "answered";
}

export interface Metrics {
  readonly registry: Registry;
  readonly interactions: Counter<"command" | "outcome">;
  readonly answerDuration: Histogram;
  readonly rateLimiterErrors: Counter;
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
