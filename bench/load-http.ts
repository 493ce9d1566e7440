/**
 * `npm run load`: a bounded load test of the HTTP interactions endpoint, on loopback only.
 *
 * Starts the real server in-process on 127.0.0.1 (port 0) with a freshly generated Ed25519 key
 * pair, then sends signed `/ask` application-command interactions from concurrent keep-alive
 * clients, questions drawn round robin from test/eval/questions.json (inScope). Every response is
 * checked: HTTP 200, interaction response type 4, and the rendered embed carries what the engine
 * answers for that question directly (`defaultEngine().answer(q)`: the same first citation, quoted).
 * Prints throughput and latency percentiles; exits 1 if any request failed or was lost.
 *
 * Each request comes from a different simulated user, as on a busy server: one user asking 2,000
 * questions would (rightly) be stopped by the per-user rate limit after the first few.
 *
 * Options (environment): LOAD_REQUESTS (default 2000), LOAD_CONCURRENCY (default 50).
 * Client and server share one process (and the machine's cores), so the figures understate what
 * one server instance manages on its own.
 */
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { availableParallelism } from "node:os";
import { defaultEngine, type Answer } from "../src/answer/index.js";
import { loadConfig } from "../src/config.js";
import { createInteractionContext } from "../src/discord/interactions/context.js";
import { createInteractionsServer } from "../src/http/server.js";
import { publicKeyToHex } from "../src/http/verify-signature.js";
import { createLogger } from "../src/logger.js";
import { askInteraction, signatureHeaders } from "../test/support/interactions.js";

const REQUESTS = bounded("LOAD_REQUESTS", 2_000, 1, 50_000);
const CONCURRENCY = bounded("LOAD_CONCURRENCY", 50, 1, 500);
const REQUEST_TIMEOUT_MS = 15_000;

function bounded(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`${name} must be a whole number from ${min} to ${max}.\n`);
    process.exit(2);
  }
  return n;
}

interface Questions {
  inScope: { q: string }[];
}

interface Expectation {
  readonly question: string;
  readonly answer: Answer;
}

type Outcome = { ok: true; ms: number } | { ok: false; lost: boolean; reason: string; ms: number };

const questions = (JSON.parse(readFileSync(new URL("../test/eval/questions.json", import.meta.url), "utf8")) as Questions).inScope.map(
  (e) => e.q,
);
if (questions.length === 0) throw new Error("test/eval/questions.json has no inScope questions");

const engine = defaultEngine();
// What every response must show, straight from the engine (not through any transport).
const expectations: Expectation[] = questions.map((question) => ({ question, answer: engine.answer(question) }));

// The server, in-process, exactly as `npm run start:http` builds it, with a key pair made for this run.
const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const logger = createLogger("warn");
const config = loadConfig({ LOG_LEVEL: "warn" });
const ctx = createInteractionContext(config, engine, logger);
const server = createInteractionsServer({ publicKey: publicKeyToHex(publicKey), ctx, logger });
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function payload(n: number, question: string): string {
  // Each request from a different user, so the per-user rate limit refuses none of them.
  return JSON.stringify(askInteraction(question, String(1_270_000_000_000_000_000n + BigInt(n))));
}

function post(body: string): Promise<{ status: number; text: string }> {
  const headers = signatureHeaders(body, privateKey);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/interactions",
        method: "POST",
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** Why a response is wrong for this question, or undefined when it is right. */
function check(status: number, text: string, expected: Expectation): string | undefined {
  if (status !== 200) return `HTTP ${status}`;
  let json: { type?: unknown; data?: { flags?: unknown; embeds?: unknown[]; content?: unknown } };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    return "response is not JSON";
  }
  if (json.type !== 4) return `interaction response type ${String(json.type)}, expected 4`;
  const data = json.data;
  if (data === undefined) return "no data";
  if ((Number(data.flags ?? 0) & 64) !== 0) return "ephemeral (rate-limited or an error?)";
  const embed = data.embeds?.[0];
  if (embed === undefined) return "no embed";
  const { answer } = expected;
  if (!answer.answered) {
    const rendered = `${JSON.stringify(embed)} ${String(data.content ?? "")}`;
    return /doesn.t say/i.test(rendered) ? undefined : "expected \"the article doesn't say\"";
  }
  const first = answer.citations[0];
  if (first === undefined) return "engine answered without a citation";
  // The first quote in the embed must be the engine's first citation, its id and its text verbatim
  // (the answer embed quotes each cited sentence as `> "text" — \`S4\``).
  const description = (embed as { description?: unknown }).description;
  if (typeof description !== "string") return "embed has no description";
  const shownFirst = /^> "(.*)" — `(S\d+)`$/m.exec(description);
  if (shownFirst === null) return "no quoted citation in the embed";
  if (shownFirst[2] !== first.id) return `first citation shown is ${String(shownFirst[2])}, the engine cites ${first.id} first`;
  if (shownFirst[1] !== first.text) return `${first.id} is not quoted verbatim`;
  // The short answer comes first (markdown-escaped, hence the backslashes removed before comparing).
  const unescaped = (text: string) => text.replace(/\\/g, "");
  if (!unescaped(description).startsWith(unescaped(answer.answer.slice(0, 40)))) return "the short answer is not the engine's";
  return undefined;
}

