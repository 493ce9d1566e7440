import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publicKeyToHex } from "../src/http/verify-signature.js";
import { freePort } from "../test/support/redis.js";
import Fuse from "fuse.js";
import { AnswerEngine } from "../src/answer/engine.js";
import { loadQuestionSet } from "../src/eval/question-sets.js";
import { searchDocs } from "../src/eval/strategies.js";
import { defaultKnowledge, REPO_ROOT } from "../src/knowledge/load.js";
import type { KnowledgeBase } from "../src/knowledge/types.js";
import { growKnowledgeBase } from "./synthetic-base.js";
import { measureDrafts } from "./drafts.js";
import { measureManyArticles } from "./many-articles.js";

/**
 * `npm run bench`: answer latency, index build time and process start-to-ready, for the engine
 * and for plain Fuse baselines measured in the same run, on the article's base and on a base grown
 * to 10,000 entries (and 100,000 with --full); pasted articles (knowledge:new per article, latency on a
 * 60-sentence draft); then the production figures as ratios to a bare `node -e 0` measured in the same
 * run (spawn to first answer of the compiled CLI, idle RSS of the compiled HTTP server serving ten packs) and
 * autocomplete at any input length. Every target is printed with its figure at the end. Timings, not
 * assertions: read them on a machine with nothing else running. Progress goes to stderr.
 *
 * Under 2 minutes by default. Plain Fuse at 10,000 entries takes ~11 s a question, so by default it runs on
 * a sample of FUSE_SAMPLE.large questions spread evenly over the question set (and the article's base on
 * FUSE_SAMPLE.small), the engine compared on the same sample; `npm run bench -- --full` runs the larger
 * samples and the 100,000-entry base (building it takes ~40 s; ~5 minutes in all); `-- --100k` adds only the
 * 100,000-entry base. The engine itself is
 * measured the same way in both. The HTTP server's 30 s of idling overlap the measurements (it is started
 * early, and idles on the other core).
 */
const PASSES = Number(process.env.BENCH_PASSES ?? 20);
const FULL = process.argv.includes("--full");
const FUSE_SAMPLE = FULL ? { small: 60, large: 24 } : { small: 20, large: 4 };
const benchStarted = performance.now();

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Latency {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

function latency(
  questions: readonly string[],
  run: (q: string) => unknown,
  passes: number,
  warmUp = true,
  onProgress?: (done: number, total: number) => void,
): Latency {
  if (warmUp) for (const q of questions) run(q); // JIT, caches
  const samples: number[] = [];
  const total = passes * questions.length;
  for (let pass = 0; pass < passes; pass++) {
    for (const q of questions) {
      samples.push(time(() => run(q)));
      onProgress?.(samples.length, total);
    }
  }
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples[samples.length - 1]!,
    n: samples.length,
  };
}

function median(fn: () => void, runs: number): number {
  const samples = Array.from({ length: runs }, () => time(fn)).sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)]!;
}

const fmt = (ms: number): string => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const row = (name: string, l: Latency, build: number): string =>
  `  ${name.padEnd(44)} p50 ${fmt(l.p50).padStart(9)}   p99 ${fmt(l.p99).padStart(9)}   max ${fmt(l.max).padStart(9)}   build ${fmt(build).padStart(9)}`;

const kb = defaultKnowledge();
const set = loadQuestionSet();
const questions = [...set.inScope.map((q) => q.q), ...set.outOfScope.map((q) => q.q)];

/**
 * The engine and plain Fuse over the same entries. Plain Fuse compares each question with every
 * text, which at 10,000 entries takes seconds a question, so it runs on an evenly spread sample
 * (`sample` questions, one pass) and the speed-up is computed against the engine on that sample.
 */
const progress = (what: string): void => {
  process.stderr.write(`… ${what}\n`);
};

