import { defaultKnowledge } from "../knowledge/load.js";
import { AnswerEngine } from "./engine.js";
import type { Answer } from "./types.js";

export { AnswerEngine, ANSWER_THRESHOLD, NOT_IN_ARTICLE } from "./engine.js";
export type { Answer, Citation, AbstainReason, Outcome } from "./types.js";

let engine: AnswerEngine | undefined;

/** The engine over the repository's knowledge base, built once per process. */
export function defaultEngine(): AnswerEngine {
  engine ??= new AnswerEngine(defaultKnowledge());
  return engine;
}

/** Answers a question about the article. Every surface (Discord, HTTP, CLI) goes through this. */
export function answer(question: string): Answer {
  return defaultEngine().answer(question);
}
