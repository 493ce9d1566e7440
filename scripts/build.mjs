#!/usr/bin/env node
/**
 * Compiles src/ to dist/ with tsc.
 *   node scripts/build.mjs            always: empties dist/, compiles, writes dist/.build-stamp (and derives
 *                                     generated/word-vectors.bin first when it is missing: scripts/derive-vectors.mjs)
 *   node scripts/build.mjs --if-stale only when dist/ is missing or older than src/ (npm's prestart, preask, …)
 *
 * "Older": any file under src/ (or tsconfig*.json, package.json) changed after dist/.build-stamp was written.
 * A production tree installed with `npm ci --omit=dev` has no tsc: there a stale dist/ is used as it is
 * (with a warning), and a missing one is an error that says to build first.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const stamp = join(dist, ".build-stamp");

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const inputs = ["src", "tsconfig.json", "tsconfig.build.json", "package.json"]
    .map((p) => join(root, p))
    .filter((p) => existsSync(p));
  return inputs.some((p) => newestMtime(p) > built);
}

function tscPath() {
  try {
    return createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  } catch {
    return undefined;
  }
}

const ifStale = process.argv.includes("--if-stale");
// The word-vector table the engine reads (generated/word-vectors.bin): derived once from the npm package, then
// kept across builds (it is not part of dist/, which every build empties).
const vectors = spawnSync(process.execPath, [join(root, "scripts", "derive-vectors.mjs"), "--if-stale"], {
  cwd: root,
  stdio: "inherit",
});
// Without it (a production tree installed with --omit=dev that never built one) the engine still runs, without
// matching words by meaning; derive-vectors says so.
if (vectors.status !== 0) process.stderr.write("Continuing without the word-vector table.\n");
if (ifStale && !isStale()) process.exit(0);

const tsc = tscPath();
if (tsc === undefined) {
  if (existsSync(join(dist, "main.js"))) {
    if (ifStale)
      process.stderr.write(
        "dist/ is older than src/, but TypeScript is not installed (npm ci --omit=dev?): running the existing build.\n",
      );
    process.exit(ifStale ? 0 : 1);
  }
  process.stderr.write(
    'dist/ is missing and TypeScript is not installed: run `npm ci && npm run build` first (README: "Production").\n',
  );
  process.exit(1);
}

if (ifStale) process.stderr.write("Building dist/ (src/ changed since the last build)…\n");
rmSync(dist, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  cwd: root,
  stdio: "inherit",
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stamp, `${new Date().toISOString()}\n`);
// Each pack's snapshot (its validated base and search index), so the first start reads instead of building.
const snapshotScript = join(dist, "answer", "build-snapshots.js");
if (existsSync(snapshotScript)) {
  const snapshots = spawnSync(process.execPath, [snapshotScript], { cwd: root, stdio: "inherit" });
  if (snapshots.status !== 0) process.exit(snapshots.status ?? 1);
}
