import { MAX_SEARCH_CHARS } from "../search/normalize.js";
import { STOP_WORDS } from "../search/stopwords.js";
import type { Named, NameKind } from "./names.js";

/**
 * Follow-up questions: what a question asked after another one means, as a pure function of the previous
 * answer's topic and the new question. People in a channel ask "and what about kim's sister?", then "what did she
 * say?", then "and when was that?": the second and third only mean something after the one before.
 *
 *  - Pronouns (he, she, they, it, his, her, their, its, there, that) are taken as the person, group, place or
 *    thing of the previous question, its short answer or its sentence that fits: "she" a woman (or a person the
 *    article gives no pronoun), "they" a group, "there" a place. With nothing that fits, "it", "they" and "that"
 *    take the previous question's own words along.
 *  - Ellipsis: "and when?", "why?", "how many?" ask the previous question again with the new question word;
 *    "what about X?", "and X?" ask it again of X, put where the thing of the same kind was ("what about Belgium?"
 *    after "when do deliveries start in Germany?"), or the phrase with the same preposition or the same last word
 *    ("outside the service area", "the comparison group"), or the ordinal ("the second one").
 *  - "ok different question: …" starts afresh.
 * The reply says what it took the question to mean (`note`), so a wrong guess is visible and can be corrected.
 */

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

export interface Resolution {
  /**
   * standalone: nothing to resolve (or nothing to resolve against: answered as it stands);
   * follow-up: resolved against the topic; answer it from the topic's article;
   * switch: the user started a new topic ("ok different question: …"); the marker is gone from `question`;
   * unresolved: it only means something after another question, and there is none to go by.
   */
  readonly kind: "standalone" | "follow-up" | "switch" | "unresolved";
  /** The question to answer. */
  readonly question: string;
  /** What it was taken to mean, for the reply: `Taking "she" as Kim Yo Jong`. */
  readonly note?: string;
}

/** A word of the question: as typed (for the reply) and as matched (lower case, no apostrophes). */
interface Word {
  readonly text: string;
  readonly key: string;
}

/** Finds the names of a pack that a normalised text mentions. */
export type FindNames = (normalized: string) => readonly Named[];

const SWITCH =
  /^(?:(?:ok|okay|so|alright|right|um|hmm|anyway|anyways|also|and|but) )*(?:(?:a |one |another |my )?(?:different|new|another|unrelated|other|separate|next|random) (?:question|q|qn|topic|thing|subject)|(?:on )?(?:a )?(?:different|another|other|separate) (?:note|topic|subject)|chang(?:e|ing) (?:the |of )?(?:subject|topic)|unrelated(?: but)?|something else|forget (?:that|it)|never ?mind(?: that)?|nvm|new q)(?: (?:but|then|though|tho))?(?: |$)/;
/** Words before a question that carry nothing ("ok but why"). */
const LEADING = new Set([
  "and",
  "ok",
  "okay",
  "so",
  "but",
  "also",
  "then",
  "well",
  "right",
  "alright",
  "hmm",
  "um",
  "uh",
  "oh",
  "ah",
  "wait",
  "cool",
  "nice",
  "great",
  "thanks",
  "thx",
  "ty",
  "lol",
  "yo",
  "hey",
  "bot",
  "articlebot",
  "or",
  "plus",
  "interesting",
  "really",
]);
const WH = new Set([
  "what",
  "when",
  "where",
  "who",
  "whom",
  "whose",
  "which",
  "why",
  "how",
  "whats",
  "whens",
  "wheres",
  "whos",
  "whys",
  "hows",
]);
/** Words after "how" that belong to the question word ("how many", "how long"). */
const HOW = new Set([
  "much",
  "many",
  "long",
  "far",
  "old",
  "big",
  "high",
  "come",
  "often",
  "tall",
  "heavy",
  "fast",
  "large",
  "soon",
  "late",
  "early",
  "bad",
  "good",
  "serious",
]);
/** Nouns after "what"/"which" that belong to the question word ("what time", "which year"). */
const WHAT = new Set([
  "time",
  "date",
  "day",
  "year",
  "month",
  "age",
  "percentage",
  "percent",
  "share",
  "proportion",
  "size",
  "number",
  "amount",
  "kind",
  "sort",
  "type",
  "minute",
  "hour",
  "round",
  "price",
  "rate",
  "stage",
  "point",
]);
const AUX = new Set([
  "is",
  "are",
  "was",
  "were",
  "do",
  "does",
  "did",
  "has",
  "have",
  "had",
  "can",
  "could",
  "will",
  "would",
  "should",
  "shall",
  "may",
  "might",
  "must",
  "s",
]);
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
const PREPOSITIONS = new Set([
  "in",
  "at",
  "on",
  "for",
  "outside",
  "inside",
  "from",
  "to",
  "with",
  "without",
  "during",
  "after",
  "before",
  "by",
  "under",
  "over",
  "near",
  "between",
  "across",
  "within",
  "per",
  "into",
  "against",
]);
const DETERMINERS = new Set([
  "the",
  "a",
  "an",
  "one",
  "this",
  "that",
  "these",
  "those",
  "his",
  "her",
  "their",
  "its",
  "my",
  "your",
  "our",
  "just",
  "only",
]);

