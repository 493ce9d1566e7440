import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DecisionModel } from "../answer/decide.js";
import { FEATURE_NAMES, featureVector, probability } from "../answer/decide.js";
import { AnswerEngine } from "../answer/engine.js";
import { defaultKnowledge, REPO_ROOT } from "../knowledge/load.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import { loadQuestionSet } from "./evaluate.js";
import { sentencesOnly } from "./strategies.js";

/**
 * `npm run eval:fit` — fits the answer decision (src/answer/decide.ts) on the eval question set only
 * and writes src/answer/decision-model.ts. The held-out sets are never read here.
 *
 * Each eval question the engine finds a match for is one example: label 1 when the match's first
 * sentence is one the question expects, 0 when it is another sentence or the question is out of
 * scope. The answer cut-off is the probability that answers the most in-scope questions rightly while
 * keeping confident mistakes at or below MAX_WRONG of all questions.
 */
const MAX_WRONG = 0.035;
const UNSURE_AT = 0.12;

const set = loadQuestionSet("eval");
const items = [
  ...set.inScope.map((x) => ({ q: x.q, expect: new Set(x.expect) })),
  // False premises are the premise check's to catch (answered by correcting them), not the decision's.
  ...set.outOfScope.filter((x) => x.corrects === undefined).map((x) => ({ q: x.q, expect: new Set<string>() })),
];

/** One model per kind of knowledge base: curated (Q&A and fact cards) and sentences only (a new article). */
function fit(kb: KnowledgeBase, label: string): DecisionModel {
  const engine = new AnswerEngine(kb);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const { q, expect } of items) {
    const judged = engine.judge(q);
    if (judged.best === undefined || judged.features === undefined || !judged.outcome.hasKnownTopic) continue;
    const first = engine.sourceSentences(judged.best.target)[0];
    rows.push(featureVector(judged.features));
    labels.push(first !== undefined && expect.has(first) ? 1 : 0);
  }
  const fitted = fitLogistic(rows, labels);
  const probe: DecisionModel = { ...fitted, answerAt: 0.5, unsureAt: UNSURE_AT };
  const scored = rows.map((r, i) => ({
    p: probability(
      Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, r[j]!])) as Parameters<typeof probability>[0],
      probe,
    ),
    label: labels[i]!,
  }));
  let best = { cut: 0.5, right: -1, wrong: 0 };
  for (let cut = 0.05; cut <= 0.951; cut += 0.01) {
    const right = scored.filter((x) => x.p >= cut && x.label === 1).length;
    const wrong = scored.filter((x) => x.p >= cut && x.label === 0).length;
    if (wrong <= MAX_WRONG * items.length && right > best.right) best = { cut, right, wrong };
  }
  console.log(
    `${label}: ${rows.length} examples (${labels.filter((l) => l === 1).length} right), answer at p ≥ ${round(best.cut, 2)}: ${best.right} right, ${best.wrong} wrong`,
  );
  FEATURE_NAMES.forEach((n, i) => console.log(`  ${n.padEnd(16)} ${round(fitted.weights[i]!, 3)}`));
  return { ...fitted, answerAt: round(best.cut, 2), unsureAt: UNSURE_AT };
}

const kb = defaultKnowledge();
// The sentences-only model is fitted first: fitting reads the models in force, so both start from the file as it is.
const curated = fit(kb, "curated");
const bare = fit(sentencesOnly(kb), "sentences only");

const file = join(REPO_ROOT, "src/answer/decision-model.ts");
const fmt = (xs: readonly number[]): string => `[${xs.map((x) => round(x, 4)).join(", ")}]`;
const literal = (m: DecisionModel): string => `{
  weights: ${fmt(m.weights)},
  mean: ${fmt(m.mean)},
  scale: ${fmt(m.scale)},
  answerAt: ${m.answerAt},
  unsureAt: ${m.unsureAt},
}`;
writeFileSync(
  file,
  `import type { DecisionModel } from "./decide.js";

/**
 * Written by \`npm run eval:fit\` (src/eval/fit-decision.ts) from the eval question set. Do not edit by hand.
 * Features, in order: ${FEATURE_NAMES.join(", ")}.
 */
export const DECISION_MODEL: DecisionModel = ${literal(curated)};

/** For an article with no Q&A entries or fact cards: matches are bare sentences, which score differently. */
export const SENTENCE_MODEL: DecisionModel = ${literal(bare)};
`,
);
console.log(`wrote ${file}`);

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Logistic regression by batch gradient descent with L2 regularisation: small, deterministic and
 * enough for a dozen features and a few hundred examples. Returns weights over standardised inputs.
 */
function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  { iterations = 4000, rate = 0.5, l2 = 0.01 } = {},
): Pick<DecisionModel, "weights" | "mean" | "scale"> {
  const width = rows[0]?.length ?? 0;
  const biasIndex = FEATURE_NAMES.indexOf("bias");
  const mean = Array.from({ length: width }, (_, j) => (j === biasIndex ? 0 : avg(rows.map((r) => r[j]!))));
  const scale = Array.from({ length: width }, (_, j) => {
    if (j === biasIndex) return 1;
    const m = mean[j]!;
    return Math.sqrt(avg(rows.map((r) => (r[j]! - m) ** 2))) || 1;
  });
  const xs = rows.map((r) => r.map((v, j) => (j === biasIndex ? 1 : (v - mean[j]!) / scale[j]!)));
  const w = new Array<number>(width).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(width).fill(0);
    xs.forEach((x, i) => {
      const z = x.reduce((s, v, j) => s + v * w[j]!, 0);
      const err = 1 / (1 + Math.exp(-z)) - labels[i]!;
      for (let j = 0; j < width; j++) grad[j]! += err * x[j]!;
    });
    for (let j = 0; j < width; j++) w[j]! -= rate * (grad[j]! / xs.length + (j === biasIndex ? 0 : l2 * w[j]!));
  }
  return { weights: w, mean, scale };
}

function avg(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
