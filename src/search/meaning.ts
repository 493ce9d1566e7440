/**
 * Meaning from word vectors: a question word's closest article words, soft matches, how a sentence's words line up
 * with a question's, and sentence-level similarity.
 */
import type { Neighbours, QueryWord, SentenceIndex } from "./sentence-types.js";
import type { WordVectors } from "./word-vectors.js";
import { COSINE_SCALE, dot } from "./word-vectors.js";

/** Cosines below this count as unrelated (and are not stored). */
const NEIGHBOUR_FLOOR = 0.3;

export function buildNeighbours(rows: Int32Array, vectors: WordVectors | undefined): Neighbours {
  const n = rows.length;
  const start = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    start[i] = cols.length;
    if (vectors === undefined) continue;
    for (let j = 0; j < n; j++) {
      const c = i === j ? 1 : vectors.cosine(rows[i]!, rows[j]!);
      if (c >= NEIGHBOUR_FLOOR) {
        cols.push(j);
        vals.push(c);
      }
    }
  }
  start[n] = cols.length;
  return { start, cols: Int32Array.from(cols), vals: Float32Array.from(vals) };
}

/**
 * Per question word, its cosine to every article word (a dense array over SentenceIndex.softWords), or
 * undefined for a word without a vector. Computed once per question, read by soft matching and alignment.
 */
export function questionCosines(
  index: SentenceIndex,
  words: readonly QueryWord[],
  vectors: WordVectors | undefined,
): (Float32Array | undefined)[] {
  const size = index.softWords.length;
  return words.map((word) => {
    if (vectors === undefined || size === 0) return undefined;
    const own = index.softPosition.get(word.word);
    const cosines = new Float32Array(size);
    if (own !== undefined) {
      const { start, cols, vals } = index.neighbours;
      for (let k = start[own]!; k < start[own + 1]!; k++) cosines[cols[k]!] = vals[k]!;
      return cosines;
    }
    const row = vectors.indexOf(word.word);
    if (row < 0) return undefined;
    const q = vectors.vector(row);
    const all = index.softVectors;
    const dims = q.length;
    for (let v = 0; v < size; v++) {
      const c = dot(q, 0, all, v * dims, dims) * COSINE_SCALE;
      if (c >= NEIGHBOUR_FLOOR) cosines[v] = c;
    }
    return cosines;
  });
}

/** A sentence's best cosine to a question word, over its own words. */
export function bestCosine(index: SentenceIndex, doc: number, cosines: Float32Array): number {
  let best = 0;
  const own = index.docSoftWords[doc]!;
  for (let j = 0; j < own.length; j++) {
    const c = cosines[own[j]!]!;
    if (c > best) best = c;
  }
  return best;
}

/** Words → one unit vector: the weighted mean of their vectors (words without one are skipped). */
export function embed(
  words: readonly { readonly word: string; readonly weight: number }[],
  vectors: WordVectors,
): Float32Array {
  const v = new Float32Array(vectors.dims);
  for (const { word, weight } of words) {
    const row = vectors.indexOf(word);
    if (row < 0) continue;
    const vec = vectors.vector(row);
    for (let d = 0; d < v.length; d++) v[d]! += vec[d]! * weight;
  }
  let norm = 0;
  for (let d = 0; d < v.length; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < v.length; d++) v[d]! /= norm;
  return v;
}

/**
 * How well each sentence's words line up with the question's: for every question word, its best cosine to a
 * word of the sentence (1 when the sentence has the word itself), weighted, as a share of the question's weight.
 */
export function alignment(
  index: SentenceIndex,
  words: readonly QueryWord[],
  cosines: readonly (Float32Array | undefined)[],
): Float64Array {
  const n = index.ids.length;
  const out = new Float64Array(n);
  const total = words.reduce((s, w) => s + w.weight, 0) || 1;
  words.forEach((word, w) => {
    const own = cosines[w];
    for (let d = 0; d < n; d++) {
      if (index.docTerms[d]!.has(word.term)) out[d]! += word.weight;
      else if (own !== undefined) out[d]! += word.weight * bestCosine(index, d, own);
    }
  });
  for (let d = 0; d < n; d++) out[d]! /= total;
  return out;
}

/** Cosine of a question's meaning vector with each sentence's. */
export function meaningSimilarity(index: SentenceIndex, question: Float32Array): Float64Array {
  const dims = question.length;
  const n = index.ids.length;
  const out = new Float64Array(n);
  if (dims === 0) return out;
  for (let d = 0; d < n; d++) {
    let dot = 0;
    for (let k = 0; k < dims; k++) dot += index.embeddings[d * dims + k]! * question[k]!;
    out[d] = dot;
  }
  return out;
}
