import { createRequire } from "node:module";
import type { Redis } from "ioredis";
import type { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { describeError, type Logger } from "../../logger.js";
import type { RateLimitResult, UserRateLimiter } from "./rate-limit.js";

/**
 * ioredis and rate-limiter-flexible (CommonJS, ~140 modules with their dependencies) are loaded only when
 * a RedisRateLimiter is made, i.e. with REDIS_URL set: a process without it never pays their start-up time
 * or memory.
 */
const load = createRequire(import.meta.url);
function redisModules(): {
  Redis: typeof import("ioredis").Redis;
  RateLimiterRedis: typeof import("rate-limiter-flexible").RateLimiterRedis;
  RateLimiterRes: typeof import("rate-limiter-flexible").RateLimiterRes;
} {
  const { Redis } = load("ioredis") as typeof import("ioredis");
  const { RateLimiterRedis, RateLimiterRes } = load("rate-limiter-flexible") as typeof import("rate-limiter-flexible");
  return { Redis, RateLimiterRedis, RateLimiterRes };
}

/**
 * The per-user limit shared through Redis (REDIS_URL) by every HTTP instance and gateway shard:
 * rate-limiter-flexible's RateLimiterRedis over ioredis, `count` points per `windowMs` per user (a fixed
 * window that starts with the user's first request in it).
 *
 * Redis down or unreachable: the check fails open (the request is answered), `onError` is called for each
 * failed check (the articleqa_rate_limiter_errors_total metric), and ONE warning is logged per outage, with an
 * info line when Redis answers again. ioredis reconnects by itself; commands are not queued while it is
 * disconnected (they fail at once) and time out after `commandTimeoutMs`, so an outage never slows answers.
 */
export interface RedisRateLimiterOptions {
  readonly url: string;
  readonly count: number;
  readonly windowMs: number;
  readonly logger: Logger;
  readonly onError?: () => void;
  /** Key namespace in Redis (default "articleqa:rl"). Instances sharing a limit must share it. */
  readonly keyPrefix?: string;
  readonly commandTimeoutMs?: number;
}

export class RedisRateLimiter implements UserRateLimiter {
  readonly count: number;
  readonly windowMs: number;
  private readonly redis: Redis;
  private readonly limiter: RateLimiterRedis;
  private readonly isLimitRejection: (value: unknown) => value is RateLimiterRes;
  private readonly logger: Logger;
  private readonly onError: () => void;
  private down = false;
  private closed = false;

  constructor(options: RedisRateLimiterOptions) {
    this.count = options.count;
    this.windowMs = options.windowMs;
    this.logger = options.logger;
    this.onError = options.onError ?? (() => undefined);
    const { Redis, RateLimiterRedis, RateLimiterRes } = redisModules();
    this.isLimitRejection = (value): value is RateLimiterRes => value instanceof RateLimiterRes;
    this.redis = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 2_000,
      // Reconnect forever, at most every 2 s.
      retryStrategy: (times) => Math.min(times * 100, 2_000),
    });
    // Connection errors arrive here on every reconnect attempt; the outage is reported once.
    this.redis.on("error", (error: unknown) => this.markDown(error));
    this.redis.on("ready", () => this.markUp());
    this.limiter = new RateLimiterRedis({
      storeClient: this.redis,
      keyPrefix: options.keyPrefix ?? "articleqa:rl",
      points: options.count,
      duration: Math.max(1, Math.ceil(options.windowMs / 1000)),
    });
  }

  async check(userId: string): Promise<RateLimitResult> {
    try {
      await this.limiter.consume(userId, 1);
      this.markUp();
      return { allowed: true };
    } catch (rejection) {
      if (this.isLimitRejection(rejection)) {
        this.markUp();
        return { allowed: false, retryAt: Date.now() + rejection.msBeforeNext };
      }
      this.onError();
      this.markDown(rejection);
      return { allowed: true };
    }
  }

  /** Resolves true once connected, false after `timeoutMs` (the limiter then fails open until Redis is back). */
  whenReady(timeoutMs: number): Promise<boolean> {
    if (this.redis.status === "ready") return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        this.redis.off("ready", onReady);
        resolve(ok);
      };
      const onReady = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.redis.on("ready", onReady);
    });
  }

  /** Disconnects at once (pending commands fail, which the limiter treats as failing open). */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.redis.disconnect();
    }
    return Promise.resolve();
  }

  private markDown(error: unknown): void {
    if (this.down || this.closed) return;
    this.down = true;
    this.logger.warn("rate-limiter-unavailable", {
      error: describeError(error).message,
      note: "Redis is unreachable: requests are answered without the shared rate limit until it is back",
    });
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info("rate-limiter-recovered");
  }
}
