/**
 * Conversations shared through a REAL redis-server (started here on a free 127.0.0.1 port): with REDIS_URL, two
 * instances (HTTP instances or gateway shards: each builds its context with createInteractionContext) continue
 * the same user's conversation; Redis forgets a conversation after its time by itself; Redis killed → questions
 * are answered as they stand, with one warning for the outage; Redis back → conversations again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Library } from "../src/answer/library.js";
import { loadConfig } from "../src/config.js";
import { createInteractionContext } from "../src/discord/core/context.js";
import { RedisConversationStore } from "../src/discord/core/redis-conversations.js";
import type { InteractionContext } from "../src/discord/core/types.js";
import { handleInteraction } from "../src/discord/handle-interaction.js";
import { memoryLogger, quotedCitations, type MemoryLogger } from "./discord/harness.js";
import { fixtureEngine, sentenceWith } from "./support/fixture-pack.js";
import * as build from "./support/payloads.js";
import { startRedis, type RedisServer } from "./support/redis.js";

const engine = fixtureEngine();
const SECTION = sentenceWith(engine.kb, "children's section will move");

let redis: RedisServer;
const contexts: InteractionContext[] = [];
const stores: RedisConversationStore[] = [];

function instance(): { ctx: InteractionContext; logger: MemoryLogger } {
  const config = loadConfig({ REDIS_URL: redis.url, RATE_LIMIT_COUNT: "1000", LOG_LEVEL: "silent" });
  const logger = memoryLogger();
  const ctx = createInteractionContext(config, new Library([engine]), logger);
  contexts.push(ctx);
  return { ctx, logger };
}

/** The store of a context built with REDIS_URL, connected. */
async function ready(ctx: InteractionContext): Promise<void> {
  const store = ctx.conversations;
  expect(store).toBeInstanceOf(RedisConversationStore);
  expect(await (store as RedisConversationStore).whenReady(5_000)).toBe(true);
}

let userSeq = 0;
const freshUser = () => build.user(String(1_290_000_000_000_000_000n + BigInt(++userSeq)));

async function ask(ctx: InteractionContext, question: string, user: ReturnType<typeof build.user>) {
  const response = (await handleInteraction(build.ask(question, { user }), ctx)) as {
    data?: { embeds?: { description?: string }[] };
  };
  return quotedCitations(response.data?.embeds?.[0]?.description).map((c) => c.id);
}

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const ctx of contexts) {
    await ctx.rateLimiter.close?.();
    await ctx.conversations?.close?.();
  }
  for (const store of stores) await store.close();
  await redis?.stop();
});

describe("conversations shared through Redis (REDIS_URL)", () => {
  it("a follow-up asked of another instance continues the conversation; another user's does not", async () => {
    const [a, b] = [instance(), instance()];
    await ready(a.ctx);
    await ready(b.ctx);
    const user = freshUser();
    expect((await ask(a.ctx, "when will the children's section move?", user))[0]).toBe(SECTION);
    expect((await ask(b.ctx, "and where?", user))[0]).toBe(SECTION);
    expect(await ask(b.ctx, "and where?", freshUser())).not.toContain(SECTION);
  });

  it("Redis forgets a conversation after its time; the keys hold no raw user id", async () => {
    const store = new RedisConversationStore({ url: redis.url, ttlMs: 200, logger: memoryLogger(), keyPrefix: "t1" });
    stores.push(store);
    expect(await store.whenReady(5_000)).toBe(true);
    const where = { user: "123456789012345678", channel: "876543210987654321" };
    const topic = { article: engine.kb.id, question: "q", sentence: SECTION };
    await store.set(where, topic);
    await store.setReplied("999", topic);
    expect(await store.get(where)).toEqual(topic);
    expect(await store.getReplied("999")).toEqual(topic);
    await expect.poll(() => store.get(where), { timeout: 5_000, interval: 50 }).toBeUndefined();
    expect(await store.getReplied("999")).toEqual(topic);
    await store.set(where, topic);
    await store.set(where, undefined);
    expect(await store.get(where)).toBeUndefined();
  });

  it("Redis killed: questions answered as they stand, one warning for the outage; Redis back: conversations again", async () => {
    const { ctx, logger } = instance();
    await ready(ctx);
    const user = freshUser();
    await ask(ctx, "when will the children's section move?", user);
    await redis.kill();
    for (let n = 0; n < 4; n++) expect(await ask(ctx, "and where?", user)).not.toContain(SECTION);
    expect(logger.lines.filter((l) => l.event === "conversations-unavailable")).toHaveLength(1);
    await redis.start();
    await expect
      .poll(() => logger.lines.some((l) => l.event === "conversations-recovered"), { timeout: 10_000 })
      .toBe(true);
    await ask(ctx, "when will the children's section move?", user);
    expect((await ask(ctx, "and where?", user))[0]).toBe(SECTION);
  });
});
