/**
 * The checks of sentences.json against the article (verbatim, in order, covering it all) and of the citations
 * that point into it: what Q&A entries and fact cards cite, and which sentences nothing cites.
 */
import type { KnowledgeProblem } from "./errors.js";
import type { PackFiles } from "./pack-dir.js";
import type { QaEntry, Sentence } from "./types.js";

export function checkSentences(
  KNOWLEDGE_FILES: PackFiles,
  sentences: readonly Sentence[],
  article: string,
  problems: KnowledgeProblem[],
): void {
  const file = KNOWLEDGE_FILES.sentences;
  // Walk the article in order: each sentence must be the next verbatim piece, with only whitespace between.
  let cursor = 0;
  sentences.forEach((sentence, index) => {
    if (sentence.id !== `S${index}`) {
      problems.push({
        file,
        entry: sentence.id,
        problem: `ids must run S0, S1, … in article order; expected "S${index}"`,
      });
    }
    const at = article.indexOf(sentence.text, cursor);
    if (at === -1) {
      const anywhere = article.includes(sentence.text);
      problems.push({
        file,
        entry: sentence.id,
        problem: anywhere
          ? "is verbatim in the article but out of order"
          : "text is not verbatim in the cleaned article (knowledge/article.txt)",
      });
      return;
    }
    const gap = article.slice(cursor, at);
    if (gap.trim() !== "") {
      problems.push({
        file,
        entry: sentence.id,
        problem: `article text before it is not covered by any sentence: "${gap.trim()}"`,
      });
    }
    cursor = at + sentence.text.length;
    for (const id of sentence.context) {
      const earlier = /^S(\d+)$/.exec(id);
      if (earlier === null || Number(earlier[1]) >= index) {
        problems.push({ file, entry: sentence.id, problem: `context "${id}" must be an earlier sentence` });
      }
    }
  });
  const rest = article.slice(cursor).trim();
  if (sentences.length > 0 && rest !== "") {
    problems.push({ file, problem: `article text after the last sentence is not covered by any sentence: "${rest}"` });
  }
}

export function checkCitations(
  file: string,
  entries: readonly { id: string; sentences: readonly string[] }[],
  sentenceById: ReadonlyMap<string, Sentence>,
  problems: KnowledgeProblem[],
  lineOfEntry: (id: string) => number | undefined = () => undefined,
): void {
  for (const entry of entries) {
    const line = lineOfEntry(entry.id);
    const at = line === undefined ? {} : { line };
    for (const id of entry.sentences) {
      if (!sentenceById.has(id))
        problems.push({ file, entry: entry.id, ...at, problem: `cites unknown sentence "${id}"` });
    }
    if (new Set(entry.sentences).size !== entry.sentences.length) {
      problems.push({ file, entry: entry.id, ...at, problem: "cites the same sentence twice" });
    }
  }
}

/** The ids of the sentences no Q&A entry cites, in article order. */
export function uncitedSentences(sentences: readonly Sentence[], qa: readonly QaEntry[]): string[] {
  const cited = new Set(qa.flatMap((e) => e.sentences));
  return sentences.filter((s) => !cited.has(s.id)).map((s) => s.id);
}
