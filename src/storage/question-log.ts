/**
 * The question log: every question asked with its outcome and citations, user ids hashed, kept for
 * QUESTION_LOG_DAYS.
 */
import type { Insertable, Selectable } from "kysely";
import { done, refused, type StoreCore } from "./core.js";
import { questionKey, storableText } from "./normalize.js";
import type { QuestionLogTable } from "./schema.js";
import {
  QUESTION_OUTCOMES,
  SURFACES,
  type LoggedQuestion,
  type QuestionInput,
  type QuestionOutcome,
  type Surface,
  type WriteResult,
} from "./types.js";

export const DAY_MS = 24 * 60 * 60 * 1000;

/** At most this many sentence ids are kept per list (the engine cites at most 3). */
const MAX_IDS = 20;
/** The longest `ref` a surface may give a question. */
const MAX_REF_CHARS = 64;

export interface QuestionLogPolicy {
  /** QUESTION_LOG: false writes nothing. */
  readonly enabled: boolean;
  /** QUESTION_LOG_DAYS: logged questions (and their votes) older than this are deleted. */
  readonly days: number;
}

function ids(list: readonly { readonly id: string }[]): string {
  return JSON.stringify(list.slice(0, MAX_IDS).map((c) => storableText(String(c.id), 64)));
}