/** At most this many of the previous question's words come along with a pronoun. */
const MAX_ALONG = 6;

type Role = "male" | "female" | "plural" | "thing" | "place" | "event";

interface Pronoun {
  readonly role: Role;
  readonly possessive: boolean;
}

const PRONOUNS: ReadonlyMap<string, Pronoun> = new Map([
  ["he", { role: "male", possessive: false }],
  ["him", { role: "male", possessive: false }],
  ["himself", { role: "male", possessive: false }],
  ["his", { role: "male", possessive: true }],
  ["hes", { role: "male", possessive: false }],
  ["she", { role: "female", possessive: false }],
  ["herself", { role: "female", possessive: false }],
  ["hers", { role: "female", possessive: false }],
  ["shes", { role: "female", possessive: false }],
  ["her", { role: "female", possessive: false }],
  ["they", { role: "plural", possessive: false }],
  ["them", { role: "plural", possessive: false }],
  ["themselves", { role: "plural", possessive: false }],
  ["theyre", { role: "plural", possessive: false }],
  ["their", { role: "plural", possessive: true }],
  ["theirs", { role: "plural", possessive: false }],
  ["it", { role: "thing", possessive: false }],
  ["itself", { role: "thing", possessive: false }],
  ["its", { role: "thing", possessive: true }],
  ["there", { role: "place", possessive: false }],
  ["that", { role: "event", possessive: false }],
  ["this", { role: "event", possessive: false }],
]);

/** The kinds of name a pronoun may stand for, most likely first. */
const FITS: Readonly<Record<Role, readonly NameKind[]>> = {
  male: ["person"],
  female: ["person"],
  plural: ["group"],
  thing: ["thing", "group", "place"],
  place: ["place"],
  event: [],
};

