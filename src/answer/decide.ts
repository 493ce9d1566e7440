import type { EntryHit } from "../search/entry-index.js";
import type { PremiseCheck } from "./premise.js";
import type { Candidate, Judged } from "./judge.js";
import type { Prepared } from "./prepare.js";

/**
 * Stage 6, decide: what becomes of the question, from the judgement and the premise check.
 *  - nothing to search (empty, no words, chat)            → declined;
 *  - a question a moderator marked out of scope            → not covered;
 *  - no word of it in the article, nothing near in meaning → not covered, naming the words;
 *  - it is word for word a curated question or phrasing    → answered by that entry;
 *  - a sentence contradicts what it assumes                → corrected, quoting that sentence;
 *  - a curated entry matches clearly (its own decider)      → answered from the entry;
 *  - the decider is confident enough                       → answered from the best candidate;
 *  - most of its weight in words the article never uses    → not covered, naming them;
 *  - otherwise                                             → unsure, with the closest passages (never as the answer).
 * A wrong answer costs more trust than an honest "unsure": the answer cut-off is set where wrong answers stay
 * rare on the tuning articles (`npm run eval:fit`).
 */
export type Verdict =
  | { readonly kind: "declined"; readonly reason: "empty" | "no-words" | "chat" }
  | { readonly kind: "not-covered"; readonly reason: "no-topic" | "marked"; readonly words: readonly string[] }
  | { readonly kind: "corrected"; readonly premise: PremiseCheck }
  | { readonly kind: "answered"; readonly candidate: Candidate; readonly entry?: EntryHit }
  | { readonly kind: "unsure"; readonly closest: readonly Candidate[] };

/** Share of the question's weight in unknown words above which an unconfident match is "not covered". */
const UNKNOWN_TOPIC_SHARE = 0.6;
/** Passages an unsure reply shows, best first. */
const CLOSEST_SHOWN = 3;

export interface Cutoffs {
  /** The sentence decider's cut-off. */
  readonly answerAt: number;
  /** The entry decider's cut-off (curated packs). */
  readonly entryAnswerAt: number;
}

export function decide(
  prepared: Prepared,
  judged: Judged | undefined,
  premise: PremiseCheck | undefined,
  cutoffs: Cutoffs,
  markedOutOfScope: boolean,
): Verdict {
  if (prepared.nothing !== undefined) return { kind: "declined", reason: prepared.nothing };
  if (markedOutOfScope) return { kind: "not-covered", reason: "marked", words: [] };
  const best = judged?.candidates[0];
  const matched = judged !== undefined && best !== undefined && hasAnyMatch(judged);
  if (judged === undefined || best === undefined || !matched) {
    return { kind: "not-covered", reason: "no-topic", words: judged?.unknownWords ?? [] };
  }
  const entry = judged.entry;
  // A question asked word for word as the pack's curated text is that entry's: what curating means.
  if (entry !== undefined && judged.exactEntry) {
    const first = entryFirstCandidate(judged);
    if (first !== undefined) return { kind: "answered", candidate: first, entry: entry.hit };
  }
  if (premise !== undefined) return { kind: "corrected", premise };
  if (entry !== undefined && entry.confidence >= cutoffs.entryAnswerAt) {
    const first = entryFirstCandidate(judged);
    if (first !== undefined) return { kind: "answered", candidate: first, entry: entry.hit };
  }
  if (judged.confidence >= cutoffs.answerAt) return { kind: "answered", candidate: best };
  if (judged.unknownShare >= UNKNOWN_TOPIC_SHARE && judged.unknownWords.length > 0) {
    return { kind: "not-covered", reason: "no-topic", words: judged.unknownWords };
  }
  return { kind: "unsure", closest: judged.candidates.slice(0, CLOSEST_SHOWN) };
}

/** Whether any sentence or curated entry shares a word with the question, exactly or in meaning. */
function hasAnyMatch(judged: Judged): boolean {
  if (judged.entryHits.length > 0) return true;
  const { exactWeight, softMatchedWeight } = judged.scores;
  for (let d = 0; d < exactWeight.length; d++) if (exactWeight[d]! > 0 || softMatchedWeight[d]! > 0) return true;
  return false;
}

/** The candidate for the sentence an entry answers from first (ranked or not). */
function entryFirstCandidate(judged: Judged): Candidate | undefined {
  const id = judged.entryFirstSentence;
  if (id === undefined) return undefined;
  return (
    judged.candidates.find((c) => c.id === id) ?? { position: Number(id.slice(1)), id, probability: 0, features: [] }
  );
}
