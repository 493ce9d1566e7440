import { basename, join, resolve } from "node:path";
import { KnowledgeError } from "./errors.js";
import { articlesFromEnv, knowledgeDir, loadEachPack, PACK_ID_PATTERN, REFERENCE_PACK, REPO_ROOT } from "./pack-dir.js";
import type { KnowledgeBase } from "./types.js";
import { knowledgeFromFiles, readPackFiles } from "./pack-files.js";

export { REPO_ROOT, REFERENCE_PACK, knowledgeDir, articlesFromEnv, listPackIds } from "./pack-dir.js";

/**
 * Reads and validates one pack (the directory's name is the pack's id). Unreadable files, bad JSON and
 * every validation problem surface as one KnowledgeError naming the pack, the file and the entry.
 */
export function loadKnowledge(dir: string = join(knowledgeDir(), REFERENCE_PACK)): KnowledgeBase {
  const id = basename(resolve(dir));
  if (!PACK_ID_PATTERN.test(id)) {
    throw new KnowledgeError(
      [
        {
          file: `knowledge/${id}`,
          problem: "a pack's directory name must be a lowercase slug (a-z, 0-9, single hyphens)",
        },
      ],
      id,
    );
  }
  const { files, problems } = readPackFiles(dir, id);
  return knowledgeFromFiles(id, files, problems);
}

/**
 * Every pack under the knowledge directory, or the ones `ids` (ARTICLES) names, each validated on its own.
 * Any problem in any pack (or a named pack that does not exist, or no pack at all) throws one
 * KnowledgeError listing every problem: the bot never starts half-loaded.
 */
export function loadPacks(
  root: string = knowledgeDir(),
  ids: readonly string[] | undefined = articlesFromEnv(),
): KnowledgeBase[] {
  return loadEachPack(loadKnowledge, root, ids);
}

let cached: KnowledgeBase | undefined;

/** The reference pack (REFERENCE_PACK), loaded once per process. */
export function defaultKnowledge(): KnowledgeBase {
  cached ??= loadKnowledge(join(REPO_ROOT, "knowledge", REFERENCE_PACK));
  return cached;
}
