import { FuzzyVocabulary } from "./fuzzy-vocabulary.js";
import { analyze } from "./normalize.js";

export type TargetKind = "qa" | "fact" | "sentence";

/** Something a question can match: a Q&A entry, a fact card or a bare sentence, with its searchable texts. */
export interface SearchTarget {
  readonly kind: TargetKind;
  readonly id: string;
  /** Each text is matched on its own (a phrasing, an alias); the target scores as its best text. */
  readonly texts: readonly string[];
  /**
   * Supporting text (an entry's cited sentences, a fact's description): its words count as the
   * target knowing about them, at a discount, but it is never the best-matching text itself.
   */
  readonly context?: readonly string[];
  /** Multiplies the score: bare sentences are a fallback, so they weigh a little less. */
  readonly weight: number;
}

export interface SearchHit {
  readonly target: SearchTarget;
  /** 0..1: how well the best text explains the question and the question explains the text. */
  readonly score: number;
  /** Share of the question's term weight the best text matched. */
  readonly queryCoverage: number;
  /** Share of the question's term weight matched anywhere in the target's texts. */
  readonly targetCoverage: number;
  /** Share of the best text's term weight the question matched. */
  readonly textCoverage: number;
  /** The best-matching text. */
  readonly text: string;
}

export interface SearchOutcome {
  readonly hits: readonly SearchHit[];
  /** The question had at least one topic word that the knowledge base knows (exactly or misspelt). */
  readonly hasKnownTopic: boolean;
  /** Topic words of the question found nowhere in the knowledge base. */
  readonly unknownTerms: readonly string[];
}

interface Field {
  readonly target: number;
  /** Which of the target's texts this is; -1 for context. */
  readonly textIndex: number;
  readonly terms: readonly string[];
  /** Sum of the weights of the field's terms: the denominator of text coverage. */
  readonly weight: number;
}

/** Weight of question words ("when", "who") inside a text, for text coverage: a "when" phrasing fits a "when" question better. */
const FUNCTION_WEIGHT = 0.5;
/** Added to the score of a text that shares a question word with the question: a tie-breaker. */
const FUNCTION_BONUS = 0.02;
/** A question word found only in a target's context counts this much of a word found in its texts. */
const CONTEXT_DISCOUNT = 0.8;
/** How much question coverage counts against text coverage in the combined score (geometric mean). */
const QUERY_COVERAGE_EXPONENT = 0.7;

/**
 * An inverted index over stemmed terms with IDF weights, plus a fuzzy vocabulary for misspellings.
 * Candidate texts come from the posting lists of the question's terms, so a search touches only
 * texts that share a word with the question, not the whole base: this is what keeps it fast as the
 * base grows, where plain Fuse compares the question with every text.
 */
