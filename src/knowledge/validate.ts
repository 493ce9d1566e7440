import { z } from "zod";
import { cleanArticle } from "./clean-article.js";
import { PACK_FILE_NAMES } from "./pack-dir.js";
import type { KnowledgeProblem } from "./errors.js";
import { KnowledgeError } from "./errors.js";
import {
  conceptsFileSchema,
  factSchema,
  lexiconFileSchema,
  metaFileSchema,
  qaEntrySchema,
  qaFileSchema,
  sentenceSchema,
} from "./schema.js";
import type { LexiconRecord } from "./schema.js";
import type { Concepts, Fact, KnowledgeBase, QaEntry, Sentence } from "./types.js";
import type { YamlSource } from "./yaml.js";
import { describeZodIssue, readYaml, YamlSyntaxError } from "./yaml.js";

export { PACK_FILE_NAMES } from "./pack-dir.js";
export type PackFiles = { readonly [K in keyof typeof PACK_FILE_NAMES]: string };

/** What error messages call a pack's files: `knowledge/<pack>/<file>`, so every problem names the pack and the file. */
export function packFiles(packId: string): PackFiles {
  const at = (name: string): string => `knowledge/${packId}/${name}`;
  return {
    rawArticle: at(PACK_FILE_NAMES.rawArticle),
    article: at(PACK_FILE_NAMES.article),
    meta: at(PACK_FILE_NAMES.meta),
    sentences: at(PACK_FILE_NAMES.sentences),
    qa: at(PACK_FILE_NAMES.qa),
    facts: at(PACK_FILE_NAMES.facts),
    concepts: at(PACK_FILE_NAMES.concepts),
    lexicon: at(PACK_FILE_NAMES.lexicon),
  };
}

/** The knowledge files' contents, before validation: text and YAML files as strings, JSON already parsed. */
export interface KnowledgeSources {
  readonly rawArticle: string;
  readonly article: string;
  readonly meta: unknown;
  readonly sentences: unknown;
  /** qa.yaml's text. */
  readonly qa: string;
  readonly facts: unknown;
  /** Optional: an article without a concept lexicon has none (undefined). */
  readonly concepts?: unknown;
  /** Optional: lexicon.yaml's text. */
  readonly lexicon?: string;
}

/**
 * Validates every file and every cross-reference, collecting all problems before failing, so one
 * `npm run knowledge:check` shows everything to fix. Returns the linked knowledge base.
 */
