/**
 * Questions a new article can answer, for the reply that says it was added: its FAQ's questions, else ones made
 * from its sentences.
 */
import type { Library } from "../answer/library.js";
import type { KnowledgeBase } from "../knowledge/types.js";

/** A FAQ line's "Q:" / "Q." prefix. */
const QUESTION_PREFIX = /^Q(?:[:.)]|\s*[-–—])\s*/i;
const WH_WORD = /^(?:who|what|when|where|why|how|which|can|will|is|are|do|does)\b/i;

/**
 * Questions a new pack can be asked, in the article's own terms: its curated questions, its FAQ questions,
 * "Who is …?" for the people it names, "What is …?" for its organisations, and headings that are questions.
 */
function candidates(kb: KnowledgeBase): string[] {
  const out = [
    ...kb.qa.map((e) => e.question),
    ...kb.sentences.filter((s) => s.role === "question").map((s) => s.text.replace(QUESTION_PREFIX, "")),
    ...kb.facts.filter((f) => f.kind === "person").map((f) => `Who is ${f.name}?`),
    ...kb.facts.filter((f) => f.kind === "organisation").map((f) => `What is ${f.name}?`),
    ...kb.sentences
      .filter((s) => s.role === "heading" && WH_WORD.test(s.text))
      .map((s) => `${s.text.replace(/[.:]$/, "")}?`),
  ];
  return [...new Set(out.map((q) => q.trim()).filter((q) => q.endsWith("?") && q.length <= 100))];
}

/**
 * Up to `limit` questions the engine really answers from this pack, checked by asking it: each one is answered
 * (not unsure, not corrected) with citations, when asked with the article and when routed across every
 * loaded article alike; never a question it would not answer. Fewer (or none) when it has no more.
 */
export function questionsItAnswers(library: Library, packId: string, limit = 3): string[] {
  const pack = library.pack(packId);
  if (pack === undefined) return [];
  const answered = (q: string, article?: string): boolean => {
    const { pack: from, answer } = library.answer(q, article);
    return from.id === packId && answer.outcome === "answered" && answer.citations.length > 0;
  };
  const out: string[] = [];
  for (const question of candidates(pack.kb)) {
    if (answered(question, packId) && answered(question)) out.push(question);
    if (out.length >= limit) break;
  }
  return out;
}
