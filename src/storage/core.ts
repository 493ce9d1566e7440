/**
 * What every repository of the store shares: the executor, the change publisher and the store's options.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { describeError, type Logger } from "../logger.js";
import type { Connection } from "./connect.js";
import { migrateToLatest, type Dialect } from "./migrations.js";
import { CHANGE_CHANNEL, joinSqliteBus, Listeners, PostgresChangeListener, type ChangeListener } from "./notify.js";
import type { Database } from "./schema.js";
import type { StoreChange, WriteFailure, WriteResult } from "./types.js";

/** Where the generated hashing secret is kept when QUESTION_LOG_SECRET is unset. */
const SECRET_KEY = "question_log_secret";

export type Executor = Kysely<Database> | Transaction<Database>;

export const done = <T>(value: T): WriteResult<T> => ({ ok: true, value });
export const refused = (reason: Exclude<WriteFailure, "unavailable">, message: string): WriteResult<never> => ({
  ok: false,
  reason,
  message,
});

export interface CoreOptions {
  readonly connection: Connection;
  readonly logger: Logger;
  readonly now: () => number;
  /** QUESTION_LOG_SECRET; undefined: a secret generated once and kept in the database. */
  readonly secret: string | undefined;
  /** After a failed start (migrations, the secret), wait this long before trying again (default 5 s). */
  readonly retryMs: number;
  /** The PostgreSQL URL, for the LISTEN connection. */
  readonly listenUrl: string | undefined;
}

/**
 * What every repository shares: the database, readiness (migrated, secret known), user-id hashing, failure
 * handling and change notifications.
 *
 * Failure handling: `write` and `read` run an operation and catch whatever it throws. A failed write is
 * logged (warn, `store-write-failed`, naming what was not stored) and returned as `unavailable`; a failed
 * read returns its fallback and is logged once per outage; the first success after failures logs
 * `store-recovered` with the number of writes lost.
 */
export class StoreCore {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly logger: Logger;
  readonly now: () => number;
  private readonly origin = randomUUID();
  private readonly listeners: Listeners;
  private readonly bus: { publish(change: StoreChange): void; leave(): void } | undefined;
  private pgListener: PostgresChangeListener | undefined;
  private secret: string | undefined;
  private initialised = false;
  private initializing: Promise<void> | undefined;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private lastError: unknown;
  private down = false;
  private lostWrites = 0;
  private closed = false;

  constructor(private readonly options: CoreOptions) {
    this.db = options.connection.db;
    this.dialect = options.connection.dialect;
    this.logger = options.logger;
    this.now = options.now;
    this.secret = options.secret;
    this.listeners = new Listeners(options.logger);
    this.bus = this.dialect === "sqlite" ? joinSqliteBus(options.connection.identity, this.listeners) : undefined;
  }

  /** Migrates and learns the hashing secret, once; after a failure, again when `retryMs` has passed. */
  async ready(): Promise<void> {
    if (this.initialised) return;
    if (this.closed) throw new Error("the store is closed");
    if (this.initializing !== undefined) return this.initializing;
    if (Date.now() - this.lastAttempt < this.options.retryMs) throw this.lastError;
    this.lastAttempt = Date.now();
    this.initializing = this.initialise()
      .then(() => {
        this.initialised = true;
      })
      .catch((error: unknown) => {
        this.lastError = error;
        throw error;
      })
      .finally(() => {
        this.initializing = undefined;
      });
    return this.initializing;
  }

  private async initialise(): Promise<void> {
    const applied = await migrateToLatest(this.db, this.dialect);
    if (applied.length > 0) this.logger.info("store-migrated", { dialect: this.dialect, migrations: applied });
    if (this.secret === undefined) {
      await this.db
        .insertInto("store_meta")
        .values({ key: SECRET_KEY, value: randomBytes(32).toString("hex") })
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
      const row = await this.db
        .selectFrom("store_meta")
        .select("value")
        .where("key", "=", SECRET_KEY)
        .executeTakeFirst();
      if (row === undefined) throw new Error("the hashing secret could not be stored");
      this.secret = row.value;
    }
  }

  /** HMAC-SHA256 of a user id under the secret, hex. Only after `ready()`. */
  hash(userId: string): string {
    if (this.secret === undefined) throw new Error("the store is not ready");
    return createHmac("sha256", this.secret).update(userId).digest("hex");
  }

  /** Runs a write; never throws. `what` names what would not be stored (never a raw user id). */
  async write<T>(what: string, op: (publish: Publisher) => Promise<WriteResult<T>>): Promise<WriteResult<T>> {
    const changes: StoreChange[] = [];
    const publisher: Publisher = async (executor, change) => {
      changes.push(change);
      if (this.dialect === "postgres") {
        const payload = JSON.stringify({ origin: this.origin, change });
        await sql`select pg_notify(${CHANGE_CHANNEL}, ${payload})`.execute(executor);
      }
    };
    let result: WriteResult<T>;
    try {
      await this.ready();
      result = await op(publisher);
    } catch (error) {
      this.failed();
      this.lostWrites += 1;
      const message = describeError(error).message;
      this.logger.warn("store-write-failed", { what, dialect: this.dialect, error: message });
      return { ok: false, reason: "unavailable", message: `not stored (${what}): the database failed: ${message}` };
    }
    this.succeeded();
    if (result.ok) for (const change of changes) this.publishLocally(change);
    return result;
  }

  /** Runs a read; on failure returns `fallback` ("nothing"). */
  async read<T>(what: string, fallback: T, op: () => Promise<T>): Promise<T> {
    try {
      await this.ready();
      const value = await op();
      this.succeeded();
      return value;
    } catch (error) {
      const first = this.failed();
      const fields = { what, dialect: this.dialect, error: describeError(error).message };
      if (first) this.logger.warn("store-read-failed", fields);
      else this.logger.debug("store-read-failed", fields);
      return fallback;
    }
  }

  /** Marks an outage; true when it starts one. */
  private failed(): boolean {
    if (this.down) return false;
    this.down = true;
    return true;
  }

  private succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.info("store-recovered", { dialect: this.dialect, lostWrites: this.lostWrites });
    this.lostWrites = 0;
  }

  private publishLocally(change: StoreChange): void {
    if (this.bus !== undefined) this.bus.publish(change);
    else this.listeners.deliver(change);
  }

  onChange(listener: ChangeListener): () => void {
    const remove = this.listeners.add(listener);
    if (this.options.listenUrl !== undefined && this.pgListener === undefined && !this.closed) {
      this.pgListener = new PostgresChangeListener(
        this.options.listenUrl,
        this.origin,
        (change) => this.listeners.deliver(change),
        this.logger,
      );
      void this.pgListener.start();
    }
    return remove;
  }

  /** Resolves once the LISTEN connection (if any) has been tried: for tests and for a caller that must not miss a change. */
  async listening(): Promise<void> {
    await this.pgListener?.start();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.bus?.leave();
    await this.pgListener?.stop();
    await this.initializing?.catch(() => undefined);
    await this.db.destroy().catch(() => undefined);
  }
}

/** Announces a change: inside the write's transaction on PostgreSQL (NOTIFY is sent on commit), locally after it. */
export type Publisher = (executor: Executor, change: StoreChange) => Promise<void>;
