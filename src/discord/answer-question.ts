import type { Library } from "../answer/library.js";
import { outcomeOfAnswer, type Outcome } from "./outcome.js";
import { renderAnswer } from "./render/answer.js";
import type { MessageParts } from "./render/common.js";
import { fitMessage } from "./render/limits.js";

/** The longest question answered (the /ask option's max_length); a longer mention or DM is cut to it. */
export const QUESTION_MAX_LENGTH = 300;

/** A question's reply, ready to send (within Discord's limits), and how the request ended. */
export interface QuestionReply {
  readonly reply: MessageParts;
  readonly outcome: Outcome;
}

/**
 * Answers a question for any surface (/ask, a mention, a DM): cut to QUESTION_MAX_LENGTH, answered from the
 * chosen article (or every article: the embed names the one it quotes, with a button per article when several
 * answer about equally well), rendered and fitted. Rate limiting stays at each surface's edge: the dispatcher
 * limits every command and component, the message listener sends one notice per window.
 */
export function answerQuestion(library: Library, question: string, articleId?: string): QuestionReply {
  const { answer, pack, alternatives } = library.answer(question.slice(0, QUESTION_MAX_LENGTH), articleId);
  return { reply: fitMessage(renderAnswer(answer, pack.engine, alternatives)), outcome: outcomeOfAnswer(answer) };
}
