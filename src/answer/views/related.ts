/**
 * Related questions: the curated questions near an answer's sentences, offered under an answer, an abstention and
 * the "Related" menu.
 */
import type { KnowledgeBase } from "../../knowledge/types.js";

/** Suggestions offered with a reply: at most this many. */
const MAX_SUGGESTIONS = 3;

export type AnswerSource = { readonly kind: "qa" | "fact" | "sentence"; readonly id: string };

/** The sentences an answer source rests on (a Q&A entry's or fact card's citations, or the sentence itself). */
export function sourceSentences(kb: KnowledgeBase, source: AnswerSource): readonly string[] {
  if (source.kind === "qa") return kb.qaById.get(source.id)?.sentences ?? [];
  if (source.kind === "fact") return kb.factById.get(source.id)?.sentences ?? [];
  return kb.sentenceById.has(source.id) ? [source.id] : [];
}

/** Sentence id → the Q&A entries citing it, those citing it first ahead. */
export function entriesCiting(kb: KnowledgeBase): ReadonlyMap<string, readonly string[]> {
  const citing = new Map<string, string[]>();
  for (const position of [0, 1, 2]) {
    for (const entry of kb.qa) {
      const id = entry.sentences[position];
      if (id === undefined) continue;
      (citing.get(id) ?? citing.set(id, []).get(id)!).push(entry.id);
    }
  }
  return citing;
}

/**
 * Questions the article can answer near a reply: the entries that matched the question (`matched`, best first),
 * then entries citing the answer's first sentence, then pinned ones; never the answering entry itself.
 */
export function relatedQuestions(
  kb: KnowledgeBase,
  citing: ReadonlyMap<string, readonly string[]>,
  matched: readonly string[],
  firstSentence: string | undefined,
  exclude?: string,
): string[] {
  const near = firstSentence === undefined ? [] : (citing.get(firstSentence) ?? []);
  const pinned = kb.qa.filter((e) => e.pinned).map((e) => e.id);
  const ids = [...new Set([...matched.slice(0, 2), ...near, ...matched.slice(2), ...pinned])].filter(
    (id) => id !== exclude,
  );
  return [...new Set(ids.map((id) => kb.qaById.get(id)!.question))].slice(0, MAX_SUGGESTIONS);
}

/**
 * Questions for a pack with no curated entries: its FAQ questions and headings are what it answers. Offered
 * after a reply that did not answer, so the user sees what the article covers.
 */
export function articleQuestions(kb: KnowledgeBase): string[] {
  return kb.sentences
    .filter((s) => s.role === "question")
    .map((s) => s.text.replace(/^Q(?:[:.)]|\s*[-–—])\s*/i, "").slice(0, 100))
    .slice(0, MAX_SUGGESTIONS);
}
