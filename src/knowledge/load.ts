import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { KnowledgeError } from "./errors.js";
import type { KnowledgeBase } from "./types.js";
import { KNOWLEDGE_FILES, validateKnowledge } from "./validate.js";

/** The repository root, found from this file's location so the bot works from any working directory. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Where the knowledge files live: `<repo>/knowledge`, or KNOWLEDGE_DIR (used by tests to point the
 * real entry points at a deliberately broken copy).
 */
export function knowledgeDir(): string {
  return process.env.KNOWLEDGE_DIR ?? join(REPO_ROOT, "knowledge");
}

/**
 * Reads and validates the knowledge base. Unreadable files, bad JSON and every validation problem
 * surface as one KnowledgeError naming the file and entry.
 */
export function loadKnowledge(dir: string = knowledgeDir()): KnowledgeBase {
  const problems: { file: string; problem: string }[] = [];
  const read = (file: string): string | undefined => {
    try {
      return readFileSync(join(dir, basename(file)), "utf8");
    } catch (error) {
      problems.push({ file, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return undefined;
    }
  };
  const readJson = (file: string): unknown => {
    const text = read(file);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      problems.push({ file, problem: `is not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
  };

  const sources = {
    rawArticle: read(KNOWLEDGE_FILES.rawArticle) ?? "",
    article: read(KNOWLEDGE_FILES.article) ?? "",
    meta: readJson(KNOWLEDGE_FILES.meta),
    sentences: readJson(KNOWLEDGE_FILES.sentences),
    qa: readJson(KNOWLEDGE_FILES.qa),
    facts: readJson(KNOWLEDGE_FILES.facts),
    concepts: existsSync(join(dir, basename(KNOWLEDGE_FILES.concepts))) ? readJson(KNOWLEDGE_FILES.concepts) : undefined,
  };
  if (problems.length > 0) throw new KnowledgeError(problems);
  return validateKnowledge(sources);
}

let cached: KnowledgeBase | undefined;

/** The repository's knowledge base, loaded once per process. */
export function defaultKnowledge(): KnowledgeBase {
  cached ??= loadKnowledge();
  return cached;
}