function measureBase(
  label: string,
  base: KnowledgeBase,
  passes: number,
  sample = questions.length,
): { engine: Latency; fuse: Latency; speedup: number; build: number } {
  progress(`${label}: building the engine and answering ${questions.length} questions × ${passes}`);
  console.log(
    `\n${label}: ${base.qa.length} Q&A entries, ${base.facts.length} facts, ${base.sentences.length} sentences`,
  );
  const engineBuild = median(() => new AnswerEngine(base), 3);
  const engine = new AnswerEngine(base);
  const engineLatency = latency(questions, (q) => engine.answer(q), passes);
  console.log(row(`engine: answer(q), ${questions.length} questions × ${passes}`, engineLatency, engineBuild));

  const step = questions.length / sample;
  const sampled = Array.from({ length: sample }, (_, i) => questions[Math.floor(i * step)]!);
  const docs = searchDocs(base);
  const fuseBuild = median(() => new Fuse(docs, { keys: ["texts"] }), 3);
  const fuse = new Fuse(docs, { keys: ["texts"] });
  // No warm-up pass for plain Fuse: it has no caches, and at 10,000 entries a pass takes minutes.
  progress(`${label}: plain Fuse on ${sample} questions (~11 s each at 10,000 entries)`);
  const fuseLatency = latency(
    sampled,
    (q) => fuse.search(q.slice(0, 500), { limit: 1 }),
    1,
    false,
    (done, total) => {
      if (done % 4 === 0 || done === total) progress(`  plain Fuse: ${done}/${total} questions`);
    },
  );
  const engineOnSample = latency(sampled, (q) => engine.answer(q), passes);
  console.log(row(`plain Fuse, same entries, ${sample} questions × 1`, fuseLatency, fuseBuild));
  console.log(row(`engine on those ${sample} questions`, engineOnSample, engineBuild));
  const speedup = fuseLatency.p50 / engineOnSample.p50;
  console.log(
    `  → engine is ${speedup.toFixed(0)}× faster at p50, ${(fuseLatency.p99 / engineOnSample.p99).toFixed(0)}× at p99`,
  );
  return { engine: engineLatency, fuse: fuseLatency, speedup, build: engineBuild };
}

console.log(
  `Node ${process.version}, ${process.platform}/${process.arch}; ${FULL ? "--full" : "default samples (--full for the larger ones)"}`,
);

// Pasted articles first (their packs are what the HTTP server serves), then the HTTP server: it idles 30 s
// before its idle RSS is read, meanwhile the rest is measured.
progress("pasted articles: knowledge:new on nine of the question corpus's articles");
const drafts = measureDrafts();
const draftLatency = latency(drafts.draft.questions, (q) => drafts.draft.engine.answer(q), PASSES);
console.log(`\nPasted articles (knowledge:new, then the draft pack; test/corpus/)`);
for (const made of drafts.made)
  console.log(
    `  knowledge:new ${made.id.padEnd(18)} ${String(made.sentences).padStart(3)} sentences ${fmt(made.ms).padStart(11)}`,
  );
const slowestMade = drafts.made.reduce((a, b) => (b.ms > a.ms ? b : a));
console.log(
  row(
    `draft ${drafts.draft.id} (${drafts.draft.sentences} sentences), ${drafts.draft.questions.length} q × ${PASSES}`,
    draftLatency,
    0,
  ).replace(/\s+build.*$/, ""),
);
progress(
  `production: starting the compiled HTTP server with ${drafts.packs} packs, to idle while the rest is measured`,
);
const dataDir = mkdtempSync(join(tmpdir(), "bench-data-"));
const httpServer = await startIdleHttpServer(drafts.root);

// The baseline the issue names: Fuse over the article's sentences, nothing else.
const sentenceTexts = kb.sentences.map((s) => s.text);
const sentenceFuseBuild = median(() => new Fuse(sentenceTexts), 5);
const sentenceFuse = new Fuse(sentenceTexts);
console.log("\nBaseline: new Fuse(sentences).search(q), 26 sentences");
console.log(
  row(
    "plain Fuse over sentences",
    latency(questions, (q) => sentenceFuse.search(q.slice(0, 500)), PASSES),
    sentenceFuseBuild,
  ),
);

const small = measureBase("The article's knowledge base", kb, PASSES, FUSE_SAMPLE.small);
const large = measureBase(
  "Grown to 10,000 Q&A entries (bench/synthetic-base.ts)",
  growKnowledgeBase(kb, 10_000),
  Math.max(2, Math.floor(PASSES / 4)),
  FUSE_SAMPLE.large,
);
const huge = FULL || process.argv.includes("--100k") ? measureHuge() : undefined;

/** The engine alone at 100,000 entries (--full or --100k: building it takes ~40 s; plain Fuse would take hours). */
function measureHuge(): { latency: Latency; build: number } {
  progress("Grown to 100,000 Q&A entries: building the engine once and answering every question once");
  const base = growKnowledgeBase(kb, 100_000);
  const build = time(() => new AnswerEngine(base));
  const engine = new AnswerEngine(base);
  const l = latency(questions, (q) => engine.answer(q), 1);
  console.log(`\nGrown to 100,000 Q&A entries: ${base.qa.length} Q&A entries`);
  console.log(row(`engine: answer(q), ${questions.length} questions × 1`, l, build));
  return { latency: l, build };
}

