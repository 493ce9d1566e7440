/**
 * The topic a follow-up question is read against: what a conversation remembers of its previous answer, the names
 * it mentions as a pack's NameTable finds them, and the lookup that finds them in a text.
 */
import type { Named } from "../names.js";

/** What a conversation remembers of its previous answer: small, and enough to rebuild the rest from the pack. */
export interface Topic {
  /** The pack the answer came from. */
  readonly article: string;
  /** The previous question as understood (after its own follow-up was resolved). */
  readonly question: string;
  /** The sentence the answer quoted first (or an unsure reply's closest passage). */
  readonly sentence?: string | undefined;
  /** The short answer, when it answered. */
  readonly answer?: string | undefined;
}

/** A topic with the names it mentions looked up in its pack (NameTable). */
export interface TopicNames {
  readonly question: string;
  readonly inQuestion: readonly Named[];
  readonly inAnswer: readonly Named[];
  readonly inSentence: readonly Named[];
}

/** Finds the names of a pack that a normalised text mentions. */
export type FindNames = (normalized: string) => readonly Named[];
