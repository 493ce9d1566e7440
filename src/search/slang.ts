import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { describeZodIssue, readYaml, YamlSyntaxError } from "../knowledge/yaml.js";
import type { WordVectors } from "./word-vectors.js";

/**
 * Chat spelling, folded before a question is searched (lexicon/slang.yaml, data validated when loaded):
 * abbreviations expanded ("ppl" → "people", "b4" → "before"), filler dropped ("lol", "ngl", "@bot", "asking for a
 * friend"), stretched words folded ("sooo" → "so", "pleaaase" → "please") using the English word list to tell
 * "cool" from "coool", and symbols typed for words read as those words ("w/o" → "without", "%" → "percent").
 * Questions only: an article is quoted as written.
 */
export interface Slang {
  readonly expand: ReadonlyMap<string, string>;
  readonly filler: ReadonlySet<string>;
  /** Filler of several words, as normalised text ("asking for a friend"). */
  readonly phrases: readonly string[];
  /** A symbol standing alone → the words it is typed for. */
  readonly symbols: ReadonlyMap<string, string>;
  /** A digit typed for a word ("2" → "to"), read so before a determiner or pronoun only. */
  readonly numerals: ReadonlyMap<string, string>;
}

/** Words before which a digit cannot be a number: "2 the trees", "4 my mum". */
const DETERMINERS = new Set(
  "the a an my your his her its our their this that these those me you u him them us ur".split(" "),
);

const SLANG_FILE = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "lexicon", "slang.yaml");

const word = z.string().regex(/^[a-z0-9]+$/, "must be one lower-case word (a-z, 0-9)");
const meaning = z.string().regex(/^[a-z]+(?: [a-z]+)*$/, "must be plain lower-case words");
const symbol = z
  .string()
  .regex(/^\S{1,5}$/, "must be one token of at most 5 characters")
  .refine((s) => /[^a-z0-9]/.test(s), "must contain a symbol (a plain word belongs in expand)");
const slangSchema = z.strictObject({
  expand: z.record(word, meaning),
  filler: z.array(word),
  phrases: z
    .array(meaning.refine((p) => p.includes(" "), "must be several words (one word belongs in filler)"))
    .default([]),
  symbols: z.record(symbol, meaning).default({}),
  numerals: z.record(z.string().regex(/^\d$/, "must be one digit"), word).default({}),
});

export class LexiconError extends Error {
  override name = "LexiconError";
}

/** Reads a lexicon file's YAML and checks it against a schema; errors name the file, the line and the entry. */
function parseLexiconFile<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
  let source;
  try {
    source = readYaml(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) throw new LexiconError(`${file}:${error.line ?? "?"}: ${error.message}`);
    throw error;
  }
  const result = schema.safeParse(source.data);
  if (!result.success) {
    throw new LexiconError(
      result.error.issues
        .map((issue) => `${file}:${source.lineOf(issue.path) ?? "?"}: ${describeZodIssue(issue)}`)
        .join("\n"),
    );
  }
  return result.data;
}

/** Parses and validates a slang file's text; errors name the file, the entry and its line. */
export function parseSlang(text: string, file = "lexicon/slang.yaml"): Slang {
  const { expand, filler, phrases, symbols, numerals } = parseLexiconFile(text, file, slangSchema);
  const problems: string[] = [];
  for (const w of filler) if (w in expand) problems.push(`${file}: "${w}" is both expanded and filler`);
  const seen = new Set<string>();
  for (const w of filler) {
    if (seen.has(w)) problems.push(`${file}: filler "${w}" is listed twice`);
    seen.add(w);
  }
  if (new Set(phrases).size !== phrases.length) problems.push(`${file}: a phrase is listed twice`);
  if (problems.length > 0) throw new LexiconError(problems.join("\n"));
  return {
    expand: new Map(Object.entries(expand)),
    filler: new Set(filler),
    // Longest first, so "does anyone know" goes before "anyone know" can leave "does" behind.
    phrases: [...phrases].sort((a, b) => b.length - a.length),
    symbols: new Map(Object.entries(symbols)),
    numerals: new Map(Object.entries(numerals)),
  };
}

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

const irregularSchema = z.strictObject({ irregular: z.record(word, word) });

const ENGLISH_FILE = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "lexicon", "english.yaml");

/** lexicon/english.yaml: irregular verb forms → their base ("paid" → "pay"). */
export function parseIrregular(text: string, file = "lexicon/english.yaml"): ReadonlyMap<string, string> {
  return new Map(Object.entries(parseLexiconFile(text, file, irregularSchema).irregular));
}

let irregular: ReadonlyMap<string, string> | undefined;

export function defaultIrregular(): ReadonlyMap<string, string> {
  irregular ??= parseIrregular(readFileSync(ENGLISH_FILE, "utf8"));
  return irregular;
}

let loaded: Slang | undefined;

export function defaultSlang(): Slang {
  loaded ??= parseSlang(readFileSync(SLANG_FILE, "utf8"));
  return loaded;
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