// Production figures, as ratios to a bare `node -e 0` measured here (the compiled build, dist/).
progress("production: spawning bare node, the compiled CLI and the HTTP server");
const RUNS = 9;
/**
 * Spawn to the first byte on stdout (for the CLI: its answer, printed before the question is logged) and to
 * exit, medians of RUNS spawns. The CLI logs to a temporary store, as it logs by default.
 */
async function spawnTimes(
  args: string[],
  check?: (stdout: string) => boolean,
): Promise<{ first: number; exit: number }> {
  const firsts: number[] = [];
  const exits: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    let stdout = "";
    let first: number | undefined;
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir } });
      child.stdout.on("data", (d: Buffer) => {
        first ??= performance.now() - start;
        stdout += d.toString();
      });
      child.on("close", resolve);
    });
    exits.push(performance.now() - start);
    firsts.push(first ?? exits[exits.length - 1]!);
    if (code !== 0 || (check !== undefined && !check(stdout))) throw new Error(`${args.join(" ")} failed: ${stdout}`);
  }
  const mid = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  return { first: mid(firsts), exit: mid(exits) };
}
const nodeOnly = (await spawnTimes(["-e", "console.log(0)"])).first;
const cli = await spawnTimes(["dist/cli/ask.js", "When did Putin first visit North Korea?"], (out) =>
  out.includes("[S5]"),
);
const sourceTimes = await spawnTimes(["--import", "tsx", "bench/ready-probe.ts"], (out) => out.trim() === "ready");
const cliRatio = cli.first / nodeOnly;
console.log("\nProduction (compiled dist/, medians of " + RUNS + " spawns)");
console.log(`  bare \`node -e "console.log(0)"\` (to its output)            ${fmt(nodeOnly).padStart(9)}`);
console.log(
  `  node dist/cli/ask.js "…": spawn to first answer              ${fmt(cli.first).padStart(9)}   ${cliRatio.toFixed(2)}× bare node`,
);
console.log(
  `  node dist/cli/ask.js "…": to exit (the question logged)      ${fmt(cli.exit).padStart(9)}   ${(cli.exit / nodeOnly).toFixed(2)}× bare node`,
);
console.log(
  `  same from the sources through tsx (for comparison)          ${fmt(sourceTimes.first).padStart(9)}   ${(sourceTimes.first / nodeOnly).toFixed(2)}× bare node`,
);

/**
 * RSS of the compiled HTTP server from its own /metrics: 1 s after it starts listening, and once it has been
 * idle 30 s (V8's memory reducer returns the heap grown while building the index only after some idle seconds).
 */
interface IdleHttpServer {
  readonly early: number;
  /** Waits until the server has idled 30 s, reads its RSS and stops it. */
  idle(): Promise<number>;
}

