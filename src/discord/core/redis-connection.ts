/**
 * The one Redis connection helper (the shared rate limit, the conversations): no offline queue, a short command
 * timeout, reconnecting by itself, one warning per outage.
 */
import { createRequire } from "node:module";
import type { Redis } from "ioredis";
import { describeError, type Logger } from "../../logger.js";

/**
 * ioredis is loaded only when a Redis connection is made, i.e. with REDIS_URL set: a process without it never
 * pays its start-up time or memory.
 */
const load = createRequire(import.meta.url);

export interface RedisConnectionOptions {
  readonly url: string;
  readonly logger: Logger;
  readonly commandTimeoutMs?: number;
  /** The warning logged once per outage, its note, and the info line when Redis answers again. */
  readonly events: { readonly down: string; readonly note: string; readonly recovered: string };
}

/**
 * One ioredis connection as the bot's Redis users (the shared rate limit, the conversations) open it: commands are
 * not queued while it is disconnected (they fail at once) and time out after `commandTimeoutMs` (500 ms), so an
 * outage never slows an answer; it reconnects by itself, at most every 2 s; ONE warning per outage, and an info
 * line when Redis answers again.
 */
export class RedisConnection {
  readonly redis: Redis;
  private down = false;
  private closed = false;

  constructor(private readonly options: RedisConnectionOptions) {
    const { Redis } = load("ioredis") as typeof import("ioredis");
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
  }

  /** Resolves true once connected, false after `timeoutMs`. */
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

  /** Disconnects at once (pending commands fail). */
  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.redis.disconnect();
    }
    return Promise.resolve();
  }

  markDown(error: unknown): void {
    if (this.down || this.closed) return;
    this.down = true;
    this.options.logger.warn(this.options.events.down, {
      error: describeError(error).message,
      note: this.options.events.note,
    });
  }

  markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.options.logger.info(this.options.events.recovered);
  }
}
