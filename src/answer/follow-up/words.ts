/**
 * A question as words, for reading a follow-up: split and matched the way the rest of the follow-up modules compare
 * them, its question word, the words that say what it is about, and where a name stands in it.
 */
import { MAX_SEARCH_CHARS } from "../../search/normalize.js";
import { STOP_WORDS } from "../../search/stopwords.js";
import type { Named } from "../names.js";
import { AUX, HOW, LEADING, PREPOSITIONS, PRONOUNS, WH, WHAT } from "./vocabulary.js";

/** A word of the question: as typed (for the reply) and as matched (lower case, no apostrophes). */
export interface Word {
  readonly text: string;
  readonly key: string;
}

export function wordsOf(text: string): Word[] {
  return (
    text
      .slice(0, MAX_SEARCH_CHARS)
      // Control characters go (a note echoes the words, and a terminal must not be steered by them).
      .replace(/\p{Cc}/gu, " ")
      .replace(/<(?:@[!&]?|#|\/[\w -]+:|a?:\w+:|t:)\d+(?::\w)?>/g, " ")
      .replace(/(^|\s)@[\w.-]+/g, "$1 ")
      .replace(/https?:\/\/\S+/gi, " ")
      .split(/\s+/)
      .map((raw) => raw.replace(/^[^\p{L}\p{N}£$€]+|[^\p{L}\p{N}%]+$/gu, ""))
      .filter((t) => t !== "")
      .map((t) => ({
        text: t,
        key: t
          .normalize("NFKD")
          .replace(/\p{M}+/gu, "")
          .toLowerCase()
          .replace(/['’]s$/, "")
          .replace(/['’]/g, "")
          .replace(/[^\p{L}\p{N}]+/gu, " ")
          .trim(),
      }))
      .filter((w) => w.key !== "")
  );
}

export const keysOf = (words: readonly Word[]): string => words.map((w) => w.key).join(" ");
export const textOf = (words: readonly Word[]): string => words.map((w) => w.text).join(" ");

/** The question word and what belongs to it ("how many", "what time"), from the start of `words`. */
export function questionWordAt(words: readonly Word[], at: number): number {
  const first = words[at]?.key;
  if (first !== undefined && PREPOSITIONS.has(first) && WH.has(words[at + 1]?.key ?? "")) {
    const rest = questionWordAt(words, at + 1);
    return rest === 0 ? 0 : rest + 1;
  }
  const w = words[at]?.key;
  if (w === undefined || !WH.has(w)) return 0;
  const next = words[at + 1]?.key;
  if (w === "how" && next !== undefined && HOW.has(next)) return 2;
  if ((w === "what" || w === "which") && next !== undefined && WHAT.has(next)) return 2;
  return 1;
}

/** Words that say what the question is about (not question words, pronouns, auxiliaries or stop words). */
export function contentWords(words: readonly Word[]): Word[] {
  return words.filter(
    (w) =>
      !WH.has(w.key) &&
      !AUX.has(w.key) &&
      !PRONOUNS.has(w.key) &&
      !LEADING.has(w.key) &&
      !STOP_WORDS.has(w.key) &&
      !HOW.has(w.key) &&
      !["about", "else", "too", "though", "tho", "exactly", "then", "now", "again", "one", "ones"].includes(w.key),
  );
}

export function leadingWords(words: readonly Word[]): number {
  let i = 0;
  while (i < words.length - 1 && LEADING.has(words[i]!.key)) i++;
  return i;
}

/** Where a name's form occurs in `words` (by keys), if it does. */
export function locate(words: readonly Word[], named: Named): { at: number; length: number } | undefined {
  for (const form of [...named.forms].sort((a, b) => b.length - a.length)) {
    const parts = form.split(" ");
    for (let i = 0; i + parts.length <= words.length; i++) {
      if (parts.every((p, j) => words[i + j]!.key === p)) return { at: i, length: parts.length };
    }
  }
  return undefined;
}
