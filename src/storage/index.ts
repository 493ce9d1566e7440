/**
 * The store: what the bot remembers (questions, votes, review decisions, settings, articles added from
 * Discord), in SQLite under DATA_DIR or in PostgreSQL (DATABASE_URL), through Kysely with the same
 * migrations. Open it once per process:
 *
 *   const store = await openStore(storeOptions(config.storage, logger));
 *   const logged = await store.questions.log({ question, surface: "slash", article: pack.id, answer, userId, guildId, channelId });
 *   if (logged.ok) … logged.value.id …            // a 👍/👎 button can carry the id
 *   await store.feedback.vote({ questionId, userId, vote: "down" });
 *   const article = await store.settings.defaultArticle({ guildId, channelId });
 *   store.onChange((change) => …);                // packs, decisions, settings changed (by any instance)
 *   await store.close();
 *
 * Nothing here throws into the answer path: writes resolve to a WriteResult, reads to "nothing" on failure.
 */
import type { StorageConfig } from "../config.js";
import type { Logger } from "../logger.js";
import type { StoreOptions } from "./store.js";

export { openStore, Store, type StoreOptions } from "./store.js";
export { defaultDataDir, SQLITE_FILE } from "./connect.js";
export { MIGRATION_NAMES } from "./migrations.js";
export { questionKey } from "./normalize.js";
export type * from "./types.js";

/** The store's options from the validated configuration (src/config.ts). */
export function storeOptions(config: StorageConfig, logger: Logger): StoreOptions {
  return {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    questionLog: config.questionLog,
    secret: config.secret,
    logger,
  };
}
