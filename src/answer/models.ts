import type { JudgeModels } from "./judge.js";

/**
 * Written by `npm run eval:fit` (src/eval/fit-models.ts) from the corpus's tuning articles and the reference
 * article's tuning set. Do not edit by hand.
 * Ranker features: score, scoreRel, exact, soft, cover, softCover, align, alignRel, meaning, meaningRel, typeAsked, hasType, lacksType, newSpan, countMatch, role:title, role:standfirst, role:byline, role:heading, role:item, role:question, role:answer, role:body, quoteAsked, reasonAsked, meansAsked, authorAsked, length.
 * Decider features: p1, p2, margin, pNone, logRatio, score, cover, softCover, align, meaning, typeAsked, hasType, newSpan, countMatch, words, unknownShare, correctedShare, kind:why, kind:how, kind:yesno, kind:when, kind:who, kind:amount, kind:what.
 * Entry decider features: score, margin, queryCoverage, textCoverage, kindQa, sentenceProbability, sentenceTop, unknownShare, correctedShare, words.
 */
export const MODELS: JudgeModels = {
  ranker: {
    weights: [
      0.4984, 0.0046, 0.3454, 0.1591, 0.4128, -0.0219, 0.3597, 0.656, 0.5227, 0.0058, -0.3757, -0.0205, -0.4106, 0.1762,
      0.0945, -0.1857, -0.1254, 0.016, -0.1079, 0.1084, -0.1921, 0.2281, 0.0126, 0.1751, 0.0707, 0.1019, 0.0863, 0.3104,
    ],
    mean: [
      0.1459, -128148.2425, 0.0675, 0.1261, 0.061, 0.3186, 0.4652, 0.5541, 0.578, -113489.406, 0.3643, 0.1268, 0.2375,
      0.1257, 0.0016, 0.0167, 0.0125, 0.0187, 0.076, 0.1227, 0.0417, 0.0792, 0.6324, 0.0075, 0.0089, 0.0133, 0.0003,
      0.7363,
    ],
    scale: [
      0.2118, 5634002.5204, 0.1403, 0.1138, 0.1353, 0.2825, 0.2125, 0.2482, 0.2101, 5113568.0271, 0.4812, 0.3327,
      0.4256, 0.3315, 0.0397, 0.1282, 0.1112, 0.1355, 0.265, 0.3281, 0.1999, 0.2701, 0.4821, 0.0863, 0.0942, 0.1146,
      0.0162, 0.1177,
    ],
    noneBias: 5.1337,
  },
  decider: {
    weights: [
      0.3364, -0.072, 0.3135, -0.0474, 0.307, 0.3482, 0.02, -0.0835, 0.0966, 0.0351, -0.0716, 0.1006, 0.1294, 0.1154,
      0.2163, -0.1199, 0.238, -0.4005, 0.0264, 0.2117, 0.0411, -0.0473, -0.0796, 0.1554,
    ],
    mean: [
      0.5654, 0.0909, 0.4745, 0.1711, 2.2934, 0.6928, 0.5947, 0.2287, 0.8258, 0.7452, 0.333, 0.2927, 0.2865, 0.0206,
      1.5678, 0.1628, 0.0345, 0.1083, 0.0492, 0.1459, 0.0654, 0.0985, 0.1692, 0.3321,
    ],
    scale: [
      0.314, 0.095, 0.3587, 0.2282, 1.9446, 0.2405, 0.2788, 0.2344, 0.1831, 0.1949, 0.4713, 0.455, 0.4521, 0.142,
      0.3727, 0.2443, 0.1142, 0.3108, 0.2164, 0.353, 0.2471, 0.298, 0.3749, 0.471,
    ],
    bias: 0.3091,
    answerAt: 0.77,
  },
  entryDecider: {
    weights: [0.4029, 0.0765, 0.4212, 0.0503, 0.0562, -0.0283, 0.0471, 0.0351, 0.0898, -0.1167],
    mean: [0.973, 0.5085, 0.9841, 0.8916, 0.9947, 0.5205, 0.6328, 0.1587, 0.0025, 1.4428],
    scale: [0.0768, 0.3193, 0.0783, 0.1466, 0.0729, 0.3699, 0.482, 0.2412, 0.0339, 0.2811],
    bias: 4.6932,
    answerAt: 0.93,
  },
};