/** Sends `count` questions from CONCURRENCY clients; request n asks question (offset + n) round robin. */
async function run(count: number, offset: number): Promise<{ outcomes: (Outcome | undefined)[]; seconds: number }> {
  const outcomes = new Array<Outcome | undefined>(count);
  let next = 0;
  const client = async (): Promise<void> => {
    for (;;) {
      const n = next++;
      if (n >= count) return;
      const expected = expectations[(offset + n) % expectations.length]!;
      const body = payload(offset + n, expected.question);
      const started = performance.now();
      try {
        const { status, text } = await post(body);
        const ms = performance.now() - started;
        const problem = check(status, text, expected);
        outcomes[n] = problem === undefined ? { ok: true, ms } : { ok: false, lost: false, reason: `${problem} for "${expected.question}"`, ms };
      } catch (error) {
        outcomes[n] = { ok: false, lost: true, reason: error instanceof Error ? error.message : String(error), ms: performance.now() - started };
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, () => client()));
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}

process.stdout.write(
  `Load test: ${REQUESTS} signed /ask interactions from ${CONCURRENCY} concurrent keep-alive clients to http://127.0.0.1:${port}/interactions\n`,
);
// Warm-up: one pass over every distinct question (checked like the rest, not timed), so the figures
// describe a running server rather than JIT compilation and first-use caches.
const warmup = await run(expectations.length, 0);
const { outcomes, seconds } = await run(REQUESTS, expectations.length);

agent.destroy();
await new Promise<void>((resolve) => {
  server.close(() => resolve());
  server.closeAllConnections();
});

const warmupFailures = warmup.outcomes.filter((o) => o === undefined || !o.ok).length;
const recorded = outcomes.filter((o): o is Outcome => o !== undefined);
const failures = recorded.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
const lost = REQUESTS - recorded.length + failures.filter((f) => f.lost).length;
const wrong = failures.filter((f) => !f.lost).length;
const correct = recorded.length - failures.length;
const latencies = recorded.map((o) => o.ms).sort((a, b) => a - b);
const pct = (p: number): string => (latencies.length === 0 ? "-" : latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!.toFixed(1));

process.stdout.write(
  [
    `  questions     ${expectations.length} distinct (test/eval/questions.json inScope, round robin)`,
    `  warm-up       ${warmup.outcomes.length} requests first (checked, not timed): ${warmupFailures} failed`,
    `  answered      ${correct} correct, ${wrong} wrong, ${lost} lost (of ${REQUESTS})`,
    `  duration      ${seconds.toFixed(2)} s`,
    `  throughput    ${(REQUESTS / seconds).toFixed(0)} req/s`,
    `  latency (ms)  p50 ${pct(50)}  p90 ${pct(90)}  p99 ${pct(99)}  max ${pct(100)}`,
    `  node ${process.version}, ${availableParallelism()} cores; client and server in one process`,
    "",
  ].join("\n"),
);
const warmupReasons = warmup.outcomes.flatMap((o) => (o === undefined ? ["no outcome"] : o.ok ? [] : [o.reason]));
for (const reason of [...warmupReasons, ...failures.map((f) => f.reason)].slice(0, 10)) process.stdout.write(`  FAILED: ${reason}\n`);
process.exitCode = failures.length === 0 && recorded.length === REQUESTS && warmupFailures === 0 ? 0 : 1;
