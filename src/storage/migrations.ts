import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";

/**
 * The schema, as migrations in code: the same steps for SQLite and PostgreSQL, run in order at start by
 * Kysely's Migrator (which records them in `kysely_migration` and, on PostgreSQL, takes an advisory lock so
 * two instances starting together migrate once). Never edit a migration that has shipped: add the next one.
 *
 * Portable column types only: text, integer, bigint (times in ms), double precision. Lists of ids are JSON
 * text. The one difference between the databases is the auto-numbered id column.
 */

export type Dialect = "sqlite" | "postgres";

/**
 * The schema builders are untyped on purpose: a migration describes the database as it was at that step,
 * not as `Database` describes it now.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above; Kysely's own migration type.
type AnyDb = Kysely<any>;

function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    "0001-question-log": {
      async up(db: AnyDb) {
        await db.schema
          .createTable("store_meta")
          .addColumn("key", "text", (c) => c.primaryKey())
          .addColumn("value", "text", (c) => c.notNull())
          .execute();
        await (
          dialect === "postgres"
            ? db.schema.createTable("question_log").addColumn("id", "bigserial", (c) => c.primaryKey())
            : db.schema.createTable("question_log").addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
        )
          .addColumn("asked_at", "bigint", (c) => c.notNull())
          .addColumn("surface", "text", (c) => c.notNull())
          .addColumn("guild_id", "text")
          .addColumn("channel_id", "text")
          .addColumn("user_hash", "text")
          .addColumn("pack_id", "text", (c) => c.notNull())
          .addColumn("question", "text", (c) => c.notNull())
          .addColumn("question_key", "text", (c) => c.notNull())
          .addColumn("outcome", "text", (c) => c.notNull())
          .addColumn("confidence", "double precision", (c) => c.notNull())
          .addColumn("cited_ids", "text", (c) => c.notNull())
          .addColumn("closest_ids", "text", (c) => c.notNull())
          .execute();
        await db.schema.createIndex("question_log_asked_at").on("question_log").column("asked_at").execute();
        await db.schema
          .createIndex("question_log_pack_key")
          .on("question_log")
          .columns(["pack_id", "question_key"])
          .execute();
        await db.schema.createIndex("question_log_user").on("question_log").column("user_hash").execute();
        await db.schema
          .createTable("feedback")
          .addColumn("question_id", "bigint", (c) => c.notNull().references("question_log.id").onDelete("cascade"))
          .addColumn("user_hash", "text", (c) => c.notNull())
          .addColumn("vote", "text", (c) => c.notNull())
          .addColumn("voted_at", "bigint", (c) => c.notNull())
          .addPrimaryKeyConstraint("feedback_pk", ["question_id", "user_hash"])
          .execute();
        await db.schema
          .createTable("article_default")
          .addColumn("guild_id", "text", (c) => c.notNull())
          .addColumn("channel_id", "text", (c) => c.notNull())
          .addColumn("pack_id", "text", (c) => c.notNull())
          .addColumn("set_at", "bigint", (c) => c.notNull())
          .addPrimaryKeyConstraint("article_default_pk", ["guild_id", "channel_id"])
          .execute();
      },
    },
    "0002-review": {
      async up(db: AnyDb) {
        await db.schema
          .createTable("review_decision")
          .addColumn("pack_id", "text", (c) => c.notNull())
          .addColumn("question_key", "text", (c) => c.notNull())
          .addColumn("question", "text", (c) => c.notNull())
          .addColumn("kind", "text", (c) => c.notNull())
          .addColumn("sentence_id", "text")
          .addColumn("entry_id", "text")
          .addColumn("decided_by", "text", (c) => c.notNull())
          .addColumn("decided_at", "bigint", (c) => c.notNull())
          .addPrimaryKeyConstraint("review_decision_pk", ["pack_id", "question_key"])
          .execute();
        await db.schema.createIndex("feedback_vote").on("feedback").columns(["question_id", "vote"]).execute();
      },
    },
    "0003-packs": {
      async up(db: AnyDb) {
        await db.schema
          .createTable("pack")
          .addColumn("id", "text", (c) => c.primaryKey())
          .addColumn("title", "text", (c) => c.notNull())
          .addColumn("added_by", "text", (c) => c.notNull())
          .addColumn("added_at", "bigint", (c) => c.notNull())
          .addColumn("updated_at", "bigint", (c) => c.notNull())
          .addColumn("version", "bigint", (c) => c.notNull())
          .execute();
        await db.schema
          .createTable("pack_file")
          .addColumn("pack_id", "text", (c) => c.notNull().references("pack.id").onDelete("cascade"))
          .addColumn("name", "text", (c) => c.notNull())
          .addColumn("content", "text", (c) => c.notNull())
          .addPrimaryKeyConstraint("pack_file_pk", ["pack_id", "name"])
          .execute();
        // Per pack, never deleted with the pack: a removed and re-added pack keeps counting up, so a
        // version another instance has cached can never come back meaning different files.
        await db.schema
          .createTable("pack_version")
          .addColumn("pack_id", "text", (c) => c.primaryKey())
          .addColumn("version", "bigint", (c) => c.notNull())
          .execute();
      },
    },
    "0004-question-ref": {
      async up(db: AnyDb) {
        // A reference a surface chooses for a logged question before the write completes (random, so it links
        // to nothing outside the store): a 👍/👎 button carries it, and the reply never waits for the log.
        await db.schema.alterTable("question_log").addColumn("ref", "text").execute();
        await db.schema.createIndex("question_log_ref").unique().on("question_log").column("ref").execute();
      },
    },
  };
}

/** The migrations' names, oldest first. */
export const MIGRATION_NAMES = Object.keys(migrations("sqlite"));

class CodeMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations(this.dialect));
  }
}

export function migrator(db: AnyDb, dialect: Dialect): Migrator {
  return new Migrator({ db, provider: new CodeMigrations(dialect) });
}

/**
 * Brings the schema to the latest migration. Reads first, so a database already up to date (on a read-only
 * disk, say) is not written to. Throws the migration's error.
 */
export async function migrateToLatest(db: AnyDb, dialect: Dialect): Promise<string[]> {
  const m = migrator(db, dialect);
  const known = await m.getMigrations();
  if (known.every((mi) => mi.executedAt !== undefined)) return [];
  const { error, results = [] } = await m.migrateToLatest();
  if (error !== undefined)
    throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
