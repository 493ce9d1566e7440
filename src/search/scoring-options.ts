/**
 * Every tunable of sentence retrieval in one place, with its default. `npm run eval:fit` may tune them on the
 * corpus's tuning articles; the defaults are what the engine runs with.
 */
export interface ScoringOptions {
  /** BM25's term-frequency saturation. */
  readonly k1: number;
  /** BM25's length normalisation (0: none, 1: full). */
  readonly b: number;
  /**
   * Weight of a term found only in a sentence's context (the heading it sits under, a FAQ answer's question,
   * the named subject of a sentence that opens with "she" or "the company") against one in its own words.
   */
  readonly contextWeight: number;
  /** Weight of a term found only in the sentence before (the paragraph's topic, often named just before the answer). */
  readonly neighbourWeight: number;
  /** Cosine two words' vectors must reach for one to stand in for the other ("cost" ~ "price"). */
  readonly softThreshold: number;
  /** How much a soft match counts against an exact one (times its cosine). */
  readonly softWeight: number;
  /** Added to a sentence's score (as a share of the question's weight) when it offers the kind of answer asked for. */
  readonly typeBonus: number;
  /** Taken off when the question asks for a kind of answer (a time, an amount) the sentence does not offer. */
  readonly typePenalty: number;
  /** Multiplies the score of a heading, a FAQ question line or a title: they name a topic, they rarely answer. */
  readonly labelFactor: number;
}

export const DEFAULT_SCORING: ScoringOptions = {
  k1: 1.2,
  b: 0.5,
  contextWeight: 0.5,
  neighbourWeight: 0.25,
  softThreshold: 0.55,
  softWeight: 0.6,
  typeBonus: 0.1,
  typePenalty: 0.25,
  labelFactor: 0.6,
};
