/**
 * Pronouns in a follow-up question: whether one stands for something outside the question ("what did she say?")
 * or the question itself says who or what it is, and the name of the previous question, its short answer or its
 * sentence that it stands for ("she" a woman, "they" a group, "there" a place).
 */
import type { Named, NameKind } from "../names.js";
import type { FindNames, TopicNames } from "./topic.js";
import { AUX, DETERMINERS, PREPOSITIONS, PRONOUNS, WH, type Pronoun, type Role } from "./vocabulary.js";
import { contentWords, keysOf, leadingWords, locate, questionWordAt, type Word } from "./words.js";

/** The kinds of name a pronoun may stand for, most likely first. */
const FITS: Readonly<Record<Role, readonly NameKind[]>> = {
  male: ["person"],
  female: ["person"],
  plural: ["group"],
  thing: ["thing", "group", "place"],
  place: ["place"],
  event: [],
};

/** Words after "that" or "this" that make it a pronoun ("is that true", "when was that", "that happened"). */
const THAT_BEFORE = new Set([
  "happen",
  "happened",
  "mean",
  "means",
  "true",
  "right",
  "about",
  "cost",
  "costs",
  "start",
  "end",
  "say",
  "said",
  "work",
  "works",
  "so",
]);

/**
 * Whether a pronoun at `i` stands for something outside the question. Not: "that" as a determiner or a relative
 * ("that lady", "a fault that was"), "there" as in "is there" or "out there", "it" as in "is it true that …",
 * "was it raining".
 */
export function isPronounUse(words: readonly Word[], i: number): boolean {
  const key = words[i]!.key;
  const next = words[i + 1]?.key;
  const before = words[i - 1]?.key;
  if (key === "that" || key === "this") {
    const afterQuestionWord =
      before === undefined ||
      AUX.has(before) ||
      WH.has(before) ||
      PREPOSITIONS.has(before) ||
      ["w", "like", "about", "all"].includes(before);
    return afterQuestionWord && (next === undefined || AUX.has(next) || THAT_BEFORE.has(next));
  }
  if (key === "there") {
    // "is there", "there is": existential; "out there", "over there": anywhere.
    if (
      (next !== undefined && AUX.has(next)) ||
      (before !== undefined &&
        (AUX.has(before) || ["out", "over", "in", "up", "down", "get", "got", "go", "went"].includes(before)))
    )
      return false;
    return true;
  }
  if (key === "it" || key === "its") {
    const rest = words.slice(i + 1, i + 5).map((w) => w.key);
    // "is it true that …", "is it ok to …", "how much is it to register": it stands for what follows.
    if (
      ["is", "was", "s", "isnt", "wasnt", "be"].includes(before ?? "") &&
      rest.slice(1).some((k) => k === "that" || k === "to" || k === "if")
    )
      return false;
    if (["raining", "snowing", "cold", "hot", "windy", "sunny", "wet", "dark", "late", "early"].includes(rest[0] ?? ""))
      return false;
  }
  return true;
}

/** Whether a name stands in `words` after a preposition ("in the Pendler 2"), as what the question is not about. */
function insidePhrase(words: readonly Word[], named: Named): boolean {
  const where = locate(words, named);
  if (where === undefined) return false;
  let i = where.at - 1;
  while (i >= 0 && DETERMINERS.has(words[i]!.key)) i--;
  return i >= 0 && PREPOSITIONS.has(words[i]!.key);
}

/** The name a pronoun stands for: the topic's first that fits, a good fit (a woman for "she") before a loose one. */
export function antecedent(
  pronoun: Pronoun,
  topic: TopicNames,
  previous: readonly Word[],
  exclude: readonly Named[],
): Named | undefined {
  const kinds = FITS[pronoun.role];
  // "he"/"she"/"there": whoever or wherever the question, the answer or its sentence names. "they": a group the
  // question or answer names. "it": a thing the question names, not inside a phrase such as "in the Pendler 2"
  // ("how big is the battery in the Pendler 2?" — "it" is the battery); otherwise the question's words say it.
  // After "what's the new map?" it is the answer, Greywater Docks.
  const askedWhat = ["what", "which", "whats"].includes(previous[leadingWords(previous)]?.key ?? "");
  const sources =
    pronoun.role === "thing"
      ? [
          ...topic.inQuestion.filter((n) => !insidePhrase(previous, n)),
          ...(askedWhat ? [...topic.inAnswer, ...topic.inSentence] : []),
        ]
      : pronoun.role === "plural"
        ? [...topic.inQuestion, ...topic.inAnswer]
        : [...topic.inQuestion, ...topic.inAnswer, ...topic.inSentence];
  const pool = sources.filter((n, i, all) => all.indexOf(n) === i && !exclude.includes(n) && kinds.includes(n.kind));
  if (pronoun.role === "male" || pronoun.role === "female") {
    return pool.find((n) => n.gender === pronoun.role) ?? pool.find((n) => n.gender === undefined);
  }
  for (const kind of kinds) {
    const found = pool.find((n) => n.kind === kind);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A name the question itself gives that a pronoun after it can stand for ("did Putin say he …"). */
function namedInQuestion(pronoun: Pronoun, before: readonly Named[]): boolean {
  return before.some((n) =>
    pronoun.role === "male" || pronoun.role === "female"
      ? n.kind === "person" && n.gender !== (pronoun.role === "male" ? "female" : "male")
      : FITS[pronoun.role].includes(n.kind),
  );
}

/** Words that name a person without naming who: "the man", "her dad", "the ref". */
const PERSON_NOUNS = new Set(
  `man men woman women guy lady boy girl kid child father mother dad mum mom son daughter brother sister wife husband
  manager coach player keeper goalkeeper ref referee striker host owner landlord landlady chair chairman chairwoman
  mayor leader president minister doctor nurse volunteer founder ceo boss spokesperson spokesman spokeswoman author
  writer researcher teacher student officer judge councillor driver rider customer user someone somebody anyone
  person people fan fans friend neighbour neighbor`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Whether the question itself says who or what a pronoun is ("did Bernadette learn to solder when she was a kid?",
 * "how long after his booking was Rocha taken off?", "do Ferry Row residents feel they were consulted?"): then
 * it is left as it is.
 */
export function saidInQuestion(words: readonly Word[], i: number, pronoun: Pronoun, find: FindNames): boolean {
  const others = [...words.slice(0, i), ...words.slice(i + 1)];
  const named = find(keysOf(others));
  switch (pronoun.role) {
    case "male":
    case "female":
      // A person it names (before or after), a word for a person, or a capitalised word that may be a name.
      return (
        namedInQuestion(pronoun, named) ||
        others.some((w) => PERSON_NOUNS.has(w.key)) ||
        others.slice(1).some((w) => /^\p{Lu}/u.test(w.text) && w.key !== "i" && !PRONOUNS.has(w.key))
      );
    case "plural":
      // Someone named before it: "the researchers … they found", "do tenants need their …".
      return contentWords(words.slice(questionWordAt(words, 0), i)).length > 0;
    case "thing":
      // Something named before it: "if I cancel my Monthly Pass, how long can I keep using it?".
      return (
        namedInQuestion(pronoun, find(keysOf(words.slice(0, i)))) ||
        words
          .slice(0, i)
          .some(
            (w, j) =>
              (DETERMINERS.has(w.key) && w.key !== "one" && j < i - 1) ||
              (j > 0 && /^\p{Lu}/u.test(w.text) && w.key !== "i"),
          )
      );
    case "place":
    case "event":
      return false;
  }
}
