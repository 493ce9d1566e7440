import type { Sentence, SentenceRole } from "../knowledge/types.js";
import type { EntryHit } from "../search/entry-index.js";
import type { SentenceIndex } from "../search/sentence-types.js";
import type { QuestionKind } from "../search/question-type.js";
import { questionKind } from "../search/question-type.js";
import { normalizeText } from "../search/normalize.js";
import type { Typed } from "./filter-answer-type.js";
import type { Prepared } from "./prepare.js";

/**
 * The evidence the judge weighs, as numbers: per candidate sentence (how it matches the question), and per
 * question (how clearly its best candidate stands out). The fitted models (models.ts, written by
 * `npm run eval:fit`) hold one weight per feature, in these orders; fitting and answering compute the features
 * with these same functions.
 */
const ROLES: readonly SentenceRole[] = [
  "title",
  "standfirst",
  "byline",
  "heading",
  "item",
  "question",
  "answer",
  "body",
];

export const CANDIDATE_FEATURES = [
  "score",
  "scoreRel",
  "exact",
  "soft",
  "cover",
  "softCover",
  "align",
  "alignRel",
  "meaning",
  "meaningRel",
  "typeAsked",
  "hasType",
  "lacksType",
  "newSpan",
  "countMatch",
  ...ROLES.map((r) => `role:${r}`),
  "quoteAsked",
  "reasonAsked",
  "meansAsked",
  "authorAsked",
  "length",
] as const;

export const DECISION_FEATURES = [
  "p1",
  "p2",
  "margin",
  "pNone",
  "logRatio",
  "score",
  "cover",
  "softCover",
  "align",
  "meaning",
  "typeAsked",
  "hasType",
  "newSpan",
  "countMatch",
  "words",
  "unknownShare",
  "correctedShare",
  "kind:why",
  "kind:how",
  "kind:yesno",
  "kind:when",
  "kind:who",
  "kind:amount",
  "kind:what",
] as const;

const QUOTE_ASKED =
  /\b(?:say|said|says|saying|think|thinks|thought|feel|feels|felt|describe|described|call|called|told|tell|quote|according|reaction|react|reacted|view|opinion)\b/;
const REASON =
  /\b(?:because|due to|so that|in order to|as a result|after|since|to (?:protect|stop|avoid|reduce|keep|make|help|give|allow|ensure|prevent|improve|meet|secure)|reason|why|meant|means|so we|so you|so it|amid|thanks to|caused|led to)\b/i;
const MEANS =
  /\b(?:by |using|through|via|with (?:a|an|the)|go to|tap|click|press|step|first|then|call|email|visit|apply|online|app)\b/i;
const AUTHOR_ASKED =
  /\b(?:wrote|write|written|writer|author|reporter|journalist|byline|published|posted|who made this)\b/;
const AMOUNT_KINDS: ReadonlySet<QuestionKind> = new Set([
  "how-many",
  "how-much",
  "money",
  "percent",
  "measure",
  "how-long",
  "age",
]);

function max(values: ArrayLike<number>): number {
  let m = 1e-9;
  for (let i = 0; i < values.length; i++) m = Math.max(m, values[i]!);
  return m;
}

