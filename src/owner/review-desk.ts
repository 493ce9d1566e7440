import type { Answer, Citation } from "../answer/types.js";
import type { Library, Pack } from "../answer/library.js";
import { teachAnswer, teachOutOfScope } from "../answer/teach.js";
import { KnowledgeError } from "../knowledge/errors.js";
import { knowledgeFromFiles, readPackFiles, type PackFileTexts } from "../knowledge/pack-files.js";
import { writePackFile } from "../knowledge/qa-file.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import { PACK_FILE_NAMES } from "../knowledge/validate.js";
import { phrasingKey } from "../knowledge/validate-qa.js";
import { buildIndex } from "../search/pack-index.js";
import { describeError, type Logger } from "../logger.js";
import { questionKey, type PendingGroup, type Store } from "../storage/index.js";
import type { LiveLibrary } from "./live-library.js";
import { Serial } from "./serial.js";

/** At most this many sentences are offered for one question. */
const MAX_CLOSEST = 5;
/** At most this many phrasings of a group are taught at once. */
const MAX_PHRASINGS = 10;
/** A stored pack changed under a review this many times in a row: give up (someone else is editing it). */
const MAX_CONFLICTS = 3;

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

/** What a review taught the pack. */
interface Taught {
  readonly article: string;
  readonly title: string;
  /**
   * phrasing: the questions became phrasings of the entry citing the sentence first; entry: a new Q&A entry;
   * known: the pack already had them (nothing changed); out_of_scope: marked as not in the article.
   */
  readonly kind: "phrasing" | "entry" | "known" | "out_of_scope";
  readonly entryId: string | undefined;
  readonly sentenceId: string | undefined;
  /** The phrasings taught (or already known), the asked question first. */
  readonly questions: readonly string[];
  /** Phrasings left as they were, each with why (the pack would not validate with them). */
  readonly skipped: readonly { readonly question: string; readonly problem: string }[];
  /** The bot's answer to the question now, from the reloaded pack. */
  readonly answer: Answer;
  /** Undefined when the decision was stored; else why not (the pack is taught, the question may show again). */
  readonly decisionNotStored: string | undefined;
}

type ReviewFailure =
  /** No pack with that id is served. */
  | "unknown_article"
  /** The pack has no such sentence. */
  | "unknown_sentence"
  /** The pack would not validate with the change (the message says why), or there was no question. */
  | "invalid"
  /** The store failed: nothing changed. */
  | "unavailable"
  /** The pack's file could not be written: nothing changed. */
  | "not_writable"
  /** The stored pack kept changing under the review: nothing changed. */
  | "conflict";

export type ReviewResult =
  | { readonly ok: true; readonly value: Taught }
  | { readonly ok: false; readonly reason: ReviewFailure; readonly message: string };

const failed = (reason: ReviewFailure, message: string): ReviewResult => ({ ok: false, reason, message });

/** One question taught: what became of it, the entry it belongs to (when mapped), qa.yaml's new text. */
interface Lesson {
  readonly kind: Taught["kind"];
  readonly entryId?: string | undefined;
  readonly qa: string;
}

