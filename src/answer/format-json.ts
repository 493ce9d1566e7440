import type { Answer } from "./types.js";

/**
 * The public JSON shape of an answer (CLI --json): exactly these keys, in this order. `answered` is
 * true for "answered" and "corrected"; `citations` only ever support an answer (empty otherwise);
 * an "unsure" reply's closest passage is in `closest`. With `article` (the pack answered from), the answer
 * and every quoted sentence carry it: `{"id": "S5", "article": "<pack-id>", "text": "…"}`.
 */
export function answerToJson(answer: Answer, article?: string): string {
  const { question, outcome, answered, citations, closest, confidence, suggestions } = answer;
  // Each quoted sentence names its pack: "S5" alone is ambiguous once several articles are loaded.
  const quote = ({ id, text }: { id: string; text: string }) =>
    article === undefined ? { id, text } : { id, article, text };
  return JSON.stringify({
    question,
    outcome,
    answered,
    answer: answer.answer,
    ...(article === undefined ? {} : { article }),
    citations: citations.map(quote),
    closest: closest.map(quote),
    confidence,
    suggestions,
  });
}
