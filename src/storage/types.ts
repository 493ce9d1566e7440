/**
 * The store's public types: what callers pass in and get back. Nothing here depends on the database.
 *
 * Every write resolves to a `WriteResult` and never rejects: a database failure is logged once (naming
 * what was not stored) and reported as `{ ok: false, reason: "unavailable" }`, so a caller can await a
 * write on the answer path without a try/catch. Every read resolves to its value, or to "nothing" (an empty
 * list, `undefined`, zero counts) when the database fails.
 */

/**
 * Where a question was asked: over the gateway, /ask (`slash`), a mention, a DM, the "which article?" buttons
 * (`button`) and the related-questions menu (`menu`); any interaction over the HTTP endpoint (`http`); and the
 * terminal surfaces.
 */
export const SURFACES = ["slash", "mention", "dm", "button", "menu", "http", "cli", "terminal"] as const;
export type Surface = (typeof SURFACES)[number];

/** What became of a question (the engine's outcomes, and "summary" for a summary of the article). */
export const QUESTION_OUTCOMES = ["answered", "unsure", "not_covered", "corrected", "summary"] as const;
export type QuestionOutcome = (typeof QUESTION_OUTCOMES)[number];

export type Vote = "up" | "down";

/** Why a write did not happen. Only "unavailable" is a failure of the database (and is logged). */
export type WriteFailure =
  /** The database failed (unreachable, read-only, ...); logged once with what was not stored. */
  | "unavailable"
  /** The question log is off (QUESTION_LOG=off): nothing was written. */
  | "disabled"
  /** A pack with that id is already stored. */
  | "duplicate"
  /** The thing referred to (a logged question, a pack) is not stored. */
  | "not_found"
  /** The input cannot be stored as given (see `message`). */
  | "invalid"
  /** The pack changed since the version the caller read (another write came first): read it again. */
  | "conflict";

export type WriteResult<T = undefined> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: WriteFailure; readonly message: string };

/**
 * The engine's answer, as much of it as the log keeps. `Library.answer()`'s `answer` fits as it is
 * (structurally: the store does not import the engine).
 */
export interface AnswerSummary {
  readonly outcome: QuestionOutcome;
  readonly confidence: number;
  readonly citations: readonly { readonly id: string }[];
  readonly closest: readonly { readonly id: string }[];
}

/** One question to log. `userId` is the raw Discord user id: the store keeps only its keyed hash. */
export interface QuestionInput {
  readonly question: string;
  readonly surface: Surface;
  /** The pack the answer came from. */
  readonly article: string;
  readonly answer: AnswerSummary;
  readonly userId?: string | undefined;
  readonly guildId?: string | undefined;
  readonly channelId?: string | undefined;
  /**
   * The surface's own reference for this question (at most 64 characters, unique): chosen before the write,
   * so a reply can carry it (in its 👍/👎 buttons) without waiting for the log. Find the entry with `byRef`.
   */
  readonly ref?: string | undefined;
}

/** A logged question, as stored. */
export interface LoggedQuestion {
  readonly id: number;
  /** Milliseconds since the epoch. */
  readonly askedAt: number;
  readonly question: string;
  readonly surface: Surface;
  readonly article: string;
  readonly outcome: QuestionOutcome;
  readonly confidence: number;
  readonly citedIds: readonly string[];
  readonly closestIds: readonly string[];
  /** HMAC-SHA256 of the user id (hex), or undefined when the surface has no user (the terminal). */
  readonly userHash: string | undefined;
  readonly guildId: string | undefined;
  readonly channelId: string | undefined;
  readonly ref: string | undefined;
}

export interface VoteCounts {
  readonly up: number;
  readonly down: number;
}

/** Why a question is waiting for a moderator. */
interface PendingReasons {
  readonly notCovered: number;
  readonly unsure: number;
  /** Logged questions with at least one 👎. */
  readonly downvoted: number;
}

/**
 * A group of similar questions waiting for a moderator: the same normalised text, and phrasings close
 * enough to it (most of their words shared).
 */
export interface PendingGroup {
  readonly article: string;
  /** What to show: the most frequent phrasing of the most frequent normalised question (ties: the most recent). */
  readonly question: string;
  /** Every distinct phrasing in the group, `question` first (pass them all to `review.decide`). */
  readonly questions: readonly string[];
  /** How many logged questions the group holds. */
  readonly count: number;
  /** The most common reason: not_covered, unsure, or "downvoted". */
  readonly outcome: "not_covered" | "unsure" | "downvoted";
  readonly reasons: PendingReasons;
  /** The sentence ids the engine offered as closest, most often offered first (at most 5). */
  readonly closestIds: readonly string[];
  /** The logged questions' ids, newest first (at most 20). */
  readonly questionIds: readonly number[];
  readonly lastAskedAt: number;
}

type ReviewDecisionKind =
  | { readonly kind: "mapped"; readonly sentenceId: string; readonly entryId: string }
  | { readonly kind: "out_of_scope" };

export interface DecideInput {
  readonly article: string;
  /** The question, or a pending group's `questions`: each phrasing is decided. */
  readonly questions: readonly string[];
  readonly decision: ReviewDecisionKind;
  /** The moderator's raw user id (kept hashed). */
  readonly moderatorId: string;
}

export type ReviewDecision = ReviewDecisionKind & {
  readonly article: string;
  readonly question: string;
  readonly moderatorHash: string;
  readonly decidedAt: number;
};

/** Where a default article applies: a server, or one channel of it (which overrides the server's). */
export interface Place {
  readonly guildId: string;
  readonly channelId?: string | undefined;
}

export interface GuildDefaults {
  readonly server: string | undefined;
  /** Channel id → pack id. */
  readonly channels: Readonly<Record<string, string>>;
}

/** A pack's files by name (`article.raw.txt`, `meta.json`, ...: the names a pack under knowledge/ has). */
export type PackFilesInput = Readonly<Record<string, string>>;

export interface PackInput {
  readonly id: string;
  readonly title: string;
  readonly files: PackFilesInput;
  /** Who added it: the raw user id (kept hashed). */
  readonly addedBy: string;
}

export interface StoredPackSummary {
  readonly id: string;
  readonly title: string;
  readonly addedByHash: string;
  readonly addedAt: number;
  readonly updatedAt: number;
  /** Changes on every write of the pack (add, update); never repeats, even after a remove and re-add. */
  readonly version: number;
}

export interface StoredPack extends StoredPackSummary {
  readonly files: Readonly<Record<string, string>>;
}

/**
 * A change another instance (or another part of this one) may care about. With PostgreSQL, every
 * instance on the database hears it within about a second (LISTEN/NOTIFY); with SQLite, only the
 * instances of this process. `resync` follows a lost and restored notification connection: changes
 * may have been missed, so reload what you cache.
 */
export type StoreChange =
  | { readonly kind: "pack"; readonly id: string; readonly version: number | null }
  | { readonly kind: "review"; readonly article: string }
  | { readonly kind: "setting"; readonly guildId: string; readonly channelId: string | null }
  | { readonly kind: "resync" };
