import type { KnowledgeBase, Sentence } from "../knowledge/types.js";
import type { Analyzer } from "../search/analyzer.js";
import { compileLexicon, createAnalyzer } from "../search/analyzer.js";
import { leadAndCoverage, summarySize, textRank } from "../answer/views/summary.js";
import type { QuestionSet } from "./question-sets.js";
import { containsAnswerWords } from "./evaluate.js";

/**
 * How well a summary covers an article, measured by what people ask about it: the share of its answerable
 * questions whose evidence sentence is in the summary, and the share whose answer words all are. Summary methods
 * (src/answer/views/summary.ts) are compared on the tuning articles at 3, 4 and 5 sentences and at the size the
 * engine uses; the held-out articles are reported for the method the engine uses only.
 */
type Method = (kb: KnowledgeBase, analyzer: Analyzer, size?: number) => Sentence[];

/** The baseline: the article's first sentences that say something. */
const lead: Method = (kb, _analyzer, size = summarySize(kb)) =>
  kb.sentences.filter((s) => s.role === "standfirst" || s.role === "body").slice(0, size);

export const SUMMARY_METHODS: Readonly<Record<string, Method>> = {
  "first sentences": lead,
  "lead + coverage": leadAndCoverage,
  TextRank: textRank,
};

export interface SummaryArticle {
  readonly kb: KnowledgeBase;
  readonly set: QuestionSet;
}

export interface Coverage {
  readonly questions: number;
  readonly evidence: number;
  readonly words: number;
  readonly wordsChecked: number;
  /** Mean length of the summaries, in characters. */
  readonly characters: number;
}

export function summaryCoverage(articles: readonly SummaryArticle[], method: Method, size?: number): Coverage {
  let questions = 0;
  let evidence = 0;
  let words = 0;
  let wordsChecked = 0;
  let characters = 0;
  for (const { kb, set } of articles) {
    const summary = method(kb, createAnalyzer(compileLexicon(kb.lexicon)), size);
    const ids = new Set(summary.map((s) => s.id));
    const text = summary.map((s) => s.text).join(" ");
    characters += text.length;
    for (const q of set.inScope) {
      questions++;
      if (q.expect.some((id) => ids.has(id))) evidence++;
      if (q.answerWords === undefined) continue;
      wordsChecked++;
      if (containsAnswerWords(text, q.answerWords)) words++;
    }
  }
  return { questions, evidence, words, wordsChecked, characters: characters / Math.max(1, articles.length) };
}
