import { createRequire } from "node:module";
import type { Redis } from "ioredis";
import type { Topic } from "../../answer/conversation.js";
import { describeError, type Logger } from "../../logger.js";
import {
  conversationKey,
  parseTopic,
  REPLY_TTL_MS,
  type ConversationKey,
  type ConversationStore,
} from "./conversations.js";

/** ioredis is loaded only when a Redis store is made (REDIS_URL set), as for the rate limiter. */
const load = createRequire(import.meta.url);

export interface RedisConversationOptions {
  readonly url: string;
  /** A conversation's time. */
  readonly ttlMs: number;
  readonly logger: Logger;
  /** Key namespace (default "articleqa:conv"). Instances sharing conversations must share it. */
  readonly keyPrefix?: string;
  readonly commandTimeoutMs?: number;
}

/**
 * Conversations kept in Redis (REDIS_URL), so that any gateway shard or HTTP instance continues the one a user
 * started on another: each topic is one string key holding its JSON, set with its expiry (PX), so Redis forgets
 * it by itself. Keys: `<prefix>:c:<hash of user and channel>` and `<prefix>:m:<message id>`.
 *
 * Redis down: reads are "no conversation" and writes are dropped, at once (no offline queue, a short command
 * timeout), so an outage never slows an answer; ONE warning per outage, and an info line when Redis is back.
 */
export class RedisConversationStore implements ConversationStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private down = false;
  private closed = false;

  constructor(private readonly options: RedisConversationOptions) {
    const { Redis } = load("ioredis") as typeof import("ioredis");
    this.prefix = options.keyPrefix ?? "articleqa:conv";
    this.redis = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 500,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(times * 100, 2_000),
    });
    this.redis.on("error", (error: unknown) => this.markDown(error));
    this.redis.on("ready", () => this.markUp());
  }

  get(where: ConversationKey): Promise<Topic | undefined> {
    return this.read(`${this.prefix}:c:${conversationKey(where)}`);
  }

  async set(where: ConversationKey, topic: Topic | undefined): Promise<void> {
    const key = `${this.prefix}:c:${conversationKey(where)}`;
    await this.run<unknown>(() =>
      topic === undefined ? this.redis.del(key) : this.redis.set(key, JSON.stringify(topic), "PX", this.options.ttlMs),
    );
  }

  getReplied(messageId: string): Promise<Topic | undefined> {
    return this.read(`${this.prefix}:m:${messageId}`);
  }

  async setReplied(messageId: string, topic: Topic): Promise<void> {
    await this.run(() => this.redis.set(`${this.prefix}:m:${messageId}`, JSON.stringify(topic), "PX", REPLY_TTL_MS));
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

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.redis.disconnect();
    }
    return Promise.resolve();
  }

  private async read(key: string): Promise<Topic | undefined> {
    return parseTopic(await this.run(() => this.redis.get(key)));
  }

  /** Runs a command; undefined when Redis fails (the failure is reported once per outage). */
  private async run<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await command();
      this.markUp();
      return value;
    } catch (error) {
      this.markDown(error);
      return undefined;
    }
  }

  private markDown(error: unknown): void {
    if (this.down || this.closed) return;
    this.down = true;
    this.options.logger.warn("conversations-unavailable", {
      error: describeError(error).message,
      note: "Redis is unreachable: questions are answered as they stand (no follow-ups) until it is back",
    });
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.options.logger.info("conversations-recovered");
  }
}
