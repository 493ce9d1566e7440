/**
 * `npm run deps` first checks that every path the dependency rules name exists
 * (scripts/check-dependency-rules.mjs): a rule naming a module that was renamed or deleted checks nothing.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/knowledge/load.js";

const SCRIPT = join(REPO_ROOT, "scripts", "check-dependency-rules.mjs");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "deps-paths-"));
  dirs.push(dir);
  return dir;
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function check(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

const RULES = `module.exports = { forbidden: [
  { name: "one", from: { path: "^src/(a|gone)\\\\.ts$" }, to: { path: "^src/b/" } },
  { name: "two", from: { path: "^src/" }, to: { path: "^(test|bench)/", pathNot: ["^src/(?:old|a)\\\\.ts$"] } },
  { name: "three", from: {}, to: { circular: true } },
  { name: "four", from: { path: "^src/b/(c|d)+\\\\.ts$" }, to: { path: "^src/[^/]+\\\\.ts$" } },
] };`;

describe("npm run deps: the paths the rules name", () => {
  it("all exist in this project's rules", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { scripts: { deps: string } };
    expect(pkg.scripts.deps).toMatch(/^node scripts\/check-dependency-rules\.mjs && depcruise /);
    expect(check([])).toEqual({ status: 0, stderr: "" });
  });

  it("a name that matches no file fails, with each alternative of a pattern checked on its own", () => {
    const root = tempDir();
    write(root, { "src/a.ts": "", "src/b/c.ts": "", "test/x.test.ts": "", ".dependency-cruiser.cjs": RULES });
    const r = check(["--root", root]);
    expect(r.status).toBe(1);
    const missing = [...r.stderr.matchAll(/^ {2}"([^"]+)" matches no file or directory; in (.+)$/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(missing).toEqual([
      ["^src/gone\\.ts$", "one (from.path)"],
      ["^bench/", "two (to.path)"],
      ["^src/old\\.ts$", "two (to.pathNot)"],
    ]);

    // Once they exist, it passes: existence is all it checks.
    write(root, { "src/gone.ts": "", "bench/b.ts": "", "src/old.ts": "" });
    expect(check(["--root", root])).toEqual({ status: 0, stderr: "" });
  });

  it("catches the names this project's rules once had (src/cli/load-env-config.ts; the gateway's modules before src/discord/gateway/)", () => {
    const current = readFileSync(join(REPO_ROOT, ".dependency-cruiser.cjs"), "utf8");
    const config = current
      .replace("(exit-codes|guard)", "(exit-codes|guard|load-env-config)")
      .replace(
        'const GATEWAY_ONLY = "^src/discord/gateway/";',
        String.raw`const GATEWAY_ONLY = "^src/discord/(client|start|shard|deploy-commands|print-invite)\\.ts$|^src/discord/events/";`,
      );
    expect(config).toContain("|load-env-config)");
    expect(config).toContain("|^src/discord/events/");
    const file = join(tempDir(), "old-rules.cjs");
    writeFileSync(file, config);
    const r = check(["--config", file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /"\^src\/cli\/load-env-config\\\.ts\$" matches no file or directory; in discord-is-not-cli/,
    );
    // GATEWAY_ONLY is named by three rules: each missing name is reported once, with all three.
    const uses =
      "in http-uses-the-shared-handler-only (to.path), features-are-below-the-dispatcher (to.path), the-dispatcher-is-below-the-gateway (to.path)";
    for (const gone of ["client", "start", "shard", "deploy-commands", "print-invite"]) {
      expect(r.stderr).toContain(`"^src/discord/${gone}\\.ts$" matches no file or directory; ${uses}`);
    }
    expect(r.stderr).toContain(`"^src/discord/events/" matches no file or directory; ${uses}`);
    expect(r.stderr.match(/matches no file/g)).toHaveLength(7);
  });
});
