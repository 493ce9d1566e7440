import type { Library, Pack } from "../answer/library.js";
import { teachAnswer, teachOutOfScope } from "../answer/teach.js";
import { KnowledgeError } from "../knowledge/errors.js";
import { knowledgeFromFiles } from "../knowledge/pack-files.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import { PACK_FILE_NAMES } from "../knowledge/validate.js";
import { phrasingKey } from "../knowledge/validate-qa.js";
import { buildIndex } from "../search/pack-index.js";
import { describeError, type Logger } from "../logger.js";
import type { Store } from "../storage/index.js";
import type { LiveLibrary } from "./live-library.js";
import { editablePack, problemsOf } from "./review-pack-edit.js";
import { pendingGroup, pendingItems, resolveQuestion, type ReviewItem } from "./review-pending.js";
import { failed, type ReviewResult, type Taught } from "./review-result.js";
import { Serial } from "./serial.js";

/** At most this many phrasings of a group are taught at once. */
const MAX_PHRASINGS = 10;
/** A stored pack changed under a review this many times in a row: give up (someone else is editing it). */
const MAX_CONFLICTS = 3;

/** One question taught: what became of it, the entry it belongs to (when mapped), qa.yaml's new text. */
interface Lesson {
  readonly kind: Taught["kind"];
  readonly entryId?: string | undefined;
  readonly qa: string;
}

/**
 * The moderators' review, for every surface (/review on Discord, `npm run review`): the pending questions with
 * the sentences that may answer them, and the two decisions. Mapping a question to a sentence teaches the pack
 * (answer/teach.ts: a phrasing of the entry citing it, or a new entry); "not in the article" adds it to the
 * pack's out-of-scope list. The pack is validated with its new qa.yaml before anything is written; a pack
 * under the knowledge directory is written atomically (writePackFile), a pack added from Discord is updated in
 * the store (refused if it changed since it was read, then tried again). The decision is stored, the pack
 * reloaded here, and other instances reload it on the store's notification. One review of a pack at a time
 * per instance.
 *
 * The listing is in review-pending.ts, the reading and writing of a pack's files in review-pack-edit.ts, what a
 * decision comes to in review-result.ts.
 */
export class ReviewDesk {
  private readonly serial = new Serial();

