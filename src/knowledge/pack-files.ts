import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { KnowledgeProblem } from "./errors.js";
import { KnowledgeError } from "./errors.js";
import { PACK_FILE_NAMES, packFiles } from "./pack-dir.js";
import type { KnowledgeBase } from "./types.js";
import { validateKnowledge } from "./validate.js";

/**
 * A pack as its files: name (`qa.yaml`, `sentences.json`, ...) → text. A pack under knowledge/ is a directory
 * of these files; a pack added from Discord is the same files kept in the store. Both are validated the same
 * way, by `knowledgeFromFiles`.
 */
export type PackFileTexts = Readonly<Record<string, string>>;

type FileKey = keyof typeof PACK_FILE_NAMES;
/** Files a pack may do without. */
const OPTIONAL: ReadonlySet<FileKey> = new Set(["concepts", "lexicon"]);

/**
 * A pack directory's files: the required ones (an unreadable one is a problem naming the pack and the file),
 * and the optional ones that are there.
 */
export function readPackFiles(
  dir: string,
  id: string,
): { files: Record<string, string>; problems: KnowledgeProblem[] } {
  const names = packFiles(id);
  const files: Record<string, string> = {};
  const problems: KnowledgeProblem[] = [];
  for (const [key, name] of Object.entries(PACK_FILE_NAMES) as [FileKey, string][]) {
    const path = join(dir, name);
    if (OPTIONAL.has(key) && !existsSync(path)) continue;
    try {
      files[name] = readFileSync(path, "utf8");
    } catch (error) {
      problems.push({
        file: names[key],
        problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      });
    }
  }
  return { files, problems };
}

/**
 * Validates a pack given as its files (JSON parsed here), like a pack read from knowledge/: every problem, a
 * missing file and bad JSON included, is thrown as one KnowledgeError naming the pack, the file and the entry.
 * `problems` are added first (what reading the files found).
 */
export function knowledgeFromFiles(id: string, files: PackFileTexts, problems: KnowledgeProblem[] = []): KnowledgeBase {
  const names = packFiles(id);
  const text = (key: FileKey): string | undefined => {
    const content = files[PACK_FILE_NAMES[key]];
    if (content === undefined && !OPTIONAL.has(key) && !problems.some((p) => p.file === names[key]))
      problems.push({ file: names[key], problem: "is missing" });
    return content;
  };
  const json = (key: FileKey): unknown => {
    const content = text(key);
    if (content === undefined) return undefined;
    try {
      return JSON.parse(content) as unknown;
    } catch (error) {
      problems.push({ file: names[key], problem: `is not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
  };
  const sources = {
    rawArticle: text("rawArticle") ?? "",
    article: text("article") ?? "",
    meta: json("meta"),
    sentences: json("sentences"),
    qa: text("qa") ?? "",
    facts: json("facts"),
    concepts: json("concepts"),
    lexicon: text("lexicon"),
  };
  if (problems.length > 0) throw new KnowledgeError(problems, id);
  return validateKnowledge(sources, id);
}

/** A fingerprint of a pack's files: equal files, equal fingerprints (to tell a changed pack from a loaded one). */
export function fingerprintFiles(files: PackFileTexts): string {
  const hash = createHash("sha256");
  for (const name of Object.keys(files).sort()) hash.update(`${name}\u0000${files[name]}\u0000`);
  return hash.digest("hex");
}
