import type { SentenceRole } from "../knowledge/types.js";
import type { Span } from "./spans.js";

/** The sentence index's shapes, shared by its build (sentence-index.ts), scoring (sentence-scores.ts) and meaning (meaning.ts). */

/** A question's word as sentence retrieval sees it. */
export interface QueryWord {
  /** The analysed term (stemmed, misspellings corrected). */
  readonly term: string;
  /** The word (corrected), for its vector. */
  readonly word: string;
  /** Its share of the question: the term's idf, or for a word the article never uses, what such a word weighs. */
  readonly weight: number;
  /** How sure the spelling correction was (1 when not corrected). */
  readonly likeness: number;
}

/**
 * The sentences of one article as a search index: plain data built once per pack (buildSentenceIndex), and
 * read by pure functions (sentence-scores.ts, meaning.ts). Each sentence is a document with two fields, its own words and
 * its context (the heading it sits under, a FAQ answer's question, the named subject of a sentence that opens
 * with a pronoun), scored with BM25 over both (the context's term frequency weighted down), plus soft matches
 * through word vectors for the question's words a sentence lacks.
 */
export interface SentenceIndex {
  readonly ids: readonly string[];
  readonly roles: readonly SentenceRole[];
  /** Per document, its length in terms (context terms counted at their weight). */
  readonly lengths: Float64Array;
  readonly averageLength: number;
  /** Term → the documents using it, with the term's frequency in their text and in their context. */
  readonly postings: ReadonlyMap<string, Posting>;
  /** Term → BM25 inverse document frequency. */
  readonly idf: ReadonlyMap<string, number>;
  /** The largest idf: what a word the article never uses weighs. */
  readonly maxIdf: number;
  /** The article's distinct content words that have a vector, with their rows in the vector table. */
  readonly softWords: readonly string[];
  readonly softRows: Int32Array;
  /** A soft word → its position in softWords. */
  readonly softPosition: ReadonlyMap<string, number>;
  /** The article's words' neighbours among themselves (meaning.ts), computed once at build. */
  readonly neighbours: Neighbours;
  /** Per document, the positions in softWords of its content words (its text and its context). */
  readonly docSoftWords: readonly Int32Array[];
  /** Per document, the terms it contains (text or context), for "matched exactly" checks. */
  readonly docTerms: readonly ReadonlySet<string>[];
  /** Per document, its text's meaning as one unit vector (idf-weighted mean of its words' vectors), dims floats each. */
  readonly embeddings: Float32Array;
  /** Per document, the typed spans of its text and their mask (spans.ts). */
  readonly spans: readonly (readonly Span[])[];
  readonly typeMasks: Uint16Array;
}

export interface Posting {
  readonly docs: Int32Array;
  readonly text: Float32Array;
  readonly context: Float32Array;
  /** In the sentence before (a paragraph's topic often sits in the sentence before the one that answers). */
  readonly neighbour: Float32Array;
}

/**
 * Meaning through word vectors (word-vectors.ts): a question word the article does not use may still match a
 * word it does ("cost" ~ "price"), and a sentence as a whole may be near the question in meaning.
 *
 * The article's own words' cosines to each other are computed once, at build, and kept sparse (only pairs at
 * NEIGHBOUR_FLOOR or above): most question words are article words, so a question costs a table look-up per
 * word, not a pass over the vocabulary. A question word the article does not use is compared with every article
 * word once per question.
 */
export interface Neighbours {
  /** CSR: row r's neighbours are cols[start[r] .. start[r+1]) with cosines vals[…]. */
  readonly start: Int32Array;
  readonly cols: Int32Array;
  readonly vals: Float32Array;
}
