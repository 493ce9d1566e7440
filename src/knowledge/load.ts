import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { KnowledgeProblem } from "./errors.js";
import { KnowledgeError } from "./errors.js";
import { PACK_ID_PATTERN } from "./schema.js";
import type { KnowledgeBase } from "./types.js";
import { knowledgeFromFiles, readPackFiles } from "./pack-files.js";

/** The repository root, found from this file's location so the bot works from any working directory. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * The article the eval question sets (test/eval/*.json) are about: the reference for the quality figures,
 * the benchmark and the engine's fitted decision.
 */
export const REFERENCE_PACK = "putin-north-korea-2024";

/**
 * Where the packs live: `<repo>/knowledge`, one directory per pack, or KNOWLEDGE_DIR (used by tests to
 * point the real entry points at a deliberately broken copy).
 */
export function knowledgeDir(): string {
  return process.env.KNOWLEDGE_DIR ?? join(REPO_ROOT, "knowledge");
}

/** The pack ids ARTICLES names (comma-separated), or undefined for "every pack". */
export function articlesFromEnv(value: string | undefined = process.env.ARTICLES): string[] | undefined {
  const ids = (value ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
  return ids.length === 0 ? undefined : [...new Set(ids)];
}

/** The packs under a knowledge directory: its subdirectories, by name. */
export function listPackIds(root: string = knowledgeDir()): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => !name.startsWith(".") && statSync(join(root, name)).isDirectory())
    .sort();
}

/**
 * Reads and validates one pack (the directory's name is the pack's id). Unreadable files, bad JSON and
 * every validation problem surface as one KnowledgeError naming the pack, the file and the entry.
 */
export function loadKnowledge(dir: string = join(knowledgeDir(), REFERENCE_PACK)): KnowledgeBase {
  const id = basename(resolve(dir));
  if (!PACK_ID_PATTERN.test(id)) {
    throw new KnowledgeError([{ file: `knowledge/${id}`, problem: "a pack's directory name must be a lowercase slug (a-z, 0-9, single hyphens)" }], id);
  }
  const { files, problems } = readPackFiles(dir, id);
  return knowledgeFromFiles(id, files, problems);
}

/**
 * Every pack under the knowledge directory, or the ones `ids` (ARTICLES) names, each validated on its own.
 * Any problem in any pack (or a named pack that does not exist, or no pack at all) throws one
 * KnowledgeError listing every problem: the bot never starts half-loaded.
 */
export function loadPacks(root: string = knowledgeDir(), ids: readonly string[] | undefined = articlesFromEnv()): KnowledgeBase[] {
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
  if (wanted.length === 0) problems.push({ file: "knowledge/", problem: "holds no pack (one directory per article; see `npm run knowledge:new`)" });
  const packs: KnowledgeBase[] = [];
  const broken = new Set<string>();
  for (const id of wanted.filter((w) => available.includes(w))) {
    try {
      packs.push(loadKnowledge(join(root, id)));
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      problems.push(...error.problems);
      broken.add(id);
    }
  }
  if (problems.length > 0) throw new KnowledgeError(problems, broken.size === 1 && missing.length === 0 ? [...broken][0] : undefined);
  return packs;
}

let cached: KnowledgeBase | undefined;

/** The reference pack (REFERENCE_PACK), loaded once per process. */
export function defaultKnowledge(): KnowledgeBase {
  cached ??= loadKnowledge(join(REPO_ROOT, "knowledge", REFERENCE_PACK));
  return cached;
}
