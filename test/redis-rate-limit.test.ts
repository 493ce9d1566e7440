/**
 * The rate limit shared through a REAL redis-server (started here on a free 127.0.0.1 port): two HTTP
 * endpoint instances with REDIS_URL share one per-user limit; Redis killed mid-test → still answering, one
 * warning for the outage, the error metric counting; Redis restarted → limiting again.
 */
import { generateKeyPairSync } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultEngine } from "../src/answer/index.js";
import { loadConfig } from "../src/config.js";
import { createInteractionContext, waitForRateLimiter } from "../src/discord/core/context.js";
import type { InteractionContext } from "../src/discord/core/types.js";
import { createInteractionsServer } from "../src/http/server.js";
import { publicKeyToHex } from "../src/http/verify-signature.js";
import { createMetrics } from "../src/metrics.js";
import { memoryLogger, type MemoryLogger } from "./discord/harness.js";
import * as build from "./support/payloads.js";
import { signatureHeaders } from "./support/signing.js";
import { startRedis, type RedisServer } from "./support/redis.js";

const COUNT = 5;
const { publicKey, privateKey } = generateKeyPairSync("ed25519");

interface Instance {
  readonly ctx: InteractionContext;
  readonly server: Server;
  readonly url: string;
  readonly logger: MemoryLogger;
}

let redis: RedisServer;
const instances: Instance[] = [];

async function startInstance(): Promise<Instance> {
  const config = loadConfig({
    REDIS_URL: redis.url,
    RATE_LIMIT_COUNT: String(COUNT),
    RATE_LIMIT_WINDOW_SECONDS: "600",
    LOG_LEVEL: "silent",
  });
  const logger = memoryLogger();
  const ctx = createInteractionContext(config, defaultEngine(), logger, createMetrics({ defaultMetrics: false }));
  await waitForRateLimiter(ctx.rateLimiter, logger);
  const server = createInteractionsServer({ publicKey: publicKeyToHex(publicKey), ctx, logger });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const instance = { ctx, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, logger };
  instances.push(instance);
  return instance;
}

/** Asks as `userId` through `instance`; true when answered, false when refused by the rate limit. */
async function ask(instance: Instance, userId: string): Promise<boolean> {
  const body = JSON.stringify(build.ask("When did Putin first visit North Korea?", { user: build.user(userId) }));
  const res = await fetch(`${instance.url}/interactions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...signatureHeaders(body, privateKey) },
    body,
  });
  expect(res.status).toBe(200);
  const json = (await res.json()) as { type: number; data: { content?: string; embeds?: unknown[]; flags?: number } };
  expect(json.type).toBe(4);
  const limited = /asking too fast/.test(json.data.content ?? "");
  if (!limited) expect(json.data.embeds?.length).toBe(1);
  return !limited;
}

let userSeq = 0;
const freshUser = (): string => String(1_280_000_000_000_000_000n + BigInt(++userSeq));

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const i of instances) {
    await new Promise<void>((resolve) => {
      i.server.close(() => resolve());
      i.server.closeAllConnections();
    });
    await i.ctx.rateLimiter.close?.();
    await i.ctx.conversations?.close?.();
  }
  await redis?.stop();
});

describe("rate limit shared through Redis (REDIS_URL)", () => {
  it("two HTTP instances share one limit: 12 requests from one user, alternating, answer exactly RATE_LIMIT_COUNT", async () => {
    const [a, b] = [await startInstance(), await startInstance()];
    const user = freshUser();
    const answered: boolean[] = [];
    for (let n = 0; n < 12; n++) answered.push(await ask(n % 2 === 0 ? a : b, user));
    expect(answered.filter(Boolean)).toHaveLength(COUNT);
    expect(answered.slice(0, COUNT).every(Boolean)).toBe(true);
    // Another user is not affected.
    expect(await ask(b, freshUser())).toBe(true);
  });

  it("Redis killed: still answering, one warning for the outage, errors counted; Redis back: limiting again", async () => {
    const instance = await startInstance();
    const user = freshUser();
    for (let n = 0; n < COUNT; n++) expect(await ask(instance, user)).toBe(true);
    expect(await ask(instance, user)).toBe(false);

    await redis.kill();
    const during: boolean[] = [];
    for (let n = 0; n < 8; n++) during.push(await ask(instance, user));
    expect(during.every(Boolean)).toBe(true); // fail open
    const warnings = instance.logger.lines.filter((l) => l.event === "rate-limiter-unavailable");
    expect(warnings).toHaveLength(1); // per outage, not per request
    const errors = await instance.ctx.metrics!.registry.getSingleMetricAsString("articleqa_rate_limiter_errors_total");
    expect(Number(/articleqa_rate_limiter_errors_total (\d+)/.exec(errors)?.[1])).toBeGreaterThanOrEqual(8);

    await redis.start(); // same port, empty (no persistence): the user's window starts over
    await expect
      .poll(() => instance.logger.lines.some((l) => l.event === "rate-limiter-recovered"), { timeout: 10_000 })
      .toBe(true);
    const after: boolean[] = [];
    for (let n = 0; n < COUNT + 2; n++) after.push(await ask(instance, user));
    expect(after.filter(Boolean)).toHaveLength(COUNT);
    expect(after.slice(COUNT)).toEqual([false, false]);
    expect(instance.logger.lines.filter((l) => l.event === "rate-limiter-unavailable")).toHaveLength(1);
  });
});
