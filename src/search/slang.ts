import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../knowledge/pack-dir.js";
import type { Slang } from "./lexicon-types.js";
import type { WordVectors } from "./word-vectors.js";

/*
 * Chat spelling, folded before a question is searched (lexicon/slang.yaml, data validated when loaded):
 * abbreviations expanded ("ppl" → "people", "b4" → "before"), filler dropped ("lol", "ngl", "@bot"),
 * stretched words folded ("sooo" → "so", "pleaaase" → "please") using the English word list to tell
 * "cool" from "coool". Questions only: an article is quoted as written.
 */

/** The shared lexicons (lexicon/*.yaml): chat spelling, and irregular English verbs (analyzer.ts). */
interface Lexicons {
  readonly slang: Slang;
  readonly irregular: ReadonlyMap<string, string>;
}

const SLANG_FILE = join(REPO_ROOT, "lexicon", "slang.yaml");
const ENGLISH_FILE = join(REPO_ROOT, "lexicon", "english.yaml");
/**
 * The lexicons as validated JSON, kept beside the other generated files and named by a checksum of their YAML:
 * reading it costs no YAML parser and no schema library at start-up. When the YAML has changed (or there is no
 * cache) they are parsed and validated again (lexicon-files.ts) and the cache rewritten, best effort.
 */
const CACHE = join(REPO_ROOT, "generated", "lexicons.json");
const lazy = createRequire(import.meta.url);

interface Cached {
  readonly checksum: string;
  readonly expand: [string, string][];
  readonly filler: string[];
  readonly irregular: [string, string][];
}

let loaded: Lexicons | undefined;

function defaultLexicons(): Lexicons {
  if (loaded !== undefined) return loaded;
  const slangText = readFileSync(SLANG_FILE, "utf8");
  const englishText = readFileSync(ENGLISH_FILE, "utf8");
  const checksum = createHash("sha256").update(slangText).update("\n--\n").update(englishText).digest("hex");
  try {
    if (existsSync(CACHE)) {
      const cached = JSON.parse(readFileSync(CACHE, "utf8")) as Cached;
      if (cached.checksum === checksum) {
        loaded = {
          slang: { expand: new Map(cached.expand), filler: new Set(cached.filler) },
          irregular: new Map(cached.irregular),
        };
        return loaded;
      }
    }
  } catch {
    // An unreadable cache is rebuilt below.
  }
  const files = lazy("./lexicon-files.js") as typeof import("./lexicon-files.js");
  loaded = { slang: files.parseSlang(slangText), irregular: files.parseIrregular(englishText) };
  try {
    mkdirSync(dirname(CACHE), { recursive: true });
    const cached: Cached = {
      checksum,
      expand: [...loaded.slang.expand],
      filler: [...loaded.slang.filler],
      irregular: [...loaded.irregular],
    };
    writeFileSync(`${CACHE}.${process.pid}.tmp`, JSON.stringify(cached));
    renameSync(`${CACHE}.${process.pid}.tmp`, CACHE);
  } catch {
    // Best effort: the next start parses again.
  }
  return loaded;
}

export function defaultSlang(): Slang {
  return defaultLexicons().slang;
}

/** lexicon/english.yaml: irregular verb forms → their base ("paid" → "pay"). */
export function defaultIrregular(): ReadonlyMap<string, string> {
  return defaultLexicons().irregular;
}

/** A word stretched for emphasis ("sooo", "whyyy", "pleaaase") back to its spelling, when the word list knows it. */
function foldStretched(w: string, vectors: WordVectors | undefined): string {
  if (!/(\p{L})\1\1/u.test(w)) return w;
  const two = w.replace(/(\p{L})\1{2,}/gu, "$1$1");
  const one = w.replace(/(\p{L})\1{2,}/gu, "$1");
  if (vectors === undefined) return one;
  // The commoner of the two spellings the word list knows ("coool" → "cool", not "col").
  const rank = (x: string): number => {
    const row = vectors.indexOf(x);
    return row < 0 ? Infinity : vectors.rank(row);
  };
  return rank(one) <= rank(two) ? (rank(one) === Infinity ? two : one) : two;
}

/** Normalised question text → the same with chat spelling folded (see the module comment). */
export function foldSlang(normalized: string, slang: Slang, vectors: WordVectors | undefined): string {
  const out: string[] = [];
  for (const raw of normalized.split(" ")) {
    if (raw === "") continue;
    const w = foldStretched(raw, vectors);
    if (slang.filler.has(w)) continue;
    out.push(slang.expand.get(w) ?? w);
  }
  return out.join(" ");
}