/** Every sentence's candidate features, rows in sentence order. */
export function candidateFeatures(
  typed: Typed,
  prepared: Prepared,
  index: SentenceIndex,
  sentences: readonly Sentence[],
): number[][] {
  const { scores } = typed;
  const total = scores.queryWeight || 1;
  const maxScore = max(scores.score);
  const maxAlign = max(typed.alignment);
  const maxMeaning = max(typed.meaning);
  const typeAsked = prepared.typeMask !== 0 ? 1 : 0;
  const quoteAsked = QUOTE_ASKED.test(prepared.text);
  const authorAsked = AUTHOR_ASKED.test(prepared.text);
  return sentences.map((sentence, d) => {
    const text = sentence.text;
    const role = index.roles[d]!;
    return [
      scores.score[d]!,
      scores.score[d]! / maxScore,
      scores.exact[d]! / total,
      scores.soft[d]! / total,
      scores.exactWeight[d]! / total,
      scores.softMatchedWeight[d]! / total,
      typed.alignment[d]!,
      typed.alignment[d]! / maxAlign,
      typed.meaning[d]!,
      typed.meaning[d]! / maxMeaning,
      typeAsked,
      typed.hasType[d]!,
      typeAsked === 1 && typed.hasType[d] === 0 ? 1 : 0,
      typed.newSpan[d]!,
      typed.countMatch[d]!,
      ...ROLES.map((r) => (role === r ? 1 : 0)),
      quoteAsked && /["“”]/.test(text) ? 1 : 0,
      prepared.kind === "why" && REASON.test(text) ? 1 : 0,
      prepared.kind === "how" && MEANS.test(text) ? 1 : 0,
      authorAsked && role === "byline" ? 1 : 0,
      Math.log1p(text.length) / 6,
    ];
  });
}

/** The question-level features from the ranked candidates (probabilities best first) and the best one's row. */
export function decisionFeatures(
  probabilities: readonly number[],
  pNone: number,
  top: readonly number[],
  typed: Typed,
  prepared: Prepared,
): number[] {
  const p1 = probabilities[0] ?? 0;
  const p2 = probabilities[1] ?? 0;
  const at = (name: (typeof CANDIDATE_FEATURES)[number]): number => top[CANDIDATE_FEATURES.indexOf(name)] ?? 0;
  const k = prepared.kind;
  return [
    p1,
    p2,
    p1 - p2,
    pNone,
    Math.log((p1 + 1e-6) / (p2 + 1e-6)),
    at("score"),
    at("cover"),
    at("softCover"),
    at("align"),
    at("meaning"),
    at("typeAsked"),
    at("hasType"),
    at("newSpan"),
    at("countMatch"),
    Math.log1p(typed.words.length),
    typed.unknownShare,
    typed.correctedShare,
    k === "why" ? 1 : 0,
    k === "how" ? 1 : 0,
    k === "yesno" ? 1 : 0,
    k === "when" ? 1 : 0,
    k === "who" ? 1 : 0,
    AMOUNT_KINDS.has(k) ? 1 : 0,
    k === "what" || k === "other" ? 1 : 0,
  ];
}

/**
 * A curated pack's entries are evidence of their own: a question that says what an entry's phrasing says is
 * answered by that entry (its curated answer and citations). These features say how clearly the best entry
 * matches, and whether the sentence ranker agrees with its first citation.
 */
export const ENTRY_FEATURES = [
  "score",
  "margin",
  "queryCoverage",
  "textCoverage",
  "kindQa",
  "sentenceProbability",
  "sentenceTop",
  "unknownShare",
  "correctedShare",
  "words",
  "kindAgrees",
  "whyMismatch",
] as const;

export function entryFeatures(
  typed: Typed,
  firstSentence: (hit: EntryHit) => string | undefined,
  firstSentenceProbability: number,
  firstSentenceIsTop: boolean,
  kind: QuestionKind,
): number[] | undefined {
  const best = typed.entryHits[0];
  if (best === undefined) return undefined;
  // The rival is the best entry that would answer from another sentence: two entries about one sentence agree.
  const rival = typed.entryHits.find((h) => firstSentence(h) !== firstSentence(best));
  return [
    best.score,
    best.score - (rival?.score ?? 0),
    best.queryCoverage,
    best.textCoverage,
    best.target.kind === "qa" ? 1 : 0,
    firstSentenceProbability,
    firstSentenceIsTop ? 1 : 0,
    typed.unknownShare,
    typed.correctedShare,
    Math.log1p(typed.words.length),
    // A question asked as the matched text asks it ("why …?" matched to a "why …?" phrasing), or not: "why did
    // Ukraine say it found no shells?" matched to "north korean shells found on the battlefield" is a premise to
    // check, not that entry's question.
    ...kindAgreement(kind, questionKind(normalizeText(best.text))),
  ];
}

function kindAgreement(asked: QuestionKind, matched: QuestionKind): [number, number] {
  const agrees = asked === matched ? 1 : 0;
  return [agrees, asked === "why" && agrees === 0 ? 1 : 0];
}

/**
 * The ranker: a conditional logit over the candidates plus "none of them" — P(sentence d answers) ∝
 * exp(w · standardised features of d), P(none) ∝ exp(noneBias). Fitted across articles, so what it weighs is
 * what tells a right sentence from its neighbours in any article, not in one.
 */
export interface RankingModel {
  readonly weights: readonly number[];
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly noneBias: number;
}

/** The decider: P(the ranker's best candidate is right), a logistic regression over the decision features. */
export interface DecisionModel {
  readonly weights: readonly number[];
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly bias: number;
  /** At or above this probability the best candidate is the answer; below it the bot is unsure. */
  readonly answerAt: number;
}

function standardisedDot(
  x: readonly number[],
  weights: readonly number[],
  mean: readonly number[],
  scale: readonly number[],
): number {
  let z = 0;
  for (let j = 0; j < weights.length; j++) z += weights[j]! * (((x[j] ?? 0) - mean[j]!) / (scale[j]! || 1));
  return z;
}

/** The ranker's probabilities for each candidate (in the rows' order) and for none. */
export function rank(
  rows: readonly (readonly number[])[],
  model: RankingModel,
): { probabilities: Float64Array; none: number } {
  const z = rows.map((x) => standardisedDot(x, model.weights, model.mean, model.scale));
  const top = Math.max(model.noneBias, ...z);
  let sum = Math.exp(model.noneBias - top);
  const e = z.map((v) => Math.exp(v - top));
  for (const v of e) sum += v;
  return { probabilities: Float64Array.from(e, (v) => v / sum), none: Math.exp(model.noneBias - top) / sum };
}

export function confidence(features: readonly number[], model: DecisionModel): number {
  return 1 / (1 + Math.exp(-(standardisedDot(features, model.weights, model.mean, model.scale) + model.bias)));
}
