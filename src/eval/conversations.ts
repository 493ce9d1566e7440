import { answerInConversation } from "../answer/conversation.js";
import type { Topic } from "../answer/conversation.js";
import { Library } from "../answer/library.js";
import type { Answer } from "../answer/types.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { CorpusArticle } from "./corpus.js";
import type { KindTally } from "./evaluate.js";
import type { QuestionSet } from "./question-sets.js";

/**
 * Conversations (the corpus's `conversations`: a question, then a follow-up that only means something after it),
 * each asked of its article's draft pack as one conversation, in order, the way `npm run ask -- --batch
 * --conversation` asks them. A follow-up turn is right when its first citation is an expected sentence or, when
 * the reply is unsure, its first closest passage is. The same follow-ups asked on their own are the baseline.
 *
 * And the other side of it: questions that stand alone must not be read as follow-ups. Each article's answerable
 * questions are asked one after another as one conversation, and compared with each asked alone.
 */
/**
 * What conversations reach today (docs/MEASUREMENTS.md), asserted by test/eval.test.ts: the share of follow-up turns
 * right, per split (a floor), and questions asked in a row never worse than asked alone. Raise, never lower.
 */
export const CONVERSATION_FLOORS = { tune: 0.656, holdout: 0.625 } as const;

export interface ConversationReport {
  readonly followUps: number;
  /** Right first citation, or an unsure reply whose first closest passage is right. */
  readonly right: number;
  /** Of those, answered (not unsure). */
  readonly answeredRight: number;
  /** Answered with a wrong first citation. */
  readonly answeredWrong: number;
  /** The follow-ups asked alone, right by the same measure. */
  readonly aloneRight: number;
  readonly aloneAnsweredRight: number;
  readonly byKind: Readonly<Record<string, KindTally>>;
  /** Follow-ups resolved against the previous answer (a note says how), and those answered as they stand. */
  readonly resolved: number;
  /** Follow-ups whose previous turn led with a right sentence, and of those the ones right: resolution apart from search. */
  readonly afterRight: number;
  readonly rightAfterRight: number;
}

/** The sentence a reply leads with: its first citation, or an unsure reply's first closest passage. */
function leading(answer: Answer): string | undefined {
  if (answer.outcome === "unsure") return answer.closest[0]?.id;
  return answer.citations[0]?.id;
}

export function evaluateConversations(articles: readonly CorpusArticle[]): ConversationReport {
  let followUps = 0;
  let right = 0;
  let answeredRight = 0;
  let answeredWrong = 0;
  let aloneRight = 0;
  let aloneAnsweredRight = 0;
  let resolved = 0;
  let afterRight = 0;
  let rightAfterRight = 0;
  const byKind: Record<string, KindTally> = {};
  for (const article of articles) {
    const library = new Library([article.kb]);
    for (const { turns } of article.conversations) {
      let topic: Topic | undefined;
      let previousRight = false;
      turns.forEach((turn, i) => {
        const reply = answerInConversation(library, turn.q, topic, article.kb.id);
        topic = reply.topic;
        const led = leading(reply.answer);
        const wasRight = previousRight;
        previousRight = led !== undefined && turn.expect.includes(led);
        if (i === 0) return;
        if (wasRight) afterRight++;
        if (wasRight && previousRight) rightAfterRight++;
        followUps++;
        if (reply.resolution.kind === "follow-up") resolved++;
        const first = leading(reply.answer);
        const ok = first !== undefined && turn.expect.includes(first);
        const tally = (byKind[turn.kind] ??= { total: 0, correct: 0 });
        tally.total++;
        if (ok) {
          right++;
          tally.correct++;
          if (reply.answer.answered) answeredRight++;
        } else if (reply.answer.answered) answeredWrong++;
        const alone = library.answer(turn.q, article.kb.id).answer;
        const aloneFirst = leading(alone);
        if (aloneFirst !== undefined && turn.expect.includes(aloneFirst)) {
          aloneRight++;
          if (alone.answered) aloneAnsweredRight++;
        }
      });
    }
  }
  return {
    followUps,
    right,
    answeredRight,
    answeredWrong,
    aloneRight,
    aloneAnsweredRight,
    byKind,
    resolved,
    afterRight,
    rightAfterRight,
  };
}

export interface InARow {
  readonly questions: number;
  /** Answered with a right first citation, asked alone. */
  readonly alone: number;
  /** The same, asked one after another in one conversation. */
  readonly inARow: number;
  /** Questions the conversation read as follow-ups (or as needing one). */
  readonly taken: number;
}

/** A set's answerable questions asked one after another as one conversation, against each asked alone. */
export function askedInARow(sets: readonly { kb: KnowledgeBase; set: QuestionSet }[]): InARow {
  let questions = 0;
  let alone = 0;
  let inARow = 0;
  let taken = 0;
  for (const { kb, set } of sets) {
    const library = new Library([kb]);
    let topic: Topic | undefined;
    for (const { q, expect } of set.inScope) {
      const right = (a: Answer): boolean =>
        a.answered && a.citations[0] !== undefined && expect.includes(a.citations[0].id);
      const reply = answerInConversation(library, q, topic, kb.id);
      topic = reply.topic;
      questions++;
      // A question the conversation took as it stands was answered as alone: asked alone only when it was not.
      const asItStands = reply.resolution.kind === "standalone" && reply.resolution.question === q;
      if (right(asItStands ? reply.answer : library.answer(q, kb.id).answer)) alone++;
      if (right(reply.answer)) inARow++;
      if (reply.resolution.kind === "follow-up" || reply.resolution.kind === "unresolved") taken++;
    }
  }
  return { questions, alone, inARow, taken };
}
