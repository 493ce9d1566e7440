import { spawnSync } from "node:child_process";
import Fuse from "fuse.js";
import { AnswerEngine } from "../src/answer/engine.js";
import { loadQuestionSet } from "../src/eval/evaluate.js";
import { searchDocs } from "../src/eval/strategies.js";
import { defaultKnowledge, REPO_ROOT } from "../src/knowledge/load.js";
import type { KnowledgeBase } from "../src/knowledge/types.js";
import { growKnowledgeBase } from "./synthetic-base.js";
import { measureManyArticles } from "./many-articles.js";

/**
 * `npm run bench`: answer latency, index build time and process start-to-ready, for the engine
 * and for plain Fuse baselines measured in the same run, on the article's base and on a base grown
 * to 10,000 entries. Timings, not assertions: the machines are shared, so read them as a snapshot.
 */
const PASSES = Number(process.env.BENCH_PASSES ?? 20);

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

function latency(questions: readonly string[], run: (q: string) => unknown, passes: number, warmUp = true): Latency {
  if (warmUp) for (const q of questions) run(q); // JIT, caches
  const samples: number[] = [];
  for (let pass = 0; pass < passes; pass++) for (const q of questions) samples.push(time(() => run(q)));
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1]!, n: samples.length };
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
function measureBase(label: string, base: KnowledgeBase, passes: number, sample = questions.length): { engine: Latency; fuse: Latency; speedup: number } {
  console.log(`\n${label}: ${base.qa.length} Q&A entries, ${base.facts.length} facts, ${base.sentences.length} sentences`);
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
  const fuseLatency = latency(sampled, (q) => fuse.search(q.slice(0, 500), { limit: 1 }), 1, false);
  const engineOnSample = latency(sampled, (q) => engine.answer(q), passes);
  console.log(row(`plain Fuse, same entries, ${sample} questions × 1`, fuseLatency, fuseBuild));
  console.log(row(`engine on those ${sample} questions`, engineOnSample, engineBuild));
  const speedup = fuseLatency.p50 / engineOnSample.p50;
  console.log(`  → engine is ${speedup.toFixed(0)}× faster at p50, ${(fuseLatency.p99 / engineOnSample.p99).toFixed(0)}× at p99`);
  return { engine: engineLatency, fuse: fuseLatency, speedup };
}

console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);

// The baseline the issue names: Fuse over the article's sentences, nothing else.
const sentenceTexts = kb.sentences.map((s) => s.text);
const sentenceFuseBuild = median(() => new Fuse(sentenceTexts), 5);
const sentenceFuse = new Fuse(sentenceTexts);
console.log("\nBaseline: new Fuse(sentences).search(q), 26 sentences");
console.log(row("plain Fuse over sentences", latency(questions, (q) => sentenceFuse.search(q.slice(0, 500)), PASSES), sentenceFuseBuild));

const small = measureBase("The article's knowledge base", kb, PASSES, 60);
const large = measureBase("Grown to 10,000 Q&A entries (bench/synthetic-base.ts)", growKnowledgeBase(kb, 10_000), Math.max(2, Math.floor(PASSES / 4)), 24);

// Start to ready: a fresh process loads and validates the base, builds the index, answers once.
const readyRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/ready-probe.ts"], { cwd: REPO_ROOT, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.stdout.trim() !== "ready") throw new Error(`ready probe failed: ${r.stdout} ${r.stderr}`);
  readyRuns.push(ms);
}
readyRuns.sort((a, b) => a - b);
const nodeOnly = median(() => spawnSync(process.execPath, ["-e", "0"]), 5);
console.log(`\nProcess start to ready (node + tsx, load + validate + index + first answer): median ${fmt(readyRuns[2]!)} (bare \`node -e 0\`: ${fmt(nodeOnly)})`);

const manyArticles = measureManyArticles(kb, questions, Math.max(2, Math.floor(PASSES / 4)));

const p99Ok = small.engine.p99 <= 1;
const speedup = large.speedup;
console.log(`\nTargets: p99 ≤ 1 ms on the article's base: ${fmt(small.engine.p99)} ${p99Ok ? "✓" : "✗"}; ≥ 10× plain Fuse at 10,000 entries: ${speedup.toFixed(0)}× ${speedup >= 10 ? "✓" : "✗"}`);
console.log(`         ${manyArticles}`);
