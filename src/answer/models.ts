import type { JudgeModels } from "./judge.js";

/**
 * Written by `npm run eval:fit` (src/eval/fit-models.ts) from the corpus's tuning articles and the reference
 * article's tuning set. Do not edit by hand.
 * Ranker features: score, scoreRel, exact, soft, cover, softCover, align, alignRel, meaning, meaningRel, typeAsked, hasType, lacksType, newSpan, countMatch, role:title, role:standfirst, role:byline, role:heading, role:item, role:question, role:answer, role:body, quoteAsked, reasonAsked, meansAsked, authorAsked, length.
 * Decider features: p1, p2, margin, pNone, logRatio, score, cover, softCover, align, meaning, typeAsked, hasType, newSpan, countMatch, words, unknownShare, correctedShare, kind:why, kind:how, kind:yesno, kind:when, kind:who, kind:amount, kind:what.
 * Entry decider features: score, margin, queryCoverage, targetCoverage, textCoverage, kindQa, sentenceProbability, sentenceTop, unknownShare, correctedShare, words.
 */
export const MODELS: JudgeModels = {
  ranker: {
    weights: [
      0.4873, 0.0069, 0.3322, 0.1499, 0.4082, -0.0113, 0.3876, 0.6485, 0.5352, 0.0046, -0.3767, -0.0203, -0.412, 0.1789,
      0.0948, -0.1872, -0.1229, 0.0165, -0.1114, 0.1112, -0.1933, 0.2253, 0.0144, 0.1739, 0.0711, 0.1017, 0.0821,
      0.3095,
    ],
    mean: [
      0.1459, -128148.2425, 0.0675, 0.1261, 0.061, 0.3186, 0.4866, 0.5799, 0.578, -113489.406, 0.3643, 0.1268, 0.2375,
      0.1257, 0.0016, 0.0167, 0.0125, 0.0187, 0.076, 0.1227, 0.0417, 0.0792, 0.6324, 0.0075, 0.0089, 0.0133, 0.0003,
      0.7363,
    ],
    scale: [
      0.2118, 5634002.5204, 0.1403, 0.1138, 0.1353, 0.2825, 0.1942, 0.2279, 0.2101, 5113568.0271, 0.4812, 0.3327,
      0.4256, 0.3315, 0.0397, 0.1282, 0.1112, 0.1355, 0.265, 0.3281, 0.1999, 0.2701, 0.4821, 0.0863, 0.0942, 0.1146,
      0.0162, 0.1177,
    ],
    noneBias: 5.1506,
  },
  decider: {
    weights: [
      0.338, -0.0683, 0.3139, -0.0438, 0.3041, 0.3543, 0.028, -0.0822, 0.0917, 0.0323, -0.0736, 0.0958, 0.1241, 0.117,
      0.2192, -0.1077, 0.2389, -0.4012, 0.0245, 0.2085, 0.0463, -0.045, -0.0873, 0.1623,
    ],
    mean: [
      0.5656, 0.0914, 0.4742, 0.1712, 2.2785, 0.6932, 0.5949, 0.2293, 0.8284, 0.7449, 0.333, 0.2927, 0.2865, 0.0206,
      1.5678, 0.1628, 0.0345, 0.1083, 0.0492, 0.1459, 0.0654, 0.0985, 0.1692, 0.3321,
    ],
    scale: [
      0.3135, 0.0954, 0.3583, 0.2271, 1.9283, 0.2396, 0.2786, 0.2337, 0.1786, 0.195, 0.4713, 0.455, 0.4521, 0.142,
      0.3727, 0.2443, 0.1142, 0.3108, 0.2164, 0.353, 0.2471, 0.298, 0.3749, 0.471,
    ],
    bias: 0.3089,
    answerAt: 0.77,
  },
  entryDecider: {
    weights: [0.3345, 0.0296, 0.2187, 0.3421, 0.0494, 0.0838, -0.0484, 0.0305, 0.0496, 0.0608, -0.1723],
    mean: [0.98, 0.3962, 0.9044, 0.9892, 0.9127, 0.9941, 0.5197, 0.6336, 0.1587, 0.0025, 1.4428],
    scale: [0.0651, 0.2652, 0.1854, 0.0654, 0.1396, 0.0763, 0.3691, 0.4818, 0.2412, 0.0339, 0.2811],
    bias: 4.6416,
    answerAt: 0.86,
  },
};