export function validateKnowledge(sources: KnowledgeSources, packId: string): KnowledgeBase {
  const problems: KnowledgeProblem[] = [];
  const KNOWLEDGE_FILES = packFiles(packId);

  const meta = parseWhole(KNOWLEDGE_FILES.meta, metaFileSchema, sources.meta, problems);
  // A draft pack (made by knowledge:new) is valid before anyone has written a Q&A entry or a fact card.
  const draft = meta?.status === "draft";
  const sentenceRecords = parseEntries(KNOWLEDGE_FILES.sentences, "sentences", sentenceSchema, sources.sentences, problems);
  const qaFile = parseQaFile(KNOWLEDGE_FILES.qa, sources.qa, problems, draft ? 0 : 1);
  const qaRecords = qaFile.entries;
  const factRecords = parseEntries(KNOWLEDGE_FILES.facts, "facts", factSchema, sources.facts, problems, draft ? 0 : 1);

  const article = sources.article;
  if (article !== cleanArticle(sources.rawArticle)) {
    problems.push({
      file: KNOWLEDGE_FILES.article,
      problem: `is not the cleaned form of ${KNOWLEDGE_FILES.rawArticle}; regenerate it with \`npm run knowledge:clean\``,
    });
  }

  const sentences: Sentence[] = sentenceRecords.map((s, index) => ({
    id: s.id,
    index,
    text: s.text,
    role: s.role ?? "body",
    context: s.context ?? [],
  }));
  checkSentences(KNOWLEDGE_FILES, sentences, article, problems);
  const sentenceById = new Map(sentences.map((s) => [s.id, s]));

  const qa: QaEntry[] = qaRecords.map((e) => ({ ...e, pinned: e.pinned ?? false }));
  const facts: Fact[] = factRecords;
  checkIds(KNOWLEDGE_FILES, qa, facts, problems);
  checkCitations(KNOWLEDGE_FILES.qa, qa, sentenceById, problems, qaFile.lineOfEntry);
  checkPhrasings(KNOWLEDGE_FILES.qa, qa, qaFile.outOfScope, problems, qaFile.lineOfEntry);
  checkCitations(KNOWLEDGE_FILES.facts, facts, sentenceById, problems);
  checkFacts(KNOWLEDGE_FILES, facts, problems);
  // Every sentence cited by an entry is what "curated" means; for a draft, the uncited ones are hints (knowledge:check).
  if (!draft) {
    for (const id of uncitedSentences(sentences, qa)) {
      problems.push({ file: KNOWLEDGE_FILES.sentences, entry: id, problem: `is not cited by any entry of ${KNOWLEDGE_FILES.qa}` });
    }
  }
  const concepts: Concepts =
    sources.concepts === undefined
      ? { actors: [], opposites: [] }
      : (parseWhole(KNOWLEDGE_FILES.concepts, conceptsFileSchema, sources.concepts, problems) ?? { actors: [], opposites: [] });
  checkConcepts(KNOWLEDGE_FILES, concepts, problems);
  const lexicon = sources.lexicon === undefined ? NO_LEXICON : parseLexicon(KNOWLEDGE_FILES.lexicon, sources.lexicon, problems);

  if (problems.length > 0 || meta === undefined) throw new KnowledgeError(problems, packId);
  return {
    id: packId,
    status: meta.status,
    meta,
    article,
    sentences,
    qa,
    facts,
    concepts,
    lexicon,
    outOfScope: qaFile.outOfScope,
    sentenceById,
    qaById: new Map(qa.map((e) => [e.id, e])),
    factById: new Map(facts.map((f) => [f.id, f])),
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.join(".");
  return `${where === "" ? "" : `${where}: `}${issue.message}`;
}

function parseWhole<S extends z.ZodType>(file: string, schema: S, data: unknown, problems: KnowledgeProblem[]): z.infer<S> | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push({ file, problem: describeIssue(issue) });
  return undefined;
}

/**
 * Parses a file of the form { [key]: [entry, …] } entry by entry, so one bad entry is reported
 * by its id and the valid ones still take part in the cross-file checks.
 */
function parseEntries<S extends z.ZodType>(
  file: string,
  key: string,
  schema: S,
  data: unknown,
  problems: KnowledgeProblem[],
  minEntries = 1,
): z.infer<S>[] {
  const container = z.strictObject({ [key]: z.array(z.unknown()).min(minEntries, "must list at least one entry") }).safeParse(data);
  if (!container.success) {
    for (const issue of container.error.issues) problems.push({ file, problem: describeIssue(issue) });
    return [];
  }
  const items = container.data[key] as unknown[];
  const valid: z.infer<S>[] = [];
  items.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (result.success) {
      valid.push(result.data);
      return;
    }
    const id = typeof item === "object" && item !== null ? (item as Record<string, unknown>).id : undefined;
    const entry = typeof id === "string" && id !== "" ? id : `#${index}`;
    for (const issue of result.error.issues) problems.push({ file, entry, problem: describeIssue(issue) });
  });
  return valid;
}

