import { connectPostgres, connectSqlite } from "../../src/storage/connect.js";
import { MIGRATION_NAMES, migrator } from "../../src/storage/migrations.js";
import type { StoreOptions } from "../../src/storage/index.js";

/**
 * Leaves a database at an earlier migration, holding what that version could hold (written as that version's
 * tables were, not through today's code): a logged question (id 1) with a 👎, a server's default article, and
 * from 0002 on a review decision.
 */
export async function seedAt(options: StoreOptions, name: string): Promise<void> {
  const connection =
    options.databaseUrl === undefined
      ? connectSqlite(options.dataDir!)
      : connectPostgres(options.databaseUrl, () => undefined);
  const { db, dialect } = connection;
  try {
    const { error } = await migrator(db, dialect).migrateTo(name);
    if (error !== undefined) throw error instanceof Error ? error : new Error(`migrating to ${name} failed`);
    // Untyped on purpose: these are the tables as they were at `name`.
    const old = db.withoutPlugins() as unknown as import("kysely").Kysely<Record<string, Record<string, unknown>>>;
    await old
      .insertInto("question_log")
      .values({
        asked_at: Date.now(),
        surface: "slash",
        guild_id: "900000000000000001",
        channel_id: "900000000000000002",
        user_hash: "0".repeat(64),
        pack_id: "putin",
        question: "Who is Kim Yo Jong?",
        question_key: "who is kim yo jong",
        outcome: "not_covered",
        confidence: 0.1,
        cited_ids: "[]",
        closest_ids: '["S3"]',
      })
      .execute();
    await old
      .insertInto("feedback")
      .values({ question_id: 1, user_hash: "1".repeat(64), vote: "down", voted_at: Date.now() })
      .execute();
    await old
      .insertInto("article_default")
      .values({ guild_id: "900000000000000001", channel_id: "", pack_id: "putin", set_at: Date.now() })
      .execute();
    if (MIGRATION_NAMES.indexOf(name) >= 1) {
      await old
        .insertInto("review_decision")
        .values({
          pack_id: "putin",
          question_key: "where is it",
          question: "Where is it?",
          kind: "out_of_scope",
          sentence_id: null,
          entry_id: null,
          decided_by: "2".repeat(64),
          decided_at: Date.now(),
        })
        .execute();
    }
  } finally {
    await db.destroy();
  }
}
