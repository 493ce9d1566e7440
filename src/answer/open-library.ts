import { articlesFromEnv, knowledgeDir, loadEachPack } from "../knowledge/pack-dir.js";
import { AnswerEngine } from "./engine.js";
import { Library } from "./library.js";
import type { LoadedPack, PackSource } from "./pack-snapshot.js";
import { fromSnapshot, rebuild } from "./pack-snapshot.js";

/**
 * The library every program starts with: every pack under the knowledge directory (or the ones ARTICLES
 * names), each from its snapshot when it is current. Validation and its libraries (zod, YAML) are imported only
 * when some pack changed since its snapshot was written, so an unchanged bot starts without them. Throws a
 * KnowledgeError naming the pack, file and entry when any pack is invalid, as loading without snapshots does.
 */
export async function openLibrary(root: string = knowledgeDir(), ids = articlesFromEnv()): Promise<Library> {
  const found = loadEachPack(fromSnapshot, root, ids);
  const stale = found.filter((f): f is PackSource => !("kb" in f));
  let rebuilt: LoadedPack[] = [];
  if (stale.length > 0) {
    const { loadKnowledge } = await import("../knowledge/load.js");
    // Each stale pack validated on its own: every problem of every pack reported at once.
    rebuilt = loadEachPack(
      (dir) =>
        rebuild(
          stale.find((s) => s.dir === dir)!,
          loadKnowledge,
        ),
      root,
      stale.map((s) => s.id),
    );
  }
  const packs = found.map((f) => ("kb" in f ? f : rebuilt.find((r) => r.kb.id === f.id)!));
  return new Library(packs.map(({ kb, index }) => new AnswerEngine(kb, index)));
}
