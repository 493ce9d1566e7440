import type { JudgeModels } from "./judge.js";

/**
 * Written by `npm run eval:fit` (src/eval/fit-models.ts) from the corpus's tuning articles and the reference
 * article's tuning set. Do not edit by hand.
 * Ranker features: score, scoreRel, exact, soft, cover, softCover, align, alignRel, meaning, meaningRel, typeAsked, hasType, lacksType, newSpan, countMatch, role:title, role:standfirst, role:byline, role:heading, role:item, role:question, role:answer, role:body, quoteAsked, reasonAsked, meansAsked, authorAsked, length.
 * Decider features: p1, p2, margin, pNone, logRatio, score, cover, softCover, align, meaning, typeAsked, hasType, newSpan, countMatch, words, unknownShare, correctedShare, kind:why, kind:how, kind:yesno, kind:when, kind:who, kind:amount, kind:what.
 * Entry decider features: score, margin, queryCoverage, textCoverage, kindQa, sentenceProbability, sentenceTop, unknownShare, correctedShare, words, kindAgrees, whyMismatch.
 */
export const MODELS: JudgeModels = {
  ranker: {
    weights: [
      0.509, 0.0039, 0.3505, 0.1676, 0.4033, -0.0184, 0.4125, 0.6126, 0.5186, 0.005, -0.3782, -0.0206, -0.4128, 0.1767,
      0.0944, -0.1823, -0.1233, 0.019, -0.1043, 0.1115, -0.206, 0.2144, 0.0198, 0.1753, 0.071, 0.1026, 0.0866, 0.3144,
    ],
    mean: [
      0.146, -128148.2425, 0.0676, 0.1267, 0.0611, 0.32, 0.4666, 0.5544, 0.5789, -113489.4056, 0.3651, 0.1262, 0.2389,
      0.1251, 0.0016, 0.0167, 0.0125, 0.0187, 0.076, 0.1227, 0.0417, 0.0792, 0.6324, 0.0075, 0.0089, 0.0133, 0.0003,
      0.7363,
    ],
    scale: [
      0.2117, 5634002.5204, 0.1404, 0.114, 0.1354, 0.283, 0.2124, 0.2479, 0.21, 5113568.0271, 0.4815, 0.3321, 0.4264,
      0.3308, 0.0397, 0.1282, 0.1112, 0.1355, 0.265, 0.3281, 0.1999, 0.2701, 0.4821, 0.0863, 0.0942, 0.1146, 0.0162,
      0.1177,
    ],
    noneBias: 5.1563,
  },
  decider: {
    weights: [
      0.3342, -0.0966, 0.3181, -0.0739, 0.3005, 0.3594, 0.0411, -0.0684, 0.0884, 0.0326, -0.0676, 0.094, 0.1263, 0.123,
      0.2111, -0.134, 0.2659, -0.4136, 0.0311, 0.2274, 0.0482, -0.0391, -0.0856, 0.1445,
    ],
    mean: [
      0.5671, 0.0911, 0.4761, 0.1702, 2.297, 0.6937, 0.596, 0.2284, 0.8274, 0.7458, 0.3339, 0.2927, 0.2865, 0.0206,
      1.5678, 0.1612, 0.0341, 0.1083, 0.0492, 0.1477, 0.0654, 0.0985, 0.1701, 0.3295,
    ],
    scale: [
      0.3137, 0.0952, 0.3585, 0.2284, 1.9441, 0.2401, 0.278, 0.235, 0.1818, 0.1949, 0.4716, 0.455, 0.4521, 0.142,
      0.3717, 0.2428, 0.1138, 0.3108, 0.2164, 0.3548, 0.2471, 0.298, 0.3757, 0.47,
    ],
    bias: 0.2977,
    answerAt: 0.76,
  },
  entryDecider: {
    weights: [0.2996, 0.08, 0.2868, 0.2048, 0.0692, 0.0475, 0.0531, 0.0265, 0.1073, 0.0031, 0.1207, -0.231],
    mean: [0.9864, 0.5118, 0.9876, 0.9781, 0.9946, 0.5232, 0.6361, 0.1552, 0.0025, 1.4454, 0.9577, 0.0067],
    scale: [0.0714, 0.3094, 0.0735, 0.0727, 0.0731, 0.3696, 0.4811, 0.2361, 0.0339, 0.2786, 0.2012, 0.0813],
    bias: 4.8022,
    answerAt: 0.85,
  },
};
