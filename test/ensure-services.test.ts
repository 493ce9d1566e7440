/**
 * `npm test`'s first step, scripts/ensure-services.mjs: it finds redis-server and PostgreSQL's binaries,
 * installs Debian's packages with apt-get when they are missing and it may (the flow is run against a
 * stand-in apt-get and sudo on a PATH of their own: no test installs anything on the machine), and otherwise
 * says exactly what to install. Also: the PostgreSQL it finds really initialises and starts a cluster the
 * way the storage tests start theirs.
 */
import { spawn, spawnSync } from "node:child_process";
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { aptPrefix, missingServices, postgresBinDir } from "../scripts/ensure-services.mjs";
import { REPO_ROOT } from "../src/knowledge/load.js";
import { postgresBin } from "./support/postgres-bin.js";
import { freePort } from "./support/redis.js";

const SCRIPT = join(REPO_ROOT, "scripts", "ensure-services.mjs");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ensure-services-"));
  dirs.push(dir);
  return dir;
}

/** An executable Node script at `path` (stand-ins for apt-get, sudo and the installed programs). */
function executable(path: string, body: string): void {
  writeFileSync(path, `#!${process.execPath}\n${body}\n`, { mode: 0o755 });
}

/** A directory holding fake `initdb` and `postgres`. */
function fakePostgres(dir: string, only: readonly string[] = ["initdb", "postgres"]): string {
  mkdirSync(dir, { recursive: true });
  for (const name of only) executable(join(dir, name), `console.log("${name} (PostgreSQL) 99.1");`);
  return dir;
}

interface Machine {
  readonly bin: string;
  readonly pg: string;
  readonly log: string;
  run(): { status: number | null; stdout: string; stderr: string };
}

/**
 * A machine with neither program: PATH holds only node and env (and, when asked, an apt-get that logs its
 * calls and "installs" redis-server into PATH and initdb/postgres into PG_BIN_DIR, and a sudo that needs no
 * password); PG_BIN_DIR is an empty directory, so /usr/lib/postgresql is not consulted.
 */
