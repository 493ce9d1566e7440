import { loadKnowledge } from "../knowledge/load.js";
import { loadEachPack, REFERENCE_PACK } from "../knowledge/pack-dir.js";
import { AnswerEngine } from "./engine.js";
import { Library } from "./library.js";
import { loadPackWith } from "./pack-snapshot.js";
import type { Answer } from "./types.js";

export { AnswerEngine } from "./engine.js";
export { Library } from "./library.js";
export type { Answer } from "./types.js";

let library: Library | undefined;

/**
 * Every pack under knowledge/ (or the ones ARTICLES names), each with its own engine, built once per
 * process, from each pack's snapshot when it is current (pack-snapshot.ts). Throws a KnowledgeError naming the
 * pack, file and entry when any pack is invalid. The programs' entry points open their library with
 * openLibrary (open-library.ts), which loads validation only for a pack that changed.
 */
export function defaultLibrary(): Library {
  library ??= new Library(
    loadEachPack((dir) => {
      const { kb, index } = loadPackWith(dir, loadKnowledge);
      return new AnswerEngine(kb, index);
    }),
  );
  return library;
}

/** The reference pack's engine (or the first pack's, when ARTICLES leaves the reference pack out). */
export function defaultEngine(): AnswerEngine {
  const lib = defaultLibrary();
  return (lib.pack(REFERENCE_PACK) ?? lib.first).engine;
}

/** Answers a question about the loaded articles. Every surface (Discord, HTTP, CLI) goes through the library. */
export function answer(question: string): Answer {
  return defaultLibrary().answer(question).answer;
}
