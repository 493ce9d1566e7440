/**
 * A question answered for every surface (/ask, mentions, DMs, the "which article?" button) in its conversation,
 * logged, and rendered as the answer embed.
 */
import { ComponentType, type APIEmbed, type APIMessageTopLevelComponent } from "discord-api-types/v10";
import { answerInConversation, type Topic } from "../../answer/conversation.js";
import type { AnswerEngine } from "../../answer/engine.js";
import { OUTCOME_LABEL } from "../../answer/format-terminal.js";
import type { Library, LibraryAnswer, Pack } from "../../answer/library.js";
import type { Answer } from "../../answer/types.js";
import { articleButtons } from "../article-pick/render.js";
import { showContextButton } from "../context/render.js";
import { CUSTOM_ID, parseCustomId } from "../core/custom-id.js";
import { COLORS, articleFooter, bulletList, quoteCitation, type MessageParts } from "../core/embed.js";
import { entriesForQuestions } from "../../answer/views/surfaces.js";
import { echoUserText, kbText, questionFromTitle } from "../core/escape.js";
import { LIMITS, truncate } from "../core/limits.js";
import type { ConversationKey, ConversationStore } from "../core/conversations.js";
import { conversationOf, type Place } from "../core/place.js";
import { outcomeOfAnswer, type InteractionContext, type Outcome } from "../core/types.js";
import { takesVotes, voteButtons } from "../feedback/render.js";
import { questionPicker, relatedButton } from "../related/render.js";
import type { Surface } from "../../storage/index.js";

/** The longest question answered (the /ask option's max_length); a longer mention or DM is cut to it. */
export const QUESTION_MAX_LENGTH = 300;

/** A question's reply, rendered, and how the request ended. */
interface QuestionReply {
  readonly reply: MessageParts;
  readonly outcome: Outcome;
}

/**
 * Which conversation a question continues:
 *  - channel: a mention, DM or /ask continues the user's conversation in that channel, while it lasts;
 *  - reply: a reply to one of the bot's messages continues what that message answered (`topic`; undefined when it
 *    cannot be told);
 *  - none: a reply to someone else's message, or to a message that is gone, continues nothing.
 */
export type Thread =
  | { readonly kind: "channel" }
  | { readonly kind: "reply"; readonly topic: Topic | undefined }
  | { readonly kind: "none" };

/**
 * A question as a surface received it: the text, the article chosen (if any), where and by whom it was asked,
 * and the conversation it continues (default: the user's in the channel).
 */
export interface AskedOn {
  readonly question: string;
  readonly articleId?: string | undefined;
  readonly surface: Surface;
  readonly place: Place;
  readonly thread?: Thread;
}

/**
 * Answers a question for any surface (/ask, a mention, a DM, the "which article?" button): cut to
 * QUESTION_MAX_LENGTH, answered in its conversation (answer/conversation.ts: the topic it follows, see Thread;
 * the note says what a follow-up was taken to mean) from the chosen article — else from the channel's or
 * server's default article, else from every article (the embed names the one it quotes, with a button per
 * article when several answer about equally well) — logged (in the background: the reply never waits for the
 * store) and rendered, with 👍/👎 when it is logged. Returns the conversation's new topic too, kept for the user
 * in the channel. Without a conversation store (or a user and channel) the question stands alone. Each surface
 * sends the reply through Discord's limits once (the dispatcher for interactions, gateway/messages.ts for
 * mentions and DMs); rate limiting stays at each surface's edge too.
 */
export async function askQuestion(
  ctx: InteractionContext,
  asked: AskedOn,
): Promise<QuestionReply & { readonly topic: Topic | undefined }> {
  const question = asked.question.slice(0, QUESTION_MAX_LENGTH);
  const fallback = asked.articleId === undefined ? await ctx.owner?.defaults.forPlace(asked.place) : undefined;
  const library = ctx.library;
  const articleId =
    asked.articleId ?? (fallback !== undefined && library.pack(fallback) !== undefined ? fallback : undefined);
  const key = conversationOf(asked.place);
  const store = ctx.conversations;
  const conversation = key === undefined || store === undefined ? undefined : { store, key };
  const previous = conversation === undefined ? undefined : await topicBefore(conversation, asked.thread);
  const result = answerInConversation(library, question, previous, articleId);
  await conversation?.store.set(conversation.key, result.topic);
  const ref = recordQuestion(ctx, asked.surface, asked.place, question, result);
  return {
    reply: renderAnswer(result.answer, result.pack.engine, result.alternatives, ref),
    outcome: outcomeOfAnswer(result.answer),
    topic: result.topic,
  };
}

/** The topic a question follows in its conversation (see Thread; default: the user's in the channel). */
async function topicBefore(
  { store, key }: { readonly store: ConversationStore; readonly key: ConversationKey },
  thread: Thread = { kind: "channel" },
): Promise<Topic | undefined> {
  if (thread.kind === "reply") return thread.topic;
  return thread.kind === "channel" ? store.get(key) : undefined;
}

/** Logs a question and its answer (in the background); the ref its 👍/👎 buttons carry, when it is logged. */
export function recordQuestion(
  ctx: InteractionContext,
  surface: Surface,
  place: Place,
  question: string,
  result: LibraryAnswer,
): string | undefined {
  return ctx.owner?.questions.record({ question, surface, result, ...place });
}

