/**
 * Cross-validation: the sentence models fitted fold by fold (by article), the entry decider's examples and its
 * folds, and the answer cut-off chosen on the out-of-fold probabilities within the wrong-answer and
 * out-of-scope budgets.
 */
import type { DecisionModel, RankingModel } from "../answer/features.js";
import { confidence, rank } from "../answer/features.js";
import { entryEvidence, firstSentenceOf } from "../answer/judge.js";
import type { Group } from "./fit-data.js";
import type { Scored } from "./fit-train.js";
import { fitDecider, fitRanker, score } from "./fit-train.js";

/**
 * The budgets: wrong answers as a share of the answerable questions, and out-of-scope questions answered as a
 * share of them.
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
export function fitSentenceModels(groups: readonly Group[]): {
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

export function entryExample(g: Group, ranker: RankingModel, question: boolean): EntryExample | undefined {
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

export function fitEntryDecider(examples: readonly EntryExample[]): DecisionModel {
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
