import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { filterByAnswerType } from "../answer/filter-answer-type.js";
import type { DecisionModel, RankingModel } from "../answer/features.js";
import {
  CANDIDATE_FEATURES,
  DECISION_FEATURES,
  ENTRY_FEATURES,
  candidateFeatures,
  confidence,
  decisionFeatures,
  rank,
} from "../answer/features.js";
import { entryEvidence, firstSentenceOf } from "../answer/judge.js";
import { checkPremise, PremiseChecker } from "../answer/premise.js";
import { prepare } from "../answer/prepare.js";
import { defaultKnowledge, REPO_ROOT } from "../knowledge/load.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import { buildIndex } from "../search/pack-index.js";
import { retrieve } from "../search/retrieve.js";
import { loadCorpus } from "./corpus.js";
import type { QuestionSet } from "./question-sets.js";
import { loadQuestionSet } from "./question-sets.js";
import { sentencesOnly } from "./strategies.js";

/**
 * `npm run eval:fit` — fits the judge's two models and writes src/answer/models.ts:
 *  - the ranker (a conditional logit over every sentence of the article, plus "none"), and
 *  - the decider (P(the ranker's best sentence is right), from how clearly it stands out), with the answer
 *    cut-off set where wrong answers stay at MAX_WRONG of the answerable questions and out-of-scope questions
 *    answered at MAX_OUT_OF_SCOPE.
 *
 * Two pairs: for draft packs (answered from their sentences alone), fitted on the corpus's tuning articles and
 * the reference article's tuning set asked of its sentences alone, cross-validated by article (each article's
 * figures come from models fitted without it); and for curated packs, the same plus the reference pack with its
 * curated entries, whose questions are cross-validated in five folds (it is the one curated article).
 * Held-out articles and held-out question sets are never read here. False premises are left out of the ranker
 * (the premise check corrects them with the sentence it ranks first) but not of the deciders: one the premise
 * check misses should not be answered as asked.
 */
const MAX_WRONG = 0.03;
const MAX_OUT_OF_SCOPE = 0.1;
/**
 * The curated-entry decider is cross-validated by question within the one curated article, which flatters it
 * (its folds share the article); its out-of-scope budget is half the sentence decider's to make up for that.
 */
const ENTRY_MAX_OUT_OF_SCOPE = 0.05;
/** Within those budgets, the cut-off maximises right answers less this many per wrong answer (in scope or not). */
const WRONG_COST = 3;
const RANKER_L2 = 0.02;
const DECIDER_L2 = 0.02;

interface Group {
  /** The fold it belongs to: an article, or a fold of the curated article's questions. */
  readonly fold: string;
  readonly rows: number[][];
  /** 1 for a sentence that answers it; all 0 for an out-of-scope question. */
  readonly labels: number[];
  readonly inScope: boolean;
  readonly prepared: ReturnType<typeof prepare>;
  readonly typed: ReturnType<typeof filterByAnswerType>;
  readonly kb: KnowledgeBase;
  readonly expect: readonly string[];
  /**
   * A false premise: left out of the ranker's fitting (its best sentence is the one to correct it with), kept for
   * the deciders as a question not to answer as asked.
   */
  readonly premise: boolean;
  /** A false premise the premise check corrects: handled whatever the deciders say. */
  readonly corrected: boolean;
}

function groupsOf(kb: KnowledgeBase, set: QuestionSet, fold: (i: number) => string, entries: boolean): Group[] {
  const index = buildIndex(kb, { entries });
  const checker = new PremiseChecker(kb.concepts, kb.sentences, index.analyzer);
  const position = new Map(kb.sentences.map((s, i) => [s.id, i]));
  const items = [
    ...set.inScope.map((q) => ({ q: q.q, expect: q.expect, premise: false })),
    ...set.outOfScope.map((q) => ({ q: q.q, expect: [] as readonly string[], premise: q.corrects !== undefined })),
  ];
  const out: Group[] = [];
  items.forEach((item, i) => {
    const prepared = prepare(item.q);
    if (prepared.nothing !== undefined) return;
    const typed = filterByAnswerType(retrieve(prepared, index), prepared, index, kb);
    const rows = candidateFeatures(typed, prepared, index.sentences, kb.sentences);
    const labels = new Array<number>(rows.length).fill(0);
    for (const id of item.expect) {
      const at = position.get(id);
      if (at !== undefined) labels[at] = 1;
    }
    // Whether the premise check corrects it (it reads the best-scoring sentences, before any decision).
    const order = [...typed.scores.score.keys()].sort((a, b) => typed.scores.score[b]! - typed.scores.score[a]!);
    const corrected =
      item.premise &&
      checkPremise(
        prepared.question,
        typed.words.filter((w) => w.via === "exact" || w.via === "corrected").map((w) => w.term),
        order.slice(0, 5).map((d) => kb.sentences[d]!.id),
        checker,
        kb.sentenceById,
      ) !== undefined;
    out.push({
      fold: fold(i),
      rows,
      labels,
      inScope: item.expect.length > 0,
      prepared,
      typed,
      kb,
      expect: item.expect,
      premise: item.premise,
      corrected,
    });
  });
  return out;
}

