import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { KnowledgeProblem } from "./errors.js";
import { KnowledgeError } from "./errors.js";
import { articlesFromEnv, knowledgeDir, loadEachPack, PACK_ID_PATTERN, REFERENCE_PACK, REPO_ROOT } from "./pack-dir.js";
import type { KnowledgeBase } from "./types.js";
import { PACK_FILE_NAMES, packFiles, validateKnowledge } from "./validate.js";

export { REPO_ROOT, REFERENCE_PACK, knowledgeDir, articlesFromEnv, listPackIds } from "./pack-dir.js";

/**
 * Reads and validates one pack (the directory's name is the pack's id). Unreadable files, bad JSON and
 * every validation problem surface as one KnowledgeError naming the pack, the file and the entry.
 */
export function loadKnowledge(dir: string = join(knowledgeDir(), REFERENCE_PACK)): KnowledgeBase {
  const id = basename(resolve(dir));
  const files = packFiles(id);
  const problems: KnowledgeProblem[] = [];
  if (!PACK_ID_PATTERN.test(id)) {
    throw new KnowledgeError([{ file: `knowledge/${id}`, problem: "a pack's directory name must be a lowercase slug (a-z, 0-9, single hyphens)" }], id);
  }
  const read = (key: keyof typeof PACK_FILE_NAMES): string | undefined => {
    try {
      return readFileSync(join(dir, PACK_FILE_NAMES[key]), "utf8");
    } catch (error) {
      problems.push({ file: files[key], problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return undefined;
    }
  };
  const readJson = (key: keyof typeof PACK_FILE_NAMES): unknown => {
    const text = read(key);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      problems.push({ file: files[key], problem: `is not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
  };

  const sources = {
    rawArticle: read("rawArticle") ?? "",
    article: read("article") ?? "",
    meta: readJson("meta"),
    sentences: readJson("sentences"),
    qa: read("qa") ?? "",
    facts: readJson("facts"),
    // Optional: an article without a concept lexicon has none.
    concepts: existsSync(join(dir, PACK_FILE_NAMES.concepts)) ? readJson("concepts") : undefined,
    lexicon: existsSync(join(dir, PACK_FILE_NAMES.lexicon)) ? read("lexicon") : undefined,
  };
  if (problems.length > 0) throw new KnowledgeError(problems, id);
  return validateKnowledge(sources, id);
}

/**
 * Every pack under the knowledge directory, or the ones `ids` (ARTICLES) names, each validated on its own.
 * Any problem in any pack (or a named pack that does not exist, or no pack at all) throws one
 * KnowledgeError listing every problem: the bot never starts half-loaded.
 */
export function loadPacks(root: string = knowledgeDir(), ids: readonly string[] | undefined = articlesFromEnv()): KnowledgeBase[] {
  return loadEachPack(loadKnowledge, root, ids);
}

let cached: KnowledgeBase | undefined;

/** The reference pack (REFERENCE_PACK), loaded once per process. */
export function defaultKnowledge(): KnowledgeBase {
  cached ??= loadKnowledge(join(REPO_ROOT, "knowledge", REFERENCE_PACK));
  return cached;
}
