/**
 * What the compiled HTTP endpoint loads: not discord.js (the gateway client: ~40 MB of the idle RSS; the
 * endpoint needs only discord-api-types' enums and @discordjs/formatters' escapeMarkdown), and not the Redis
 * client unless REDIS_URL is set.
 */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/knowledge/load.js";

function loadedPackages(code: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", code], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (status) => (status === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(err))));
  });
}

const PRELUDE = `
  import { createRequire } from "node:module";
  const { createInteractionContext } = await import("./dist/discord/core/context.js");
  const { createInteractionsServer } = await import("./dist/http/server.js");
  const { loadConfig } = await import("./dist/config.js");
  const { createMetrics } = await import("./dist/metrics.js");
  const { createLogger } = await import("./dist/logger.js");
  const { defaultEngine } = await import("./dist/answer/index.js");
  const packages = () => [...new Set(Object.keys(createRequire(import.meta.url).cache)
    .map((k) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(k)?.[1]).filter(Boolean))];
`;

describe("the HTTP endpoint's footprint", () => {
  it("loads neither discord.js nor the Redis client without REDIS_URL", async () => {
    const loaded = await loadedPackages(`${PRELUDE}
      const ctx = createInteractionContext(loadConfig({}), defaultEngine(), createLogger("silent"), createMetrics());
      createInteractionsServer({ publicKey: "${"ab".repeat(32)}", ctx, logger: createLogger("silent") });
      console.log(JSON.stringify(packages()));`);
    expect(loaded).toContain("discord-api-types");
    expect(loaded).toContain("prom-client");
    expect(loaded).not.toContain("discord.js");
    expect(loaded).not.toContain("ioredis");
    expect(loaded).not.toContain("rate-limiter-flexible");
  });

  it("loads the Redis client when REDIS_URL is set", async () => {
    const loaded = await loadedPackages(`${PRELUDE}
      const ctx = createInteractionContext(loadConfig({ REDIS_URL: "redis://127.0.0.1:1" }), defaultEngine(), createLogger("silent"));
      await ctx.rateLimiter.close();
      await ctx.conversations.close();
      console.log(JSON.stringify(packages()));`);
    expect(loaded).toContain("ioredis");
    expect(loaded).toContain("rate-limiter-flexible");
    expect(loaded).not.toContain("discord.js");
  });
});