function checkSentences(KNOWLEDGE_FILES: PackFiles, sentences: readonly Sentence[], article: string, problems: KnowledgeProblem[]): void {
  const file = KNOWLEDGE_FILES.sentences;
  // Walk the article in order: each sentence must be the next verbatim piece, with only whitespace between.
  let cursor = 0;
  sentences.forEach((sentence, index) => {
    if (sentence.id !== `S${index}`) {
      problems.push({ file, entry: sentence.id, problem: `ids must run S0, S1, … in article order; expected "S${index}"` });
    }
    const at = article.indexOf(sentence.text, cursor);
    if (at === -1) {
      const anywhere = article.includes(sentence.text);
      problems.push({
        file,
        entry: sentence.id,
        problem: anywhere
          ? "is verbatim in the article but out of order"
          : "text is not verbatim in the cleaned article (knowledge/article.txt)",
      });
      return;
    }
    const gap = article.slice(cursor, at);
    if (gap.trim() !== "") {
      problems.push({ file, entry: sentence.id, problem: `article text before it is not covered by any sentence: "${gap.trim()}"` });
    }
    cursor = at + sentence.text.length;
    for (const id of sentence.context) {
      const earlier = /^S(\d+)$/.exec(id);
      if (earlier === null || Number(earlier[1]) >= index) {
        problems.push({ file, entry: sentence.id, problem: `context "${id}" must be an earlier sentence` });
      }
    }
  });
  const rest = article.slice(cursor).trim();
  if (sentences.length > 0 && rest !== "") {
    problems.push({ file, problem: `article text after the last sentence is not covered by any sentence: "${rest}"` });
  }
}

function checkIds(KNOWLEDGE_FILES: PackFiles, qa: readonly QaEntry[], facts: readonly Fact[], problems: KnowledgeProblem[]): void {
  const seen = new Map<string, string>();
  const note = (file: string, id: string): void => {
    const first = seen.get(id);
    if (first !== undefined) problems.push({ file, entry: id, problem: `duplicate id (already used in ${first})` });
    else seen.set(id, file);
  };
  qa.forEach((e) => note(KNOWLEDGE_FILES.qa, e.id));
  facts.forEach((f) => note(KNOWLEDGE_FILES.facts, f.id));
}

function checkCitations(
  file: string,
  entries: readonly { id: string; sentences: readonly string[] }[],
  sentenceById: ReadonlyMap<string, Sentence>,
  problems: KnowledgeProblem[],
  lineOfEntry: (id: string) => number | undefined = () => undefined,
): void {
  for (const entry of entries) {
    const line = lineOfEntry(entry.id);
    const at = line === undefined ? {} : { line };
    for (const id of entry.sentences) {
      if (!sentenceById.has(id)) problems.push({ file, entry: entry.id, ...at, problem: `cites unknown sentence "${id}"` });
    }
    if (new Set(entry.sentences).size !== entry.sentences.length) {
      problems.push({ file, entry: entry.id, ...at, problem: "cites the same sentence twice" });
    }
  }
}

function checkFacts(KNOWLEDGE_FILES: PackFiles, facts: readonly Fact[], problems: KnowledgeProblem[]): void {
  const file = KNOWLEDGE_FILES.facts;
  const factIds = new Set(facts.map((f) => f.id));
  const owner = new Map<string, string>();
  for (const fact of facts) {
    for (const related of fact.related) {
      if (!factIds.has(related)) problems.push({ file, entry: fact.id, problem: `related fact "${related}" does not exist` });
      if (related === fact.id) problems.push({ file, entry: fact.id, problem: "lists itself as related" });
    }
    // A fact is found by its name and its aliases, so two facts sharing one would make lookups ambiguous.
    const names = new Set([fact.name, ...fact.aliases].map((a) => a.trim().toLowerCase()));
    for (const name of names) {
      const other = owner.get(name);
      if (other !== undefined && other !== fact.id) {
        problems.push({ file, entry: fact.id, problem: `alias "${name}" is also a name or alias of fact "${other}"` });
      } else {
        owner.set(name, fact.id);
      }
    }
  }
}

/** The ids of the sentences no Q&A entry cites, in article order. */
export function uncitedSentences(sentences: readonly Sentence[], qa: readonly QaEntry[]): string[] {
  const cited = new Set(qa.flatMap((e) => e.sentences));
  return sentences.filter((s) => !cited.has(s.id)).map((s) => s.id);
}

function checkConcepts(KNOWLEDGE_FILES: PackFiles, concepts: Concepts, problems: KnowledgeProblem[]): void {
  const file = KNOWLEDGE_FILES.concepts;
  const seen = new Map<string, string>();
  const claim = (word: string, entry: string): void => {
    const other = seen.get(word);
    if (other !== undefined && other !== entry) problems.push({ file, entry, problem: `"${word}" is also listed under "${other}"` });
    else seen.set(word, entry);
  };
  for (const actor of concepts.actors) for (const name of actor.names) claim(name, actor.id);
  seen.clear();
  for (const pair of concepts.opposites) {
    for (const word of pair.words) claim(word, pair.id);
    for (const word of pair.opposite) {
      if (pair.words.includes(word)) problems.push({ file, entry: pair.id, problem: `"${word}" is on both sides` });
      claim(word, pair.id);
    }
  }
}

