import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { describeZodIssue, readYaml, YamlSyntaxError } from "../knowledge/yaml.js";
import type { WordVectors } from "./word-vectors.js";

/**
 * Chat spelling, folded before a question is searched (lexicon/slang.yaml, data validated when loaded):
 * abbreviations expanded ("ppl" → "people", "b4" → "before"), filler dropped ("lol", "ngl", "@bot"),
 * stretched words folded ("sooo" → "so", "pleaaase" → "please") using the English word list to tell
 * "cool" from "coool". Questions only: an article is quoted as written.
 */
export interface Slang {
  readonly expand: ReadonlyMap<string, string>;
  readonly filler: ReadonlySet<string>;
}

const SLANG_FILE = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "lexicon", "slang.yaml");

const word = z.string().regex(/^[a-z0-9]+$/, "must be one lower-case word (a-z, 0-9)");
const meaning = z.string().regex(/^[a-z]+(?: [a-z]+)*$/, "must be plain lower-case words");
const slangSchema = z.strictObject({
  expand: z.record(word, meaning),
  filler: z.array(word),
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
  const { expand, filler } = parseLexiconFile(text, file, slangSchema);
  const problems: string[] = [];
  for (const w of filler) if (w in expand) problems.push(`${file}: "${w}" is both expanded and filler`);
  const seen = new Set<string>();
  for (const w of filler) {
    if (seen.has(w)) problems.push(`${file}: filler "${w}" is listed twice`);
    seen.add(w);
  }
  if (problems.length > 0) throw new LexiconError(problems.join("\n"));
  return { expand: new Map(Object.entries(expand)), filler: new Set(filler) };
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
