import { readFileSync } from "node:fs";
import { parse } from "dotenv";
import { describe, expect, it } from "vitest";
import { isPlaceholderToken, loadConfig } from "../../src/config.js";

const text = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");

describe(".env.example", () => {
  it("documents every variable config.ts reads, with values loadConfig accepts and a placeholder token", () => {
    const env = parse(text);
    const variables = [
      "DISCORD_TOKEN",
      "DISCORD_CLIENT_ID",
      "DISCORD_GUILD_ID",
      "DISCORD_PUBLIC_KEY",
      "DISCORD_REST_URL",
      "RATE_LIMIT_COUNT",
      "RATE_LIMIT_WINDOW_SECONDS",
      "LOG_LEVEL",
      "SHARDS",
      "PORT",
      "HOST",
      "HTTP_MAX_CONNECTIONS",
      "HTTP_MAX_BODY_BYTES_IN_FLIGHT",
      "REDIS_URL",
      "METRICS_PORT",
      "DATA_DIR",
      "DATABASE_URL",
      "QUESTION_LOG",
      "QUESTION_LOG_DAYS",
      "QUESTION_LOG_SECRET",
    ];
    for (const v of variables) expect(Object.keys(env), v).toContain(v);
    // Every variable config.ts's schema mentions is in the list above.
    const source = readFileSync(new URL("../../src/config.ts", import.meta.url), "utf8");
    const read = [...source.matchAll(/^\s{2}([A-Z][A-Z_]+):/gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(0);
    for (const v of read) expect(variables).toContain(v);
    expect(isPlaceholderToken(env.DISCORD_TOKEN)).toBe(true);
    const config = loadConfig(env);
    expect(config.token).toBeUndefined();
    expect(config.rateLimit).toEqual({ count: 5, windowMs: 30_000 });
    expect(config.storage).toEqual({
      dataDir: undefined,
      databaseUrl: undefined,
      questionLog: { enabled: true, days: 30 },
      secret: undefined,
    });
  });
});
