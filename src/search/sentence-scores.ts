import type { SentenceRole } from "../knowledge/types.js";
import { bestCosine } from "./meaning.js";
import type { ScoringOptions } from "./scoring-options.js";
import type { QueryWord, SentenceIndex } from "./sentence-types.js";

/**
 * Every sentence scored for a question's words: BM25 over a sentence's text, its context and the sentence before
 * (each field's term frequency weighted, ScoringOptions), plus soft matches through word vectors for the words a
 * sentence lacks, with the answer-type and label adjustments. Pure: reads the index, allocates its result.
 */

/** A term repeated in a short sentence counts up to this many times its weight. */
const MAX_TF = 1.5;

/** Roles whose sentences name a topic rather than say something about it. */
const LABEL_ROLES: ReadonlySet<SentenceRole> = new Set(["heading", "question", "title"]);

/** Per sentence: what matched, for scoring and for the decision's features. */
export interface SentenceScores {
  /** BM25 over text and context, each term's contribution scaled to at most its weight. */
  readonly exact: Float64Array;
  /** Soft matches (weight × cosine × softWeight) for words a sentence lacks. */
  readonly soft: Float64Array;
  /** Weight of the question's words each sentence matched exactly (in its text or context). */
  readonly exactWeight: Float64Array;
  /** Weight of the question's words each sentence matched only softly. */
  readonly softMatchedWeight: Float64Array;
  /** The combined score as a share of the question's weight, with the answer-type and label adjustments. */
  readonly score: Float64Array;
  /** Sum of the question's word weights. */
  readonly queryWeight: number;
  /** Per question word: its best cosine to any word of the article (1 when the article uses it). */
  readonly closestMeaning: Float64Array;
}

/**
 * Scores every sentence for the question's words. `typeMask` is the span types the question asks for (0: any).
 * Pure: reads the index, allocates its result.
 */
export function scoreSentences(
  index: SentenceIndex,
  words: readonly QueryWord[],
  cosines: readonly (Float32Array | undefined)[],
  typeMask: number,
  options: ScoringOptions,
): SentenceScores {
  const n = index.ids.length;
  const exact = new Float64Array(n);
  const soft = new Float64Array(n);
  const exactWeight = new Float64Array(n);
  const softMatchedWeight = new Float64Array(n);
  const score = new Float64Array(n);
  const { k1, b, contextWeight, neighbourWeight } = options;
  let queryWeight = 0;
  const closestMeaning = new Float64Array(words.length);
  words.forEach((word, w) => {
    queryWeight += word.weight;
    const posting = index.postings.get(word.term);
    if (posting !== undefined) closestMeaning[w] = 1;
    if (posting !== undefined) {
      for (let i = 0; i < posting.docs.length; i++) {
        const d = posting.docs[i]!;
        const f = posting.text[i]! + contextWeight * posting.context[i]! + neighbourWeight * posting.neighbour[i]!;
        const norm = 1 - b + (b * index.lengths[d]!) / index.averageLength;
        // BM25's saturating term frequency: 1 for one occurrence in a sentence of average length.
        const tf = (f * (k1 + 1)) / (f + k1 * norm);
        exact[d]! += word.weight * word.likeness * Math.min(MAX_TF, tf);
        exactWeight[d]! +=
          word.weight *
          word.likeness *
          (posting.text[i]! > 0 ? 1 : posting.context[i]! > 0 ? contextWeight : neighbourWeight);
      }
    }
    const own = cosines[w];
    if (own === undefined) return;
    for (let v = 0; v < own.length; v++) if (own[v]! > closestMeaning[w]!) closestMeaning[w] = own[v]!;
    for (let d = 0; d < n; d++) {
      if (index.docTerms[d]!.has(word.term)) continue;
      const best = bestCosine(index, d, own);
      if (best >= options.softThreshold) {
        soft[d]! += word.weight * best * options.softWeight;
        softMatchedWeight[d]! += word.weight;
      }
    }
  });
  const total = queryWeight || 1;
  for (let d = 0; d < n; d++) {
    let s = (exact[d]! + soft[d]!) / total;
    if (typeMask !== 0) s += (index.typeMasks[d]! & typeMask) !== 0 ? options.typeBonus : -options.typePenalty;
    if (LABEL_ROLES.has(index.roles[d]!)) s *= options.labelFactor;
    score[d] = s;
  }
  return { exact, soft, exactWeight, softMatchedWeight, score, queryWeight, closestMeaning };
}