export function parseIds(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** Why the store refuses to log a question (a surface, outcome or ref it does not accept), or undefined. */
function invalid(input: QuestionInput): string | undefined {
  if (!(SURFACES as readonly string[]).includes(input.surface))
    return `unknown surface (one of ${SURFACES.join(", ")})`;
  if (!(QUESTION_OUTCOMES as readonly string[]).includes(input.answer.outcome))
    return `unknown outcome (one of ${QUESTION_OUTCOMES.join(", ")})`;
  if (input.ref !== undefined && (input.ref === "" || input.ref.length > MAX_REF_CHARS))
    return `a ref is 1 to ${MAX_REF_CHARS} characters`;
  return undefined;
}

/** One entry as the store's warnings name it: `question log entry (slash, article putin, answered)`. */
const describeEntry = (input: QuestionInput): string =>
  `question log entry (${input.surface}, article ${input.article}, ${input.answer.outcome})`;

const optional = (value: string | undefined): string | null =>
  value === undefined || value === "" ? null : storableText(value, 64);

function toLogged(row: Selectable<QuestionLogTable>): LoggedQuestion {
  return {
    id: row.id,
    askedAt: row.asked_at,
    question: row.question,
    surface: row.surface as Surface,
    article: row.pack_id,
    outcome: row.outcome as QuestionOutcome,
    confidence: row.confidence,
    citedIds: parseIds(row.cited_ids),
    closestIds: parseIds(row.closest_ids),
    userHash: row.user_hash ?? undefined,
    guildId: row.guild_id ?? undefined,
    channelId: row.channel_id ?? undefined,
    ref: row.ref ?? undefined,
  };
}

/** Every question asked on any surface, with what became of it; kept `days` days. */
export class QuestionLog {
  constructor(
    private readonly core: StoreCore,
    readonly policy: QuestionLogPolicy,
  ) {}

  /**
   * Logs a question and its answer. Resolves to the new entry's id (for a 👍/👎 button to carry), or to
   * `disabled` when QUESTION_LOG=off, `invalid` for a surface or outcome the store does not know,
   * `unavailable` when the database failed. Never throws.
   */
  async log(input: QuestionInput): Promise<WriteResult<{ readonly id: number }>> {
    if (!this.policy.enabled) return refused("disabled", "the question log is off (QUESTION_LOG=off)");
    const problem = invalid(input);
    if (problem !== undefined) return refused("invalid", problem);
    return this.core.write(describeEntry(input), async () => {
      const row = await this.core.db
        .insertInto("question_log")
        .values(this.row(input))
        .returning("id")
        .executeTakeFirstOrThrow();
      return done({ id: row.id });
    });
  }

  /**
   * Logs several questions in one statement: the surfaces' background writes, batched (owner/questions.ts), so
   * a busy bot makes one write per batch rather than one per question. Each is checked as `log` checks it; one
   * that fails the check is left out and the rest are stored. Resolves to how many were stored, `disabled`, or
   * `unavailable` when the database failed (none stored). Never throws.
   */
  async logMany(inputs: readonly QuestionInput[]): Promise<WriteResult<{ readonly stored: number }>> {
    if (!this.policy.enabled) return refused("disabled", "the question log is off (QUESTION_LOG=off)");
    const valid = inputs.filter((input) => invalid(input) === undefined);
    if (valid.length === 0) return done({ stored: 0 });
    // What was not stored when the write fails, as an operator reads it: each entry (the first few of a long batch).
    const what =
      valid.length === 1
        ? describeEntry(valid[0]!)
        : `${valid.length} question log entries: ${valid.slice(0, 3).map(describeEntry).join("; ")}${valid.length > 3 ? "; …" : ""}`;
    return this.core.write(what, async () => {
      await this.core.db
        .insertInto("question_log")
        .values(valid.map((input) => this.row(input)))
        .execute();
      return done({ stored: valid.length });
    });
  }

  /** A checked question as its row. */
  private row(input: QuestionInput): Insertable<QuestionLogTable> {
    const question = storableText(input.question);
    return {
      asked_at: this.core.now(),
      surface: input.surface,
      guild_id: optional(input.guildId),
      channel_id: optional(input.channelId),
      user_hash: input.userId === undefined ? null : this.core.hash(input.userId),
      pack_id: storableText(input.article, 200),
      question,
      question_key: questionKey(question),
      outcome: input.answer.outcome,
      confidence: Number.isFinite(input.answer.confidence) ? input.answer.confidence : 0,
      cited_ids: ids(input.answer.citations),
      closest_ids: ids(input.answer.closest),
      ref: input.ref ?? null,
    };
  }

  /** One logged question, or undefined (unknown id, pruned, or the database failed). */
  async get(id: number): Promise<LoggedQuestion | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    return this.core.read("a logged question", undefined, async () => {
      const row = await this.core.db.selectFrom("question_log").selectAll().where("id", "=", id).executeTakeFirst();
      return row === undefined ? undefined : toLogged(row);
    });
  }

  /** The logged question a surface gave this `ref`, or undefined (unknown, pruned, or the database failed). */
  async byRef(ref: string): Promise<LoggedQuestion | undefined> {
    if (ref === "" || ref.length > MAX_REF_CHARS) return undefined;
    return this.core.read("a logged question", undefined, async () => {
      const row = await this.core.db.selectFrom("question_log").selectAll().where("ref", "=", ref).executeTakeFirst();
      return row === undefined ? undefined : toLogged(row);
    });
  }

  /** The newest logged questions first (at most `limit`, default 50), of one article or all. */
  async recent(options: { readonly article?: string; readonly limit?: number } = {}): Promise<LoggedQuestion[]> {
    return this.core.read("recent questions", [], async () => {
      let query = this.core.db.selectFrom("question_log").selectAll();
      if (options.article !== undefined) query = query.where("pack_id", "=", options.article);
      const rows = await query
        .orderBy("id", "desc")
        .limit(Math.max(1, Math.min(options.limit ?? 50, 1000)))
        .execute();
      return rows.map(toLogged);
    });
  }

  /**
   * Deletes the questions older than the retention period before `now` (and their votes). Runs at start and
   * daily; `now` is for tests. Runs even with the log off, so what was logged before still expires.
   */
  async prune(now: number = this.core.now()): Promise<WriteResult<{ readonly deleted: number }>> {
    const cutoff = now - this.policy.days * DAY_MS;
    return this.core.write("the retention prune (nothing lost: it runs again)", async () => {
      const deleted = await this.core.db.transaction().execute(async (trx) => {
        const old = trx.selectFrom("question_log").select("id").where("asked_at", "<", cutoff);
        await trx.deleteFrom("feedback").where("question_id", "in", old).execute();
        const result = await trx.deleteFrom("question_log").where("asked_at", "<", cutoff).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
      if (deleted > 0) this.core.logger.info("store-pruned", { deleted, days: this.policy.days });
      return done({ deleted });
    });
  }

  /**
   * Deletes every question one user asked (with the votes on them) and every vote they cast, by their raw
   * id (hashed here). `votes` counts the votes they cast.
   */
  async forgetUser(userId: string): Promise<WriteResult<{ readonly questions: number; readonly votes: number }>> {
    return this.core.write("forgetting a user's questions and votes", async () => {
      const hash = this.core.hash(userId);
      const counts = await this.core.db.transaction().execute(async (trx) => {
        const theirs = trx.selectFrom("question_log").select("id").where("user_hash", "=", hash);
        const votes = await trx.deleteFrom("feedback").where("user_hash", "=", hash).executeTakeFirst();
        await trx.deleteFrom("feedback").where("question_id", "in", theirs).execute();
        const questions = await trx.deleteFrom("question_log").where("user_hash", "=", hash).executeTakeFirst();
        return { questions: Number(questions.numDeletedRows), votes: Number(votes.numDeletedRows) };
      });
      return done(counts);
    });
  }
}
