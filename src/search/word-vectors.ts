import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The compact word-vector table (GloVe, 100 dimensions, the 50,000 most frequent English words, int8),
 * derived at build time by scripts/derive-vectors.mjs into generated/word-vectors.bin. Reading it is two
 * typed-array views over one file read: the words stay one string, searched by bisection, so loading costs
 * no parsing and no map of 50,000 entries.
 *
 * Vectors are unit length × 127, so the dot product of two of them / 127² is their cosine.
 */
export interface WordVectors {
  readonly dims: number;
  readonly count: number;
  /** The word's row, or -1. */
  indexOf(word: string): number;
  /** Cosine of two rows. */
  cosine(a: number, b: number): number;
  /** The row's vector (a view, not a copy). */
  vector(row: number): Int8Array;
  /** 0 for the most frequent word. */
  rank(row: number): number;
}

const DEFAULT_PATH = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "generated", "word-vectors.bin");
/** A dot product of two stored vectors times this is their cosine. */
export const COSINE_SCALE = 1 / (127 * 127);

/**
 * The dot product of two stored vectors, `dims` long, starting at `at` in `a` and `bt` in `b`: four running sums of
 * int8 products, integer arithmetic, so exactly the plain loop's sum in fewer steps (a question makes thousands).
 */
export function dot(a: Int8Array, at: number, b: Int8Array, bt: number, dims: number): number {
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let d = 0;
  for (; d + 3 < dims; d += 4) {
    d0 += a[at + d]! * b[bt + d]!;
    d1 += a[at + d + 1]! * b[bt + d + 1]!;
    d2 += a[at + d + 2]! * b[bt + d + 2]!;
    d3 += a[at + d + 3]! * b[bt + d + 3]!;
  }
  for (; d < dims; d++) d0 += a[at + d]! * b[bt + d]!;
  return d0 + d1 + d2 + d3;
}

export function wordVectorsPath(): string {
  return process.env.WORD_VECTORS_FILE ?? DEFAULT_PATH;
}

let loaded: WordVectors | null | undefined;

/** The table, read once per process; undefined when the file is missing (soft matching is then off). */
export function defaultWordVectors(): WordVectors | undefined {
  if (loaded === undefined) {
    const path = wordVectorsPath();
    loaded = existsSync(path) ? readWordVectors(readFileSync(path)) : null;
  }
  return loaded ?? undefined;
}

/** The table's format (scripts/derive-vectors.mjs); an older table is derived again by the build. */
const VERSION = 2;

function readWordVectors(file: Buffer): WordVectors {
  if (file.toString("latin1", 0, 4) !== "AQWV") throw new Error("word-vectors.bin: not a word-vector table");
  if (file.readUInt32LE(4) !== VERSION) throw new Error("word-vectors.bin: an older format; run `npm run build`");
  const count = file.readUInt32LE(8);
  const dims = file.readUInt32LE(12);
  const wordBytes = file.readUInt32LE(16);
  const pad = (n: number): number => (4 - (n % 4)) % 4;
  const vectorsAt = 20 + wordBytes + pad(20 + wordBytes);
  const ranksAt = vectorsAt + count * dims + pad(vectorsAt + count * dims);
  const offsetsAt = ranksAt + count * 4;
  const vectors = new Int8Array(file.buffer, file.byteOffset + vectorsAt, count * dims);
  const ranks = new Uint32Array(file.buffer.slice(file.byteOffset + ranksAt, file.byteOffset + ranksAt + count * 4));
  const offsets = new Uint32Array(
    file.buffer.slice(file.byteOffset + offsetsAt, file.byteOffset + offsetsAt + (count + 1) * 4),
  );
  // Words are compared in place (as bytes: they are lower-case ASCII letters), by bisection over their order,
  // without allocating: a question looks up a few dozen words.
  const words = file.subarray(20, 20 + wordBytes);
  const compare = (row: number, word: string): number => {
    const from = offsets[row]!;
    const length = offsets[row + 1]! - 1 - from;
    const n = Math.min(length, word.length);
    for (let i = 0; i < n; i++) {
      const d = words[from + i]! - word.charCodeAt(i);
      if (d !== 0) return d;
    }
    return length - word.length;
  };
  return {
    dims,
    count,
    indexOf(word: string): number {
      if (!/^[a-z]{2,20}$/.test(word)) return -1;
      let lo = 0;
      let hi = count - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = compare(mid, word);
        if (c === 0) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    },
    cosine(a: number, b: number): number {
      return dot(vectors, a * dims, vectors, b * dims, dims) * COSINE_SCALE;
    },
    vector(row: number): Int8Array {
      return vectors.subarray(row * dims, (row + 1) * dims);
    },
    rank(row: number): number {
      return ranks[row]!;
    },
  };
}
