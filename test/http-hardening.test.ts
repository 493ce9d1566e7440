/**
 * Faults found by fuzzing the HTTP edge, each checked here: autocomplete blocking the event loop, sockets
 * held half-closed, no cap on connections or on bodies in flight, one log line per 401, and echoed names
 * unescaped. Also /metrics (never signature-checked) and the crash handlers.
 */
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import type { Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";
import { Gauge } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { defaultEngine } from "../src/answer/index.js";
import { loadConfig } from "../src/config.js";
import { createInteractionContext } from "../src/discord/core/context.js";
import { handleInteraction } from "../src/discord/handle-interaction.js";
import { createInteractionsServer, type InteractionsServerOptions } from "../src/http/server.js";
import { publicKeyToHex } from "../src/http/verify-signature.js";
import { createLogger } from "../src/logger.js";
import { createMetrics, type Metrics } from "../src/metrics.js";
import { REPO_ROOT } from "../src/knowledge/load.js";
import * as build from "./support/payloads.js";
import { option } from "./support/payloads.js";
import { signatureHeaders } from "./support/signing.js";

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const engine = defaultEngine();
const servers: Server[] = [];
const sockets: Socket[] = [];

interface Started {
  readonly server: Server;
  readonly url: string;
  readonly port: number;
  readonly logLines: string[];
}

async function start(
  options: Partial<InteractionsServerOptions> = {},
  env: Record<string, string> = {},
  metrics: Metrics = createMetrics({ defaultMetrics: false }),
): Promise<Started> {
  const logLines: string[] = [];
  const logger = createLogger("debug", (line) => logLines.push(line));
  const config = loadConfig({ RATE_LIMIT_COUNT: "2", RATE_LIMIT_WINDOW_SECONDS: "600", ...env });
  const ctx = createInteractionContext(config, engine, logger, metrics);
  const server = createInteractionsServer({ publicKey: publicKeyToHex(publicKey), ctx, logger, ...options });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://127.0.0.1:${port}`, port, logLines };
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const server of servers.splice(0)) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
});

function signedPost(url: string, payload: unknown): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${url}/interactions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...signatureHeaders(body, privateKey) },
    body,
  });
}

const askInteraction = (question: string, userId: string) => build.ask(question, { user: build.user(userId) });

function autocomplete(value: string, name = "ask", focused = "question") {
  return build.autocomplete(name, [option.focused(focused, value)], { user: build.user("1280000000000000001") });
}

function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, allowHalfOpen: true }, () => resolve(socket));
    socket.once("error", reject);
    sockets.push(socket);
  });
}

function connections(server: Server): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((error, n) => (error ? reject(error) : resolve(n))));
}

const noise = (n: number): string => Array.from({ length: n }, (_, i) => "qzxjvkwyfbgh pmd"[(i * 7919) % 16]).join("");

// How long autocomplete takes is measured by `npm run bench`; these tests pin what keeps it bounded: only the
// first 100 characters of what is typed are read, however much arrives.
describe("autocomplete reads a bounded prefix of what is typed", () => {
  it("answers 500 characters of noise (and of real words) as it answers their first 100, and /healthz meanwhile", async () => {
    const { url } = await start();
    for (const value of [noise(500), "when did putin first visit north korea ".repeat(13).slice(0, 500)]) {
      const pending = signedPost(url, autocomplete(value));
      const health = await fetch(`${url}/healthz`);
      const res = await pending;
      const short = await signedPost(url, autocomplete(value.slice(0, 100)));
      expect(health.status).toBe(200);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { type: number; data: unknown };
      expect(body.type).toBe(8);
      expect(body.data).toEqual(((await short.json()) as { data: unknown }).data);
    }
  });

  it("the engine's suggestions for any length are those for the first 100 characters, for questions and for facts", () => {
    for (const n of [500, 5_000, 50_000]) {
      for (const text of [noise(n), "putin visit north korea kim ".repeat(Math.ceil(n / 28)).slice(0, n)]) {
        expect(engine.suggestQuestions(text, 25)).toEqual(engine.suggestQuestions(text.slice(0, 100), 25));
        expect(engine.suggestFacts(text, 25)).toEqual(engine.suggestFacts(text.slice(0, 100), 25));
      }
    }
    expect(engine.suggestQuestions("putin visit")[0]?.question).toMatch(/Putin/);
    expect(engine.suggestFacts("kim yo")[0]?.name).toMatch(/Kim Yo/);
  });
});

