import type { EntryHit } from "./entry-index.js";
import { matchEntries } from "./entry-match.js";
import type { PackIndex } from "./pack-index.js";
import { resolveIn } from "./pack-index.js";
import type { ResolvedWord } from "./query-words.js";
import { alignment, embed, meaningSimilarity, questionCosines } from "./meaning.js";
import type { SentenceScores } from "./sentence-scores.js";
import { scoreSentences } from "./sentence-scores.js";

/**
 * Retrieval for one pack: the question's words resolved against the article (spelling corrected, unknown words
 * weighed), every sentence scored (BM25 with contexts and soft matches, alignment of words, similarity of
 * meaning), and the curated entries that match. Everything the later stages judge, returned explicitly.
 */
export interface Retrieved {
  readonly words: readonly ResolvedWord[];
  readonly scores: SentenceScores;
  /** Per sentence: how well its words line up with the question's (0..1). */
  readonly alignment: Float64Array;
  /** Per sentence: cosine of its meaning vector with the question's. */
  readonly meaning: Float64Array;
  /** Curated entries (Q&A and fact cards) matching the question, best first. */
  readonly entryHits: readonly EntryHit[];
  /** The question is word for word the text of the first entry hit (a curated question or phrasing, a fact's name). */
  readonly exactEntry: boolean;
  /** Share of the question's weight in words the article never uses (and no soft match reaches). */
  readonly unknownShare: number;
  /** Share of the question's weight matched only through spelling correction. */
  readonly correctedShare: number;
  /** The question's topic words the article never mentions, as typed. */
  readonly unknownWords: readonly string[];
}

export interface RetrieveInput {
  /** The question, normalised and chat-folded. */
  readonly text: string;
  /** Span types that answer it (0: any). */
  readonly typeMask: number;
  /** Its question words, for tie-breaks between curated phrasings. */
  readonly functionWords: readonly string[];
  /** The question as normalised (before chat folding): a curated text asked word for word is that entry's. */
  readonly normalized: string;
}

const ENTRY_HITS = 5;
/** Cosine above which an article word stands for a question word the article does not use ("price" for "cost"). */
const SAME_MEANING = 0.75;

export function retrieve(input: RetrieveInput, index: PackIndex): Retrieved {
  const words = resolveIn(index, input.text);
  // Each question word's cosine to every article word, computed once for soft matching and alignment.
  const cosines = questionCosines(index.sentences, words, index.vectors);
  const scores = scoreSentences(index.sentences, words, cosines, input.typeMask, index.options);
  const question = index.vectors === undefined ? new Float32Array(0) : embed(words, index.vectors);
  const total = scores.queryWeight || 1;
  // A word counts as unknown when the article does not use it and no word of the article means nearly the same.
  const unknown = words.filter(
    (w, i) => (w.via === "unknown" || w.via === "english") && scores.closestMeaning[i]! < SAME_MEANING,
  );
  const unknownWeight = unknown.reduce((s, w) => s + w.weight, 0);
  const entryHits =
    index.entries.targets.length === 0
      ? []
      : matchEntries(index.entries, index.analyzer, words, input.functionWords, ENTRY_HITS, input.normalized);
  const exactAt = index.entries.exact.get(input.normalized);
  return {
    words,
    scores,
    alignment: alignment(index.sentences, words, cosines),
    meaning: meaningSimilarity(index.sentences, question),
    entryHits,
    exactEntry: exactAt !== undefined && entryHits[0]?.target === index.entries.targets[exactAt],
    unknownShare: unknownWeight / total,
    correctedShare: words.filter((w) => w.via === "corrected").reduce((s, w) => s + w.weight, 0) / total,
    unknownWords: unknown.map((w) => w.typed),
  };
}
