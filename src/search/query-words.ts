import type { Analyzer, QueryTerm } from "./analyzer.js";
import type { FuzzyMatch } from "./fuzzy-vocabulary.js";
import { FuzzyVocabulary } from "./fuzzy-vocabulary.js";
import { GroupCounts } from "./group-counts.js";
import type { SentenceIndex } from "./sentence-types.js";
import type { QueryWord } from "./sentence-types.js";
import { FUNCTION_WORDS, STOP_WORDS, isMisspeltStopWord } from "./stopwords.js";
import type { WordVectors } from "./word-vectors.js";

/**
 * A question's words, resolved against one article: each word is the article's own (exact), a misspelling
 * of one of its words (corrected, with how alike), an English word the article does not use (kept, for soft
 * matching through its vector), or neither (unknown: a name or topic the article never mentions).
 *
 * The English dictionary decides what is a misspelling: a word of the 50,000 most frequent English words
 * is not corrected to an article word unless it is far rarer than the article word it resembles is close to
 * it ("cost" stays "cost" and is matched to "price" by meaning; "restoraton" becomes "restoration").
 */
type Resolution = "exact" | "corrected" | "english" | "unknown" | "noise";

export interface ResolvedWord extends QueryWord {
  /** As typed. */
  readonly typed: string;
  readonly via: Resolution;
  /** Other spellings the correction considered, best first. */
  readonly alternatives: readonly FuzzyMatch[];
}

/** English words at or beyond this frequency rank may still be misspellings of an article word. */
const COMMON_RANK = 15_000;

export interface ArticleVocabulary {
  readonly fuzzy: FuzzyVocabulary;
  /** Written (normalised, unstemmed) words of the article. */
  readonly words: ReadonlySet<string>;
  /** What the fuzzy vocabulary is built from (kept for snapshots): each word's frequency, and the names' words. */
  readonly frequency: ReadonlyMap<string, number>;
  readonly nameWords: ReadonlySet<string>;
}

export function articleVocabulary(
  texts: readonly string[],
  analyzer: Analyzer,
  nameWords: ReadonlySet<string>,
  analyze: (text: string, position: number) => readonly QueryTerm[] = (text) => analyzer.analyze(text, "index"),
): ArticleVocabulary {
  // How many texts use each word: each text is one group.
  const counts = new GroupCounts();
  texts.forEach((text, i) => {
    for (const t of analyze(text, i)) if (!t.functional) counts.add(t.word, i);
  });
  const frequency = counts.toMap();
  return vocabularyOf(frequency, nameWords);
}

export function vocabularyOf(
  frequency: ReadonlyMap<string, number>,
  nameWords: ReadonlySet<string>,
): ArticleVocabulary {
  return { fuzzy: new FuzzyVocabulary(frequency, nameWords), words: new Set(frequency.keys()), frequency, nameWords };
}

/** What a word the article never uses weighs: the rarest article word's idf, less for common English words. */
function unknownWeight(index: SentenceIndex, vectors: WordVectors | undefined, word: string): number {
  const row = vectors?.indexOf(word) ?? -1;
  if (row < 0) return index.maxIdf;
  const rank = vectors!.rank(row);
  return index.maxIdf * Math.min(1, 0.35 + 0.65 * (Math.log1p(rank) / Math.log1p(50_000)));
}

export function resolveWords(
  normalized: string,
  analyzer: Analyzer,
  vocabulary: ArticleVocabulary,
  index: SentenceIndex,
  vectors: WordVectors | undefined,
): ResolvedWord[] {
  const words = analyzer.joinNames(normalized, "query").split(" ");
  const corrected = new Map<string, { typed: string; matches: readonly FuzzyMatch[] }>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === "" || vocabulary.words.has(word) || STOP_WORDS.has(word) || FUNCTION_WORDS.has(word)) continue;
    if (analyzer.synonym(word) !== undefined) continue;
    const row = vectors?.indexOf(word) ?? -1;
    const matches = vocabulary.fuzzy.correct(word);
    const best = matches[0];
    if (best === undefined) continue;
    // A common English word is what it says, unless the article word is nearly the same spelling.
    if (row >= 0 && vectors!.rank(row) < COMMON_RANK && best.similarity < 0.9) continue;
    words[i] = best.word;
    corrected.set(best.word, { typed: word, matches });
  }
  const out: ResolvedWord[] = [];
  for (const t of analyzer.analyzeNormalized(words.join(" "), "query")) {
    if (t.functional) continue;
    const correction = corrected.get(t.word);
    const typed = correction?.typed ?? t.word;
    if (index.idf.has(t.term)) {
      out.push({
        term: t.term,
        word: t.word,
        typed,
        weight: index.idf.get(t.term)!,
        likeness: correction?.matches[0]?.similarity ?? 1,
        via: correction === undefined ? "exact" : "corrected",
        alternatives: correction?.matches.slice(1) ?? [],
      });
      continue;
    }
    if (isMisspeltStopWord(t.word) && (vectors?.indexOf(t.word) ?? -1) < 0) {
      out.push({ term: t.term, word: t.word, typed, weight: 0, likeness: 1, via: "noise", alternatives: [] });
      continue;
    }
    const english = (vectors?.indexOf(t.word) ?? -1) >= 0;
    out.push({
      term: t.term,
      word: t.word,
      typed,
      weight: unknownWeight(index, vectors, t.word),
      likeness: 1,
      via: english ? "english" : "unknown",
      alternatives: [],
    });
  }
  return out;
}