/**
 * What one of the bot's answer messages answered, read back from the message (for a reply to it once the store
 * has forgotten): its question (the embed's title), its article (a button's or menu's custom_id, else the only
 * article) and the first sentence it quotes. Undefined for a message that is not an answer.
 */
export function topicOfMessage(
  library: Library,
  embed: APIEmbed | undefined,
  components: readonly unknown[],
): Topic | undefined {
  const question = questionFromTitle(embed?.title).trim();
  if (embed === undefined || question === "") return undefined;
  // Every button and menu under an answer names its pack first (ctx:<pack>:…, rel:<pack>:…, relq:<pack>, art:<pack>);
  // a vote's first argument is a question's ref, which names no pack.
  const packs = customIdsOf(components).flatMap(({ prefix, args }) =>
    (Object.values(CUSTOM_ID) as string[]).includes(prefix) ? (library.pack(args[0] ?? "") ?? []) : [],
  );
  const pack = packs[0] ?? (library.packs.length === 1 ? library.first : undefined);
  if (pack === undefined) return undefined;
  const sentence = /— `(S\d+)`$/m.exec(embed.description ?? "")?.[1];
  return { article: pack.id, question, ...(sentence === undefined ? {} : { sentence }) };
}

/** The custom_ids of a message's components (rows, and the buttons and menus in them), parsed. */
function customIdsOf(value: unknown): ReturnType<typeof parseCustomId>[] {
  if (Array.isArray(value)) return value.flatMap(customIdsOf);
  if (typeof value !== "object" || value === null) return [];
  const { custom_id: id, components } = value as { custom_id?: unknown; components?: unknown };
  return [...(typeof id === "string" ? [parseCustomId(id)] : []), ...customIdsOf(components)];
}

/**
 * The answer embed (/ask, mention replies, DMs, the "which article?" button, and answers picked from the
 * "Related" menu):
 *  - title: the user's question (escaped),
 *  - description: the short answer, then each cited sentence as a quote block with its id,
 *  - a field of related questions (after an answer) or of questions the article can answer (after an abstention),
 *  - footer: the confidence and the article's title.
 * Under an answer: "Show context" and "Related" buttons. Under an abstention: a menu of the suggested questions.
 * When other articles answer about equally well (`alternatives`, this one first), a "Which article?" field
 * says so and a row of buttons answers the question from each article. With `voteRef` (the question is
 * logged), 👍 and 👎 follow the buttons of an answer, or sit under an unsure reply's menu.
 */
export function renderAnswer(
  answer: Answer,
  engine: AnswerEngine,
  alternatives: readonly Pack[] = [],
  voteRef?: string,
): MessageParts {
  const packId = engine.kb.id;
  const title =
    answer.question === "" ? "Ask me about the article" : echoUserText(answer.question, LIMITS.embedTitle - 10);
  const lines = [kbText(answer.answer)];
  // A follow-up says first what it took the question to mean: *Taking "she" as Kim Yo Jong:*
  if (answer.followUp !== undefined) lines.unshift(`*${echoUserText(answer.followUp.note, LIMITS.embedTitle)}:*`);
  if (answer.citations.length > 0) lines.push("", ...answer.citations.map(quoteCitation));
  // An unsure reply's closest passage is quoted as such (the answer line says so), never as an answer.
  if (answer.closest.length > 0) lines.push("", ...answer.closest.map(quoteCitation));
  const label = OUTCOME_LABEL[answer.outcome];
  const embed: APIEmbed = {
    title,
    description: lines.join("\n"),
    color: answer.answered ? COLORS.answered : COLORS.abstained,
    footer: articleFooter(engine, answer.answered ? `${label} · confidence ${answer.confidence.toFixed(2)}` : label),
  };
  if (answer.suggestions.length > 0) {
    embed.fields = [
      {
        name: answer.answered ? "Related questions" : "Questions the article can answer",
        value: bulletList(answer.suggestions.map((s) => kbText(s))),
      },
    ];
  }
  if (alternatives.length > 1) {
    embed.fields = [
      {
        name: "Which article?",
        value: truncate(
          `${alternatives.length} articles answer this about equally well. This answer quotes "${kbText(engine.kb.meta.title)}"; ` +
            "the buttons below answer from each.",
          LIMITS.fieldValue,
        ),
      },
      ...(embed.fields ?? []),
    ];
  }
  const components: APIMessageTopLevelComponent[] = [];
  const articleRow = alternatives.length > 1 ? articleButtons(alternatives) : undefined;
  if (articleRow !== undefined) components.push(articleRow);
  const votes = voteRef !== undefined && takesVotes(answer) ? voteButtons(voteRef) : [];
  if (answer.answered && answer.source !== undefined) {
    const buttons = [showContextButton(packId, answer.source), relatedButton(packId, engine, answer.source)].filter(
      (b) => b !== undefined,
    );
    buttons.push(...votes);
    if (buttons.length > 0) components.push({ type: ComponentType.ActionRow, components: buttons });
  } else {
    if (!answer.answered) {
      const picker = questionPicker(
        packId,
        entriesForQuestions(engine, answer.suggestions),
        "Ask one of these instead…",
      );
      if (picker !== undefined) components.push(picker);
    }
    if (votes.length > 0) components.push({ type: ComponentType.ActionRow, components: votes });
  }
  return { embeds: [embed], components };
}
