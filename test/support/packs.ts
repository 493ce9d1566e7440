import { Library } from "../../src/answer/library.js";
import { secondArticlePack } from "../../src/eval/second-article.js";
import { defaultKnowledge } from "../../src/knowledge/load.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";

/** The reference pack and the second article's pack as knowledge:new makes it (built into a temporary directory). */
export function twoPacks(): { reference: KnowledgeBase; second: KnowledgeBase; library: Library } {
  const reference = defaultKnowledge();
  const second = secondArticlePack();
  return { reference, second, library: new Library([reference, second]) };
}

/** The same pack under another id and title: every question ties between a pack and its copy. */
export function copyOf(kb: KnowledgeBase, id: string, title: string): KnowledgeBase {
  return { ...kb, id, meta: { ...kb.meta, title } };
}

/** The same pack with every sentence made `extra` characters longer (verbatim in its sentences, not in the article). */
export function withLongSentences(kb: KnowledgeBase, extra: number): KnowledgeBase {
  const tail = " and so on".repeat(Math.ceil(extra / 10)).slice(0, extra);
  const sentences = kb.sentences.map((s) => ({ ...s, text: `${s.text}${tail}` }));
  return { ...kb, sentences, sentenceById: new Map(sentences.map((s) => [s.id, s])) };
}
