import type { Answer } from "./types.js";

/**
 * The public JSON shape of an answer (CLI --json): exactly these keys, in this order. `answered` is
 * true for "answered" and "corrected"; `citations` only ever support an answer (empty otherwise);
 * an "unsure" reply's closest passage is in `closest`.
 */
export function answerToJson(answer: Answer): string {
  const { question, outcome, answered, citations, closest, confidence, suggestions } = answer;
  return JSON.stringify({
    question,
    outcome,
    answered,
    answer: answer.answer,
    citations: citations.map(({ id, text }) => ({ id, text })),
    closest: closest.map(({ id, text }) => ({ id, text })),
    confidence,
    suggestions,
  });
}