async function startIdleHttpServer(knowledge: string): Promise<IdleHttpServer> {
  const port = await freePort();
  const { publicKey } = generateKeyPairSync("ed25519");
  const child = spawn(process.execPath, ["dist/http/main.js"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DISCORD_PUBLIC_KEY: publicKeyToHex(publicKey),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      REDIS_URL: "",
      KNOWLEDGE_DIR: knowledge,
      SNAPSHOT_DIR: join(knowledge, ".snapshots"),
      ARTICLES: "",
      DATA_DIR: dataDir,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  process.once("exit", () => child.kill("SIGTERM")); // also when a measurement throws
  const rssNow = async (): Promise<number> => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const rss = /^process_resident_memory_bytes (\d+)/m.exec(text)?.[1];
    if (rss === undefined) throw new Error("no process_resident_memory_bytes in /metrics");
    return Number(rss) / 1e6;
  };
  const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
  try {
    await new Promise<void>((resolve, reject) => {
      let err = "";
      child.stderr?.on("data", (d: Buffer) => {
        err += d.toString();
        if (err.includes('"event":"listening"')) resolve();
      });
      child.once("exit", (code) => reject(new Error(`HTTP server exited ${String(code)}: ${err}`)));
    });
  } catch (error) {
    child.kill("SIGTERM");
    throw error;
  }
  const listening = performance.now();
  await sleep(1_000);
  const early = await rssNow();
  return {
    early,
    idle: async () => {
      try {
        const left = listening + 30_000 - performance.now();
        if (left > 0) {
          progress(`production: the HTTP server idles ${(left / 1000).toFixed(0)} s more`);
          await sleep(left);
        }
        return await rssNow();
      } finally {
        child.kill("SIGTERM");
      }
    },
  };
}
const rssEarly = httpServer.early;
const rss = await httpServer.idle();
console.log(
  `  HTTP server RSS (node dist/http/main.js, ${drafts.packs} packs), 1 s after listening ${`${rssEarly.toFixed(1)} MB`.padStart(9)}`,
);
console.log(`  HTTP server RSS, idle 30 s                                  ${`${rss.toFixed(1)} MB`.padStart(9)}`);

progress("autocomplete at any input length");
const autocompleteEngine = new AnswerEngine(kb);
const noise = (n: number): string => Array.from({ length: n }, (_, i) => "qzxjvkwyfbgh pmd"[(i * 7919) % 16]).join("");
const typed = [
  ["empty", ""],
  ["'putin vis'", "putin vis"],
  [
    "100 chars of a question",
    "when did putin first visit north korea and what did he promise kim jong un about the treaty and ".slice(0, 100),
  ],
  ["500 chars of noise", noise(500)],
  ["5,000 chars of noise", noise(5_000)],
] as const;
let autocompleteMax = 0;
console.log("\nAutocomplete (suggestQuestions + suggestFacts, 25 each)");
for (const [label, text] of typed) {
  const l = latency(
    [text],
    (q) => {
      autocompleteEngine.suggestQuestions(q, 25);
      autocompleteEngine.suggestFacts(q, 25);
    },
    200,
  );
  autocompleteMax = Math.max(autocompleteMax, l.p99);
  console.log(row(label, l, 0).replace(/\s+build.*$/, ""));
}

const manyArticles = measureManyArticles(kb, questions, Math.max(2, Math.floor(PASSES / 4)));

const mark = (ok: boolean): string => (ok ? "✓" : "✗");
const targets = [
  `answer p99 ≤ 0.5 ms on the reference pack: ${fmt(small.engine.p99)} ${mark(small.engine.p99 <= 0.5)}`,
  `answer p99 ≤ 1 ms on a 60-sentence draft pack (${drafts.draft.sentences}): ${fmt(draftLatency.p99)} ${mark(draftLatency.p99 <= 1)}`,
  `knowledge:new ≤ 3 s for 60 sentences (slowest of ${drafts.made.length}, up to ${Math.max(...drafts.made.map((m) => m.sentences))} sentences: ${slowestMade.id}, ${slowestMade.sentences}): ${fmt(slowestMade.ms)} ${mark(slowestMade.ms <= 3000)}`,
  `HTTP server with ${drafts.packs} packs idles ≤ 120 MB RSS: ${rss.toFixed(1)} MB ${mark(rss <= 120)}`,
  `10,000 entries: p50 ≤ 2 ms ${fmt(large.engine.p50)} ${mark(large.engine.p50 <= 2)}, p99 ≤ 8 ms ${fmt(large.engine.p99)} ${mark(large.engine.p99 <= 8)}, build ≤ 2 s ${fmt(large.build)} ${mark(large.build <= 2000)}`,
  huge === undefined
    ? "100,000 entries: p50 ≤ 20 ms: measured with --full or --100k"
    : `100,000 entries: p50 ≤ 20 ms ${fmt(huge.latency.p50)} ${mark(huge.latency.p50 <= 20)} (p99 ${fmt(huge.latency.p99)}, build ${fmt(huge.build)})`,
  `≥ 10× plain Fuse at 10,000 entries: ${large.speedup.toFixed(0)}× ${mark(large.speedup >= 10)}`,
  `spawn to first answer ≤ 2.5× bare node: ${cliRatio.toFixed(2)}× ${mark(cliRatio <= 2.5)}`,
  `autocomplete p99 ≤ 5 ms at any length: ${fmt(autocompleteMax)} ${mark(autocompleteMax <= 5)}`,
  manyArticles,
];
console.log(`\nTargets:\n${targets.map((t) => `  ${t}`).join("\n")}`);
const took = (performance.now() - benchStarted) / 1000;
console.log(
  `\nPlain Fuse sampled on ${FUSE_SAMPLE.small} and ${FUSE_SAMPLE.large} questions${FULL ? " (--full)" : " (--full: 60 and 24)"}; the bench took ${Math.floor(took / 60)} min ${(took % 60).toFixed(0)} s.`,
);