function standardiser(rows: readonly (readonly number[])[]): { mean: number[]; scale: number[] } {
  const width = rows[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(0);
  for (const r of rows) for (let j = 0; j < width; j++) mean[j]! += r[j]! / rows.length;
  for (const r of rows) for (let j = 0; j < width; j++) scale[j]! += (r[j]! - mean[j]!) ** 2 / rows.length;
  return { mean, scale: scale.map((v) => Math.sqrt(v) || 1) };
}

/** Adam on a differentiable loss over a weight vector. */
function adam(
  width: number,
  gradient: (w: Float64Array, grad: Float64Array) => void,
  iterations: number,
  rate = 0.05,
): Float64Array {
  const w = new Float64Array(width);
  const m = new Float64Array(width);
  const v = new Float64Array(width);
  const g = new Float64Array(width);
  for (let t = 1; t <= iterations; t++) {
    g.fill(0);
    gradient(w, g);
    for (let j = 0; j < width; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * g[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * g[j]! * g[j]!;
      w[j]! -= (rate * (m[j]! / (1 - 0.9 ** t))) / (Math.sqrt(v[j]! / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return w;
}

/** The ranker: weights over standardised candidate features, plus the bias of "none" (the last weight). */
function fitRanker(all: readonly Group[], iterations = 250): RankingModel {
  const groups = all.filter((g) => !g.premise);
  const { mean, scale } = standardiser(groups.flatMap((g) => g.rows));
  const F = mean.length;
  const data = groups.map((g) => ({
    x: g.rows.map((r) => Float64Array.from(r, (v, j) => (v - mean[j]!) / scale[j]!)),
    labels: g.labels,
    positives: g.labels.reduce((a, b) => a + b, 0),
  }));
  const w = adam(
    F + 1,
    (w, grad) => {
      for (const { x, labels, positives } of data) {
        const z = x.map((row) => {
          let s = 0;
          for (let j = 0; j < F; j++) s += row[j]! * w[j]!;
          return s;
        });
        const top = Math.max(w[F]!, ...z);
        const e = z.map((s) => Math.exp(s - top));
        const eNone = Math.exp(w[F]! - top);
        const sum = e.reduce((a, b) => a + b, eNone);
        for (let i = 0; i < x.length; i++) {
          const target = positives === 0 ? 0 : labels[i]! / positives;
          const d = e[i]! / sum - target;
          if (d === 0) continue;
          for (let j = 0; j < F; j++) grad[j]! += (d * x[i]![j]!) / data.length;
        }
        grad[F]! += (eNone / sum - (positives === 0 ? 1 : 0)) / data.length;
      }
      for (let j = 0; j < F; j++) grad[j]! += RANKER_L2 * w[j]!;
    },
    iterations,
  );
  return { weights: [...w.slice(0, F)], mean, scale, noneBias: w[F]! };
}

interface Scored {
  readonly group: Group;
  readonly features: number[];
  readonly topRight: boolean;
  readonly top3Right: boolean;
}

function score(group: Group, ranker: RankingModel): Scored {
  const { probabilities, none } = rank(group.rows, ranker);
  const order = [...probabilities.keys()].sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
  const top = order[0]!;
  return {
    group,
    features: decisionFeatures(
      order.slice(0, 10).map((d) => probabilities[d]!),
      none,
      group.rows[top]!,
      group.typed,
      group.prepared,
    ),
    topRight: group.labels[top] === 1,
    top3Right: order.slice(0, 3).some((d) => group.labels[d] === 1),
  };
}

function fitDecider(scored: readonly Scored[], iterations = 400): Omit<DecisionModel, "answerAt"> {
  const { mean, scale } = standardiser(scored.map((s) => s.features));
  const F = mean.length;
  const data = scored.map((s) => ({
    x: s.features.map((v, j) => (v - mean[j]!) / scale[j]!),
    y: s.topRight && s.group.inScope ? 1 : 0,
  }));
  const w = adam(
    F + 1,
    (w, grad) => {
      for (const { x, y } of data) {
        let z = w[F]!;
        for (let j = 0; j < F; j++) z += x[j]! * w[j]!;
        const d = 1 / (1 + Math.exp(-z)) - y;
        for (let j = 0; j < F; j++) grad[j]! += (d * x[j]!) / data.length;
        grad[F]! += d / data.length;
      }
      for (let j = 0; j < F; j++) grad[j]! += DECIDER_L2 * w[j]!;
    },
    iterations,
  );
  return { weights: [...w.slice(0, F)], mean, scale, bias: w[F]! };
}

/** The cut-off that answers the most questions rightly within the wrong-answer and out-of-scope budgets. */
function chooseCutoff(
  all: readonly Scored[],
  allP: readonly number[],
  label: string,
  maxOutOfScope = MAX_OUT_OF_SCOPE,
): number {
  const keep = all.map((s) => !s.group.corrected);
  const scored = all.filter((_, i) => keep[i]);
  const p = allP.filter((_, i) => keep[i]);
  const inScope = scored.filter((s) => s.group.inScope).length;
  const outOfScope = scored.length - inScope;
  let best = { cut: 0.95, right: -1, wrong: 0, oos: 0, utility: -Infinity };
  // Without a cut-off inside both budgets, the one with the best utility (and the report says so).
  let fallback = { ...best };
  for (let cut = 0.3; cut <= 0.951; cut += 0.01) {
    let right = 0;
    let wrong = 0;
    let oos = 0;
    scored.forEach((s, i) => {
      if (p[i]! < cut) return;
      if (!s.group.inScope) oos++;
      else if (s.topRight) right++;
      else wrong++;
    });
    const utility = right - WRONG_COST * (wrong + oos);
    if (wrong <= MAX_WRONG * inScope && oos <= maxOutOfScope * outOfScope && utility > best.utility)
      best = { cut, right, wrong, oos, utility };
    if (utility > fallback.utility) fallback = { cut, right, wrong, oos, utility };
  }
  if (best.right < 0) {
    console.log(`${label}: no cut-off keeps within both budgets; taking the one with the best utility`);
    best = fallback;
  }
  const top1 = scored.filter((s) => s.group.inScope && s.topRight).length;
  const top3 = scored.filter((s) => s.group.inScope && s.top3Right).length;
  const helpful = scored.filter(
    (s, i) => s.group.inScope && ((p[i]! >= best.cut && s.topRight) || (p[i]! < best.cut && s.top3Right)),
  ).length;
  const pct = (n: number, d: number): string => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  console.log(
    `${label}: ${inScope} answerable + ${outOfScope} out of scope, cross-validated: best sentence ranked first ${pct(top1, inScope)}, ` +
      `in the first three ${pct(top3, inScope)}; answering at p ≥ ${best.cut.toFixed(2)}: right ${pct(best.right, inScope)}, ` +
      `wrong ${pct(best.wrong, inScope)}, out of scope answered ${pct(best.oos, outOfScope)}, helpful ${pct(helpful, inScope)}`,
  );
  return Math.round(best.cut * 100) / 100;
}

/** Out-of-fold rankers per fold, kept so the entry decider can read sentence probabilities it has not been fitted on. */
function fitSentenceModels(groups: readonly Group[]): {
  ranker: RankingModel;
  decider: DecisionModel;
  rankerWithout: (fold: string) => RankingModel;
} {
  const rankers = new Map<string, RankingModel>();
  const rankerWithout = (fold: string): RankingModel => {
    let r = rankers.get(fold);
    if (r === undefined) rankers.set(fold, (r = fitRanker(groups.filter((g) => g.fold !== fold))));
    return r;
  };
  const folds = [...new Set(groups.map((g) => g.fold))];
  const scored: Scored[] = [];
  for (const fold of folds) {
    const ranker = rankerWithout(fold);
    for (const g of groups) if (g.fold === fold) scored.push(score(g, ranker));
    process.stderr.write(".");
  }
  const p: number[] = new Array<number>(scored.length).fill(0);
  for (const fold of folds) {
    const model = { ...fitDecider(scored.filter((s) => s.group.fold !== fold)), answerAt: 0 };
    scored.forEach((s, i) => {
      if (s.group.fold === fold) p[i] = confidence(s.features, model);
    });
  }
  process.stderr.write("\n");
  const answerAt = chooseCutoff(scored, p, "sentences (any pack)");
  return { ranker: fitRanker(groups), decider: { ...fitDecider(scored), answerAt }, rankerWithout };
}

interface EntryExample {
  readonly fold: string;
  readonly x: number[];
  readonly y: number;
  readonly inScope: boolean;
  /** Counts towards the cut-off (a question of the eval set, not one of the pack's own phrasings). */
  readonly question: boolean;
  readonly corrected: boolean;
}

function entryExample(g: Group, ranker: RankingModel, question: boolean): EntryExample | undefined {
  const rows = g.rows;
  const { probabilities } = rank(rows, ranker);
  let top = 0;
  for (let d = 1; d < probabilities.length; d++) if (probabilities[d]! > probabilities[top]!) top = d;
  const evidence = entryEvidence(g.typed, g.kb, probabilities, g.kb.sentences[top]?.id, g.prepared.kind);
  if (evidence === undefined) return undefined;
  const first = firstSentenceOf(g.kb, evidence.hit);
  return {
    fold: g.fold,
    x: evidence.features,
    y: first !== undefined && g.expect.includes(first) ? 1 : 0,
    inScope: g.inScope,
    question,
    corrected: g.corrected,
  };
}

function fitEntryDecider(examples: readonly EntryExample[]): DecisionModel {
  const asScored = (e: EntryExample): Scored => ({
    group: { inScope: e.inScope, fold: e.fold, corrected: e.corrected } as Group,
    features: e.x,
    topRight: e.y === 1,
    top3Right: e.y === 1,
  });
  const folds = [...new Set(examples.filter((e) => e.question).map((e) => e.fold))];
  const questions = examples.filter((e) => e.question);
  const p = new Array<number>(questions.length).fill(0);
  for (const fold of folds) {
    const model = { ...fitDecider(examples.filter((e) => e.fold !== fold).map(asScored)), answerAt: 0 };
    questions.forEach((e, i) => {
      if (e.fold === fold) p[i] = confidence(e.x, model);
    });
  }
  const answerAt = chooseCutoff(questions.map(asScored), p, "curated entries (reference pack)", ENTRY_MAX_OUT_OF_SCOPE);
  return { ...fitDecider(examples.map(asScored)), answerAt };
}

const reference = defaultKnowledge();
const tuning = loadCorpus("tune");
process.stderr.write(`Building features for ${tuning.length} tuning articles and the reference article…\n`);
const corpusGroups = tuning.flatMap((a) => groupsOf(a.kb, a.set, () => a.id, false));
const referenceSet = loadQuestionSet("eval");
const referenceBare = groupsOf(sentencesOnly(reference), referenceSet, () => "reference", false);
const sentenceModels = fitSentenceModels([...corpusGroups, ...referenceBare]);

// The entry decider: the reference pack with its entries, its eval questions in five folds, and its own
// phrasings (each answered by its entry: what an exact match looks like) with every fold's training.
const referenceRanker = sentenceModels.rankerWithout("reference");
const curatedGroups = groupsOf(reference, referenceSet, (i) => `reference-fold-${i % 5}`, true);
const phrasingSet: QuestionSet = {
  inScope: reference.qa.flatMap((e) =>
    [e.question, ...e.phrasings].map((q) => ({ q, expect: [...e.sentences.slice(0, 1)], kind: "phrasing" })),
  ),
  outOfScope: [{ q: "-", kind: "none" }],
};
const phrasingGroups = groupsOf(reference, phrasingSet, () => "phrasings", true).filter((g) => g.inScope);
const entryExamples = [
  ...curatedGroups.flatMap((g) => entryExample(g, referenceRanker, true) ?? []),
  ...phrasingGroups.flatMap((g) => entryExample(g, referenceRanker, false) ?? []),
];
const entryDecider = fitEntryDecider(entryExamples);

const round = (x: number): number => Math.round(x * 10000) / 10000;
const list = (xs: readonly number[]): string => `[${xs.map(round).join(", ")}]`;
const decider = (m: DecisionModel): string => `{
    weights: ${list(m.weights)},
    mean: ${list(m.mean)},
    scale: ${list(m.scale)},
    bias: ${round(m.bias)},
    answerAt: ${m.answerAt},
  }`;
const file = join(REPO_ROOT, "src/answer/models.ts");
writeFileSync(
  file,
  `import type { JudgeModels } from "./judge.js";

/**
 * Written by \`npm run eval:fit\` (src/eval/fit-models.ts) from the corpus's tuning articles and the reference
 * article's tuning set. Do not edit by hand.
 * Ranker features: ${CANDIDATE_FEATURES.join(", ")}.
 * Decider features: ${DECISION_FEATURES.join(", ")}.
 * Entry decider features: ${ENTRY_FEATURES.join(", ")}.
 */
export const MODELS: JudgeModels = {
  ranker: {
    weights: ${list(sentenceModels.ranker.weights)},
    mean: ${list(sentenceModels.ranker.mean)},
    scale: ${list(sentenceModels.ranker.scale)},
    noneBias: ${round(sentenceModels.ranker.noneBias)},
  },
  decider: ${decider(sentenceModels.decider)},
  entryDecider: ${decider(entryDecider)},
};
`,
);
console.log(`wrote ${file}`);