function bareMachine(options: { aptGet?: "works" | "fails"; sudo?: boolean } = {}): Machine {
  const root = tempDir();
  const bin = join(root, "bin");
  const pg = join(root, "pg");
  const log = join(root, "apt.log");
  mkdirSync(bin);
  mkdirSync(pg);
  writeFileSync(log, "");
  symlinkSync(process.execPath, join(bin, "node"));
  symlinkSync("/usr/bin/env", join(bin, "env"));
  if (options.aptGet !== undefined) {
    executable(
      join(bin, "apt-get"),
      `const fs = require("node:fs");
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, args.join(" ") + " [" + process.env.DEBIAN_FRONTEND + "]\\n");
if (args[0] === "install") {
  if (${JSON.stringify(options.aptGet)} === "fails") { console.error("E: Unable to locate package"); process.exit(100); }
  const exe = (path, text) => fs.writeFileSync(path, "#!${process.execPath}\\nconsole.log(" + JSON.stringify(text) + ")\\n", { mode: 0o755 });
  exe(${JSON.stringify(join(bin, "redis-server"))}, "Redis server v=9.9.9 sha=0");
  exe(${JSON.stringify(join(pg, "initdb"))}, "initdb (PostgreSQL) 99.1");
  exe(${JSON.stringify(join(pg, "postgres"))}, "postgres (PostgreSQL) 99.1");
}`,
    );
  }
  if (options.sudo === true) {
    // sudo -n true → yes; sudo -n cmd args → runs it (as the stand-in for root).
    executable(
      join(bin, "sudo"),
      `const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === "-n"));
if (args[0] === "true") process.exit(0);
const r = require("node:child_process").spawnSync(args[0], args.slice(1), { stdio: "inherit" });
process.exit(r.status ?? 1);`,
    );
  }
  return {
    bin,
    pg,
    log,
    run: () => {
      const r = spawnSync(process.execPath, [SCRIPT], {
        encoding: "utf8",
        env: { PATH: bin, PG_BIN_DIR: pg, HOME: root },
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
  };
}

describe("npm test's services check on this machine", () => {
  it("finds redis-server and PostgreSQL and names their versions", () => {
    const r = spawnSync(process.execPath, [SCRIPT], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ensure-services: redis-server \d+\.\d+\.\d+, PostgreSQL \d+\.\d+ \(\/\S+\)\n$/);
    expect(r.stdout).toContain(`(${postgresBin()})`);
  });

  it("package.json's test script runs it before anything else, and .ci/run runs it before npm ci", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: { test: string } };
    expect(pkg.scripts.test).toMatch(/^node scripts\/ensure-services\.mjs && /);
    const ci = readFileSync(join(REPO_ROOT, ".ci", "run"), "utf8").split("\n");
    const ensure = ci.indexOf("node scripts/ensure-services.mjs");
    expect(ensure).toBeGreaterThan(-1);
    expect(ensure).toBeLessThan(ci.findIndex((line) => line.startsWith("npm ci")));
    expect(ci.some((line) => /^npm test\b/.test(line))).toBe(true);
  });
});

describe("a machine without them", () => {
  it("as root or with passwordless sudo: apt-get update, then install both packages quietly, then passes", () => {
    const machine = bareMachine({ aptGet: "works", sudo: true });
    const r = machine.run();
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readFileSync(machine.log, "utf8").trim().split("\n")).toEqual([
      "update -qq [noninteractive]",
      "install -y -qq --no-install-recommends redis-server postgresql [noninteractive]",
    ]);
    expect(r.stdout).toMatch(/installing redis-server postgresql with apt-get/);
    expect(r.stdout).toContain(`redis-server 9.9.9, PostgreSQL 99.1 (${machine.pg})`);
  });

  it("installs only what is missing", () => {
    const machine = bareMachine({ aptGet: "works", sudo: true });
    fakePostgres(machine.pg);
    expect(machine.run().status).toBe(0);
    expect(readFileSync(machine.log, "utf8")).toMatch(/^install .*--no-install-recommends redis-server \[/m);
    expect(readFileSync(machine.log, "utf8")).not.toMatch(/postgresql/);
  });

  it("without apt-get: says exactly what to install and exits 1", () => {
    const r = bareMachine().run();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/- redis-server \(/);
    expect(r.stderr).toMatch(/- PostgreSQL's initdb and postgres \(/);
    expect(r.stderr).toContain("sudo apt-get install -y --no-install-recommends redis-server postgresql");
    expect(r.stderr).toMatch(/PG_BIN_DIR/);
  });

  it("when apt-get fails: shows its error and what to install, exits 1", () => {
    const machine = bareMachine({ aptGet: "fails", sudo: true });
    const r = machine.run();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/apt-get install failed:\nE: Unable to locate package/);
    expect(r.stderr).toContain("sudo apt-get install -y --no-install-recommends redis-server postgresql");
  });
});

describe("the decisions", () => {
  it("apt-get is used as root, through sudo when it needs no password, and never otherwise", () => {
    const machine = bareMachine({ aptGet: "works" });
    const env = { PATH: machine.bin };
    expect(aptPrefix({ env, uid: 0 })).toEqual([]);
    expect(aptPrefix({ env, uid: 1000 })).toBeUndefined(); // no sudo at all
    executable(join(machine.bin, "sudo"), "process.exit(1);"); // sudo that asks for a password
    expect(aptPrefix({ env, uid: 1000 })).toBeUndefined();
    executable(join(machine.bin, "sudo"), "process.exit(0);");
    expect(aptPrefix({ env, uid: 1000 })).toEqual([
      join(machine.bin, "sudo"),
      "-n",
      "env",
      "DEBIAN_FRONTEND=noninteractive",
    ]);
    expect(aptPrefix({ env: { PATH: tempDir() }, uid: 0 })).toBeUndefined(); // no apt-get
  });

  it("PostgreSQL: PG_BIN_DIR alone when set, else the newest complete /usr/lib/postgresql/<version>/bin, else PATH", () => {
    const libRoot = tempDir();
    fakePostgres(join(libRoot, "9.6", "bin"));
    fakePostgres(join(libRoot, "15", "bin"));
    fakePostgres(join(libRoot, "16", "bin"), ["initdb"]); // half an installation
    expect(postgresBinDir({ env: { PATH: "" }, libRoot })).toBe(join(libRoot, "15", "bin"));

    const own = fakePostgres(join(tempDir(), "pg"));
    expect(postgresBinDir({ env: { PATH: "", PG_BIN_DIR: own }, libRoot })).toBe(own);
    expect(postgresBinDir({ env: { PATH: "", PG_BIN_DIR: tempDir() }, libRoot })).toBeUndefined();

    // On PATH through a symlink (as /usr/local/bin/initdb → /usr/lib/postgresql/15/bin/initdb): the real directory.
    const real = fakePostgres(join(tempDir(), "real"));
    const onPath = tempDir();
    symlinkSync(join(real, "initdb"), join(onPath, "initdb"));
    expect(postgresBinDir({ env: { PATH: onPath }, libRoot: tempDir() })).toBe(real);
    expect(postgresBinDir({ env: { PATH: tempDir() }, libRoot: tempDir() })).toBeUndefined();
  });

  it("as root, PostgreSQL also needs the postgres user to run as", () => {
    const pg = fakePostgres(join(tempDir(), "pg"));
    const redisDir = tempDir();
    executable(join(redisDir, "redis-server"), "");
    const passwd = join(tempDir(), "passwd");
    writeFileSync(passwd, "root:x:0:0:root:/root:/bin/bash\n");
    const env = { PATH: redisDir, PG_BIN_DIR: pg };
    expect(missingServices({ env, uid: 0, passwdFile: passwd }).map((m) => m.what)).toEqual([
      "the postgres system user",
    ]);
    expect(missingServices({ env, uid: 1000, passwdFile: passwd })).toEqual([]);
    writeFileSync(passwd, "root:x:0:0:root:/root:/bin/bash\npostgres:x:101:104::/var/lib/postgresql:/bin/bash\n");
    expect(missingServices({ env, uid: 0, passwdFile: passwd })).toEqual([]);
  });
});

describe("the PostgreSQL it finds", () => {
  it("initialises a cluster in a temporary directory and serves on a free 127.0.0.1 port, as the postgres user when root", async () => {
    const bin = postgresBin();
    const root = process.getuid?.() === 0;
    const data = tempDir();
    if (root) {
      const uid = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
      const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
      chownSync(data, uid, gid);
    }
    const as = (file: string, args: string[]): [string, string[]] =>
      root ? ["runuser", ["-u", "postgres", "--", join(bin, file), ...args]] : [join(bin, file), args];

    const init = spawnSync(...as("initdb", ["-D", join(data, "db"), "-A", "trust", "-U", "postgres", "--no-sync"]), {
      encoding: "utf8",
    });
    expect(init.stderr).not.toMatch(/FATAL|cannot be run as root/);
    expect(init.status).toBe(0);

    const port = await freePort();
    const server = spawn(
      ...as("postgres", ["-D", join(data, "db"), "-p", String(port), "-k", data, "-c", "listen_addresses=127.0.0.1"]),
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    try {
      let output = "";
      await new Promise<void>((resolve, reject) => {
        const onData = (d: Buffer): void => {
          output += d.toString();
          if (/ready to accept connections/.test(output)) resolve();
        };
        server.stdout.on("data", onData);
        server.stderr.on("data", onData);
        server.once("exit", (code) => reject(new Error(`postgres exited ${String(code)}: ${output}`)));
      });
      const ready = spawnSync(join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port)], { encoding: "utf8" });
      expect(ready.stdout).toMatch(/accepting connections/);
      expect(ready.status).toBe(0);
    } finally {
      // SIGTERM: runuser passes it on (not SIGINT), and PostgreSQL shuts down at once with no client connected.
      server.kill("SIGTERM");
      await exited;
    }
  });
});
