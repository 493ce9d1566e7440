import type { DecisionModel } from "./decide.js";

/**
 * Written by `npm run eval:fit` (src/eval/fit-decision.ts) from the eval question set. Do not edit by hand.
 * Features, in order: score, margin, coverage, textCoverage, unknownShare, correctedShare, synonymShare, topicWords, answerType, kindQa, kindFact, sentenceAgrees, bias.
 */
export const DECISION_MODEL: DecisionModel = {
  weights: [
    0.7014, 0.1505, 0.6328, 0.8989, -0.2261, -0.0133, -0.0895, 0.4428, -0.1629, 0.2234, -0.3175, 0.5105, 2.5679,
  ],
  mean: [0.8603, 0.3341, 0.869, 0.8258, 0.0576, 0.0753, 0.1058, 1.4401, 0.107, 0.8651, 0.1302, 0.5442, 0],
  scale: [0.2123, 0.2871, 0.2212, 0.2209, 0.1806, 0.1903, 0.1724, 0.3577, 0.3091, 0.3416, 0.3366, 0.498, 1],
  answerAt: 0.67,
  unsureAt: 0.12,
};

/** For an article with no Q&A entries or fact cards: matches are bare sentences, which score differently. */
export const SENTENCE_MODEL: DecisionModel = {
  weights: [0.3432, 1.2756, 0.3422, 0.2452, -0.2815, -0.3254, 0.037, 0.6921, -0.1871, 0, 0, 0, 1.3264],
  mean: [0.539, 0.2727, 0.7047, 0.1594, 0.1748, 0.0972, 0.1131, 1.4423, 0.109, 0, 0, 1, 0],
  scale: [0.1938, 0.2406, 0.2655, 0.0895, 0.2412, 0.1995, 0.1804, 0.354, 0.3116, 1, 1, 1, 1],
  answerAt: 0.78,
  unsureAt: 0.12,
};
