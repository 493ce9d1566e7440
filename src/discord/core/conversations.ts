import { createHash } from "node:crypto";
import type { Topic } from "../../answer/conversation.js";

/**
 * Where Discord conversations are remembered. A conversation is one user in one channel (or DM): a mention or
 * /ask from the same user in the same channel within the conversation's time (CONVERSATION_TTL_MS, 5 minutes,
 * renewed by each question) continues it, and a reply to one of the bot's messages continues the conversation
 * that message answered, whenever it comes. What is kept is the topic of the last answer (answer/conversation.ts:
 * its article, the question as understood, its first sentence, its short answer): a few hundred bytes, which
 * expire.
 *
 * Two implementations: in memory (one process: the default), and Redis (redis-conversations.ts, with REDIS_URL),
 * so that every gateway shard and HTTP instance continues the same conversation. Both never throw into the answer
 * path: a store that fails reads as "no conversation", and a write that fails is dropped.
 */
export interface ConversationStore {
  /** The topic of a user's conversation in a channel, while it lasts. */
  get(where: ConversationKey): Promise<Topic | undefined>;
  /** Keeps the topic for the conversation's time (undefined: the conversation ends). */
  set(where: ConversationKey, topic: Topic | undefined): Promise<void>;
  /** The topic a message of the bot answered (for a reply to it). */
  getReplied(messageId: string): Promise<Topic | undefined>;
  /** Remembers what a message of the bot answered, for REPLY_TTL_MS. */
  setReplied(messageId: string, topic: Topic): Promise<void>;
  /** Releases connections (the Redis store). */
  close?(): Promise<void>;
}

/** A user in a channel (or a DM). */
export interface ConversationKey {
  readonly user: string;
  readonly channel: string;
}

/**
 * How long what a bot message answered is kept for replies to it. A reply after that still continues the
 * conversation, from the message itself (its question, article and first quoted sentence: ask/answer.ts).
 */
export const REPLY_TTL_MS = 24 * 60 * 60_000;

/** The key a conversation is stored under: a hash of the user and channel ids (raw user ids are never stored). */
export function conversationKey({ user, channel }: ConversationKey): string {
  return createHash("sha256").update(`${user}:${channel}`).digest("base64url").slice(0, 32);
}

/** A topic read back from storage, if it has the shape of one (storage is not trusted blindly). */
export function parseTopic(text: string | null | undefined): Topic | undefined {
  if (text === null || text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== "object" || value === null) return undefined;
    const { article, question, sentence, answer } = value as Record<string, unknown>;
    if (typeof article !== "string" || typeof question !== "string") return undefined;
    return {
      article,
      question,
      ...(typeof sentence === "string" ? { sentence } : {}),
      ...(typeof answer === "string" ? { answer } : {}),
    };
  } catch {
    return undefined;
  }
}

interface Entry {
  readonly topic: Topic;
  readonly expires: number;
}

export interface MemoryConversationOptions {
  /** A conversation's time (default CONVERSATION_TTL_MS). */
  readonly ttlMs: number;
  /** Clock in epoch ms (tests inject one). */
  readonly now?: () => number;
  /** At most this many conversations and replied messages each (the least recently set go first). Default 10 000. */
  readonly maxEntries?: number;
}

/** In one process's memory: bounded, and expired entries are dropped as they are met and as new ones come. */
export class MemoryConversationStore implements ConversationStore {
  private readonly conversations = new Map<string, Entry>();
  private readonly replied = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly max: number;

  constructor(private readonly options: MemoryConversationOptions) {
    this.now = options.now ?? Date.now;
    this.max = Math.max(1, options.maxEntries ?? 10_000);
  }

  get(where: ConversationKey): Promise<Topic | undefined> {
    return Promise.resolve(this.read(this.conversations, conversationKey(where)));
  }

  set(where: ConversationKey, topic: Topic | undefined): Promise<void> {
    const key = conversationKey(where);
    if (topic === undefined) this.conversations.delete(key);
    else this.write(this.conversations, key, topic, this.options.ttlMs);
    return Promise.resolve();
  }

  getReplied(messageId: string): Promise<Topic | undefined> {
    return Promise.resolve(this.read(this.replied, messageId));
  }

  setReplied(messageId: string, topic: Topic): Promise<void> {
    this.write(this.replied, messageId, topic, REPLY_TTL_MS);
    return Promise.resolve();
  }

  /** Conversations and replied messages held (for tests). */
  get size(): number {
    return this.conversations.size + this.replied.size;
  }

  private read(map: Map<string, Entry>, key: string): Topic | undefined {
    const entry = map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.now()) {
      map.delete(key);
      return undefined;
    }
    return entry.topic;
  }

  private write(map: Map<string, Entry>, key: string, topic: Topic, ttlMs: number): void {
    const now = this.now();
    // Re-inserted, so the Map stays in order of setting: the oldest (and the expired) come first.
    map.delete(key);
    map.set(key, { topic, expires: now + ttlMs });
    for (const [k, e] of map) {
      if (map.size <= this.max && e.expires > now) break;
      map.delete(k);
    }
  }
}
