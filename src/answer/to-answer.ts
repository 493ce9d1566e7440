import type { Fact, KnowledgeBase, QaEntry, Sentence } from "../knowledge/types.js";
import { normalizeText } from "../search/normalize.js";
import { questionKind } from "../search/question-type.js";
import type { Span } from "../search/spans.js";
import { spanAnswer } from "./compose-span.js";
import { polarity } from "./polarity.js";
import type { Verdict } from "./decide.js";
import type { Prepared } from "./prepare.js";
import type { Answer, Citation } from "./types.js";

/**
 * Stage 7, compose — and the one place every reply is built: a verdict in, an Answer out. The short answer is
 * drawn from the cited sentence's typed spans (compose-span.ts) or, when a curated entry answers the kind of
 * question asked, is the entry's own answer. Citations are always the article's sentences, verbatim.
 */
const NOT_IN_ARTICLE = "The article doesn't say.";
export const UNSURE = "I'm not sure the article answers that. These passages may:";
export const MAX_CITATIONS = 3;

const DECLINED: Readonly<Record<"empty" | "no-words" | "chat", string>> = {
  empty: "Ask me a question about the article, for example one of these.",
  "no-words":
    "I couldn't find any words to look up in that. Ask a question about the article, for example one of these.",
  chat: "That doesn't look like a question about the article. Try one of these.",
};

/** "The article doesn't mention X": names the question's topic words that the article never uses. */
function notMentioned(words: readonly string[]): string {
  if (words.length === 0) return `${NOT_IN_ARTICLE} It doesn't mention that.`;
  const quoted = [...new Set(words)].slice(0, 3).map((t) => `"${t}"`);
  return `The article doesn't mention ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`}.`;
}

export interface ComposeContext {
  readonly kb: KnowledgeBase;
  /** Per sentence position, its typed spans. */
  readonly spans: readonly (readonly Span[])[];
  /** Questions to suggest: related ones after an answer, nearby ones otherwise. */
  readonly suggestions: readonly string[];
  /** The curated Q&A entry the answer comes from, if one answers it. */
  readonly entry: QaEntry | undefined;
  /** The fact card the answer comes from, if one answers it. */
  readonly fact?: Fact | undefined;
  readonly confidence: number;
}

export function cite(kb: KnowledgeBase, ids: readonly string[]): Citation[] {
  return ids.slice(0, MAX_CITATIONS).flatMap((id) => {
    const s = kb.sentenceById.get(id);
    return s === undefined ? [] : [{ id: s.id, text: s.text }];
  });
}

/** The short answer for an answered question: the curated one when it answers the kind asked, else a typed span. */
function shortAnswer(
  prepared: Prepared,
  sentence: Sentence,
  spans: readonly Span[],
  entry: QaEntry | undefined,
): string {
  if (entry !== undefined) {
    const entryKind = questionKind(normalizeText(entry.question));
    if (prepared.kind === "yesno") {
      return /^(?:yes|no)\b/i.test(entry.answer)
        ? entry.answer
        : `${polarity(prepared.text, sentence.text) === "yes" ? "Yes" : "No"} — ${entry.answer}`;
    }
    const general = prepared.kind === "what" || prepared.kind === "other" || prepared.kind === "how";
    if (general || entryKind === prepared.kind) return entry.answer;
  }
  return spanAnswer({ kind: prepared.kind, question: prepared.text, sentence, spans });
}

export function toAnswer(verdict: Verdict, prepared: Prepared, context: ComposeContext): Answer {
  const { kb, suggestions } = context;
  const base = { question: prepared.question, suggestions, confidence: round(context.confidence) };
  switch (verdict.kind) {
    case "declined":
      return {
        ...base,
        outcome: "not_covered",
        answered: false,
        answer: DECLINED[verdict.reason],
        citations: [],
        closest: [],
        confidence: 0,
        reason: verdict.reason,
      };
    case "not-covered":
      return {
        ...base,
        outcome: "not_covered",
        answered: false,
        answer: verdict.reason === "marked" ? NOT_IN_ARTICLE : notMentioned(verdict.words),
        citations: [],
        closest: [],
        reason: "no-topic",
      };
    case "corrected": {
      const { sentence } = verdict.premise;
      const lead = prepared.kind === "yesno" ? "No — the article says otherwise:" : "The article says otherwise:";
      return {
        ...base,
        outcome: "corrected",
        answered: true,
        answer: `${lead} "${sentence.text}" (${sentence.id})`,
        citations: cite(kb, [sentence.id]),
        closest: [],
        source: { kind: "sentence", id: sentence.id },
      };
    }
    case "unsure":
      return {
        ...base,
        outcome: "unsure",
        answered: false,
        answer: UNSURE,
        citations: [],
        closest: cite(
          kb,
          verdict.closest.map((c) => c.id),
        ),
        reason: "low-confidence",
      };
    case "answered": {
      const { entry, fact } = context;
      const sentence = kb.sentences[verdict.candidate.position]!;
      if (fact !== undefined) {
        const general = prepared.kind === "who" || prepared.kind === "what" || prepared.kind === "other";
        return {
          ...base,
          outcome: "answered",
          answered: true,
          answer: general
            ? `${fact.name}: ${fact.description}`
            : shortAnswer(prepared, sentence, context.spans[verdict.candidate.position] ?? [], undefined),
          citations: cite(kb, [sentence.id, ...fact.sentences.filter((id) => id !== sentence.id)]),
          closest: [],
          source: { kind: "fact", id: fact.id },
        };
      }
      const ids = entry !== undefined ? entry.sentences : [sentence.id];
      return {
        ...base,
        outcome: "answered",
        answered: true,
        answer: shortAnswer(prepared, sentence, context.spans[verdict.candidate.position] ?? [], entry),
        citations: cite(kb, ids),
        closest: [],
        source: entry !== undefined ? { kind: "qa", id: entry.id } : { kind: "sentence", id: sentence.id },
      };
    }
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
