import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../knowledge/pack-dir.js";
import type { Slang } from "./lexicon-types.js";
import type { WordVectors } from "./word-vectors.js";

/*
 * Chat spelling, folded before a question is searched (lexicon/slang.yaml, data validated when loaded):
 * abbreviations expanded ("ppl" → "people", "b4" → "before"), filler dropped ("lol", "ngl", "@bot", "asking for a
 * friend"), stretched words folded ("sooo" → "so", "pleaaase" → "please") using the English word list to tell
 * "cool" from "coool", digits typed for words read as words before a determiner ("2 the trees"), and symbols typed
 * for words read as those words ("w/o" → "without", "%" → "percent"). Questions only: an article is quoted as
 * written.
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
/** Changed whenever `Cached` changes. */
const CACHE_FORMAT = 2;

interface Cached {
  readonly checksum: string;
  readonly expand: [string, string][];
  readonly filler: string[];
  readonly phrases: string[];
  readonly symbols: [string, string][];
  readonly numerals: [string, string][];
  readonly irregular: [string, string][];
}

let loaded: Lexicons | undefined;

function defaultLexicons(): Lexicons {
  if (loaded !== undefined) return loaded;
  const slangText = readFileSync(SLANG_FILE, "utf8");
  const englishText = readFileSync(ENGLISH_FILE, "utf8");
  // The cache's own format is part of its name too: a cache written by older code is never read as this one.
  const checksum = createHash("sha256")
    .update(`format ${CACHE_FORMAT}\n`)
    .update(slangText)
    .update("\n--\n")
    .update(englishText)
    .digest("hex");
  try {
    if (existsSync(CACHE)) {
      const cached = JSON.parse(readFileSync(CACHE, "utf8")) as Cached;
      if (cached.checksum === checksum) {
        loaded = {
          slang: {
            expand: new Map(cached.expand),
            filler: new Set(cached.filler),
            phrases: cached.phrases,
            symbols: new Map(cached.symbols),
            numerals: new Map(cached.numerals),
          },
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
      phrases: [...loaded.slang.phrases],
      symbols: [...loaded.slang.symbols],
      numerals: [...loaded.slang.numerals],
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

/** Words before which a digit cannot be a number: "2 the trees", "4 my mum". */
const DETERMINERS = new Set(
  "the a an my your his her its our their this that these those me you u him them us ur".split(" "),
);

/**
 * The question as typed with the symbols that stand for words replaced by them ("w/o a registration" → "without a
 * registration", "what % of" → "what percent of"): only a symbol standing alone between spaces, so "57%" and
 * "https://a/b" are left as they are. Applied before normalisation, which drops symbols.
 */
export function foldSymbols(raw: string, slang: Slang): string {
  if (slang.symbols.size === 0) return raw;
  return raw
    .split(/(\s+)/)
    .map((token) => {
      // Trailing punctuation is not part of the symbol: "w/o?" is "w/o".
      const bare = /^(.*?)([?!.,;:]*)$/.exec(token);
      const meaning = bare === null ? undefined : slang.symbols.get(bare[1]!.toLowerCase());
      return meaning === undefined ? token : `${meaning}${bare![2]}`;
    })
    .join("");
}

/**
 * A word stretched for emphasis ("sooo", "whyyy", "pleaaase", "lmaooo") back to its spelling: a chat word the
 * lexicon knows, else the one the word list knows.
 */
function foldStretched(w: string, vectors: WordVectors | undefined, slang: Slang): string {
  if (!/(\p{L})\1\1/u.test(w)) return w;
  const two = w.replace(/(\p{L})\1{2,}/gu, "$1$1");
  const one = w.replace(/(\p{L})\1{2,}/gu, "$1");
  const known = [one, two].find((x) => slang.filler.has(x) || slang.expand.has(x));
  if (known !== undefined) return known;
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
  let text = ` ${normalized} `;
  for (const phrase of slang.phrases) text = text.replaceAll(` ${phrase} `, " ");
  const words = text.split(" ").filter((w) => w !== "");
  for (const [i, raw] of words.entries()) {
    const numeral = slang.numerals.get(raw);
    if (numeral !== undefined && DETERMINERS.has(words[i + 1] ?? "")) {
      out.push(numeral);
      continue;
    }
    const w = foldStretched(raw, vectors, slang);
    if (slang.filler.has(w)) continue;
    out.push(slang.expand.get(w) ?? w);
  }
  return out.join(" ");
}
