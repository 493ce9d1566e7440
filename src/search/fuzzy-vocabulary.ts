import Fuse from "fuse.js";

/** A vocabulary term a misspelt query word was matched to, with how alike they are (0..1]. */
export interface FuzzyMatch {
  readonly term: string;
  readonly similarity: number;
}

/** Below this many characters a word must match exactly: "war" must not become "warn", nor "bake" "baek". */
const MIN_FUZZY_LENGTH = 4;
/** Levenshtein similarity a Fuse candidate must reach to count ("puttin"→"putin" is 0.83). */
const MIN_SIMILARITY = 0.72;
const MAX_CACHED = 5_000;

/**
 * Corrects misspelt words against the knowledge base's vocabulary. Fuse (Bitap) finds candidate
 * words quickly among a few thousand short strings — where it scores well, unlike long sentences —
 * and an edit-distance check then rejects Bitap's substring hits ("put" inside "putin"). Words are
 * compared as written, not stemmed ("septmber" is close to "september", not to its stem "septemb"),
 * and a match is reported as the word's stemmed term.
 */
export class FuzzyVocabulary {
  private readonly fuse: Fuse<string>;
  private readonly cache = new Map<string, readonly FuzzyMatch[]>();

  /**
   * @param terms the stemmed terms of the index
   * @param surface each written word of the index → its stemmed term
   */
  constructor(
    private readonly terms: ReadonlySet<string>,
    private readonly surface: ReadonlyMap<string, string>,
  ) {
    this.fuse = new Fuse([...surface.keys()], { threshold: 0.45, ignoreLocation: true, includeScore: true, minMatchCharLength: 2 });
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** Close vocabulary terms for a word that is not in the vocabulary, best first (at most 3). */
  correct(word: string): readonly FuzzyMatch[] {
    if (word.length < MIN_FUZZY_LENGTH) return [];
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const matches = this.fuse
      .search(word, { limit: 12 })
      // Four-letter words get no transposition discount: "bake" is not "baek".
      .map(({ item }) => ({ term: this.surface.get(item)!, similarity: similarity(word, item, word.length > 4) }))
      .filter((m) => m.similarity >= MIN_SIMILARITY)
      .sort((a, b) => b.similarity - a.similarity)
      // Several written forms share a stem: keep each term once, at its best similarity.
      .filter((m, i, all) => all.findIndex((other) => other.term === m.term) === i)
      .slice(0, 3);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(word, matches);
    return matches;
  }
}

/** 1 − (Levenshtein distance ÷ longer length), with adjacent transpositions costing one edit unless disabled. */
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
