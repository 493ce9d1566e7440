/**
 * Ellipsis in a follow-up question: "and when?", "why?", "how many?" ask the previous question again with the new
 * question word; "what about X?", "and X?" ask it again of X, put where the thing of the same kind was ("what about
 * Belgium?" after "when do deliveries start in Germany?"), or the phrase with the same preposition or the same last
 * word ("outside the service area", "the comparison group"), or the ordinal ("the second one").
 */
import type { Named } from "../names.js";
import type { TopicNames } from "./topic.js";
import { AUX, DETERMINERS, PREPOSITIONS, PRONOUNS, WH } from "./vocabulary.js";
import { contentWords, leadingWords, locate, questionWordAt, type Word } from "./words.js";

const ORDINAL = new Set([
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
  "last",
  "next",
  "previous",
  "final",
  "other",
  "1st",
  "2nd",
  "3rd",
  "4th",
  "5th",
  "latest",
  "earlier",
  "later",
  "new",
  "old",
  "original",
]);

/** "what about X", "how about X", "and X": X, when the question asks the previous one again of something else. */
export function aboutWhat(words: readonly Word[], startedWithAnd: boolean): readonly Word[] | undefined {
  const keys = words.map((w) => w.key);
  if ((keys[0] === "what" || keys[0] === "how") && keys[1] === "about" && words.length > 2) return words.slice(2);
  if (keys[0] === "about" && words.length > 1) return words.slice(1);
  const hasVerbish = keys.some((k) => WH.has(k) || AUX.has(k) || PRONOUNS.has(k));
  if (startedWithAnd && !hasVerbish && words.length > 0 && words.length <= 5) return words;
  return undefined;
}

/** The topic question with its question word replaced by another ("when" + "does the trial begin"). */
export function withQuestionWord(topic: readonly Word[], wh: readonly Word[]): Word[] {
  const start = leadingWords(topic);
  const qw = questionWordAt(topic, start);
  const rest = topic.slice(start + qw);
  // "what's the new map" → "when is the new map".
  const contracted = qw > 0 && /['’]s$/.test(topic[start + qw - 1]!.text) ? [{ text: "is", key: "is" }] : [];
  return [...wh, ...contracted, ...rest];
}

/** Replaces `count` words of `words` at `at` by `by`. */
function splice(words: readonly Word[], at: number, count: number, by: readonly Word[]): Word[] {
  return [...words.slice(0, at), ...by, ...words.slice(at + count)];
}

/** The previous question asked again of X (see the module comment), or undefined when X fits nowhere in it. */
export function askedOf(
  topic: readonly Word[],
  x: readonly Word[],
  xNames: readonly Named[],
  topicNames: TopicNames,
): Word[] {
  const start = leadingWords(topic);
  const body = topic.slice(start);
  const keys = body.map((w) => w.key);
  // The phrase with the same preposition: "outside a dock" → "outside the service area"; "and in the UK?" is added.
  const first = x[0]!.key;
  if (PREPOSITIONS.has(first)) {
    const at = keys.lastIndexOf(first);
    if (at === -1) return [...body, ...x];
    let end = at + 1;
    while (end < body.length && !PREPOSITIONS.has(keys[end]!) && !WH.has(keys[end]!)) end++;
    return splice(body, at, end - at, x);
  }
  // A name in place of a name of the same kind (or of a kind neither is sure of).
  const named = xNames[0];
  if (named !== undefined) {
    const same = topicNames.inQuestion.filter((n) => n !== named && locate(body, n) !== undefined);
    const pick =
      same.find((n) => n.kind === named.kind) ?? same.find((n) => n.kind === "thing" || named.kind === "thing");
    const where = pick === undefined ? undefined : locate(body, pick);
    if (where !== undefined) return splice(body, where.at, where.length, x);
  }
  // An ordinal for an ordinal: "the first drop-in session" → "the second".
  const ordinal = x.find((w) => ORDINAL.has(w.key));
  const theirs = keys.findIndex((k) => ORDINAL.has(k));
  if (ordinal !== undefined && theirs !== -1) return splice(body, theirs, 1, [ordinal]);
  // The phrase with the same last word: "the gardening group" → "the comparison group".
  const boundary = (k: string): boolean => DETERMINERS.has(k) || PREPOSITIONS.has(k) || WH.has(k) || AUX.has(k);
  const head = contentWords(x).at(-1)?.key.replace(/s$/, "");
  const at = head === undefined ? -1 : keys.findIndex((k) => k.replace(/s$/, "") === head);
  if (at !== -1) {
    let from = at;
    while (from > 0 && !boundary(keys[from - 1]!)) from--;
    if (from > 0 && DETERMINERS.has(keys[from - 1]!)) from--;
    return splice(body, from, at - from + 1, x);
  }
  // Otherwise the last phrase that starts with "the", "a", "one"…: "the fee to register a whole unit" → "… just a
  // room"; "where will the children's section move" → "where will printing".
  const phrase = keys.findLastIndex((k, i) => DETERMINERS.has(k) && i + 1 < keys.length && !boundary(keys[i + 1]!));
  if (phrase !== -1) {
    let end = phrase + 1;
    while (end < keys.length && !PREPOSITIONS.has(keys[end]!) && !WH.has(keys[end]!) && !AUX.has(keys[end]!)) end++;
    return splice(body, phrase, end - phrase, x);
  }
  return [...body, ...x];
}
