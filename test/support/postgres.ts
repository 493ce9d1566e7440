import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { postgresBin } from "./postgres-bin.js";
import { freePort } from "./redis.js";

/**
 * A REAL PostgreSQL server (Debian's `postgresql` package, found where `npm test`'s first step finds it:
 * ./postgres-bin.ts) on a free 127.0.0.1 port: `initdb` into a fresh temporary directory, trust
 * authentication, fsync off. PostgreSQL refuses to run as root, so as root every server command runs as the
 * `postgres` user (`runuser`), which owns the directory. `stop()` shuts it down (connections are cut: an
 * outage) and `start()` brings it back on the same port with the same data; `destroy()` stops it and removes
 * the directory.
 */
export interface PostgresServer {
  readonly port: number;
  /** The admin database's URL (postgres://postgres@127.0.0.1:port/postgres). */
  readonly url: string;
  /** A new, empty database; its URL. */
  createDatabase(): Promise<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

const isRoot = process.getuid?.() === 0;

/** Runs a server command, as the postgres user when we are root. */
function run(bin: string, command: string, args: readonly string[]): string {
  const [file, argv] = isRoot
    ? ["runuser", ["-u", "postgres", "--", join(bin, command), ...args]]
    : [join(bin, command), args];
  const result = spawnSync(file, argv, { encoding: "utf8", timeout: 60_000 });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.error?.message ?? `exit ${String(result.status)}`}): ${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

let databases = 0;

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), "store-pg-"));
  if (isRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  const port = await freePort();
  run(bin, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -F -c max_connections=200`;
  const log = join(dir, "server.log");
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  const start = (): Promise<void> => {
    run(bin, "pg_ctl", ["-D", data, "-o", options, "-l", log, "-w", "-t", "60", "start"]);
    return Promise.resolve();
  };
  const stop = (): Promise<void> => {
    if (existsSync(join(data, "postmaster.pid")))
      run(bin, "pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
    return Promise.resolve();
  };
  await start();
  return {
    port,
    url,
    async createDatabase() {
      databases += 1;
      const name = `store_test_${process.pid}_${databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    start,
    stop,
    async destroy() {
      try {
        await stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error("no postgres user to run PostgreSQL as");
  return { uid, gid };
}
