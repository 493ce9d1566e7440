import type { SearchHit, SearchOutcome } from "../search/search-index.js";

/**
 * Stage: the decision. Whether a question's best match is presented as the answer is a calibrated
 * probability over features of the match, not a single score threshold: a strong match that barely
 * beats a rival about another sentence is less safe than a weaker one with no rival, and a match made
 * only through spelling correction is less safe than the same match spelt right.
 *
 * The model is a logistic regression fitted on the eval question set by `npm run eval:fit`
 * (src/eval/fit-decision.ts), which writes decision-model.ts; it is checked on the held-out sets,
 * which are never used to fit it.
 */
export const FEATURE_NAMES = [
  "score",
  "margin",
  "coverage",
  "textCoverage",
  "unknownShare",
  "correctedShare",
  "synonymShare",
  "topicWords",
  "answerType",
  "kindQa",
  "kindFact",
  "sentenceAgrees",
  "bias",
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Readonly<Record<FeatureName, number>>;

export interface DecisionModel {
  /** One weight per feature, in FEATURE_NAMES order (inputs are standardised with mean and scale first). */
  readonly weights: readonly number[];
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  /** At or above this probability the match is the answer. */
  readonly answerAt: number;
  /** Below answerAt but at or above this, the bot is unsure and shows the closest passage. */
  readonly unsureAt: number;
}

export interface DecisionInput {
  readonly outcome: SearchOutcome;
  readonly best: SearchHit;
  /** The best hit whose first supporting sentence differs from the best's. */
  readonly rival: SearchHit | undefined;
  /** The question asks for a kind of answer (a time, a quantity…) that the best match offers. */
  readonly answerTypeAsked: boolean;
  /** The best bare-sentence match cites the same sentence as the best match. */
  readonly sentenceAgrees: boolean;
}

export function features({ outcome, best, rival, answerTypeAsked, sentenceAgrees }: DecisionInput): Features {
  const { terms, queryWeight } = outcome.query;
  const share = (pick: (via: string) => boolean): number =>
    queryWeight === 0 ? 0 : terms.filter((t) => pick(t.via)).reduce((sum, t) => sum + t.weight, 0) / queryWeight;
  return {
    score: best.score,
    margin: best.score - (rival?.score ?? 0),
    coverage: best.targetCoverage,
    textCoverage: best.textCoverage,
    unknownShare: share((via) => via === "unknown"),
    correctedShare: share((via) => via === "fuzzy" || via === "phonetic"),
    synonymShare: share((via) => via === "synonym"),
    topicWords: Math.log1p(terms.filter((t) => t.weight > 0).length),
    answerType: answerTypeAsked ? 1 : 0,
    kindQa: best.target.kind === "qa" ? 1 : 0,
    kindFact: best.target.kind === "fact" ? 1 : 0,
    sentenceAgrees: sentenceAgrees ? 1 : 0,
    bias: 1,
  };
}

export function featureVector(f: Features): number[] {
  return FEATURE_NAMES.map((name) => f[name]);
}

/** P(the best match is right), by the model. */
export function probability(f: Features, model: DecisionModel): number {
  let z = 0;
  FEATURE_NAMES.forEach((name, i) => {
    const x = name === "bias" ? 1 : (f[name] - model.mean[i]!) / (model.scale[i]! || 1);
    z += model.weights[i]! * x;
  });
  return 1 / (1 + Math.exp(-z));
}

export type Decision = "answer" | "unsure" | "decline";

export function decide(p: number, model: DecisionModel): Decision {
  if (p >= model.answerAt) return "answer";
  if (p >= model.unsureAt) return "unsure";
  return "decline";
}
