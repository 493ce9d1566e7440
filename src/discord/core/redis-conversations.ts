/**
 * Conversations kept in Redis (REDIS_URL), so any instance or shard continues the same one: hashed keys, expiring,
 * failing open.
 */
import type { Redis } from "ioredis";
import type { Topic } from "../../answer/conversation.js";
import type { Logger } from "../../logger.js";
import {
  conversationKey,
  parseTopic,
  REPLY_TTL_MS,
  type ConversationKey,
  type ConversationStore,
} from "./conversations.js";
import { RedisConnection } from "./redis-connection.js";

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
  private readonly connection: RedisConnection;
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(private readonly options: RedisConversationOptions) {
    this.prefix = options.keyPrefix ?? "articleqa:conv";
    this.connection = new RedisConnection({
      url: options.url,
      logger: options.logger,
      ...(options.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: options.commandTimeoutMs }),
      events: {
        down: "conversations-unavailable",
        note: "Redis is unreachable: questions are answered as they stand (no follow-ups) until it is back",
        recovered: "conversations-recovered",
      },
    });
    this.redis = this.connection.redis;
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
    return this.connection.whenReady(timeoutMs);
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  private async read(key: string): Promise<Topic | undefined> {
    return parseTopic(await this.run(() => this.redis.get(key)));
  }

  /** Runs a command; undefined when Redis fails (the failure is reported once per outage). */
  private async run<T>(command: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await command();
      this.connection.markUp();
      return value;
    } catch (error) {
      this.connection.markDown(error);
      return undefined;
    }
  }
}
