import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadKnowledge, REPO_ROOT } from "../knowledge/load.js";
import { buildPack } from "../knowledge/new-pack.js";
import type { KnowledgeBase } from "../knowledge/types.js";

/** The second article, as pasted (mojibake included), and the id its pack is built under. */
const SECOND_ARTICLE = "test/fixtures/second-article.txt";
export const SECOND_PACK = "kilbarra-green-line";

/**
 * The second article's pack, made the way `knowledge:new` makes it (the same buildPack, written to a
 * temporary knowledge directory and loaded and validated from there): a draft nobody has curated.
 */
export function secondArticlePack(root: string = mkdtempSync(join(tmpdir(), "second-article-"))): KnowledgeBase {
  const pack = buildPack(readFileSync(join(REPO_ROOT, SECOND_ARTICLE), "utf8"), { id: SECOND_PACK });
  const dir = join(root, pack.id);
  mkdirSync(dir, { recursive: true });
  for (const [name, contents] of Object.entries(pack.files)) writeFileSync(join(dir, name), contents);
  return loadKnowledge(dir);
}
