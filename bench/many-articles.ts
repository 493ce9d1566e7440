import { pathToFileURL } from "node:url";
import { Library } from "../src/answer/library.js";
import { loadQuestionSet } from "../src/eval/question-sets.js";
import { secondArticlePack } from "../src/eval/second-article.js";
import { defaultKnowledge, loadPacks } from "../src/knowledge/load.js";
import type { KnowledgeBase } from "../src/knowledge/types.js";
import { writeManyPacks } from "./many-packs.js";

/**
 * The many-articles case of `npm run bench` (also `npx tsx bench/many-articles.ts` alone): 200 packs
 * generated from the two articles' sentences are loaded as the bot loads knowledge/ (read, validate, build
 * every pack's index), then questions are answered across all of them with no article chosen. Returns the
 * targets line.
 */
export function measureManyArticles(
  kb: KnowledgeBase,
  questions: readonly string[],
  passes: number,
  count = 200,
): string {
  const many = writeManyPacks([kb, secondArticlePack()], count);
  const loads: number[] = [];
  let library: Library | undefined;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    library = new Library(loadPacks(many.root, undefined));
    loads.push(performance.now() - start);
  }
  loads.sort((a, b) => a - b);
  const asked = [
    ...questions.slice(0, 60),
    ...many.questions.slice(0, 60),
    ...loadQuestionSet("second")
      .inScope.slice(0, 30)
      .map((q) => q.q),
  ];
  for (const q of asked) library!.answer(q); // JIT, caches
  const samples: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const q of asked) {
      const start = performance.now();
      library!.answer(q);
      samples.push(performance.now() - start);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (p: number): number => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)]!;
  const ms = (x: number): string => `${x.toFixed(2)} ms`;
  const sentences = library!.packs.reduce((n, p) => n + p.kb.sentences.length, 0);
  console.log(`\nMany articles: ${library!.packs.length} packs, ${sentences} sentences`);
  console.log(`  load (read + validate + index every pack): median ${ms(loads[1]!)} of 3`);
  console.log(
    `  answer across every pack, ${asked.length} questions × ${passes}: p50 ${ms(at(50))}   p99 ${ms(at(99))}   max ${ms(samples.at(-1)!)}`,
  );
  return `${count} packs load in ≤ 2 s: ${ms(loads[1]!)} ${loads[1]! <= 2000 ? "✓" : "✗"}; across them, p99 ≤ 5 ms: ${ms(at(99))} ${at(99) <= 5 ? "✓" : "✗"}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const set = loadQuestionSet();
  console.log(
    measureManyArticles(defaultKnowledge(), [...set.inScope.map((q) => q.q), ...set.outOfScope.map((q) => q.q)], 5),
  );
}
