/**
 * What the engine returns: an answer (outcome, short answer, citations, closest passages, suggestions) and the
 * views for /fact, /quote and /source.
 */
import type { Fact, Sentence } from "../knowledge/types.js";
/** Where an answer comes from: a curated Q&A entry, a fact card, or a sentence of the article. */
export type SourceKind = "qa" | "fact" | "sentence";

/** A quoted sentence: its id and its exact text in the cleaned article. */
export interface Citation {
  readonly id: string;
  readonly text: string;
}

/** Why a question was not answered. */
type AbstainReason =
  /** Nothing but whitespace. */
  | "empty"
  /** No words at all once mentions, markdown, emoji and symbols are removed. */
  | "no-words"
  /** Words, but none the article knows (or only stop words). */
  | "no-topic"
  /** Known words, but no entry matches the question well enough. */
  | "low-confidence"
  /** Chat, not a question ("thanks", "lol", "test"). */
  | "chat";

/**
 * What became of a question:
 *  - answered: the short answer and the sentences that support it;
 *  - unsure: the article may answer it, but no match is good enough to present as the answer; the
 *    closest passage is offered (in `closest`, never in `citations`);
 *  - not_covered: the question is about something the article never mentions (or is not a question);
 *  - corrected: the question assumes something the article contradicts; the contradicting sentence is cited;
 *  - summary: the question asked for a summary ("tldr"): 3–5 of the article's sentences, in its order, all cited.
 */
export type Outcome = "answered" | "unsure" | "not_covered" | "corrected" | "summary";

export interface Answer {
  readonly question: string;
  readonly outcome: Outcome;
  /** True for "answered", "corrected" and "summary": the reply rests on the cited sentences. */
  readonly answered: boolean;
  /** The short answer; when not answered, says so (and why, in plain words). */
  readonly answer: string;
  /** Supporting sentences, best first, at most 3 (a summary's 3–5, in the article's order); empty unless answered, corrected or a summary. */
  readonly citations: readonly Citation[];
  /** For "unsure": up to three closest passages, best first, quoted, never presented as the answer. Empty otherwise. */
  readonly closest: readonly Citation[];
  /** 0..1, the match score of the entry the answer comes from (or of the best near-miss). */
  readonly confidence: number;
  /** Questions the article can answer: related ones after an answer, nearby ones after an abstention. */
  readonly suggestions: readonly string[];
  /** The entry the answer came from, for follow-ups such as "Related" and "Show context". */
  readonly source?: { readonly kind: SourceKind; readonly id: string };
  readonly reason?: AbstainReason;
  /**
   * In a conversation: what the question was taken to mean (`understood`, the question answered) and the note the
   * reply shows first ("Taking "she" as Kim Yo Jong"); or why a question that needs an earlier one was answered as
   * it stands.
   */
  readonly followUp?: { readonly note: string; readonly understood: string };
}

export type FactView =
  | {
      readonly found: true;
      readonly fact: Fact;
      readonly citations: readonly Citation[];
      readonly related: readonly Fact[];
    }
  | { readonly found: false; readonly topic: string; readonly closest: readonly Fact[] };

export type QuoteView =
  | {
      readonly found: true;
      readonly sentence: Sentence;
      readonly before: Sentence | undefined;
      readonly after: Sentence | undefined;
      readonly min: number;
      readonly max: number;
    }
  | { readonly found: false; readonly min: number; readonly max: number };

export interface SourceView {
  readonly title: string;
  /** The outlet's name, or a note that the text does not name it. */
  readonly outlet: string;
  readonly writtenWhen: string;
  readonly covers: string;
  readonly sentenceCount: number;
  readonly qaCount: number;
  readonly factCount: number;
  readonly howAnswersAreChosen: string;
}