/** A pack's files as they are now, and how to write its qa.yaml back. */
interface Editable {
  readonly files: PackFileTexts;
  readonly kb: KnowledgeBase;
  /** Writes the new qa.yaml; a failure's reason and message, or undefined once written. */
  save(qa: string): Promise<{ reason: ReviewFailure; message: string } | undefined>;
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
  async pending(limit = 10): Promise<ReviewItem[] | undefined> {
    const library = this.live.current;
    const groups = await this.store.review.pendingIfAvailable({ limit: 500 });
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

  /**
   * The question a logged id names and its pending group's phrasings (just the question when it is no longer
   * pending); undefined when it is not in the log.
   */
  async group(questionId: number): Promise<{ article: string; questions: readonly string[] } | undefined> {
    const logged = await this.store.questions.get(questionId);
    if (logged === undefined) return undefined;
    const groups = await this.store.review.pending({ article: logged.article, limit: 500 });
    const key = questionKey(logged.question);
    const group =
      groups.find((g) => g.questionIds.includes(questionId)) ??
      groups.find((g) => g.questions.some((q) => questionKey(q) === key));
    return { article: logged.article, questions: group?.questions ?? [logged.question] };
  }

  /**
   * For a question typed by hand (the terminal review): the article of its pending group and the group's
   * phrasings; else the article given, or the one the question is answered from.
   */
  async resolve(question: string, article?: string): Promise<{ article: string; questions: readonly string[] }> {
    const key = questionKey(question);
    const groups = await this.store.review.pending({ ...(article === undefined ? {} : { article }), limit: 500 });
    const group = groups.find((g) => g.questions.some((q) => questionKey(q) === key));
    if (group !== undefined) return { article: group.article, questions: [question, ...group.questions] };
    return { article: article ?? this.live.current.answer(question).pack.id, questions: [question] };
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
        const edit = await this.editable(article);
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

  /** The pack's files as they are now (not as served: someone may have edited them), and how to save qa.yaml. */
  private async editable(article: string): Promise<Editable | ReviewResult> {
    if (this.live.origin(article) === "knowledge") {
      const dir = this.live.directoryOf(article);
      const { files, problems } = readPackFiles(dir, article);
      const kb = parse(article, files, problems);
      if (!("id" in kb)) return kb;
      return {
        files,
        kb,
        save: (qa) => {
          try {
            writePackFile(dir, PACK_FILE_NAMES.qa, qa);
            return Promise.resolve(undefined);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code ?? describeError(error).message;
            return Promise.resolve({
              reason: "not_writable" as const,
              message: `knowledge/${article}/${PACK_FILE_NAMES.qa} cannot be written (${code}); nothing changed`,
            });
          }
        },
      };
    }
    const stored = await this.store.packs.get(article);
    if (stored === undefined)
      return failed("unavailable", `the article "${article}" could not be read from the store; nothing changed`);
    const kb = parse(article, stored.files, []);
    if (!("id" in kb)) return kb;
    return {
      files: stored.files,
      kb,
      save: async (qa) => {
        const files = { ...stored.files, [PACK_FILE_NAMES.qa]: qa };
        const updated = await this.store.packs.update({ id: article, files, expectedVersion: stored.version });
        if (updated.ok) return undefined;
        const reason =
          updated.reason === "conflict" ? "conflict" : updated.reason === "invalid" ? "invalid" : "unavailable";
        return { reason, message: `${updated.message}; nothing changed` };
      },
    };
  }
}

function parse(
  article: string,
  files: PackFileTexts,
  problems: KnowledgeError["problems"],
): KnowledgeBase | ReviewResult {
  try {
    return knowledgeFromFiles(article, files, [...problems]);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    return failed(
      "invalid",
      `the article's files are not valid as they are, so nothing was changed: ${problemsOf(error)}`,
    );
  }
}

/** A KnowledgeError's problems on one line each, without the heading. */
function problemsOf(error: KnowledgeError): string {
  return error.problems.map((p) => p.problem).join("; ");
}

function unknownArticle(article: string, library: Library): ReviewResult {
  return failed(
    "unknown_article",
    `there is no article "${article}" (the articles: ${library.packs.map((p) => p.id).join(", ")})`,
  );
}

/** The sentences that may answer a question: the ones the bot offered, then the engine's best candidates. */
function closestSentences(pack: Pack, offered: readonly string[], question: string): Citation[] {
  const candidates = pack.engine.assess(question).judged?.candidates.map((c) => c.id) ?? [];
  const ids = [...new Set([...offered, ...candidates])].filter((id) => pack.kb.sentenceById.has(id));
  return ids.slice(0, MAX_CLOSEST).map((id) => ({ id, text: pack.kb.sentenceById.get(id)!.text }));
}