function wordsOf(text: string): Word[] {
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

const keysOf = (words: readonly Word[]): string => words.map((w) => w.key).join(" ");
const textOf = (words: readonly Word[]): string => words.map((w) => w.text).join(" ");

/** The question word and what belongs to it ("how many", "what time"), from the start of `words`. */
function questionWordAt(words: readonly Word[], at: number): number {
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
function contentWords(words: readonly Word[]): Word[] {
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

function leadingWords(words: readonly Word[]): number {
  let i = 0;
  while (i < words.length - 1 && LEADING.has(words[i]!.key)) i++;
  return i;
}

/** "what about X", "how about X", "and X": X, when the question asks the previous one again of something else. */
function aboutWhat(words: readonly Word[], startedWithAnd: boolean): readonly Word[] | undefined {
  const keys = words.map((w) => w.key);
  if ((keys[0] === "what" || keys[0] === "how") && keys[1] === "about" && words.length > 2) return words.slice(2);
  if (keys[0] === "about" && words.length > 1) return words.slice(1);
  const hasVerbish = keys.some((k) => WH.has(k) || AUX.has(k) || PRONOUNS.has(k));
  if (startedWithAnd && !hasVerbish && words.length > 0 && words.length <= 5) return words;
  return undefined;
}

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
function isPronounUse(words: readonly Word[], i: number): boolean {
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

/** The name a pronoun stands for: the topic's first that fits, a good fit (a woman for "she") before a loose one. */
/** Whether a name stands in `words` after a preposition ("in the Pendler 2"), as what the question is not about. */
function insidePhrase(words: readonly Word[], named: Named): boolean {
  const where = locate(words, named);
  if (where === undefined) return false;
  let i = where.at - 1;
  while (i >= 0 && DETERMINERS.has(words[i]!.key)) i--;
  return i >= 0 && PREPOSITIONS.has(words[i]!.key);
}

function antecedent(
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
function saidInQuestion(words: readonly Word[], i: number, pronoun: Pronoun, find: FindNames): boolean {
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

/** The topic question with its question word replaced by another ("when" + "does the trial begin"). */
function withQuestionWord(topic: readonly Word[], wh: readonly Word[]): Word[] {
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

/** Where a name's form occurs in `words` (by keys), if it does. */
function locate(words: readonly Word[], named: Named): { at: number; length: number } | undefined {
  for (const form of [...named.forms].sort((a, b) => b.length - a.length)) {
    const parts = form.split(" ");
    for (let i = 0; i + parts.length <= words.length; i++) {
      if (parts.every((p, j) => words[i + j]!.key === p)) return { at: i, length: parts.length };
    }
  }
  return undefined;
}

/** The previous question asked again of X (see the module comment), or undefined when X fits nowhere in it. */
function askedOf(topic: readonly Word[], x: readonly Word[], xNames: readonly Named[], topicNames: TopicNames): Word[] {
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

const quoted = (words: readonly Word[]): string => `"${textOf(words).replace(/\s+([?!.,])/g, "$1")}"`;

/**
 * What `question` means after the topic (see the module comment). `find` looks up the names of the topic's pack in
 * a normalised text. Pure: the same inputs give the same resolution.
 */
export function resolveFollowUp(question: string, topic: TopicNames | undefined, find: FindNames): Resolution {
  const all = wordsOf(question);
  const keys = keysOf(all);
  const switched = SWITCH.exec(keys);
  if (switched !== null) {
    const dropped = switched[0].trim().split(" ").length;
    return { kind: "switch", question: textOf(all.slice(dropped)) };
  }
  const lead = leadingWords(all);
  const words = all.slice(lead);
  const about = aboutWhat(words, lead > 0);
  const wh = questionWordAt(words, 0);
  const content = contentWords(words.slice(wh));
  const elliptic = content.length === 0 && wh > 0;
  // The pronouns that stand for something, and those of them the question itself does not explain.
  const used = words
    .map((w, i) => ({ i, pronoun: PRONOUNS.get(w.key) }))
    .filter((p): p is { i: number; pronoun: Pronoun } => p.pronoun !== undefined && isPronounUse(words, p.i));
  const pronouns = used.filter((p) => !saidInQuestion(words, p.i, p.pronoun, find));

  if (topic === undefined) {
    // "what about X" with nothing before it asks about X.
    if (about !== undefined) return { kind: "standalone", question: textOf(about) };
    const personal = pronouns.some(({ pronoun }) => pronoun.role === "male" || pronoun.role === "female");
    // Answered as typed: exactly what the same question gets outside a conversation.
    if (elliptic || personal) return { kind: "unresolved", question: question.trim() };
    return { kind: "standalone", question: question.trim() };
  }

  const previous = wordsOf(topic.question);
  if (about !== undefined) {
    const asked = askedOf(previous, about, find(keysOf(about)), topic);
    return { kind: "follow-up", question: textOf(asked), note: `Taking this as ${quoted(asked)}` };
  }
  // Each pronoun the name it stands for, the most particular first ("she" before "they" before "it").
  const replaced = new Map<number, Named>();
  // Pronouns whose meaning the previous question's words carry: "that" (what was just answered), and "it" in a
  // question with little else to go by ("why did it go up?"). "they" with no group to stand for is usually
  // anyone ("how hard did they nerf kessa"): left as it is.
  const along: number[] = [];
  for (const role of ["male", "female", "plural", "thing", "place", "event"] as const) {
    let same: Named | undefined;
    for (const { i, pronoun } of used) {
      if (pronoun.role !== role) continue;
      // "what did they say about their grant?": a second "their" is the first "they".
      if (same !== undefined) {
        replaced.set(i, same);
        continue;
      }
      if (!pronouns.some((p) => p.i === i)) continue;
      const named = antecedent(pronoun, topic, previous, [...replaced.values()]);
      same = named;
      if (named !== undefined) replaced.set(i, named);
      else if (role === "event" || (role === "thing" && content.length <= 2)) along.push(i);
    }
  }
  if (elliptic && replaced.size === 0) {
    // "and when?", "ok but why", "how many?": the previous question, asked with this question word.
    const asked = withQuestionWord(previous, words.slice(0, wh));
    return { kind: "follow-up", question: textOf(asked), note: `Taking this as ${quoted(asked)}` };
  }
  const taken: string[] = [];
  const resolved = words.map((w, i): Word => {
    const named = replaced.get(i);
    if (named === undefined) return w;
    taken.push(`"${w.text}" as ${named.name}`);
    // The name as the article usually writes it: "Pellow" matches the later sentences "Gordon Pellow" would miss.
    const usual = named.usual.replace(
      /(^| )(\p{L})/gu,
      (_m, space: string, letter: string) => space + letter.toUpperCase(),
    );
    return { text: PRONOUNS.get(w.key)?.possessive === true ? `${usual}'s` : usual, key: named.usual };
  });
  if (along.length > 0) {
    // "why did it go up?": the previous question's own words say what "it" is.
    const extra = contentWords(previous)
      .filter((w) => !resolved.some((r) => r.key === w.key))
      .slice(0, MAX_ALONG);
    resolved.push(...extra);
    const alone = along.filter((i) => !replaced.has(i));
    if (alone.length > 0)
      taken.push(`${[...new Set(alone.map((i) => `"${words[i]!.text}"`))].join(" and ")} as in ${quoted(previous)}`);
  }
  if (taken.length === 0) {
    const personal = pronouns.some(({ pronoun }) => pronoun.role === "male" || pronoun.role === "female");
    return { kind: personal ? "unresolved" : "standalone", question: question.trim() };
  }
  return {
    kind: "follow-up",
    question: textOf(resolved),
    note: `Taking ${taken.join(" and ")}`,
  };
}
