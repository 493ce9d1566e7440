import type { Answer } from "./types.js";

/** The public JSON shape of an answer (CLI --json): exactly these keys, in this order. */
export function answerToJson(answer: Answer): string {
  const { question, answered, citations, confidence, suggestions } = answer;
  return JSON.stringify({
    question,
    answered,
    answer: answer.answer,
    citations: citations.map(({ id, text }) => ({ id, text })),
    confidence,
    suggestions,
  });
}
