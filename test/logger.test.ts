/**
 * The logger (pino underneath): one JSON line per event on stderr, LOG_LEVEL honoured, secrets never written —
 * by field (tokens, authorization headers, interaction tokens), by registered value, or by a token's shape.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/knowledge/load.js";
import { createLogger, redact } from "../src/logger.js";
import { parseJson } from "./support/json.js";

type Line = Record<string, unknown>;

function capture(level: Parameters<typeof createLogger>[0]) {
  const raw: string[] = [];
  const logger = createLogger(level, (line) => raw.push(line));
  return { logger, raw, lines: () => raw.map((l) => parseJson<Line>(l)) };
}

const BOT_TOKEN = "MTE0NTE0MTkxOTgxMDA4MTAx.GhJkLm.q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6";

describe("log lines", () => {
  it("are one JSON object a line: level by name, ISO time, the event, then its fields in order", () => {
    const { logger, raw, lines } = capture("info");
    logger.info("shutdown", { signal: "SIGTERM" });
    logger.warn("http-rejected", { status: 503, reason: "bodies-in-flight", bytes: 12 });
    expect(raw).toHaveLength(2);
    for (const line of raw) expect(line).toMatch(/^\{.*\}\n$/);
    expect(raw[0]).toContain('"event":"shutdown","signal":"SIGTERM"');
    const [first, second] = lines();
    expect(first).toEqual({ level: "info", time: expect.any(String) as unknown, event: "shutdown", signal: "SIGTERM" });
    expect(new Date(String(first!.time)).toISOString()).toBe(first!.time);
    expect(second).toMatchObject({ level: "warn", event: "http-rejected", status: 503, bytes: 12 });
    expect(Object.keys(first!)).not.toContain("pid");
    expect(Object.keys(first!)).not.toContain("hostname");
  });

  it.each([
    ["debug", ["debug", "info", "warn", "error"]],
    ["info", ["info", "warn", "error"]],
    ["warn", ["warn", "error"]],
    ["error", ["error"]],
    ["silent", []],
  ] as const)("LOG_LEVEL=%s writes %j", (level, written) => {
    const { logger, lines } = capture(level);
    logger.debug("a");
    logger.info("b");
    logger.warn("c");
    logger.error("d");
    expect(lines().map((l) => l.level)).toEqual(written);
  });

  it("errors become name, message and stack", () => {
    const { logger, lines } = capture("info");
    logger.error("interaction-error", { error: new TypeError("bad thing") });
    expect(lines()[0]!.error).toMatchObject({
      name: "TypeError",
      message: "bad thing",
      stack: expect.stringMatching(/TypeError: bad thing/) as unknown,
    });
  });
});

describe("secrets", () => {
  it("fields named token or authorization are redacted, at the top level and nested", () => {
    const { logger, raw, lines } = capture("debug");
    logger.info("interaction", {
      token: "top-level-token-value",
      interaction: { id: "1", token: "interaction-token-value" },
      payload: { data: { token: "nested-token-value" } },
      interactionToken: "another-interaction-token",
      authorization: "Bearer abcdefgh",
      headers: { authorization: "Bot header-value", "content-type": "application/json" },
      request: { headers: { authorization: "Bot request-header-value" } },
    });
    const all = raw.join("");
    for (const secret of [
      "top-level-token-value",
      "interaction-token-value",
      "nested-token-value",
      "another-interaction-token",
      "abcdefgh",
      "header-value",
    ]) {
      expect(all).not.toContain(secret);
    }
    const [line] = lines();
    expect(line).toMatchObject({
      token: "[redacted]",
      interaction: { id: "1", token: "[redacted]" },
      payload: { data: { token: "[redacted]" } },
      headers: { authorization: "[redacted]", "content-type": "application/json" },
      request: { headers: { authorization: "[redacted]" } },
    });
  });

  it("a registered secret, or anything shaped like a bot token, is replaced wherever it appears", () => {
    const key = "f".repeat(64);
    redact(key);
    const { logger, raw } = capture("debug");
    logger.error("uncaught-exception", { error: new Error(`request signed with ${key} failed`) });
    logger.warn("client-warning", { message: `Authorization: Bot ${BOT_TOKEN}`, note: `token ${BOT_TOKEN} leaked` });
    const all = raw.join("");
    expect(all).not.toContain(key);
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).toContain("request signed with [redacted] failed");
    expect(all).toContain("Bot [redacted]");
  });
});

describe("the default destination", () => {
  it("is stderr, nothing on stdout, at the level asked for", () => {
    const script = `
      const { createLogger } = await import(${JSON.stringify(join(REPO_ROOT, "dist", "logger.js"))});
      const logger = createLogger("info");
      logger.debug("not-written");
      logger.info("listening", { port: 1 });
      logger.error("stopped", { token: "${BOT_TOKEN}" });
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    const events = r.stderr
      .trim()
      .split("\n")
      .map((l) => parseJson<Line>(l));
    expect(events.map((e) => e.event)).toEqual(["listening", "stopped"]);
    expect(events[1]!.token).toBe("[redacted]");
  });
});

describe("loading", () => {
  it("pino is loaded by the first logger, not by importing describeError (the ask CLI never pays for it)", () => {
    const script = `
      import { createRequire } from "node:module";
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => /node_modules\\/pino\\//.test(k));
      const { createLogger, describeError } = await import(${JSON.stringify(join(REPO_ROOT, "dist", "logger.js"))});
      await import(${JSON.stringify(join(REPO_ROOT, "dist", "cli", "guard.js"))});
      describeError(new Error("x"));
      const before = loaded();
      createLogger("silent");
      console.log(JSON.stringify([before, loaded()]));
    `;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(parseJson<boolean[]>(r.stdout)).toEqual([false, true]);
  });
});