export class SearchIndex {
  private readonly fields: Field[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  private readonly functional = new Set<string>();
  private readonly unknownWeight: number;
  readonly vocabulary: FuzzyVocabulary;

  constructor(readonly targets: readonly SearchTarget[]) {
    const documentFrequency = new Map<string, number>();
    targets.forEach((target, targetIndex) => {
      const targetTerms = new Set<string>();
      const fields = [...target.texts.map((text, i) => [text, i] as const), ...(target.context ?? []).map((text) => [text, -1] as const)];
      fields.forEach(([text, textIndex]) => {
        const analyzed = analyze(text);
        const terms = analyzed.map((t) => t.term);
        for (const t of analyzed) {
          targetTerms.add(t.term);
          if (t.functional) this.functional.add(t.term);
        }
        const fieldIndex = this.fields.length;
        this.fields.push({ target: targetIndex, textIndex, terms, weight: 0 });
        for (const term of terms) {
          let list = this.postings.get(term);
          if (list === undefined) this.postings.set(term, (list = []));
          list.push(fieldIndex);
        }
      });
      for (const term of targetTerms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    });

    const n = Math.max(targets.length, 1);
    for (const [term, df] of documentFrequency) {
      this.idf.set(term, this.functional.has(term) ? FUNCTION_WEIGHT : Math.log(1 + n / df));
    }
    // A topic word the base has never seen weighs like the rarest word: asking about it is asking
    // about something the article does not mention, which should pull the match down.
    this.unknownWeight = Math.log(1 + n / 0.5);
    for (let i = 0; i < this.fields.length; i++) {
      const field = this.fields[i]!;
      this.fields[i] = { ...field, weight: field.terms.reduce((sum, t) => sum + this.termWeight(t), 0) };
    }
    this.vocabulary = new FuzzyVocabulary(new Set(documentFrequency.keys()));
  }

  private termWeight(term: string): number {
    return this.idf.get(term) ?? this.unknownWeight;
  }

  search(question: string, limit = 10): SearchOutcome {
    const queryTerms = analyze(question);
    const unknownTerms: string[] = [];
    let hasKnownTopic = false;
    // Only topic words make up the question's weight: question words ("when", "who") can add a
    // tie-breaking bonus where a text shares them, but never make a match look worse or better overall.
    let queryWeight = 0;
    const weights: number[] = [];

    // Per candidate field: how much of the question it matched, and how much of itself was matched.
    const matchedQuery = new Map<number, number>();
    const matchedField = new Map<number, number>();
    const functionMatches = new Map<number, number>();
    // A field term can be reached by two query words (exact and misspelt); count it once.
    const fieldTermSeen = new Set<string>();
    // Per candidate target: the best credit each query word earned in any of its texts or its context.
    const targetWords = new Map<number, Map<number, number>>();

    queryTerms.forEach(({ term, functional }, wordIndex) => {
      const resolutions = this.vocabulary.has(term) ? [{ term, similarity: 1 }] : functional ? [] : this.vocabulary.correct(term);
      const best = resolutions[0];
      const weight = functional ? 0 : best !== undefined ? this.termWeight(best.term) : this.unknownWeight;
      queryWeight += weight;
      weights.push(weight);
      if (best === undefined) {
        if (!functional) unknownTerms.push(term);
        return;
      }
      if (!functional && !this.functional.has(best.term)) hasKnownTopic = true;

      const bestForField = new Map<number, { similarity: number; term: string }>();
      for (const resolution of resolutions) {
        for (const field of this.postings.get(resolution.term) ?? []) {
          const previous = bestForField.get(field);
          if (previous === undefined || previous.similarity < resolution.similarity) bestForField.set(field, resolution);
        }
      }
      for (const [field, { similarity, term: fieldTerm }] of bestForField) {
        const key = `${field}:${fieldTerm}`;
        if (!fieldTermSeen.has(key)) {
          fieldTermSeen.add(key);
          matchedField.set(field, (matchedField.get(field) ?? 0) + this.termWeight(fieldTerm) * similarity);
        }
        if (functional) {
          functionMatches.set(field, (functionMatches.get(field) ?? 0) + 1);
          continue;
        }
        matchedQuery.set(field, (matchedQuery.get(field) ?? 0) + weight * similarity);
        const { target: targetIndex, textIndex } = this.fields[field]!;
        let words = targetWords.get(targetIndex);
        if (words === undefined) targetWords.set(targetIndex, (words = new Map()));
        const credit = textIndex === -1 ? similarity * CONTEXT_DISCOUNT : similarity;
        words.set(wordIndex, Math.max(words.get(wordIndex) ?? 0, credit));
      }
    });

    const best = new Map<number, SearchHit>();
    if (queryWeight === 0) return { hits: [], hasKnownTopic, unknownTerms };
    for (const [fieldIndex, matched] of matchedQuery) {
      const field = this.fields[fieldIndex]!;
      if (field.textIndex === -1) continue;
      const target = this.targets[field.target]!;
      let targetMatched = 0;
      for (const [wordIndex, credit] of targetWords.get(field.target)!) targetMatched += weights[wordIndex]! * credit;
      const targetCoverage = Math.min(1, targetMatched / queryWeight);
      const queryCoverage = Math.min(1, matched / queryWeight);
      const textCoverage = Math.min(1, (matchedField.get(fieldIndex) ?? 0) / field.weight);
      const bonus = Math.min(1, functionMatches.get(fieldIndex) ?? 0) * FUNCTION_BONUS;
      const score = Math.min(
        1,
        target.weight * targetCoverage ** QUERY_COVERAGE_EXPONENT * textCoverage ** (1 - QUERY_COVERAGE_EXPONENT) + bonus,
      );
      const previous = best.get(field.target);
      if (previous === undefined || previous.score < score) {
        best.set(field.target, { target, score, queryCoverage, targetCoverage, textCoverage, text: target.texts[field.textIndex] ?? "" });
      }
    }
    const hits = [...best.values()].sort((a, b) => b.score - a.score || a.target.id.localeCompare(b.target.id)).slice(0, limit);
    return { hits, hasKnownTopic, unknownTerms };
  }
}
