/**
 * What a review decision comes to (review-desk.ts): what it taught the pack, or why nothing changed. Shared by
 * the desk, the reading and writing of a pack's files (review-pack-edit.ts) and the surfaces that show it.
 */
import type { Answer } from "../answer/types.js";

/** What a review taught the pack. */
export interface Taught {
  readonly article: string;
  readonly title: string;
  /**
   * phrasing: the questions became phrasings of the entry citing the sentence first; entry: a new Q&A entry;
   * known: the pack already had them (nothing changed); out_of_scope: marked as not in the article.
   */
  readonly kind: "phrasing" | "entry" | "known" | "out_of_scope";
  readonly entryId: string | undefined;
  readonly sentenceId: string | undefined;
  /** The phrasings taught (or already known), the asked question first. */
  readonly questions: readonly string[];
  /** Phrasings left as they were, each with why (the pack would not validate with them). */
  readonly skipped: readonly { readonly question: string; readonly problem: string }[];
  /** The bot's answer to the question now, from the reloaded pack. */
  readonly answer: Answer;
  /** Undefined when the decision was stored; else why not (the pack is taught, the question may show again). */
  readonly decisionNotStored: string | undefined;
}

export type ReviewFailure =
  /** No pack with that id is served. */
  | "unknown_article"
  /** The pack has no such sentence. */
  | "unknown_sentence"
  /** The pack would not validate with the change (the message says why), or there was no question. */
  | "invalid"
  /** The store failed: nothing changed. */
  | "unavailable"
  /** The pack's file could not be written: nothing changed. */
  | "not_writable"
  /** The stored pack kept changing under the review: nothing changed. */
  | "conflict";

export type ReviewResult =
  | { readonly ok: true; readonly value: Taught }
  | { readonly ok: false; readonly reason: ReviewFailure; readonly message: string };

export const failed = (reason: ReviewFailure, message: string): ReviewResult => ({ ok: false, reason, message });
