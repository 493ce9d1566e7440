import { sql } from "kysely";
import { done, refused, type Executor, type StoreCore } from "./core.js";
import type { Vote, VoteCounts, WriteResult } from "./types.js";

const NONE: VoteCounts = { up: 0, down: 0 };

async function countsOf(db: Executor, questionId: number): Promise<VoteCounts> {
  const row = await db
    .selectFrom("feedback")
    .select([
      sql<number>`coalesce(sum(case when vote = 'up' then 1 else 0 end), 0)`.as("up"),
      sql<number>`coalesce(sum(case when vote = 'down' then 1 else 0 end), 0)`.as("down"),
    ])
    .where("question_id", "=", questionId)
    .executeTakeFirst();
  return { up: Number(row?.up ?? 0), down: Number(row?.down ?? 0) };
}

/** 👍/👎 on logged questions: one vote per user per question; voting again changes it. */
export class Feedback {
  constructor(private readonly core: StoreCore) {}

  /**
   * Records `userId`'s vote on a logged question, named by its id or by the ref its surface gave it (replacing
   * their earlier vote) and resolves to the new counts; `not_found` when the question is not in the log (never
   * logged, or pruned).
   */
  async vote(
    input: ({ readonly questionId: number } | { readonly questionRef: string }) & {
      readonly userId: string;
      readonly vote: Vote;
    },
  ): Promise<WriteResult<VoteCounts>> {
    if (input.vote !== "up" && input.vote !== "down") return refused("invalid", 'a vote is "up" or "down"');
    const byId = "questionId" in input;
    if (byId ? !Number.isSafeInteger(input.questionId) : input.questionRef === "")
      return refused("not_found", "no such logged question");
    const which = byId ? `question ${input.questionId}` : "a question (by its ref)";
    return this.core.write(`a ${input.vote} vote on ${which}`, () =>
      this.core.db.transaction().execute(async (trx) => {
        const asked = await trx
          .selectFrom("question_log")
          .select("id")
          .where(byId ? "id" : "ref", "=", byId ? input.questionId : input.questionRef)
          .executeTakeFirst();
        if (asked === undefined) return refused("not_found", `${which} is not in the log`);
        const userHash = this.core.hash(input.userId);
        const votedAt = this.core.now();
        await trx
          .insertInto("feedback")
          .values({ question_id: asked.id, user_hash: userHash, vote: input.vote, voted_at: votedAt })
          .onConflict((oc) =>
            oc.columns(["question_id", "user_hash"]).doUpdateSet({ vote: input.vote, voted_at: votedAt }),
          )
          .execute();
        return done(await countsOf(trx, asked.id));
      }),
    );
  }

  /** The votes on one logged question (zero when unknown or when the database failed). */
  async counts(questionId: number): Promise<VoteCounts> {
    if (!Number.isSafeInteger(questionId)) return NONE;
    return this.core.read("vote counts", NONE, () => countsOf(this.core.db, questionId));
  }

  /** Every vote on the questions of one article (or of all), added up. */
  async totals(article?: string): Promise<VoteCounts> {
    return this.core.read("vote totals", NONE, async () => {
      let query = this.core.db
        .selectFrom("feedback")
        .innerJoin("question_log", "question_log.id", "feedback.question_id")
        .select([
          sql<number>`coalesce(sum(case when feedback.vote = 'up' then 1 else 0 end), 0)`.as("up"),
          sql<number>`coalesce(sum(case when feedback.vote = 'down' then 1 else 0 end), 0)`.as("down"),
        ]);
      if (article !== undefined) query = query.where("question_log.pack_id", "=", article);
      const row = await query.executeTakeFirst();
      return { up: Number(row?.up ?? 0), down: Number(row?.down ?? 0) };
    });
  }
}
