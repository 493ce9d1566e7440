/**
 * Misspellings matched to the article's words: Fuse's Bitap over the vocabulary and Double Metaphone keys, checked
 * by Damerau–Levenshtein similarity.
 */
import { doubleMetaphone } from "double-metaphone";
import Fuse from "fuse.js";

/** A vocabulary word a misspelt word was matched to, with how alike they are (0..1]. */
export interface FuzzyMatch {
  /** The vocabulary's word as written (before stemming). */
  readonly word: string;
  readonly similarity: number;
  /** How it was found: by spelling (edit distance) or by sound (same Double Metaphone key). */
  readonly via: "fuzzy" | "phonetic";
}

/** Below this many characters a word must match exactly: "war" must not become "warn", nor "bake" "baek". */
const MIN_FUZZY_LENGTH = 4;
/** Three-letter words are corrected by sound only, one edit away ("ill" → "il", "bek" → "baek"). */
const MIN_PHONETIC_LENGTH = 2;
const SHORT_WORD = 3;
/** Damerau–Levenshtein similarity a spelling candidate must reach ("puttin"→"putin" is 0.83). */
const MIN_SIMILARITY = 0.72;
/** A word that sounds the same ("corea"/"korea", "seol"/"seoul") needs only this much spelling likeness… */
const MIN_PHONETIC_SIMILARITY = 0.5;
/** …and is then credited with this similarity at least. */
const PHONETIC_SIMILARITY = 0.8;
/** How much a word's frequency in the base breaks near-ties between candidates (a frequency prior). */
const FREQUENCY_PRIOR = 0.03;
const MAX_CACHED = 5_000;

/**
 * Corrects misspelt words against the knowledge base's written words. Candidates come from two
 * places: Fuse (Bitap), which finds similar spellings quickly among a few thousand short strings,
 * and a Double Metaphone key table, which finds words that sound the same ("puttin", "corea",
 * "hapend"). Each candidate is then checked by Damerau–Levenshtein similarity (rejecting Bitap's
 * substring hits such as "put" inside "putin"), and near-ties go to the word the base uses more.
 */
export class FuzzyVocabulary {
  /** Built on the first correction, not at start-up: most questions are spelt right. */
  private lookup: { readonly fuse: Fuse<string>; readonly byKey: ReadonlyMap<string, readonly string[]> } | undefined;
  private readonly cache = new Map<string, readonly FuzzyMatch[]>();
  private readonly maxFrequency: number;

  /**
   * @param frequency each written word of the base → how many targets use it
   * @param nameWords words of names (fact names and aliases): a three-letter word is corrected only to one
   *   of these, by sound, so that "kim jong ill" finds Kim Jong Il while "eat" does not become "east"
   */
  constructor(
    private readonly frequency: ReadonlyMap<string, number>,
    private readonly nameWords: ReadonlySet<string> = new Set(),
  ) {
    this.maxFrequency = Math.max(1, ...frequency.values());
  }

  private tables(): NonNullable<FuzzyVocabulary["lookup"]> {
    if (this.lookup === undefined) {
      const words = [...this.frequency.keys()];
      const byKey = new Map<string, string[]>();
      for (const word of words) {
        if (word.length < MIN_PHONETIC_LENGTH || /\d/.test(word)) continue;
        for (const key of new Set(doubleMetaphone(word))) {
          const list = byKey.get(key);
          if (list === undefined) byKey.set(key, [word]);
          else list.push(word);
        }
      }
      const fuse = new Fuse(words, {
        threshold: 0.45,
        ignoreLocation: true,
        includeScore: true,
        minMatchCharLength: 2,
      });
      this.lookup = { fuse, byKey };
    }
    return this.lookup;
  }

  has(word: string): boolean {
    return this.frequency.has(word);
  }

  /** Close vocabulary words for a word the base does not use, best first (at most 3). */
  correct(word: string): readonly FuzzyMatch[] {
    if (word.length < SHORT_WORD || /\d/.test(word)) return [];
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const candidates = new Map<string, FuzzyMatch>();
    const consider = (candidate: string, via: FuzzyMatch["via"]): void => {
      // Four-letter words get no transposition discount: "bake" is not "baek".
      const spelt = similarity(word, candidate, word.length > 4);
      const score =
        via === "phonetic" && spelt >= MIN_PHONETIC_SIMILARITY ? Math.max(spelt, PHONETIC_SIMILARITY) : spelt;
      if (score < MIN_SIMILARITY) return;
      const previous = candidates.get(candidate);
      if (previous === undefined || previous.similarity < score) {
        candidates.set(candidate, { word: candidate, similarity: score, via: spelt >= MIN_SIMILARITY ? "fuzzy" : via });
      }
    };
    const short = word.length < MIN_FUZZY_LENGTH;
    const { fuse, byKey } = this.tables();
    if (!short) for (const { item } of fuse.search(word, { limit: 12 })) consider(item, "fuzzy");
    for (const key of new Set(doubleMetaphone(word))) {
      for (const candidate of byKey.get(key) ?? []) {
        // A long word is matched only to long words ("peru" is not "pro"); a short one only to a name's word.
        const fits = short
          ? Math.abs(candidate.length - word.length) === 1 && this.nameWords.has(candidate)
          : candidate.length >= MIN_FUZZY_LENGTH;
        if (fits) consider(candidate, "phonetic");
      }
    }
    const prior = (w: string): number =>
      FREQUENCY_PRIOR * (Math.log1p(this.frequency.get(w) ?? 0) / Math.log1p(this.maxFrequency));
    const matches = [...candidates.values()]
      .sort((a, b) => b.similarity + prior(b.word) - (a.similarity + prior(a.word)) || (a.word < b.word ? -1 : 1))
      .slice(0, 3);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(word, matches);
    return matches;
  }
}

/** 1 − (Damerau–Levenshtein distance ÷ longer length); adjacent transpositions cost one edit unless disabled. */
export function similarity(a: string, b: string, transpositions = true): number {
  if (a === b) return 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return 1 - d[rows * cols - 1]! / Math.max(a.length, b.length);
}
