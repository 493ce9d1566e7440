/**
 * The review's listing: the pending questions of the served packs (the store groups similar ones), each with the
 * sentences that may answer it, and the pending group a question belongs to. ReviewDesk (review-desk.ts) serves
 * them to every surface.
 */
import type { Citation } from "../answer/types.js";
import type { Pack } from "../answer/library.js";
import { questionKey, type PendingGroup, type Store } from "../storage/index.js";
import type { LiveLibrary } from "./live-library.js";

/** At most this many sentences are offered for one question. */
const MAX_CLOSEST = 5;

/** A question (with the similar ones asked) waiting for a moderator, as review shows it. */
export interface ReviewItem {
  readonly article: string;
  readonly title: string;
  readonly question: string;
  /** Every phrasing of the group, `question` first: a decision covers them all. */
  readonly questions: readonly string[];
  readonly count: number;
  readonly outcome: PendingGroup["outcome"];
  /** The newest logged question of the group (what a Discord menu carries to find the group again). */
  readonly questionId: number;
  /** The sentences that may answer it, best first: the ones the bot offered, then the engine's next best. */
  readonly closest: readonly Citation[];
}

/** The most asked pending questions of the served packs, at most `limit`; undefined when the store cannot be read. */
export async function pendingItems(live: LiveLibrary, store: Store, limit: number): Promise<ReviewItem[] | undefined> {
  const library = live.current;
  const groups = await store.review.pendingIfAvailable({ limit: 500 });
  if (groups === undefined) return undefined;
  const items: ReviewItem[] = [];
  for (const group of groups) {
    const pack = library.pack(group.article);
    if (pack === undefined || group.questionIds[0] === undefined) continue;
    items.push({
      article: group.article,
      title: pack.title,
      question: group.question,
      questions: group.questions,
      count: group.count,
      outcome: group.outcome,
      questionId: group.questionIds[0],
      closest: closestSentences(pack, group.closestIds, group.question),
    });
    if (items.length >= limit) break;
  }
  return items;
}

/** The question a logged id names and its pending group's phrasings; undefined when it is not in the log. */
export async function pendingGroup(
  store: Store,
  questionId: number,
): Promise<{ article: string; questions: readonly string[] } | undefined> {
  const logged = await store.questions.get(questionId);
  if (logged === undefined) return undefined;
  const groups = await store.review.pending({ article: logged.article, limit: 500 });
  const key = questionKey(logged.question);
  const group =
    groups.find((g) => g.questionIds.includes(questionId)) ??
    groups.find((g) => g.questions.some((q) => questionKey(q) === key));
  return { article: logged.article, questions: group?.questions ?? [logged.question] };
}

/** The article and phrasings of a question typed by hand (see ReviewDesk.resolve). */
export async function resolveQuestion(
  live: LiveLibrary,
  store: Store,
  question: string,
  article: string | undefined,
): Promise<{ article: string; questions: readonly string[] }> {
  const key = questionKey(question);
  const groups = await store.review.pending({ ...(article === undefined ? {} : { article }), limit: 500 });
  const group = groups.find((g) => g.questions.some((q) => questionKey(q) === key));
  if (group !== undefined) return { article: group.article, questions: [question, ...group.questions] };
  return { article: article ?? live.current.answer(question).pack.id, questions: [question] };
}

/** The sentences that may answer a question: the ones the bot offered, then the engine's best candidates. */
function closestSentences(pack: Pack, offered: readonly string[], question: string): Citation[] {
  const candidates = pack.engine.assess(question).judged?.candidates.map((c) => c.id) ?? [];
  const ids = [...new Set([...offered, ...candidates])].filter((id) => pack.kb.sentenceById.has(id));
  return ids.slice(0, MAX_CLOSEST).map((id) => ({ id, text: pack.kb.sentenceById.get(id)!.text }));
}
