/**
 * The store opened: migrations run at start, the repositories over one connection, and closing it.
 */
import { createLogger, type Logger } from "../logger.js";
import { connectPostgres, connectSqlite, defaultDataDir, type PostgresTuning } from "./connect.js";
import { StoreCore } from "./core.js";
import { Feedback } from "./feedback.js";
import type { Dialect } from "./migrations.js";
import type { ChangeListener } from "./notify.js";
import { Packs } from "./packs.js";
import { DAY_MS, QuestionLog } from "./question-log.js";
import { Review } from "./review.js";
import { Settings } from "./settings.js";

export interface StoreOptions {
  /** SQLite's directory (DATA_DIR; default `<repo>/data`), created when missing. Unused with `databaseUrl`. */
  readonly dataDir?: string | undefined;
  /** postgres://… (DATABASE_URL): PostgreSQL instead of SQLite. */
  readonly databaseUrl?: string | undefined;
  /** QUESTION_LOG (default on) and QUESTION_LOG_DAYS (default 30). */
  readonly questionLog?: { readonly enabled?: boolean; readonly days?: number };
  /** QUESTION_LOG_SECRET, the key of every user-id hash; unset: one generated once and kept in the database. */
  readonly secret?: string | undefined;
  /** Where failures are reported (default: warnings and errors on stderr). */
  readonly logger?: Logger;
  /** The clock of every stored time, and of the retention prune (for tests). */
  readonly now?: () => number;
  /** Run the retention prune at start and then daily (default true). */
  readonly pruneDaily?: boolean;
  /** After a failed start (the database unreachable or read-only), try again after this long (default 5 s). */
  readonly retryMs?: number;
  readonly postgres?: PostgresTuning;
}

/**
 * The bot's memory: questions and their outcomes, votes, moderators' review decisions, per-server settings
 * and articles added from Discord. Open it with `openStore`; every method of its repositories resolves
 * (never rejects): writes to a `WriteResult`, reads to their value or to "nothing" when the database fails.
 */
export class Store {
  readonly dialect: Dialect;
  /** The question log: `log` every question asked, `get`, `recent`, `prune`, `forgetUser`. */
  readonly questions: QuestionLog;
  /** 👍/👎 on logged questions: `vote`, `counts`, `totals`. */
  readonly feedback: Feedback;
  /** What moderators should look at (`pending`) and their decisions (`decide`, `reopen`, `decisions`). */
  readonly review: Review;
  /** Default articles per server and channel: `defaultArticle`, `setDefaultArticle`, `clearDefaultArticle`, `defaults`. */
  readonly settings: Settings;
  /** Articles added from Discord: `add`, `update`, `remove`, `list`, `get`, `version`. */
  readonly packs: Packs;
  private readonly core: StoreCore;
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(options: StoreOptions = {}) {
    const logger = options.logger ?? createLogger("warn");
    // A dropped connection is replaced on the next query; what failed meanwhile is logged where it failed.
    const onIdleError = (error: Error): void => logger.debug("store-connection-dropped", { error: error.message });
    const connection =
      options.databaseUrl === undefined
        ? connectSqlite(options.dataDir ?? defaultDataDir())
        : connectPostgres(options.databaseUrl, onIdleError, options.postgres);
    const core = new StoreCore({
      connection,
      logger,
      now: options.now ?? Date.now,
      secret: options.secret,
      retryMs: options.retryMs ?? 5_000,
      listenUrl: options.databaseUrl,
    });
    this.core = core;
    this.dialect = connection.dialect;
    this.questions = new QuestionLog(core, {
      enabled: options.questionLog?.enabled ?? true,
      days: options.questionLog?.days ?? 30,
    });
    this.feedback = new Feedback(core);
    this.review = new Review(core);
    this.settings = new Settings(core);
    this.packs = new Packs(core);
  }

  /** Migrates the database (once). True when the store is usable; false when the database failed (logged). */
  async ready(): Promise<boolean> {
    try {
      await this.core.ready();
      return true;
    } catch (error) {
      this.core.logger.warn("store-unavailable", {
        dialect: this.dialect,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  /**
   * Calls `listener` on every change of a pack, a review decision or a setting, made by this instance or
   * (PostgreSQL) any other on the same database. Returns the function that stops it.
   */
  onChange(listener: ChangeListener): () => void {
    return this.core.onChange(listener);
  }

  /** Resolves once change notifications from other instances are being received (or their first connection failed). */
  listening(): Promise<void> {
    return this.core.listening();
  }

  /** Runs the retention prune daily until `close()` (openStore runs it at start too). */
  pruneDaily(): void {
    if (this.pruneTimer !== undefined) return;
    this.pruneTimer = setInterval(() => void this.questions.prune(), DAY_MS);
    this.pruneTimer.unref();
  }

  async close(): Promise<void> {
    if (this.pruneTimer !== undefined) clearInterval(this.pruneTimer);
    this.pruneTimer = undefined;
    await this.core.close();
  }
}

/**
 * Opens the store: migrates the database and starts the retention prune (now and daily). Never rejects on
 * a database failure: the store is returned anyway, logs what it cannot store, and tries the database again
 * on later calls.
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const store = new Store(options);
  const ready = await store.ready();
  if (options.pruneDaily !== false) {
    if (ready) await store.questions.prune();
    store.pruneDaily();
  }
  return store;
}
