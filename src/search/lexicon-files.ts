import { z } from "zod";
import { describeZodIssue, readYaml, YamlSyntaxError } from "../knowledge/yaml.js";
import type { Slang } from "./lexicon-types.js";

/**
 * The shared lexicon files (lexicon/slang.yaml, lexicon/english.yaml) parsed and validated; errors name the file,
 * the line and the entry. Start-up reads their validated cache instead (slang.ts, defaultLexicons).
 */
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

/** lexicon/english.yaml: irregular verb forms → their base ("paid" → "pay"). */
export function parseIrregular(text: string, file = "lexicon/english.yaml"): ReadonlyMap<string, string> {
  return new Map(Object.entries(parseLexiconFile(text, file, irregularSchema).irregular));
}
