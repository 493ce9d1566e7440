import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { createLogger, type Logger } from "../../src/logger.js";
import { SQLITE_FILE } from "../../src/storage/connect.js";
import { openStore, type Store, type StoreOptions } from "../../src/storage/index.js";
import { makeReadOnly } from "./read-only.js";
import { startPostgres, type PostgresServer } from "./postgres.js";

/**
 * The two databases the store runs on, for `describe.each`: SQLite in a fresh temporary directory, and a
 * real PostgreSQL server started once per test file (`startPostgres`), with a fresh database per test.
 */

/** The store's log lines, parsed. */
export interface LogCapture {
  readonly logger: Logger;
  readonly lines: { readonly event: string; readonly [field: string]: unknown }[];
  readonly text: () => string;
}

export function captureLogs(): LogCapture {
  const raw: string[] = [];
  const lines: LogCapture["lines"] = [];
  const logger = createLogger("debug", (line) => {
    raw.push(line);
    lines.push(JSON.parse(line) as LogCapture["lines"][number]);
  });
  return { logger, lines, text: () => raw.join("") };
}

export interface Backend {
  readonly name: "SQLite" | "PostgreSQL";
  /** Options for a new, empty database (a temporary directory, or a new PostgreSQL database). */
  fresh(): Promise<StoreOptions>;
  /** Every row of every table, by table name. */
  dump(options: StoreOptions): Promise<Record<string, Record<string, unknown>[]>>;
  /**
   * The database stops taking writes while the store runs: PostgreSQL's server is stopped (the same store
   * instance goes on); SQLite's directory becomes read-only (the store is opened again on it, as a restart
   * would). `restore` undoes it.
   */
  outage(
    options: StoreOptions,
    store: Store,
    open: () => Promise<Store>,
  ): Promise<{ during: Store; restore: () => Promise<void> }>;
  /** Stops the server and removes every temporary directory. */
  cleanUp(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: "SQLite",
    fresh() {
      const dir = mkdtempSync(join(tmpdir(), "store-sqlite-"));
      dirs.push(dir);
      return Promise.resolve({ dataDir: join(dir, "data") });
    },
    dump(options) {
      const db = new BetterSqlite3(join(options.dataDir!, SQLITE_FILE), { readonly: true });
      try {
        const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
        return Promise.resolve(
          Object.fromEntries(
            tables.map(({ name }) => [name, db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]]),
          ),
        );
      } finally {
        db.close();
      }
    },
    async outage(options, store, open) {
      await store.close();
      const writable = makeReadOnly(options.dataDir!);
      let during: Store;
      try {
        during = await open();
      } catch (error) {
        writable();
        throw error;
      }
      return {
        during,
        restore: () => {
          writable();
          return Promise.resolve();
        },
      };
    },
    cleanUp() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

export function postgresBackend(): Backend {
  let server: PostgresServer | undefined;
  const started = (): Promise<PostgresServer> =>
    server !== undefined
      ? Promise.resolve(server)
      : startPostgres().then((s) => {
          server = s;
          return s;
        });
  return {
    name: "PostgreSQL",
    async fresh() {
      return { databaseUrl: await (await started()).createDatabase() };
    },
    async dump(options) {
      const client = new pg.Client({ connectionString: options.databaseUrl });
      await client.connect();
      try {
        const tables = await client.query<{ tablename: string }>(
          "select tablename from pg_tables where schemaname = 'public'",
        );
        const out: Record<string, Record<string, unknown>[]> = {};
        for (const { tablename } of tables.rows) {
          out[tablename] = (await client.query<Record<string, unknown>>(`select * from "${tablename}"`)).rows;
        }
        return out;
      } finally {
        await client.end();
      }
    },
    async outage(_options, store) {
      const s = await started();
      await s.stop();
      return { during: store, restore: () => s.start() };
    },
    async cleanUp() {
      await server?.destroy();
    },
  };
}

/** Opens stores for one test and closes them all after it. */
export class Stores {
  private readonly open: Store[] = [];

  async add(options: StoreOptions): Promise<Store> {
    const store = await openStore(options);
    this.open.push(store);
    return store;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((s) => s.close()));
  }
}

/** Polls `check` until it returns true (every 20 ms, at most `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
