/**
 * Views of the article itself: /quote (a sentence with its neighbours), a source's context, and /source (what the
 * article is and covers).
 */
import type { KnowledgeBase, Sentence } from "../../knowledge/types.js";
import type { QuoteView, SourceView } from "../types.js";

/** /quote: one sentence by its number (S0 = 0), with its neighbours. */
export function quoteView(kb: KnowledgeBase, index: number): QuoteView {
  const last = kb.sentences.length - 1;
  const sentence = Number.isInteger(index) ? kb.sentences[index] : undefined;
  if (sentence === undefined) return { found: false, min: 0, max: last };
  return { found: true, sentence, before: kb.sentences[index - 1], after: kb.sentences[index + 1], min: 0, max: last };
}

/** A sentence with its neighbours, for /quote and "Show context". */
export function contextOf(kb: KnowledgeBase, id: string, radius = 1): Sentence[] {
  const sentence = kb.sentenceById.get(id);
  if (sentence === undefined) return [];
  return kb.sentences.slice(Math.max(0, sentence.index - radius), sentence.index + radius + 1);
}

/** /source: what the article is and how answers are chosen. */
export function sourceView(kb: KnowledgeBase): SourceView {
  const { meta } = kb;
  const curated = kb.qa.length > 0;
  return {
    title: meta.title,
    outlet: meta.outlet ?? meta.outletNote,
    writtenWhen: meta.writtenWhen,
    covers: meta.covers,
    sentenceCount: kb.sentences.length,
    qaCount: kb.qa.length,
    factCount: kb.facts.length,
    howAnswersAreChosen:
      `Your question is matched, with fuzzy matching for misspellings and word meanings for paraphrases, against the ` +
      `article's ${kb.sentences.length} sentences${curated ? ` and ${kb.qa.length} curated questions` : ""}. A model fitted on ` +
      `questions about many articles judges how likely the best sentence is right: likely enough and it answers; ` +
      `otherwise it says it is not sure and shows the closest passages, or that the article doesn't mention what you ` +
      `asked about. A question the article contradicts is answered with the sentence that says otherwise. Every ` +
      `answer quotes the article's own sentences, by id (${meta.sentenceIds})`,
  };
}
