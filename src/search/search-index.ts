import { FuzzyVocabulary, similarity } from "./fuzzy-vocabulary.js";
import { analyze } from "./normalize.js";
import { isMisspeltStopWord } from "./stopwords.js";

export type TargetKind = "qa" | "fact" | "sentence";

/** Something a question can match: a Q&A entry, a fact card or a bare sentence, with its searchable texts. */
export interface SearchTarget {
  readonly kind: TargetKind;
  readonly id: string;
  /** Each text is matched on its own (a phrasing, an alias); the target scores as its best text. */
  readonly texts: readonly string[];
  /** Multiplies the score: bare sentences are a fallback, so they weigh a little less. */
  readonly weight: number;
}

export interface SearchHit {
  readonly target: SearchTarget;
  /** 0..1: how well the best text explains the question and the question explains the text. */
  readonly score: number;
  /** Orders hits: the score plus small tie-breakers (see KIND_PREFERENCE, FUNCTION_BONUS). */
  readonly rank: number;
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
  /** Which of the target's texts this is. */
  readonly textIndex: number;
  readonly terms: readonly string[];
  /** Sum of the weights of the field's terms: the denominator of text coverage. */
  readonly weight: number;
}

/** Weight of question words ("when", "who") inside a text, for text coverage: a "when" phrasing fits a "when" question better. */
const FUNCTION_WEIGHT = 0.5;
/** Added to the rank of a text that shares a question word with the question: a tie-breaker. */
const FUNCTION_BONUS = 0.02;
const KIND_PREFERENCE: Readonly<Record<TargetKind, number>> = { qa: 0.01, fact: 0.005, sentence: 0 };
/** How much question coverage counts against text coverage in the combined score (geometric mean). */
const QUERY_COVERAGE_EXPONENT = 0.9;

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
  /** A misspelling found in the knowledge base's own texts → the term it misspells. */
  private readonly canonical: ReadonlyMap<string, string>;
  readonly vocabulary: FuzzyVocabulary;

  constructor(readonly targets: readonly SearchTarget[]) {
    const documentFrequency = new Map<string, number>();
    const surface = new Map<string, string>();
    targets.forEach((target, targetIndex) => {
      const targetTerms = new Set<string>();
      target.texts.forEach((text, textIndex) => {
        const analyzed = analyze(text, "index");
        const terms = analyzed.map((t) => t.term);
        for (const t of analyzed) {
          targetTerms.add(t.term);
          if (!t.functional) surface.set(t.word, t.term);
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

    this.canonical = foldMisspellings(documentFrequency, this.functional);
    for (const [rare, common] of this.canonical) {
      // Move the misspelling's postings to the word it misspells, and count it as that word.
      const moved = this.postings.get(rare) ?? [];
      this.postings.delete(rare);
      const into = this.postings.get(common)!;
      for (const field of moved) if (!into.includes(field)) into.push(field);
      for (const field of moved) {
        const f = this.fields[field]!;
        this.fields[field] = { ...f, terms: [...new Set(f.terms.map((t) => (t === rare ? common : t)))] };
      }
      documentFrequency.set(common, (documentFrequency.get(common) ?? 0) + (documentFrequency.get(rare) ?? 0));
      documentFrequency.delete(rare);
      for (const [word, term] of surface) if (term === rare) surface.set(word, common);
    }

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
    this.vocabulary = new FuzzyVocabulary(new Set(documentFrequency.keys()), surface);
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
    // Per candidate target: the best similarity each query word reached in any of its texts.
    const targetWords = new Map<number, Map<number, number>>();

    queryTerms.forEach(({ term: written, word, functional }, wordIndex) => {
      const term = this.canonical.get(written) ?? written;
      const resolutions = this.vocabulary.has(term) ? [{ term, similarity: 1 }] : functional ? [] : this.vocabulary.correct(word);
      const best = resolutions[0];
      // A misspelt stop word ("abot", "wat") is noise, not an unknown topic.
      const noise = best === undefined && !functional && isMisspeltStopWord(word);
      const weight = functional || noise ? 0 : best !== undefined ? this.termWeight(best.term) : this.unknownWeight;
      queryWeight += weight;
      weights.push(weight);
      if (best === undefined) {
        if (!functional && !noise) unknownTerms.push(term);
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
        const targetIndex = this.fields[field]!.target;
        let words = targetWords.get(targetIndex);
        if (words === undefined) targetWords.set(targetIndex, (words = new Map()));
        words.set(wordIndex, Math.max(words.get(wordIndex) ?? 0, similarity));
      }
    });

    const best = new Map<number, SearchHit>();
    if (queryWeight === 0) return { hits: [], hasKnownTopic, unknownTerms };
    for (const [fieldIndex, matched] of matchedQuery) {
      const field = this.fields[fieldIndex]!;
      const target = this.targets[field.target]!;
      let targetMatched = 0;
      for (const [wordIndex, credit] of targetWords.get(field.target)!) targetMatched += weights[wordIndex]! * credit;
      const targetCoverage = Math.min(1, targetMatched / queryWeight);
      const queryCoverage = Math.min(1, matched / queryWeight);
      const textCoverage = Math.min(1, (matchedField.get(fieldIndex) ?? 0) / field.weight);
      const score = Math.min(
        1,
        target.weight * targetCoverage ** QUERY_COVERAGE_EXPONENT * textCoverage ** (1 - QUERY_COVERAGE_EXPONENT),
      );
      // Ties are common (a question fully covered by several entries): a shared question word, then
      // a curated answer over a fact card over a bare sentence, decide them; the reported score stays.
      const rank = score + Math.min(1, functionMatches.get(fieldIndex) ?? 0) * FUNCTION_BONUS + KIND_PREFERENCE[target.kind];
      const previous = best.get(field.target);
      if (previous === undefined || previous.rank < rank) {
        best.set(field.target, { target, score, rank, queryCoverage, targetCoverage, textCoverage, text: target.texts[field.textIndex] ?? "" });
      }
    }
    const hits = [...best.values()].sort((a, b) => b.rank - a.rank || a.target.id.localeCompare(b.target.id)).slice(0, limit);
    return { hits, hasKnownTopic, unknownTerms };
  }
}

/** Only words this long are folded: short words are too close to each other ("baek", "back"). */
const MIN_FOLD_LENGTH = 5;
const MIN_FOLD_SIMILARITY = 0.8;
/** A word is taken for a misspelling only if it is rare and the word it resembles is used far more. */
const MAX_MISSPELLING_FREQUENCY = 3;
const FOLD_FREQUENCY_RATIO = 3;

/**
 * Curated phrasings deliberately include misspellings ("cheif", "missionery") so that users who
 * type them are understood. Indexed as they are, each would be a rare term of its own, matching
 * only the entry that happens to list it; folded onto the word it misspells, it strengthens that
 * word instead, and a user's misspelling reaches every entry about it.
 */
function foldMisspellings(documentFrequency: ReadonlyMap<string, number>, functional: ReadonlySet<string>): Map<string, string> {
  const folded = new Map<string, string>();
  const byLength = new Map<number, string[]>();
  for (const term of documentFrequency.keys()) {
    if (functional.has(term)) continue;
    const list = byLength.get(term.length) ?? [];
    list.push(term);
    byLength.set(term.length, list);
  }
  for (const [term, df] of documentFrequency) {
    if (term.length < MIN_FOLD_LENGTH || df > MAX_MISSPELLING_FREQUENCY || functional.has(term)) continue;
    let best: { term: string; df: number } | undefined;
    for (let length = term.length - 2; length <= term.length + 2; length++) {
      for (const other of byLength.get(length) ?? []) {
        const otherDf = documentFrequency.get(other)!;
        // Typing slips rarely hit the first letter; requiring it keeps "along" from becoming "long".
        if (other === term || other[0] !== term[0] || otherDf < df * FOLD_FREQUENCY_RATIO) continue;
        if (similarity(term, other) >= MIN_FOLD_SIMILARITY && (best === undefined || otherDf > best.df)) best = { term: other, df: otherDf };
      }
    }
    if (best !== undefined) folded.set(term, best.term);
  }
  // Follow chains (a → b → c) so every misspelling points at a word that is itself kept.
  for (const [rare, common] of folded) {
    let target = common;
    const seen = new Set([rare]);
    while (folded.has(target) && !seen.has(target)) {
      seen.add(target);
      target = folded.get(target)!;
    }
    folded.set(rare, target);
  }
  return folded;
}