  constructor(
    private readonly live: LiveLibrary,
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  /**
   * The most asked pending questions of the served packs (the store groups similar ones), at most `limit`;
   * undefined when the store cannot be read.
   */
  pending(limit = 10): Promise<ReviewItem[] | undefined> {
    return pendingItems(this.live, this.store, limit);
  }

  /**
   * The question a logged id names and its pending group's phrasings (just the question when it is no longer
   * pending); undefined when it is not in the log.
   */
  group(questionId: number): Promise<{ article: string; questions: readonly string[] } | undefined> {
    return pendingGroup(this.store, questionId);
  }

  /**
   * For a question typed by hand (the terminal review): the article of its pending group and the group's
   * phrasings; else the article given, or the one the question is answered from.
   */
  resolve(question: string, article?: string): Promise<{ article: string; questions: readonly string[] }> {
    return resolveQuestion(this.live, this.store, question, article);
  }

  /** Maps the questions to a sentence of the article: the pack is taught to answer them from it. */
  answer(input: {
    readonly article: string;
    readonly questions: readonly string[];
    readonly sentenceId: string;
    readonly moderatorId: string;
  }): Promise<ReviewResult> {
    const pack = this.live.current.pack(input.article);
    if (pack === undefined) return Promise.resolve(unknownArticle(input.article, this.live.current));
    if (!pack.kb.sentenceById.has(input.sentenceId)) {
      const last = pack.kb.sentences.length - 1;
      return Promise.resolve(
        failed(
          "unknown_sentence",
          `"${pack.title}" has no sentence ${input.sentenceId} (its sentences are S0 to S${last})`,
        ),
      );
    }
    const decision = { kind: "mapped", sentenceId: input.sentenceId } as const;
    return this.teach(pack, input.questions, input.moderatorId, decision, (kb, qa, question) => {
      const index = kb.article === pack.kb.article ? pack.engine.index : buildIndex(kb);
      return teachAnswer(kb, index, qa, question, input.sentenceId);
    });
  }

  /** Marks the questions as not in the article: the pack answers them "the article doesn't say". */
  outOfScope(input: {
    readonly article: string;
    readonly questions: readonly string[];
    readonly moderatorId: string;
  }): Promise<ReviewResult> {
    const pack = this.live.current.pack(input.article);
    if (pack === undefined) return Promise.resolve(unknownArticle(input.article, this.live.current));
    return this.teach(pack, input.questions, input.moderatorId, { kind: "out_of_scope" }, (kb, qa, question) => {
      const key = phrasingKey(question);
      if (kb.outOfScope.some((q) => phrasingKey(q) === key)) return { kind: "known", qa };
      return { kind: "out_of_scope", qa: teachOutOfScope(qa, question) };
    });
  }

  /**
   * Teaches the pack each phrasing in turn (each validated with the pack as taught so far; one that would not
   * validate is skipped, the asked question must not be), writes qa.yaml once, stores the decision, reloads.
   */
  private teach(
    pack: Pack,
    asked: readonly string[],
    moderatorId: string,
    decision: { readonly kind: "mapped"; readonly sentenceId: string } | { readonly kind: "out_of_scope" },
    lesson: (kb: KnowledgeBase, qa: string, question: string) => Lesson,
  ): Promise<ReviewResult> {
    // One phrasing per normalised form (the first given: the asked one), at most MAX_PHRASINGS.
    const byKey = new Map<string, string>();
    for (const q of asked) if (q.trim() !== "" && !byKey.has(phrasingKey(q))) byKey.set(phrasingKey(q), q.trim());
    const questions = [...byKey.values()].slice(0, MAX_PHRASINGS);
    if (questions.length === 0) return Promise.resolve(failed("invalid", "there is no question to decide"));
    const article = pack.id;
    return this.serial.run(article, async () => {
      for (let attempt = 1; ; attempt++) {
        const edit = await editablePack(this.live, this.store, article);
        if (!("kb" in edit)) return edit;
        let { kb } = edit;
        let qa = edit.files[PACK_FILE_NAMES.qa] ?? "";
        const taught: string[] = [];
        const skipped: { question: string; problem: string }[] = [];
        let first: Lesson | undefined;
        for (const question of questions) {
          try {
            const next = lesson(kb, qa, question);
            if (next.qa !== qa) {
              kb = knowledgeFromFiles(article, { ...edit.files, [PACK_FILE_NAMES.qa]: next.qa });
              qa = next.qa;
            }
            first ??= next;
            taught.push(question);
          } catch (error) {
            const problem = error instanceof KnowledgeError ? problemsOf(error) : describeError(error).message;
            if (first === undefined) return failed("invalid", `"${question}" cannot be taught: ${problem}`);
            skipped.push({ question, problem });
          }
        }
        if (first === undefined) return failed("invalid", "there is no question to decide");
        if (qa !== edit.files[PACK_FILE_NAMES.qa]) {
          const saved = await edit.save(qa);
          if (saved?.reason === "conflict" && attempt < MAX_CONFLICTS) continue;
          if (saved !== undefined) return failed(saved.reason, saved.message);
        }
        const decided = await this.store.review.decide({
          article,
          questions: taught,
          decision:
            decision.kind === "mapped"
              ? { kind: "mapped", sentenceId: decision.sentenceId, entryId: first.entryId ?? "" }
              : { kind: "out_of_scope" },
          moderatorId,
        });
        await this.live.refresh(article);
        const now = this.live.current;
        this.logger.info("review-decided", { article, kind: first.kind, questions: taught.length });
        return {
          ok: true,
          value: {
            article,
            title: now.pack(article)?.title ?? pack.title,
            kind: first.kind,
            entryId: first.entryId,
            sentenceId: decision.kind === "mapped" ? decision.sentenceId : undefined,
            questions: taught,
            skipped,
            answer: now.answer(taught[0]!, now.pack(article) === undefined ? undefined : article).answer,
            decisionNotStored: decided.ok ? undefined : decided.message,
          },
        };
      }
    });
  }
}

function unknownArticle(article: string, library: Library): ReviewResult {
  return failed(
    "unknown_article",
    `there is no article "${article}" (the articles: ${library.packs.map((p) => p.id).join(", ")})`,
  );
}
