/**
 * Connecting the store: SQLite under DATA_DIR, or PostgreSQL at DATABASE_URL.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import type pg from "pg";
import { REPO_ROOT } from "../knowledge/load.js";
import type { Dialect } from "./migrations.js";
import type { Database } from "./schema.js";

/** The SQLite file's name inside DATA_DIR. */
export const SQLITE_FILE = "store.sqlite";

/** `<repo>/data`, where the SQLite file lives unless DATA_DIR says otherwise. */
export function defaultDataDir(): string {
  return join(REPO_ROOT, "data");
}

export interface Connection {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** What identifies the database for in-process notifications: the SQLite file's path, or the URL. */
  readonly identity: string;
}

/**
 * The PostgreSQL client, loaded on first use: a SQLite store never loads it (about 5 MB of a process's memory).
 */
let loadedPg: Promise<typeof pg> | undefined;
export function loadPg(): Promise<typeof pg> {
  loadedPg ??= import("pg").then((module) => module.default);
  return loadedPg;
}

/** PostgreSQL's bigint (int8) as a JS number: ids, times in ms and counts all fit in 2^53. */
function typesOf(client: typeof pg): pg.CustomTypesConfig {
  const types = new client.TypeOverrides();
  types.setTypeParser(client.types.builtins.INT8, (value: string) => Number(value));
  return types;
}

export interface PostgresTuning {
  /** Connections in the pool (default 5). */
  readonly poolSize?: number;
  /** Give up connecting after this long (default 3 s): a down server costs a caller at most this. */
  readonly connectTimeoutMs?: number;
  /** Give up on a query after this long (default 10 s). */
  readonly queryTimeoutMs?: number;
}

export function postgresConfig(client: typeof pg, url: string, tuning: PostgresTuning = {}): pg.PoolConfig {
  return {
    connectionString: url,
    application_name: "article-qa-bot",
    max: tuning.poolSize ?? 5,
    connectionTimeoutMillis: tuning.connectTimeoutMs ?? 3_000,
    query_timeout: tuning.queryTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    types: typesOf(client),
  };
}

/**
 * A pg pool as Kysely uses it, made safe for outages. A connection the server drops (a restart, a failover)
 * emits "error": while idle the pool handles that, but while Kysely holds the connection nobody would, and
 * an unhandled "error" event crashes the process. So every connection gets a handler that reports the
 * error and marks the connection broken; a broken connection is destroyed on release instead of going back
 * to the pool, and the next query opens a new one.
 */
function guardedPool(pool: pg.Pool, onError: (error: Error) => void): PostgresPool {
  pool.on("error", onError);
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (wrapper === undefined) {
        let broken = false;
        client.on("error", (error) => {
          broken = true;
          onError(error);
        });
        wrapper = {
          query: client.query.bind(client),
          release: (destroy?: boolean) => client.release(destroy === true || broken ? true : undefined),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/**
 * PostgreSQL through a pg pool (pg loaded with the first query); dropped connections are reported to
 * `onConnectionError` (see guardedPool).
 */
export function connectPostgres(
  url: string,
  onConnectionError: (error: Error) => void,
  tuning: PostgresTuning = {},
): Connection {
  const pool = async (): Promise<PostgresPool> => {
    const client = await loadPg();
    return guardedPool(new client.Pool(postgresConfig(client, url, tuning)), onConnectionError);
  };
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: "postgres", identity: url };
}

/**
 * SQLite through better-sqlite3, in `<dataDir>/store.sqlite` (the directory created when missing). The file
 * is opened on the first query, and again on the next query when opening failed (a read-only or missing
 * directory that is fixed later). WAL with synchronous=NORMAL: a commit does not wait for the disk, so a
 * logged question costs microseconds of the event loop, not an fsync.
 */
export function connectSqlite(dataDir: string): Connection {
  const file = resolve(dataDir, SQLITE_FILE);
  const open = (): Promise<BetterSqlite3.Database> => {
    mkdirSync(resolve(dataDir), { recursive: true });
    const database = new BetterSqlite3(file);
    try {
      database.pragma("journal_mode = WAL");
      database.pragma("synchronous = NORMAL");
      database.pragma("foreign_keys = ON");
      database.pragma("busy_timeout = 5000");
    } catch (error) {
      database.close();
      throw error;
    }
    return Promise.resolve(database);
  };
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: open }) }),
    dialect: "sqlite",
    identity: file,
  };
}
