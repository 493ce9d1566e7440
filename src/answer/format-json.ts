import type { Answer } from "./types.js";

/**
 * The public JSON shape of an answer (CLI --json): exactly these keys, in this order. `answered` is
 * true for "answered" and "corrected"; `citations` only ever support an answer (empty otherwise);
 * an "unsure" reply's closest passage is in `closest`. With `article` (the pack answered from), the answer
 * and every quoted sentence carry it: `{"id": "S5", "article": "<pack-id>", "text": "…"}`. A follow-up in a
 * conversation adds "understood" (the question answered) and "note" (what the reply says it took it to mean).
 */
export function answerToJson(answer: Answer, article?: string): string {
  const { question, outcome, answered, citations, closest, confidence, suggestions, followUp } = answer;
  // Each quoted sentence names its pack: "S5" alone is ambiguous once several articles are loaded.
  const quote = ({ id, text }: { id: string; text: string }) =>
    article === undefined ? { id, text } : { id, article, text };
  return JSON.stringify({
    question,
    outcome,
    answered,
    answer: answer.answer,
    ...(followUp === undefined ? {} : { understood: followUp.understood, note: followUp.note }),
    ...(article === undefined ? {} : { article }),
    citations: citations.map(quote),
    closest: closest.map(quote),
    confidence,
    suggestions,
  });
}
