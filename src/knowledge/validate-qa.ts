/**
 * The checks of qa.yaml: its entries parsed one by one (each problem with its line), phrasings that repeat or
 * collide across entries or with the out-of-scope list, and entries citing the same sentences.
 */
import type { z } from "zod";
import type { KnowledgeProblem } from "./errors.js";
import { qaEntrySchema, qaFileSchema } from "./schema.js";
import type { QaEntry } from "./types.js";
import { parseYamlWhole, yamlOf } from "./validate-parse.js";
import { describeZodIssue } from "./yaml.js";

export interface QaFile {
  readonly entries: z.infer<typeof qaEntrySchema>[];
  readonly outOfScope: readonly string[];
  /** The line an entry (by its index in the file, or its id) starts on. */
  readonly lineOfEntry: (id: string) => number | undefined;
}

/** qa.yaml, entry by entry: one bad entry is reported by its id and line, and the valid ones still take part. */
export function parseQaFile(file: string, text: string, problems: KnowledgeProblem[], minEntries: number): QaFile {
  const empty: QaFile = { entries: [], outOfScope: [], lineOfEntry: () => undefined };
  const source = yamlOf(file, text, problems);
  if (source === undefined) return empty;
  const container = parseYamlWhole(file, qaFileSchema, source, problems);
  if (container === undefined) return empty;
  if (container.entries.length < minEntries) problems.push({ file, problem: "entries: must list at least one entry" });
  const valid: z.infer<typeof qaEntrySchema>[] = [];
  const lines = new Map<string, number>();
  container.entries.forEach((item, index) => {
    const id = typeof item === "object" && item !== null ? (item as Record<string, unknown>).id : undefined;
    const entry = typeof id === "string" && id !== "" ? id : `#${index}`;
    const entryLine = source.lineOf(["entries", index]);
    if (entryLine !== undefined && !lines.has(entry)) lines.set(entry, entryLine);
    const result = qaEntrySchema.safeParse(item);
    if (result.success) {
      valid.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const line = source.lineOf(["entries", index, ...issue.path]);
      problems.push({ file, entry, ...(line === undefined ? {} : { line }), problem: describeZodIssue(issue) });
    }
  });
  return { entries: valid, outOfScope: container.outOfScope, lineOfEntry: (id) => lines.get(id) };
}

/** How phrasings are compared for repeats: case, punctuation and spacing do not make a new phrasing. */
export function phrasingKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * A question or phrasing may appear once in the whole file: repeated within an entry it adds nothing, and
 * across entries it makes the two collide (which one answers?). A question marked out of scope may not also be
 * an entry's phrasing.
 */
export function checkPhrasings(
  file: string,
  qa: readonly QaEntry[],
  outOfScope: readonly string[],
  problems: KnowledgeProblem[],
  lineOfEntry: (id: string) => number | undefined,
): void {
  const owner = new Map<string, string>();
  for (const entry of qa) {
    for (const text of [entry.question, ...entry.phrasings]) {
      const key = phrasingKey(text);
      const other = owner.get(key);
      const line = lineOfEntry(entry.id);
      const at = line === undefined ? {} : { line };
      if (other === entry.id)
        problems.push({ file, entry: entry.id, ...at, problem: `phrasing "${text}" is repeated` });
      else if (other !== undefined)
        problems.push({
          file,
          entry: entry.id,
          ...at,
          problem: `phrasing "${text}" is also a phrasing of entry "${other}"`,
        });
      else owner.set(key, entry.id);
    }
  }
  for (const text of outOfScope) {
    const other = owner.get(phrasingKey(text));
    if (other !== undefined)
      problems.push({ file, problem: `outOfScope "${text}" is also a phrasing of entry "${other}"` });
  }
}

/** Entries citing exactly the same sentences (warnings: they may be one question asked twice, or rightly two). */
export function sameCitations(qa: readonly QaEntry[]): string[][] {
  const byCitations = new Map<string, string[]>();
  for (const e of qa) {
    const key = e.sentences.join(",");
    (byCitations.get(key) ?? byCitations.set(key, []).get(key)!).push(e.id);
  }
  return [...byCitations.values()].filter((ids) => ids.length > 1);
}
