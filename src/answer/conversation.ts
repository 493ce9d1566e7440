import { normalizeText } from "../search/normalize.js";
import type { Resolution } from "./follow-up/resolve.js";
import { resolveFollowUp } from "./follow-up/resolve.js";
import type { Topic, TopicNames } from "./follow-up/topic.js";
import type { Library, LibraryAnswer, Pack } from "./library.js";
import type { Answer } from "./types.js";
import { isSummaryRequest } from "./views/summary.js";

export type { Topic } from "./follow-up/topic.js";

/**
 * A question asked in a conversation: resolved against the previous answer's topic (follow-up/), answered by the
 * library (from the topic's article when it follows up on it), and the topic the conversation keeps for the next
 * question. Pure, like the rest of the engine: the surfaces keep the topic (the terminal in a variable, Discord in
 * a store shared by every instance) and decide when a conversation goes on (the same user and channel within
 * CONVERSATION_TTL_MS, or a reply to one of the bot's messages).
 */
export const CONVERSATION_TTL_MS = 5 * 60_000;

export interface ConversationAnswer extends LibraryAnswer {
  readonly resolution: Resolution;
  /** What the conversation remembers for the next question; undefined: nothing (it ends here). */
  readonly topic: Topic | undefined;
}

/** What to say when a question only means something after another one, and there is none to go by. */
export const NO_TOPIC_NOTE =
  "If this follows an earlier question, ask it again with the name (or reply to my answer to it)";

/** The topic an answer leaves: its article, the question as understood, its first sentence and short answer. */
export function topicOf(pack: Pack, question: string, answer: Answer): Topic | undefined {
  switch (answer.outcome) {
    case "answered":
    case "corrected":
      return { article: pack.id, question, sentence: answer.citations[0]?.id, answer: answer.answer };
    case "unsure":
      return { article: pack.id, question, sentence: answer.closest[0]?.id };
    case "summary":
      return { article: pack.id, question };
    case "not_covered":
      return undefined;
  }
}

/** The topic's names, looked up in its pack. */
function topicNames(pack: Pack, topic: Topic): TopicNames {
  const names = pack.engine.names;
  const sentence = topic.sentence === undefined ? undefined : pack.kb.sentenceById.get(topic.sentence);
  // A sentence that opens with "He" or "They" is about the one the sentence before names.
  const before =
    sentence !== undefined && /^(?:["'‘“(]\s*)?(?:he|she|they|his|her|their|it|its)\b/i.test(sentence.text)
      ? names.inSentence(`S${sentence.index - 1}`)
      : [];
  return {
    question: topic.question,
    inQuestion: names.find(normalizeText(topic.question)),
    inAnswer: topic.answer === undefined ? [] : names.find(normalizeText(topic.answer)),
    inSentence: [...(sentence === undefined ? [] : names.inSentence(sentence.id)), ...before],
  };
}

/**
 * Answers `question` after `previous` (the conversation's topic, if it has one). With `articleId`, from that
 * article only: a topic from another article is not carried over (its names mean nothing there).
 */
export function answerInConversation(
  library: Library,
  question: string,
  previous: Topic | undefined,
  articleId?: string,
): ConversationAnswer {
  const topicPack = previous === undefined ? undefined : library.pack(previous.article);
  const topic =
    topicPack !== undefined && (articleId === undefined || articleId === topicPack.id) ? previous : undefined;
  const names = topicPack?.engine.names;
  const resolution = resolveFollowUp(
    question,
    topic === undefined || topicPack === undefined ? undefined : topicNames(topicPack, topic),
    (text) => names?.find(text) ?? [],
  );
  // A follow-up, and "tldr" in the middle of a conversation, are about the conversation's article.
  const followsUp =
    resolution.kind === "follow-up" ||
    (resolution.kind === "standalone" && topic !== undefined && isSummaryRequest(normalizeText(resolution.question)));
  const from = articleId ?? (followsUp ? topic?.article : undefined);
  const result = library.answer(resolution.question, from);
  const asked = question.trim();
  const note = resolution.kind === "unresolved" && !result.answer.answered ? NO_TOPIC_NOTE : resolution.note;
  const answer: Answer = {
    ...result.answer,
    question: asked,
    ...(note === undefined ? {} : { followUp: { note, understood: resolution.question } }),
  };
  // Chat ("thanks") and a question the article does not cover leave the topic as it was, unless the user moved on.
  const next = topicOf(result.pack, resolution.question, answer) ?? (resolution.kind === "switch" ? undefined : topic);
  return { ...result, answer, resolution, topic: next };
}
