import { loadPacks, REFERENCE_PACK } from "../knowledge/load.js";
import { AnswerEngine } from "./engine.js";
import { Library } from "./library.js";
import type { Answer } from "./types.js";

export { AnswerEngine } from "./engine.js";
export { Library } from "./library.js";
export type { Answer } from "./types.js";

let library: Library | undefined;

/**
 * Every pack under knowledge/ (or the ones ARTICLES names), each with its own engine, built once per
 * process. Throws a KnowledgeError naming the pack, file and entry when any pack is invalid.
 */
export function defaultLibrary(): Library {
  library ??= new Library(loadPacks());
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
