/**
 * The review's records: questions waiting for a decision, grouped, and the decisions made.
 */
import { sql } from "kysely";
import { done, refused, type StoreCore } from "./core.js";
import { groupSimilar, questionKey, storableText } from "./normalize.js";
import { parseIds } from "./question-log.js";
import type { DecideInput, PendingGroup, ReviewDecision, WriteResult } from "./types.js";

/** The newest this-many candidate questions are grouped (the log holds QUESTION_LOG_DAYS days of them). */
const PENDING_SCAN_LIMIT = 5000;

interface Candidate {
  readonly id: number;
  readonly article: string;
  readonly question: string;
  readonly key: string;
  readonly outcome: string;
  readonly closestIds: readonly string[];
  readonly askedAt: number;
  readonly down: number;
}

/** The candidates of one article with the same key. */
interface ExactGroup {
  readonly key: string;
  readonly rows: Candidate[];
}

function countBy<T>(items: Iterable<T>): [T, number][] {
  const counts = new Map<T, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function toPending(article: string, groups: readonly ExactGroup[]): PendingGroup {
  const newestFirst = (list: readonly Candidate[]): Candidate[] =>
    [...list].sort((a, b) => b.askedAt - a.askedAt || b.id - a.id);
  const rows = newestFirst(groups.flatMap((g) => g.rows));
  // The largest exact group's phrasings first, each group's by frequency (ties: the most recent first).
  const phrasings = groups.flatMap((g) => countBy(newestFirst(g.rows).map((r) => r.question)).map(([q]) => q));
  const reasons = {
    notCovered: rows.filter((r) => r.outcome === "not_covered").length,
    unsure: rows.filter((r) => r.outcome === "unsure").length,
    downvoted: rows.filter((r) => r.down > 0).length,
  };
  const outcome =
    reasons.notCovered >= reasons.unsure && reasons.notCovered >= reasons.downvoted
      ? "not_covered"
      : reasons.unsure >= reasons.downvoted
        ? "unsure"
        : "downvoted";
  return {
    article,
    question: phrasings[0] ?? "",
    questions: phrasings,
    count: rows.length,
    outcome,
    reasons,
    closestIds: countBy(rows.flatMap((r) => r.closestIds))
      .slice(0, 5)
      .map(([id]) => id),
    questionIds: rows.slice(0, 20).map((r) => r.id),
    lastAskedAt: rows[0]?.askedAt ?? 0,
  };
}

/**
 * What a moderator should look at: the questions the bot could not answer (not_covered), was unsure about,
 * or answered and got a 👎 for, grouped, most frequent first; and the moderator's decisions about them. A
 * decision is kept per article and normalised question, so a decided question leaves the pending list, and
 * so does the same question asked again later.
 */
export class Review {
  constructor(private readonly core: StoreCore) {}

  /** The pending groups, most asked first (then most recent), of one article or all; at most `limit` (default 20). */
  async pending(options: { readonly article?: string; readonly limit?: number } = {}): Promise<PendingGroup[]> {
    return (await this.pendingIfAvailable(options)) ?? [];
  }

  /** The pending groups, or undefined when the database failed (for a caller that must not show "nothing pending"). */
  async pendingIfAvailable(
    options: { readonly article?: string; readonly limit?: number } = {},
  ): Promise<PendingGroup[] | undefined> {
    return this.core.read("the pending review list", undefined, async () => {
      const db = this.core.db;
      const downs = db
        .selectFrom("feedback")
        .select(["question_id", sql<number>`count(*)`.as("down")])
        .where("vote", "=", "down")
        .groupBy("question_id")
        .as("downs");
      let query = db
        .selectFrom("question_log as q")
        .leftJoin(downs, "downs.question_id", "q.id")
        .select([
          "q.id",
          "q.pack_id",
          "q.question",
          "q.question_key",
          "q.outcome",
          "q.closest_ids",
          "q.asked_at",
          sql<number>`coalesce(downs.down, 0)`.as("down"),
        ])
        .where((eb) => eb.or([eb("q.outcome", "in", ["not_covered", "unsure"]), eb("downs.down", ">", 0)]))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom("review_decision as d")
                .select("d.pack_id")
                .whereRef("d.pack_id", "=", "q.pack_id")
                .whereRef("d.question_key", "=", "q.question_key"),
            ),
          ),
        );
      if (options.article !== undefined) query = query.where("q.pack_id", "=", options.article);
      const rows = await query
        .orderBy("q.asked_at", "desc")
        .orderBy("q.id", "desc")
        .limit(PENDING_SCAN_LIMIT)
        .execute();

      const byArticle = new Map<string, Map<string, Candidate[]>>();
      for (const row of rows) {
        const keys = byArticle.get(row.pack_id) ?? new Map<string, Candidate[]>();
        byArticle.set(row.pack_id, keys);
        const list = keys.get(row.question_key) ?? [];
        keys.set(row.question_key, list);
        list.push({
          id: row.id,
          article: row.pack_id,
          question: row.question,
          key: row.question_key,
          outcome: row.outcome,
          closestIds: parseIds(row.closest_ids),
          askedAt: row.asked_at,
          down: Number(row.down),
        });
      }
      const pending: PendingGroup[] = [];
      for (const [article, keys] of byArticle) {
        const exact = [...keys]
          .map(([key, list]): ExactGroup => ({ key, rows: list }))
          .sort(
            (a, b) =>
              b.rows.length - a.rows.length || b.rows[0]!.askedAt - a.rows[0]!.askedAt || b.rows[0]!.id - a.rows[0]!.id,
          );
        for (const similar of groupSimilar(exact)) pending.push(toPending(article, similar));
      }
      return pending
        .sort((a, b) => b.count - a.count || b.lastAskedAt - a.lastAskedAt || b.questionIds[0]! - a.questionIds[0]!)
        .slice(0, Math.max(1, options.limit ?? 20));
    });
  }

  /**
   * Records a moderator's decision for each of `questions` (normalised; the same decision replaces an
   * earlier one): mapped to a sentence and the knowledge entry it became, or out of scope. Resolves to how
   * many distinct questions were decided.
   */
  async decide(input: DecideInput): Promise<WriteResult<{ readonly decided: number }>> {
    const keyed = new Map<string, string>();
    for (const q of input.questions) {
      const text = storableText(q);
      const key = questionKey(text);
      if (key !== "" && !keyed.has(key)) keyed.set(key, text);
    }
    if (keyed.size === 0) return refused("invalid", "no question to decide (every one is empty)");
    const d = input.decision;
    if (d.kind === "mapped" && (d.sentenceId.trim() === "" || d.entryId.trim() === ""))
      return refused("invalid", "a mapped decision needs a sentence id and an entry id");
    const article = storableText(input.article, 200);
    return this.core.write(`a review decision (${d.kind}) on ${keyed.size} question(s) of ${article}`, (publish) =>
      this.core.db.transaction().execute(async (trx) => {
        const decidedBy = this.core.hash(input.moderatorId);
        const decidedAt = this.core.now();
        for (const [key, question] of keyed) {
          const values = {
            kind: d.kind,
            question,
            sentence_id: d.kind === "mapped" ? storableText(d.sentenceId, 64) : null,
            entry_id: d.kind === "mapped" ? storableText(d.entryId, 200) : null,
            decided_by: decidedBy,
            decided_at: decidedAt,
          };
          await trx
            .insertInto("review_decision")
            .values({ pack_id: article, question_key: key, ...values })
            .onConflict((oc) => oc.columns(["pack_id", "question_key"]).doUpdateSet(values))
            .execute();
        }
        await publish(trx, { kind: "review", article });
        return done({ decided: keyed.size });
      }),
    );
  }

  /** Takes back the decision on a question: it can be pending again. */
  async reopen(input: {
    readonly article: string;
    readonly question: string;
  }): Promise<WriteResult<{ readonly reopened: boolean }>> {
    const key = questionKey(storableText(input.question));
    return this.core.write(`reopening a reviewed question of ${input.article}`, (publish) =>
      this.core.db.transaction().execute(async (trx) => {
        const result = await trx
          .deleteFrom("review_decision")
          .where("pack_id", "=", input.article)
          .where("question_key", "=", key)
          .executeTakeFirst();
        const reopened = Number(result.numDeletedRows) > 0;
        if (reopened) await publish(trx, { kind: "review", article: input.article });
        return done({ reopened });
      }),
    );
  }

  /** The decisions, newest first, of one article or all. */
  async decisions(article?: string): Promise<ReviewDecision[]> {
    return this.core.read("review decisions", [], async () => {
      let query = this.core.db.selectFrom("review_decision").selectAll();
      if (article !== undefined) query = query.where("pack_id", "=", article);
      const rows = await query.orderBy("decided_at", "desc").orderBy("question_key").execute();
      return rows.map((r): ReviewDecision => {
        const common = {
          article: r.pack_id,
          question: r.question,
          moderatorHash: r.decided_by,
          decidedAt: r.decided_at,
        };
        return r.kind === "mapped"
          ? { kind: "mapped", sentenceId: r.sentence_id ?? "", entryId: r.entry_id ?? "", ...common }
          : { kind: "out_of_scope", ...common };
      });
    });
  }
}
