/**
 * Per-user sliding-window rate limit: at most `count` accepted requests in any `windowMs` window.
 *
 * Only accepted requests count (a refused attempt does not push the window further out, so a user who keeps
 * trying is told the same, honest retry time). Memory is bounded: users are kept in a Map ordered by their
 * last accepted request, users whose window has fully expired are pruned from the front on every check, and
 * the map never holds more than `maxUsers` entries (the least recently active are evicted first).
 *
 * Nothing is shared between processes: with several shards or HTTP instances each applies its own limit.
 * With REDIS_URL set, RedisRateLimiter (redis-rate-limit.ts) shares one limit across all of them instead.
 */
export interface RateLimiterOptions {
  readonly count: number;
  readonly windowMs: number;
  /** Clock in epoch ms (tests inject one). */
  readonly now?: () => number;
  /** Hard cap on tracked users. Default 10 000. */
  readonly maxUsers?: number;
}

export type RateLimitResult = { allowed: true } | { allowed: false; retryAt: number /* epoch ms */ };

/** What the handlers use: this in-memory limiter, or the Redis-backed one. */
export interface UserRateLimiter {
  readonly count: number;
  readonly windowMs: number;
  check(userId: string): RateLimitResult | Promise<RateLimitResult>;
  /** Releases connections (the Redis limiter). */
  close?(): Promise<void>;
  /** Resolves true once the shared store is connected, false after `timeoutMs` (the Redis limiter). */
  whenReady?(timeoutMs: number): Promise<boolean>;
}

export class RateLimiter implements UserRateLimiter {
  readonly count: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly maxUsers: number;
  /** userId → timestamps of accepted requests (oldest first, at most `count`). Map order = last activity. */
  private readonly hits = new Map<string, number[]>();

  constructor(opts: RateLimiterOptions) {
    if (!Number.isInteger(opts.count) || opts.count < 1)
      throw new RangeError("RateLimiter: count must be a positive integer");
    if (!(opts.windowMs > 0)) throw new RangeError("RateLimiter: windowMs must be positive");
    this.count = opts.count;
    this.windowMs = opts.windowMs;
    this.now = opts.now ?? Date.now;
    this.maxUsers = Math.max(1, opts.maxUsers ?? 10_000);
  }

  check(userId: string): RateLimitResult {
    const now = this.now();
    this.prune(now);
    const recent = (this.hits.get(userId) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.count) {
      // The oldest accepted request in the window leaves it at oldest + windowMs.
      const oldest = recent[0] ?? now;
      this.hits.set(userId, recent);
      return { allowed: false, retryAt: oldest + this.windowMs };
    }
    recent.push(now);
    // Re-insert so the Map stays ordered by last accepted request (oldest activity first).
    this.hits.delete(userId);
    this.hits.set(userId, recent);
    while (this.hits.size > this.maxUsers) {
      const first = this.hits.keys().next();
      if (first.done === true) break;
      this.hits.delete(first.value);
    }
    return { allowed: true };
  }

  /** Number of users currently tracked (for tests and metrics). */
  get size(): number {
    return this.hits.size;
  }

  /** Drops users whose newest accepted request is out of the window. The Map is ordered by that time. */
  private prune(now: number): void {
    for (const [userId, times] of this.hits) {
      const newest = times[times.length - 1];
      if (newest !== undefined && now - newest < this.windowMs) break;
      this.hits.delete(userId);
    }
  }
}
