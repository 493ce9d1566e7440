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
      0.4983, 0.0046, 0.3455, 0.1589, 0.4128, -0.0218, 0.3596, 0.656, 0.5227, 0.0058, -0.3757, -0.0203, -0.4108, 0.1764,
      0.0944, -0.1857, -0.1255, 0.016, -0.1079, 0.1084, -0.1927, 0.2289, 0.0125, 0.1751, 0.0707, 0.1019, 0.0862, 0.3105,
    ],
    mean: [
      0.1458, -128148.2423, 0.0675, 0.1261, 0.061, 0.3186, 0.4652, 0.5541, 0.578, -113489.406, 0.3643, 0.1269, 0.2374,
      0.1257, 0.0016, 0.0167, 0.0125, 0.0187, 0.076, 0.1227, 0.0417, 0.0792, 0.6324, 0.0075, 0.0089, 0.0133, 0.0003,
      0.7363,
    ],
    scale: [
      0.2118, 5634002.5204, 0.1403, 0.1138, 0.1353, 0.2825, 0.2125, 0.2482, 0.2101, 5113568.0271, 0.4812, 0.3328,
      0.4255, 0.3315, 0.0397, 0.1282, 0.1112, 0.1355, 0.265, 0.3281, 0.1999, 0.2701, 0.4821, 0.0863, 0.0942, 0.1146,
      0.0162, 0.1177,
    ],
    noneBias: 5.1333,
  },
  decider: {
    weights: [
      0.3357, -0.0727, 0.3131, -0.0488, 0.307, 0.3481, 0.021, -0.0827, 0.0968, 0.0341, -0.0716, 0.1001, 0.1292, 0.1154,
      0.2136, -0.1197, 0.2385, -0.4004, 0.0262, 0.2206, 0.0412, -0.0477, -0.0793, 0.149,
    ],
    mean: [
      0.5654, 0.0909, 0.4745, 0.1712, 2.2933, 0.6928, 0.5947, 0.2287, 0.8258, 0.7452, 0.333, 0.2927, 0.2865, 0.0206,
      1.5678, 0.1628, 0.0345, 0.1083, 0.0492, 0.1477, 0.0654, 0.0985, 0.1692, 0.3303,
    ],
    scale: [
      0.314, 0.095, 0.3587, 0.2282, 1.9445, 0.2405, 0.2788, 0.2344, 0.1831, 0.1949, 0.4713, 0.455, 0.4521, 0.142,
      0.3727, 0.2443, 0.1142, 0.3108, 0.2164, 0.3548, 0.2471, 0.298, 0.3749, 0.4703,
    ],
    bias: 0.3093,
    answerAt: 0.77,
  },
  entryDecider: {
    weights: [0.299, 0.0761, 0.2864, 0.2038, 0.0692, 0.0418, 0.0714, 0.0277, 0.1066, 0.0022, 0.1199, -0.2309],
    mean: [0.9865, 0.5118, 0.9877, 0.9783, 0.9947, 0.5205, 0.6328, 0.1587, 0.0025, 1.4428, 0.958, 0.0066],
    scale: [0.0712, 0.3094, 0.0733, 0.0724, 0.0729, 0.3699, 0.482, 0.2412, 0.0339, 0.2811, 0.2006, 0.0811],
    bias: 4.8035,
    answerAt: 0.85,
  },
};
