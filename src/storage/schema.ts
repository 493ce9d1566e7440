import type { Generated } from "kysely";

/**
 * The tables as Kysely sees them (after the latest migration, src/storage/migrations.ts). Times are
 * milliseconds since the epoch (bigint, read back as numbers); lists of sentence ids are JSON arrays in
 * text columns, so both databases store them the same way.
 */

export interface QuestionLogTable {
  id: Generated<number>;
  asked_at: number;
  surface: string;
  guild_id: string | null;
  channel_id: string | null;
  /** HMAC-SHA256 of the user id; null when the surface has no user. */
  user_hash: string | null;
  pack_id: string;
  question: string;
  /** The question normalised (src/storage/normalize.ts): what review groups and decisions match on. */
  question_key: string;
  outcome: string;
  confidence: number;
  cited_ids: string;
  closest_ids: string;
  /** The surface's reference for the question (what its 👍/👎 buttons carry), or null. */
  ref: string | null;
}

interface FeedbackTable {
  question_id: number;
  user_hash: string;
  vote: string;
  voted_at: number;
}

interface StoreMetaTable {
  key: string;
  value: string;
}

interface ArticleDefaultTable {
  guild_id: string;
  /** '' for the server's default. */
  channel_id: string;
  pack_id: string;
  set_at: number;
}

interface ReviewDecisionTable {
  pack_id: string;
  question_key: string;
  question: string;
  kind: string;
  sentence_id: string | null;
  entry_id: string | null;
  decided_by: string;
  decided_at: number;
}

export interface PackTable {
  id: string;
  title: string;
  added_by: string;
  added_at: number;
  updated_at: number;
  version: number;
}

interface PackFileTable {
  pack_id: string;
  name: string;
  content: string;
}

/** A pack's version counter, kept when the pack is removed. */
interface PackVersionTable {
  pack_id: string;
  version: number;
}

export interface Database {
  question_log: QuestionLogTable;
  feedback: FeedbackTable;
  store_meta: StoreMetaTable;
  article_default: ArticleDefaultTable;
  review_decision: ReviewDecisionTable;
  pack: PackTable;
  pack_file: PackFileTable;
  pack_version: PackVersionTable;
}
