#!/usr/bin/env node
/**
 * What the test suite needs from the machine besides Node and npm: `redis-server` (the shared rate limit's
 * tests start a real one) and PostgreSQL's server binaries, `initdb` and `postgres` (the storage tests
 * initialise and start a real server in a temporary directory, as the `postgres` user when run as root,
 * because PostgreSQL refuses to run as root). `npm test` runs this first; so does `.ci/run`.
 *
 *   node scripts/ensure-services.mjs
 *     everything present → one line naming the versions, exit 0
 *     something missing and apt-get usable (root, or sudo without a password) → `apt-get update`, then
 *       `apt-get install -y --no-install-recommends` the missing packages (Debian's `redis-server`,
 *       `postgresql`), quietly; checks again
 *     otherwise → says exactly what to install, exit 1
 *
 * PostgreSQL is looked for in PG_BIN_DIR when set (the directory holding initdb and postgres, e.g. a
 * Homebrew or source install), else under /usr/lib/postgresql/<version>/bin (Debian's layout, newest
 * version first), else on PATH. Tests find the same directory through test/support/postgres-bin.ts.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const DEBIAN_POSTGRES_ROOT = "/usr/lib/postgresql";

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The absolute path of `name` on PATH, or undefined. */
export function findOnPath(name, pathEnv = process.env.PATH ?? "") {
  for (const dir of pathEnv.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

const holdsPostgres = (dir) => isExecutableFile(join(dir, "initdb")) && isExecutableFile(join(dir, "postgres"));

/**
 * The directory holding PostgreSQL's `initdb` and `postgres`, or undefined: PG_BIN_DIR when set (and then
 * only it), else the newest /usr/lib/postgresql/<version>/bin, else the directory `initdb` on PATH really
 * lives in (symlinks followed).
 */
export function postgresBinDir({ env = process.env, libRoot = DEBIAN_POSTGRES_ROOT } = {}) {
  if (env.PG_BIN_DIR !== undefined && env.PG_BIN_DIR !== "") {
    return holdsPostgres(env.PG_BIN_DIR) ? env.PG_BIN_DIR : undefined;
  }
  if (existsSync(libRoot)) {
    const versions = readdirSync(libRoot)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = join(libRoot, version, "bin");
      if (holdsPostgres(dir)) return dir;
    }
  }
  const initdb = findOnPath("initdb", env.PATH ?? "");
  if (initdb === undefined) return undefined;
  const dir = dirname(realpathSync(initdb));
  return holdsPostgres(dir) ? dir : undefined;
}

/** Whether the system has a user of that name (read from /etc/passwd: Debian's postgresql package adds it there). */
export function userExists(name, passwdFile = "/etc/passwd") {
  try {
    return readFileSync(passwdFile, "utf8")
      .split("\n")
      .some((line) => line.split(":", 1)[0] === name);
  } catch {
    return false;
  }
}

/**
 * What is missing, each with the Debian package that provides it and why the tests need it. As root the
 * `postgres` user must exist too (the tests start PostgreSQL as that user).
 */
export function missingServices({
  env = process.env,
  libRoot = DEBIAN_POSTGRES_ROOT,
  uid = process.getuid?.() ?? -1,
  passwdFile = "/etc/passwd",
} = {}) {
  const missing = [];
  if (findOnPath("redis-server", env.PATH ?? "") === undefined) {
    missing.push({ what: "redis-server", pkg: "redis-server", why: "the rate-limit tests start a real Redis" });
  }
  if (postgresBinDir({ env, libRoot }) === undefined) {
    missing.push({
      what: "PostgreSQL's initdb and postgres",
      pkg: "postgresql",
      why: "the storage tests start a real PostgreSQL server",
    });
  } else if (uid === 0 && !userExists("postgres", passwdFile)) {
    missing.push({
      what: "the postgres system user",
      pkg: "postgresql",
      why: "PostgreSQL refuses to run as root, so the tests run it as postgres",
    });
  }
  return missing;
}

/**
 * How this process may run apt-get: `[]` as root, sudo when it needs no password (through `env`, since sudo
 * resets the environment and apt-get must not ask questions), undefined when it may not (or there is no
 * apt-get).
 */
export function aptPrefix({ env = process.env, uid = process.getuid?.() ?? -1 } = {}) {
  const path = env.PATH ?? "";
  if (findOnPath("apt-get", path) === undefined) return undefined;
  if (uid === 0) return [];
  const sudo = findOnPath("sudo", path);
  if (sudo === undefined) return undefined;
  const probe = spawnSync(sudo, ["-n", "true"], { stdio: "ignore", env });
  return probe.status === 0 ? [sudo, "-n", "env", "DEBIAN_FRONTEND=noninteractive"] : undefined;
}

/** The message for a machine where the tests cannot install what they need themselves. */
export function installInstructions(missing) {
  const packages = [...new Set(missing.map((m) => m.pkg))].join(" ");
  return [
    "npm test needs programs this machine does not have:",
    ...missing.map((m) => `  - ${m.what} (${m.why})`),
    "Install them, then run npm test again. On Debian or Ubuntu:",
    `  sudo apt-get install -y --no-install-recommends ${packages}`,
    "(npm test does this itself when it runs as root or sudo needs no password. Elsewhere, install Redis and",
    "PostgreSQL's server, and set PG_BIN_DIR to the directory holding initdb and postgres if they are not on PATH.)",
  ].join("\n");
}

function versionOf(file) {
  const r = spawnSync(file, ["--version"], { encoding: "utf8" });
  return (r.stdout ?? "").trim().split("\n")[0] ?? "";
}

function found(env) {
  const redis = findOnPath("redis-server", env.PATH ?? "");
  const pgDir = postgresBinDir({ env });
  const redisVersion = /v=(\S+)/.exec(versionOf(redis))?.[1] ?? "?";
  const pgVersion = /(\d+(\.\d+)+)/.exec(versionOf(join(pgDir, "postgres")))?.[1] ?? "?";
  return `redis-server ${redisVersion}, PostgreSQL ${pgVersion} (${pgDir})`;
}

function run(prefix, args, env) {
  const [file, ...rest] = [...prefix, ...args];
  const r = spawnSync(file, rest, {
    encoding: "utf8",
    env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

function main() {
  const env = process.env;
  const say = (line) => process.stdout.write(`ensure-services: ${line}\n`);
  const missing = missingServices({ env });
  if (missing.length === 0) {
    say(found(env));
    return 0;
  }
  const prefix = aptPrefix({ env });
  if (prefix === undefined) {
    process.stderr.write(`${installInstructions(missing)}\n`);
    return 1;
  }
  const packages = [...new Set(missing.map((m) => m.pkg))];
  say(`installing ${packages.join(" ")} with apt-get (missing: ${missing.map((m) => m.what).join(", ")})`);
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "--no-install-recommends", ...packages],
  ]) {
    const r = run(prefix, ["apt-get", ...args], env);
    if (!r.ok) {
      process.stderr.write(`apt-get ${args[0]} failed:\n${r.output.trim().split("\n").slice(-15).join("\n")}\n\n`);
      process.stderr.write(`${installInstructions(missing)}\n`);
      return 1;
    }
  }
  const still = missingServices({ env });
  if (still.length > 0) {
    process.stderr.write(`apt-get finished, but some are still missing.\n${installInstructions(still)}\n`);
    return 1;
  }
  say(found(env));
  return 0;
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
