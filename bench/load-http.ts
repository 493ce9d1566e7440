/**
 * `npm run load`: a bounded load test of the compiled HTTP interactions endpoint, on loopback only.
 *
 * The server runs as its own process, exactly as in production (`node dist/http/main.js`, a key pair made
 * for this run, the in-memory rate limiter); the load generator is autocannon in this process. Where
 * `taskset` exists, the server is pinned to one core and this process to another, so they do not share one.
 *
 * Two timed runs against the same server: signed PINGs (the cheapest interaction: verify, answer PONG) and
 * signed `/ask` commands, questions round robin from test/eval/questions.json (inScope), each from a
 * different simulated user (one user asking thousands of questions would rightly be rate-limited). Every
 * response is checked: 200, the expected interaction response type, and for /ask an answer embed that is not
 * ephemeral (not rate-limited, not an error). Before timing, one checked pass over every distinct question
 * compares the rendered answer with what the engine answers directly. Exits 1 on any failure.
 *
 * Options (environment): LOAD_SECONDS per run (default 10, at most 60), LOAD_CONNECTIONS (default 50),
 * LOAD_SERVER_PROFILE (a directory: the server writes a V8 CPU profile there when it stops).
 */
import { spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { defaultEngine } from "../src/answer/index.js";
import { REPO_ROOT } from "../src/knowledge/load.js";
import { publicKeyToHex } from "../src/http/verify-signature.js";
import * as build from "../test/support/payloads.js";
import { signatureHeaders } from "../test/support/signing.js";
import { freePort } from "../test/support/redis.js";

const SECONDS = bounded("LOAD_SECONDS", 10, 1, 60);
const CONNECTIONS = bounded("LOAD_CONNECTIONS", 50, 1, 500);

function bounded(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`${name} must be a whole number from ${min} to ${max}.\n`);
    process.exit(2);
  }
  return n;
}

const questions = (
  JSON.parse(readFileSync(new URL("../test/eval/questions.json", import.meta.url), "utf8")) as {
    inScope: { q: string }[];
  }
).inScope.map((e) => e.q);
if (questions.length === 0) throw new Error("test/eval/questions.json has no inScope questions");

// Pinning: the server on core 0, this process (the load generator) on core 1.
const cores = availableParallelism();
const taskset = cores >= 2 && spawnSync("taskset", ["--version"]).status === 0;
if (taskset) spawnSync("taskset", ["-pc", "1", String(process.pid)], { stdio: "ignore" });

const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const port = await freePort();
const serverArgs = [
  ...(process.env.LOAD_SERVER_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.LOAD_SERVER_PROFILE] : []),
  "dist/http/main.js",
];
const server = spawn(
  taskset ? "taskset" : process.execPath,
  taskset ? ["-c", "0", process.execPath, ...serverArgs] : serverArgs,
  {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DISCORD_PUBLIC_KEY: publicKeyToHex(publicKey),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      REDIS_URL: "",
      RATE_LIMIT_COUNT: "5",
      // The store as in production (every question logged), in a directory of this run's own.
      DATA_DIR: mkdtempSync(join(tmpdir(), "load-data-")),
    },
    stdio: ["ignore", "inherit", "pipe"],
  },
);
let serverLog = "";
server.stderr?.on("data", (d: Buffer) => (serverLog += d.toString()));
const url = `http://127.0.0.1:${port}`;

async function waitForServer(): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null || Date.now() > deadline)
      throw new Error(`the HTTP server did not start: ${serverLog}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let userSeq = 0;
const nextUser = (): string => String(1_270_000_000_000_000_000n + BigInt(++userSeq));
const askInteraction = (question: string, userId: string) => build.ask(question, { user: build.user(userId) });

function signed(payload: unknown): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(payload);
  return { body, headers: { "content-type": "application/json", ...signatureHeaders(body, privateKey) } };
}

/** Why an /ask response is wrong, or undefined when it is an answer embed for everyone. */
function askProblem(status: number, text: string): string | undefined {
  if (status !== 200) return `HTTP ${status}`;
  if (!text.startsWith('{"type":4,')) return "not a message response";
  if (/"flags":64/.test(text)) return "ephemeral (rate-limited or an error)";
  if (!text.includes('"embeds":[{')) return "no embed";
  return undefined;
}

// Checked warm-up: every distinct question once, its first citation compared with the engine's.
const engine = defaultEngine();
const warmupProblems: string[] = [];
async function warmUp(): Promise<void> {
  for (const question of questions) {
    const { body, headers } = signed(askInteraction(question, nextUser()));
    const res = await fetch(`${url}/interactions`, { method: "POST", headers, body });
    const text = await res.text();
    const problem = askProblem(res.status, text);
    if (problem !== undefined) {
      warmupProblems.push(`${problem} for "${question}"`);
      continue;
    }
    const first = engine.answer(question).citations[0];
    if (first !== undefined && !text.includes(`— \`${first.id}\``))
      warmupProblems.push(`first citation is not ${first.id} for "${question}"`);
  }
}

interface RunResult {
  readonly label: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly failures: number;
  readonly firstFailure: string | undefined;
}

async function run(
  label: string,
  build: () => unknown,
  check: (status: number, body: string) => string | undefined,
): Promise<RunResult> {
  process.stderr.write(`… ${label}: ${SECONDS} s from ${CONNECTIONS} connections\n`);
  let failures = 0;
  let firstFailure: string | undefined;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: "POST",
        path: "/interactions",
        setupRequest: (request) => {
          const { body, headers } = signed(build());
          return { ...request, body, headers };
        },
        onResponse: (status, body) => {
          const problem = check(status, body);
          if (problem === undefined) return;
          failures += 1;
          firstFailure ??= problem;
        },
      },
    ],
  });
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: failures + result.errors + result.timeouts + result.non2xx,
    firstFailure,
  };
}

let exitCode: number;
try {
  await waitForServer();
  process.stdout.write(
    `Load test: node dist/http/main.js on 127.0.0.1:${port}${taskset ? " pinned to core 0, autocannon pinned to core 1" : " (no taskset: server and client share the cores)"}\n`,
  );
  await warmUp();
  let q = 0;
  const ping = await run(
    "PING",
    () => build.ping(),
    (status, body) =>
      status === 200 && body === '{"type":1}' ? undefined : `PING answered ${status} ${body.slice(0, 80)}`,
  );
  const ask = await run("/ask", () => askInteraction(questions[q++ % questions.length]!, nextUser()), askProblem);
  const ratio = ask.rps / ping.rps;
  const line = (r: RunResult): string =>
    `  ${r.label.padEnd(6)} ${r.rps.toFixed(0).padStart(6)} req/s   latency p50 ${r.p50} ms  p99 ${r.p99} ms   ${r.requests} requests, ${r.failures} failed`;
  process.stdout.write(
    [
      `  warm-up  ${questions.length} distinct questions checked against the engine: ${warmupProblems.length} wrong`,
      line(ping),
      line(ask),
      `  /ask is ${ratio.toFixed(2)} × PING (target ≥ 0.5 ${ratio >= 0.5 ? "✓" : "✗"})`,
      `  node ${process.version}, ${cores} cores`,
      "",
    ].join("\n"),
  );
  for (const problem of [...warmupProblems, ping.firstFailure, ask.firstFailure]
    .filter((p) => p !== undefined)
    .slice(0, 10)) {
    process.stdout.write(`  FAILED: ${problem}\n`);
  }
  exitCode = warmupProblems.length === 0 && ping.failures === 0 && ask.failures === 0 ? 0 : 1;
} finally {
  server.kill("SIGTERM");
}
process.exitCode = exitCode;
