import { createAnalyzer } from "../search/analyzer.js";
import { normalizeText } from "../search/normalize.js";
import { defaultSlang, foldSlang } from "../search/slang.js";
import { articleVocabulary, resolveWords } from "../search/query-words.js";
import { expectedSpanMask, questionKind } from "../search/question-type.js";
import type { ScoringOptions } from "../search/scoring-options.js";
import { DEFAULT_SCORING } from "../search/scoring-options.js";
import { buildSentenceIndex } from "../search/sentence-index.js";
import { scoreSentences } from "../search/sentence-scores.js";
import { questionCosines } from "../search/meaning.js";
import { defaultWordVectors } from "../search/word-vectors.js";
import { loadCorpus } from "./corpus.js";

/**
 * `npm run eval:rank` — sentence retrieval alone, without any decision: how often the right sentence is
 * ranked first and among the first three, on the corpus's tuning articles (the held-out articles only with
 * --holdout, for the final report). For choosing the retrieval's design and its ScoringOptions.
 */
const args = process.argv.slice(2);
const split = args.includes("--holdout") ? "holdout" : "tune";
const analyzer = createAnalyzer();
const vectors = args.includes("--no-vectors") ? undefined : defaultWordVectors();
const articles = loadCorpus(split);

const byKind = new Map<string, { n: number; top1: number }>();

function run(options: ScoringOptions, verbose: boolean): { top1: number; top3: number; total: number } {
  let top1 = 0;
  let top3 = 0;
  let total = 0;
  for (const article of articles) {
    const index = buildSentenceIndex(article.kb.sentences, analyzer, vectors, options);
    const vocabulary = articleVocabulary(
      article.kb.sentences.map((s) => s.text),
      analyzer,
      new Set(),
    );
    let a1 = 0;
    let a3 = 0;
    for (const q of article.set.inScope) {
      const normalized = foldSlang(normalizeText(q.q), defaultSlang(), vectors);
      const words = resolveWords(normalized, analyzer, vocabulary, index, vectors);
      const mask = expectedSpanMask(questionKind(normalized));
      const scores = scoreSentences(index, words, questionCosines(index, words, vectors), mask, options);
      const order = [...scores.score.keys()].sort((x, y) => scores.score[y]! - scores.score[x]!);
      const ids = order.slice(0, 3).map((d) => index.ids[d]!);
      if (q.expect.includes(ids[0]!)) a1++;
      if (verbose) {
        const k = byKind.get(q.kind) ?? byKind.set(q.kind, { n: 0, top1: 0 }).get(q.kind)!;
        k.n++;
        if (q.expect.includes(ids[0]!)) k.top1++;
      }
      if (ids.some((id) => q.expect.includes(id))) a3++;
      else if (verbose && args.includes("--misses"))
        console.log(`  [${article.id}/${q.kind}] ${q.q} → ${ids.join(",")} expected ${q.expect.join(",")}`);
    }
    if (verbose)
      console.log(
        `${article.id.padEnd(16)} top-1 ${((100 * a1) / article.set.inScope.length).toFixed(1)}%  top-3 ${((100 * a3) / article.set.inScope.length).toFixed(1)}%`,
      );
    top1 += a1;
    top3 += a3;
    total += article.set.inScope.length;
  }
  return { top1, top3, total };
}

const base = run(DEFAULT_SCORING, true);
console.log(
  `${split} pooled: top-1 ${((100 * base.top1) / base.total).toFixed(1)}%  top-3 ${((100 * base.top3) / base.total).toFixed(1)}%  (${base.total} questions${vectors === undefined ? ", no vectors" : ""})`,
);
console.log(`  by kind: ${[...byKind].map(([k, v]) => `${k} ${v.top1}/${v.n}`).join(", ")}`);
if (args.includes("--sweep")) {
  const grid: Partial<ScoringOptions>[] = [];
  for (const k1 of [0.9, 1.2, 1.6]) for (const b of [0.3, 0.5, 0.75]) grid.push({ k1, b });
  for (const contextWeight of [0.3, 0.5, 0.8]) grid.push({ contextWeight });
  for (const neighbourWeight of [0, 0.1, 0.25, 0.4]) grid.push({ neighbourWeight });
  for (const softWeight of [0.3, 0.6, 0.9])
    for (const softThreshold of [0.45, 0.55, 0.65]) grid.push({ softWeight, softThreshold });
  for (const typeBonus of [0, 0.05, 0.1, 0.2])
    for (const typePenalty of [0, 0.1, 0.25, 0.4]) grid.push({ typeBonus, typePenalty });
  for (const labelFactor of [0.4, 0.6, 0.8, 1]) grid.push({ labelFactor });
  for (const change of grid) {
    const r = run({ ...DEFAULT_SCORING, ...change }, false);
    console.log(
      `${JSON.stringify(change).padEnd(50)} top-1 ${((100 * r.top1) / r.total).toFixed(1)}%  top-3 ${((100 * r.top3) / r.total).toFixed(1)}%`,
    );
  }
}
