import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { KnowledgeProblem } from "./errors.js";
import { KnowledgeError } from "./errors.js";

/**
 * Where packs live and what files they have: the light part of loading, which start-up needs before it knows
 * whether a pack's snapshot is still good (answer/pack-snapshot.ts). Validation (zod, YAML) is only loaded
 * when a pack has changed.
 */

/** The repository root, found from this file's location so the bot works from any working directory. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The article the eval question sets (test/eval/*.json) are about: the reference for the quality figures,
 * the benchmark and the engine's fitted decision.
 */
export const REFERENCE_PACK = "putin-north-korea-2024";

/** A pack's files, by their names inside the pack's directory. */
export const PACK_FILE_NAMES = {
  rawArticle: "article.raw.txt",
  article: "article.txt",
  meta: "meta.json",
  sentences: "sentences.json",
  qa: "qa.yaml",
  facts: "facts.json",
  concepts: "concepts.json",
  lexicon: "lexicon.yaml",
} as const;

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

/** A pack's id: its directory under knowledge/, a lowercase slug. */
export const PACK_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Where the packs live: `<repo>/knowledge`, one directory per pack, or KNOWLEDGE_DIR (used by tests to
 * point the real entry points at a deliberately broken copy).
 */
export function knowledgeDir(): string {
  return process.env.KNOWLEDGE_DIR ?? join(REPO_ROOT, "knowledge");
}

/** The pack ids ARTICLES names (comma-separated), or undefined for "every pack". */
export function articlesFromEnv(value: string | undefined = process.env.ARTICLES): string[] | undefined {
  const ids = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return ids.length === 0 ? undefined : [...new Set(ids)];
}

/** The packs under a knowledge directory: its subdirectories, by name. */
export function listPackIds(root: string = knowledgeDir()): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => !name.startsWith(".") && statSync(join(root, name)).isDirectory())
    .sort();
}

/** A pack directory's files as text, by file name (files that do not exist are left out). */
export function readPackTexts(dir: string): { id: string; texts: Record<string, string> } {
  const texts: Record<string, string> = {};
  for (const name of Object.values(PACK_FILE_NAMES)) {
    const path = join(dir, name);
    if (existsSync(path)) texts[name] = readFileSync(path, "utf8");
  }
  return { id: basename(resolve(dir)), texts };
}

/**
 * Every pack under a knowledge directory, or the ones `ids` (ARTICLES) names, each loaded on its own by `load`.
 * Any problem in any pack (or a named pack that does not exist, or no pack at all) throws one KnowledgeError
 * listing every problem: the bot never starts half-loaded.
 */
export function loadEachPack<T>(
  load: (dir: string) => T,
  root: string = knowledgeDir(),
  ids: readonly string[] | undefined = articlesFromEnv(),
): T[] {
  const available = listPackIds(root);
  const wanted = ids ?? available;
  const problems: KnowledgeProblem[] = [];
  const missing = wanted.filter((id) => !available.includes(id));
  for (const id of missing) {
    problems.push({
      file: `knowledge/${id}`,
      problem: `ARTICLES names pack "${id}", which does not exist (packs: ${available.join(", ") || "none"})`,
    });
  }
  if (wanted.length === 0) {
    problems.push({
      file: "knowledge/",
      problem: "holds no pack (one directory per article; see `npm run knowledge:new`)",
    });
  }
  const packs: T[] = [];
  const broken = new Set<string>();
  for (const id of wanted.filter((w) => available.includes(w))) {
    try {
      packs.push(load(join(root, id)));
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      problems.push(...error.problems);
      broken.add(id);
    }
  }
  if (problems.length > 0) {
    throw new KnowledgeError(problems, broken.size === 1 && missing.length === 0 ? [...broken][0] : undefined);
  }
  return packs;
}
