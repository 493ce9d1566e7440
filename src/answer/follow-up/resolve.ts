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
 *
 * This module puts the pieces together (resolveFollowUp); the words a question is read by are in vocabulary.ts and
 * words.ts, pronouns in pronouns.ts, ellipsis in ellipsis.ts, and the topic it is read against in topic.ts.
 */
import type { Named } from "../names.js";
import { aboutWhat, askedOf, withQuestionWord } from "./ellipsis.js";
import { antecedent, isPronounUse, saidInQuestion } from "./pronouns.js";
import type { FindNames, TopicNames } from "./topic.js";
import { PRONOUNS, type Pronoun } from "./vocabulary.js";
import { contentWords, keysOf, leadingWords, questionWordAt, textOf, wordsOf, type Word } from "./words.js";

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

const SWITCH =
  /^(?:(?:ok|okay|so|alright|right|um|hmm|anyway|anyways|also|and|but) )*(?:(?:a |one |another |my )?(?:different|new|another|unrelated|other|separate|next|random) (?:question|q|qn|topic|thing|subject)|(?:on )?(?:a )?(?:different|another|other|separate) (?:note|topic|subject)|chang(?:e|ing) (?:the |of )?(?:subject|topic)|unrelated(?: but)?|something else|forget (?:that|it)|never ?mind(?: that)?|nvm|new q)(?: (?:but|then|though|tho))?(?: |$)/;

/** At most this many of the previous question's words come along with a pronoun. */
const MAX_ALONG = 6;

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
