/**
 * Articles added from Discord: built in a worker thread, validated, stored, served, listed and removed.
 */
import { createHash } from "node:crypto";
import type { PackStatus } from "../knowledge/types.js";
import { KnowledgeError } from "../knowledge/errors.js";
import { decodeArticle, NewPackError } from "../knowledge/article-text.js";
import { knowledgeFromFiles } from "../knowledge/pack-files.js";
import { PACK_FILE_NAMES } from "../knowledge/validate.js";
import type { Logger } from "../logger.js";
import type { Store } from "../storage/index.js";
import { buildPackInWorker, type BuildReply, type BuildRequest } from "./build-in-worker.js";
import type { LiveLibrary, PackOrigin } from "./live-library.js";
import { questionsItAnswers } from "./sample-questions.js";

/** The longest title an article may have (buildPack keeps 200 characters). */
export const MAX_TITLE_CHARS = 200;
/** The id buildPack falls back to when a title has no Latin letters or digits to make one from. */
const FALLBACK_ID = "article";

/** What `add` made. */
export interface AddedArticle {
  readonly id: string;
  readonly title: string;
  readonly sentences: number;
  /** Up to three questions the engine answers from it, checked by asking them. */
  readonly questions: readonly string[];
}

/** A served article, for listing. */
export interface ArticleSummary {
  readonly id: string;
  readonly title: string;
  readonly origin: PackOrigin;
  readonly status: PackStatus;
  readonly sentences: number;
}

type ArticleFailure =
  /** The input makes no article (empty, binary, too big, too short, a title without letters): the message says why. */
  | "invalid"
  /** An article with that id, or with the same text, is already served. */
  | "duplicate"
  /** The store failed: nothing was added or removed. */
  | "unavailable"
  /** No such article. */
  | "not_found"
  /** The article is one of the knowledge directory's: it is removed by deleting its folder, not from Discord. */
  | "not_removable"
  /** Building the pack failed unexpectedly (logged). */
  | "failed";

export type ArticleResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: ArticleFailure; readonly message: string };

const refuse = <T>(reason: ArticleFailure, message: string): ArticleResult<T> => ({ ok: false, reason, message });

/** What is wrong with a title a moderator typed, or undefined. Control characters are turned into spaces first. */
function titleProblem(title: string): string | undefined {
  if (title.length > MAX_TITLE_CHARS) return `the title is longer than ${MAX_TITLE_CHARS} characters`;
  if (!/[\p{L}\p{N}]/u.test(title))
    return "the title has no letters or digits (emoji and symbols alone cannot name an article): give it a title in words";
  return undefined;
}

/**
 * Articles added from Discord: `add` runs the `knowledge:new` pipeline on a text (in a worker thread), refuses
 * what makes no article or one already served, stores the pack, serves it at once (and every other instance
 * on the database within seconds), and names questions it answers; `remove` takes a stored one away.
 */
export class Articles {
  constructor(
    private readonly live: LiveLibrary,
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly build: (request: BuildRequest) => Promise<BuildReply> = buildPackInWorker,
  ) {}

  /** Every served article: the knowledge directory's first, then the ones added from Discord. */
  list(): ArticleSummary[] {
    return this.live.current.packs.map((p) => ({
      id: p.id,
      title: p.title,
      origin: this.live.origin(p.id) ?? "knowledge",
      status: p.status,
      sentences: p.kb.sentences.length,
    }));
  }

  /**
   * Adds an article from its text: bytes as uploaded (checked: not empty, not binary, UTF-8, at most
   * MAX_ARTICLE_BYTES) and an optional title (default: the headline). `addedBy` is the raw user id (hashed).
   */
  async add(input: {
    readonly bytes: Uint8Array;
    readonly title?: string | undefined;
    readonly addedBy: string;
  }): Promise<ArticleResult<AddedArticle>> {
    // eslint-disable-next-line no-control-regex -- control characters in a title are what this removes.
    const title = input.title?.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
    const problem = title === undefined || title === "" ? undefined : titleProblem(title);
    if (problem !== undefined) return refuse("invalid", problem);
    let raw: string;
    try {
      raw = decodeArticle(input.bytes);
    } catch (error) {
      if (error instanceof NewPackError) return refuse("invalid", error.message);
      throw error;
    }
    const built = await this.build({ raw, title: title === "" ? undefined : title });
    if (!built.ok) {
      if (built.refused) return refuse("invalid", built.message);
      this.logger.error("article-build-failed", { error: built.message });
      return refuse("failed", `the article could not be built (${built.message})`);
    }
    const id =
      built.id === FALLBACK_ID ? `${FALLBACK_ID}-${shortHash(built.files[PACK_FILE_NAMES.article] ?? raw)}` : built.id;
    const duplicate = this.duplicateOf(id, built.files[PACK_FILE_NAMES.article] ?? "");
    if (duplicate !== undefined) return refuse("duplicate", duplicate);
    try {
      knowledgeFromFiles(id, built.files);
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      return refuse(
        "invalid",
        `the pack made from this text is not valid: ${error.problems.map((p) => p.problem).join("; ")}`,
      );
    }
    const stored = await this.store.packs.add({ id, title: built.title, files: built.files, addedBy: input.addedBy });
    if (!stored.ok) {
      if (stored.reason === "duplicate") return refuse("duplicate", `an article with the id "${id}" was just added`);
      if (stored.reason === "unavailable")
        return refuse(
          "unavailable",
          "the article could not be stored (the bot's storage is unavailable); nothing was added",
        );
      return refuse("invalid", stored.message);
    }
    await this.live.refresh(id);
    this.logger.info("article-added", { pack: id, sentences: built.sentences, version: stored.value.version });
    return {
      ok: true,
      value: {
        id,
        title: built.title,
        sentences: built.sentences,
        questions: questionsItAnswers(this.live.current, id),
      },
    };
  }

  /** Removes an article added from Discord (every instance stops serving it). */
  async remove(id: string): Promise<ArticleResult<{ readonly id: string; readonly title: string }>> {
    const served = this.live.current.pack(id);
    if (this.live.origin(id) === "knowledge")
      return refuse(
        "not_removable",
        `"${served?.title ?? id}" is one of the bot's own articles (knowledge/${id}/), not one added from Discord; it is removed by deleting that folder`,
      );
    const removed = await this.store.packs.remove(id);
    if (!removed.ok) {
      if (removed.reason === "not_found") return refuse("not_found", `there is no article "${id}" added from Discord`);
      return refuse(
        "unavailable",
        "the article could not be removed (the bot's storage is unavailable); nothing changed",
      );
    }
    await this.live.refresh(id);
    this.logger.info("article-removed", { pack: id });
    return { ok: true, value: { id, title: served?.title ?? id } };
  }

  /** Why a new pack would duplicate one: its id is taken, or the same article text is already served. */
  private duplicateOf(id: string, article: string): string | undefined {
    const library = this.live.current;
    const sameId = library.pack(id);
    if (sameId !== undefined)
      return `there is already an article with the id "${id}" ("${sameId.title}"): give this one another title, or remove that one first`;
    if (this.live.knowledgeIds().includes(id))
      return `the id "${id}" is taken by a pack in the bot's knowledge directory: give this article another title`;
    const sameText = library.packs.find((p) => p.kb.article === article);
    if (sameText !== undefined) return `this text is already loaded as "${sameText.title}" (${sameText.id})`;
    return undefined;
  }
}

/** Eight hex characters of a text's SHA-256: an id for an article whose title makes none. */
function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}
