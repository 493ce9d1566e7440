import { ComponentType, type APIEmbed, type APIMessageTopLevelComponent } from "discord-api-types/v10";
import { answerInConversation, type Topic } from "../../answer/conversation.js";
import type { AnswerEngine } from "../../answer/engine.js";
import { OUTCOME_LABEL } from "../../answer/format-terminal.js";
import type { Library, Pack } from "../../answer/library.js";
import type { Answer } from "../../answer/types.js";
import { articleButtons } from "../article-pick/render.js";
import { showContextButton } from "../context/render.js";
import type { ConversationKey } from "../core/conversations.js";
import { CUSTOM_ID, parseCustomId } from "../core/custom-id.js";
import { COLORS, articleFooter, bulletList, quoteCitation, type MessageParts } from "../core/embed.js";
import { entriesForQuestions } from "../core/engine-views.js";
import { echoUserText, kbText, questionFromTitle } from "../core/escape.js";
import { LIMITS, truncate } from "../core/limits.js";
import { outcomeOfAnswer, type InteractionContext, type Outcome } from "../core/types.js";
import { questionPicker, relatedButton } from "../related/render.js";

/** The longest question answered (the /ask option's max_length); a longer mention or DM is cut to it. */
export const QUESTION_MAX_LENGTH = 300;

/** A question's reply, rendered, and how the request ended. */
interface QuestionReply {
  readonly reply: MessageParts;
  readonly outcome: Outcome;
}

/**
 * Answers a question for any surface (/ask, a mention, a DM, the "which article?" button): cut to
 * QUESTION_MAX_LENGTH, answered from the chosen article (or every article: the embed names the one it quotes,
 * with a button per article when several answer about equally well), and rendered. Each surface sends it
 * through Discord's limits once (the dispatcher for interactions, gateway/messages.ts for mentions and DMs);
 * rate limiting stays at each surface's edge too.
 */
export function answerQuestion(library: Library, question: string, articleId?: string): QuestionReply {
  const { answer, pack, alternatives } = library.answer(question.slice(0, QUESTION_MAX_LENGTH), articleId);
  return { reply: renderAnswer(answer, pack.engine, alternatives), outcome: outcomeOfAnswer(answer) };
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
 * Answers a question in its conversation (answer/conversation.ts): the topic it follows (see Thread), the answer,
 * rendered like answerQuestion's with the note saying what a follow-up was taken to mean, and the conversation's
 * new topic, kept for the user in the channel. Without a conversation store every question stands alone,
 * exactly as answerQuestion answers it.
 */
export async function answerInThread(
  ctx: InteractionContext,
  question: string,
  where: ConversationKey,
  thread: Thread,
  articleId?: string,
): Promise<QuestionReply & { readonly topic: Topic | undefined }> {
  const store = ctx.conversations;
  if (store === undefined) return { ...answerQuestion(ctx.library, question, articleId), topic: undefined };
  const previous =
    thread.kind === "reply" ? thread.topic : thread.kind === "channel" ? await store.get(where) : undefined;
  const { answer, pack, alternatives, topic } = answerInConversation(
    ctx.library,
    question.slice(0, QUESTION_MAX_LENGTH),
    previous,
    articleId,
  );
  await store.set(where, topic);
  return { reply: renderAnswer(answer, pack.engine, alternatives), outcome: outcomeOfAnswer(answer), topic };
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
  // Every button and menu under an answer names its pack first: ctx:<pack>:…, rel:<pack>:…, relq:<pack>, art:<pack>.
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
 * says so and a row of buttons answers the question from each article.
 */
export function renderAnswer(answer: Answer, engine: AnswerEngine, alternatives: readonly Pack[] = []): MessageParts {
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
  if (answer.answered && answer.source !== undefined) {
    const buttons = [showContextButton(packId, answer.source), relatedButton(packId, engine, answer.source)].filter(
      (b) => b !== undefined,
    );
    if (buttons.length > 0) components.push({ type: ComponentType.ActionRow, components: buttons });
  } else if (!answer.answered) {
    const picker = questionPicker(packId, entriesForQuestions(engine, answer.suggestions), "Ask one of these instead…");
    if (picker !== undefined) components.push(picker);
  }
  return { embeds: [embed], components };
}