const NO_LEXICON: LexiconRecord = { names: [], synonyms: [] };

interface QaFile {
  readonly entries: z.infer<typeof qaEntrySchema>[];
  readonly outOfScope: readonly string[];
  /** The line an entry (by its index in the file, or its id) starts on. */
  readonly lineOfEntry: (id: string) => number | undefined;
}

function yamlOf(file: string, text: string, problems: KnowledgeProblem[]): YamlSource | undefined {
  try {
    return readYaml(text);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    problems.push({ file, ...(error.line === undefined ? {} : { line: error.line }), problem: `is not valid YAML: ${error.message}` });
    return undefined;
  }
}

/** qa.yaml, entry by entry: one bad entry is reported by its id and line, and the valid ones still take part. */
function parseQaFile(file: string, text: string, problems: KnowledgeProblem[], minEntries: number): QaFile {
  const empty: QaFile = { entries: [], outOfScope: [], lineOfEntry: () => undefined };
  const source = yamlOf(file, text, problems);
  if (source === undefined) return empty;
  const container = qaFileSchema.safeParse(source.data);
  if (!container.success) {
    for (const issue of container.error.issues) {
      const line = source.lineOf(issue.path);
      problems.push({ file, ...(line === undefined ? {} : { line }), problem: describeZodIssue(issue) });
    }
    return empty;
  }
  if (container.data.entries.length < minEntries) problems.push({ file, problem: "entries: must list at least one entry" });
  const valid: z.infer<typeof qaEntrySchema>[] = [];
  const lines = new Map<string, number>();
  container.data.entries.forEach((item, index) => {
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
  return { entries: valid, outOfScope: container.data.outOfScope, lineOfEntry: (id) => lines.get(id) };
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
function checkPhrasings(
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
      if (other === entry.id) problems.push({ file, entry: entry.id, ...at, problem: `phrasing "${text}" is repeated` });
      else if (other !== undefined)
        problems.push({ file, entry: entry.id, ...at, problem: `phrasing "${text}" is also a phrasing of entry "${other}"` });
      else owner.set(key, entry.id);
    }
  }
  for (const text of outOfScope) {
    const other = owner.get(phrasingKey(text));
    if (other !== undefined) problems.push({ file, problem: `outOfScope "${text}" is also a phrasing of entry "${other}"` });
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

function parseLexicon(file: string, text: string, problems: KnowledgeProblem[]): LexiconRecord {
  const source = yamlOf(file, text, problems);
  if (source === undefined) return NO_LEXICON;
  const result = lexiconFileSchema.safeParse(source.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const line = source.lineOf(issue.path);
      problems.push({ file, ...(line === undefined ? {} : { line }), problem: describeZodIssue(issue) });
    }
    return NO_LEXICON;
  }
  const spelledBy = new Map<string, string>();
  result.data.names.forEach((name, i) => {
    for (const spelling of name.spellings) {
      const other = spelledBy.get(spelling);
      const line = source.lineOf(["names", i, "spellings"]);
      if (other !== undefined && other !== name.term)
        problems.push({ file, entry: name.term, ...(line === undefined ? {} : { line }), problem: `spelling "${spelling}" is also a spelling of "${other}"` });
      spelledBy.set(spelling, name.term);
    }
  });
  const grouped = new Map<string, number>();
  result.data.synonyms.forEach((group, i) => {
    for (const word of group) {
      const other = grouped.get(word);
      const line = source.lineOf(["synonyms", i]);
      if (other !== undefined && other !== i)
        problems.push({ file, entry: group[0]!, ...(line === undefined ? {} : { line }), problem: `"${word}" is also in the group of "${result.data.synonyms[other]![0]}"` });
      grouped.set(word, i);
    }
  });
  return result.data;
}
