/**
 * The per-user rate limit shared through Redis (REDIS_URL) by every instance and shard.
 */
import { createRequire } from "node:module";
import type { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Logger } from "../../logger.js";
import type { RateLimitResult, UserRateLimiter } from "./rate-limit.js";
import { RedisConnection } from "./redis-connection.js";

/**
 * rate-limiter-flexible (CommonJS, and ioredis with it: ~140 modules with their dependencies) is loaded only when
 * a RedisRateLimiter is made, i.e. with REDIS_URL set: a process without it never pays their start-up time
 * or memory.
 */
const load = createRequire(import.meta.url);

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
  private readonly connection: RedisConnection;
  private readonly limiter: RateLimiterRedis;
  private readonly isLimitRejection: (value: unknown) => value is RateLimiterRes;
  private readonly onError: () => void;

  constructor(options: RedisRateLimiterOptions) {
    this.count = options.count;
    this.windowMs = options.windowMs;
    this.onError = options.onError ?? (() => undefined);
    const { RateLimiterRedis, RateLimiterRes } = load(
      "rate-limiter-flexible",
    ) as typeof import("rate-limiter-flexible");
    this.isLimitRejection = (value): value is RateLimiterRes => value instanceof RateLimiterRes;
    this.connection = new RedisConnection({
      url: options.url,
      logger: options.logger,
      ...(options.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: options.commandTimeoutMs }),
      events: {
        down: "rate-limiter-unavailable",
        note: "Redis is unreachable: requests are answered without the shared rate limit until it is back",
        recovered: "rate-limiter-recovered",
      },
    });
    this.limiter = new RateLimiterRedis({
      storeClient: this.connection.redis,
      keyPrefix: options.keyPrefix ?? "articleqa:rl",
      points: options.count,
      duration: Math.max(1, Math.ceil(options.windowMs / 1000)),
    });
  }

  async check(userId: string): Promise<RateLimitResult> {
    try {
      await this.limiter.consume(userId, 1);
      this.connection.markUp();
      return { allowed: true };
    } catch (rejection) {
      if (this.isLimitRejection(rejection)) {
        this.connection.markUp();
        return { allowed: false, retryAt: Date.now() + rejection.msBeforeNext };
      }
      this.onError();
      this.connection.markDown(rejection);
      return { allowed: true };
    }
  }

  /** Resolves true once connected, false after `timeoutMs` (the limiter then fails open until Redis is back). */
  whenReady(timeoutMs: number): Promise<boolean> {
    return this.connection.whenReady(timeoutMs);
  }

  /** Disconnects at once (pending commands fail, which the limiter treats as failing open). */
  close(): Promise<void> {
    return this.connection.close();
  }
}