describe("connections and bodies are bounded", () => {
  it("a client that sends nothing gets 408, and its socket is destroyed once the answer is flushed, not held half-closed", async () => {
    const { server, port } = await start({ requestTimeoutMs: 300 });
    const socket = await rawSocket(port);
    let received = "";
    socket.on("data", (d: Buffer) => (received += d.toString()));
    const ended = new Promise<void>((resolve) => socket.once("end", () => resolve()));
    await ended; // the server half-closed after answering
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(socket.destroyed).toBe(false); // our side stays open, as a misbehaving client would keep it
    await expect.poll(() => connections(server), { timeout: 5_000, interval: 100 }).toBe(0);
  });

  it("a client that stops reading cannot hold a timed-out socket: the 408 it never lets be flushed, the socket destroyed anyway", async () => {
    // A /metrics answer of ~10 MB: more than the kernel buffers between the server and a client that reads nothing.
    const metrics = createMetrics({ defaultMetrics: false });
    const padding = new Gauge({ name: "padding", help: "x", labelNames: ["k"], registers: [metrics.registry] });
    for (let i = 0; i < 80_000; i++) padding.set({ k: `${i}`.padStart(96, "k") }, i);
    const { server, port, logLines } = await start({ requestTimeoutMs: 300 }, {}, metrics);
    // Node's own request timeout would close this connection as well, later; switched off, so that only the
    // server's handling of its 408 can.
    server.requestTimeout = 0;
    server.headersTimeout = 0;
    let serverSide: Socket | undefined;
    server.once("connection", (s: Socket) => (serverSide = s));

    const socket = await rawSocket(port);
    socket.pause(); // never reads: its receive window fills with the /metrics answer
    // A pipelined GET /metrics, then a POST whose body never comes: its 408 queues behind the blocked answer.
    socket.write(
      "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\nPOST /interactions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc",
    );
    await expect.poll(() => logLines.join(""), { timeout: 10_000 }).toMatch(/"status":408,"reason":"body-timeout"/);
    expect(serverSide?.writableLength).toBeGreaterThan(0); // the server still has bytes the client will not take
    await expect.poll(() => connections(server), { timeout: 5_000, interval: 100 }).toBe(0);
    expect(serverSide?.destroyed).toBe(true);
    expect(socket.destroyed).toBe(false); // the client did nothing: the server let go
  });

  it("server.maxConnections: connections past the cap are dropped at once; below it /healthz answers", async () => {
    const { server, port, url } = await start({ maxConnections: 2 });
    expect(server.maxConnections).toBe(2);
    await rawSocket(port);
    await rawSocket(port);
    await expect.poll(() => connections(server)).toBe(2);
    const third = await rawSocket(port);
    // Dropped by the server (this client keeps its own side open, so the sign is the server's FIN).
    await new Promise<void>((resolve) => third.once("end", () => resolve()));
    for (const s of sockets.splice(0)) s.destroy();
    await expect.poll(() => connections(server)).toBe(0);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it("bodies in flight are capped over all connections: past the cap, 503 with Retry-After", async () => {
    const { url, port } = await start({ maxBodyBytesInFlight: 4_000, maxBodyBytes: 3_000 });
    // One slow client holds 2,900 bytes of an unfinished body.
    const slow = await rawSocket(port);
    slow.write(
      `POST /interactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 3000\r\n\r\n${"x".repeat(2_900)}`,
    );
    const other = (): Promise<Response> =>
      fetch(`${url}/interactions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "y".repeat(1_500),
      });
    // Once the server has received the slow body's 2,900 bytes, another 1,500-byte body does not fit.
    await expect.poll(async () => (await other()).status, { timeout: 5_000 }).toBe(503);
    expect((await other()).headers.get("retry-after")).toBe("1");
    // The budget is released when the slow request ends: a signed request is answered again.
    slow.destroy();
    await expect
      .poll(async () => (await signedPost(url, askInteraction("who is kim yo jong", "1280000000000000002"))).status)
      .toBe(200);
  });
});

describe("401s cannot flood the logs", () => {
  it("30 unsigned requests are all refused with 401, and logged once (with a count of the rest later)", async () => {
    const { url, logLines } = await start();
    for (let n = 0; n < 30; n++) {
      const res = await fetch(`${url}/interactions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(res.status).toBe(401);
    }
    const logged = logLines.filter((l) => l.includes('"status":401'));
    expect(logged).toHaveLength(1);
  });
});

describe("echoed values are escaped", () => {
  it("an unknown command's name is echoed with markdown escaped and mass mentions made inert", async () => {
    const ctx = createInteractionContext(loadConfig({}), engine, createLogger("silent"));
    const payload = build.slashCommand("@everyone **x**", [], { user: build.user("1280000000000000003") });
    const response = (await handleInteraction(payload, ctx)) as {
      data: { content: string; allowed_mentions: unknown };
    };
    expect(response.data.content).not.toContain("@everyone");
    expect(response.data.content).toContain("@\u200beveryone");
    expect(response.data.content).toContain("\\*\\*x\\*\\*");
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("GET /metrics", () => {
  it("is Prometheus text, never signature-checked, with interactions by command and outcome, answer durations and limiter errors", async () => {
    const { url } = await start();
    const asker = "1280000000000000004";
    const answered = engine.kb.qa[0]!.question;
    expect(engine.answer(answered).outcome).toBe("answered");
    for (let n = 0; n < 3; n++) expect((await signedPost(url, askInteraction(answered, asker))).status).toBe(200);
    // Questions of every kind — out of scope, a false premise, an opinion — each counted under the engine's
    // own outcome for it (answered, not_covered, corrected, unsure).
    const others = [
      "Who won the 2018 World Cup?",
      "Why did Russia admit that North Korean weapons are used in Ukraine?",
      "is putin a dictator",
    ];
    const expected = new Map<string, number>([["answered", 2]]);
    for (const [n, question] of others.entries()) {
      await signedPost(url, askInteraction(question, `128000000000000010${n}`));
      const { outcome } = engine.answer(question);
      expected.set(outcome, (expected.get(outcome) ?? 0) + 1);
    }
    expect(expected.size).toBeGreaterThanOrEqual(3); // several of the engine's outcomes are exercised
    await signedPost(
      url,
      build.slashCommand("nonsense-name-from-anyone", [], { user: build.user("1280000000000000006") }),
    );
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    for (const [outcome, count] of expected)
      expect(text).toMatch(
        new RegExp(`^articleqa_interactions_total\\{command="ask",outcome="${outcome}"\\} ${count}$`, "m"),
      );
    expect(text).toMatch(/^articleqa_interactions_total\{command="ask",outcome="rate_limited"\} 1$/m);
    expect(text).toMatch(/^articleqa_interactions_total\{command="unknown",outcome="not_covered"\} 1$/m); // never the raw name
    expect(text).not.toContain("nonsense-name-from-anyone");
    expect(text).toMatch(/^articleqa_answer_duration_seconds_count 5$/m);
    expect(text).toMatch(/^articleqa_rate_limiter_errors_total 0$/m);
  });
});

describe("crash handlers", () => {
  function runChild(code: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", code], {
        cwd: REPO_ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (exit) => resolve({ code: exit, stdout, stderr }));
    });
  }
  const SECRET = "MTE0NTE0MTkxOTgxMDA4MTAx.GhJkLm.q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6";
  const prelude = `import { startRuntime } from "./dist/runtime.js"; import { loadConfig } from "./dist/config.js";
    startRuntime(loadConfig({ DISCORD_TOKEN: "${SECRET}" }));`;

  it("an uncaught exception is logged without secrets and exits 1", async () => {
    const r = await runChild(`${prelude} setTimeout(() => { throw new Error("boom with ${SECRET}"); }, 10);`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"event":"uncaught-exception".*boom with \[redacted\]/);
    expect(r.stderr).not.toContain(SECRET);
  });

  it("an unhandled rejection is logged and the process keeps running", async () => {
    const r = await runChild(
      `${prelude} Promise.reject(new Error("lost promise")); setTimeout(() => console.log("still running"), 50);`,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/"event":"unhandled-rejection".*lost promise/);
    expect(r.stdout).toContain("still running");
  });
});
