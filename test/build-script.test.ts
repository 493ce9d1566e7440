/**
 * scripts/build.mjs, which `npm start`, `start:http`, `ask` and `deploy-commands` run first: it builds when
 * dist/ is missing or older than src/, does nothing otherwise, and in a production tree without TypeScript
 * (npm ci --omit=dev) runs the existing build or says what to do. Exercised on a tiny project in a temp dir.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/knowledge/load.js";

function project(withTypeScript: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "build-"));
  mkdirSync(join(dir, "scripts"));
  mkdirSync(join(dir, "src"));
  cpSync(join(REPO_ROOT, "scripts", "build.mjs"), join(dir, "scripts", "build.mjs"));
  cpSync(join(REPO_ROOT, "scripts", "derive-vectors.mjs"), join(dir, "scripts", "derive-vectors.mjs"));
  // A word-vector table newer than the npm package it comes from: derive-vectors leaves it be.
  mkdirSync(join(dir, "generated"));
  writeFileSync(join(dir, "generated", "word-vectors.bin"), "");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "tiny", type: "module" }));
  writeFileSync(
    join(dir, "tsconfig.build.json"),
    JSON.stringify({
      compilerOptions: {
        outDir: "dist",
        rootDir: "src",
        module: "NodeNext",
        target: "ES2022",
        skipLibCheck: true,
        types: [],
      },
      include: ["src"],
    }),
  );
  writeFileSync(join(dir, "src", "main.ts"), 'export const answer: number = 42;\nconsole.log("built", answer);\n');
  if (withTypeScript) symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

const build = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(dir, "scripts", "build.mjs"), ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
  });
const stampTime = (dir: string): number => statSync(join(dir, "dist", ".build-stamp")).mtimeMs;

describe("scripts/build.mjs --if-stale", () => {
  it("builds when dist/ is missing, does nothing when it is up to date, rebuilds when src/ changed", () => {
    const dir = project(true);
    const first = build(dir, "--if-stale");
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/Building dist\//);
    expect(readFileSync(join(dir, "dist", "main.js"), "utf8")).toContain("42");
    const built = stampTime(dir);

    const again = build(dir, "--if-stale");
    expect(again.status).toBe(0);
    expect(again.stderr).toBe("");
    expect(stampTime(dir)).toBe(built);

    const later = new Date(Date.now() + 5_000);
    writeFileSync(join(dir, "src", "main.ts"), "export const answer: number = 43;\n");
    utimesSync(join(dir, "src", "main.ts"), later, later);
    const rebuilt = build(dir, "--if-stale");
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stderr).toMatch(/Building dist\//);
    expect(readFileSync(join(dir, "dist", "main.js"), "utf8")).toContain("43");
  });

  it("a type error fails the build with tsc's message", () => {
    const dir = project(true);
    writeFileSync(join(dir, "src", "main.ts"), 'export const answer: number = "forty-two";\n');
    const r = build(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/TS2322/);
  });

  it("without TypeScript (npm ci --omit=dev): runs a stale build as it is, and says to build when dist/ is missing", () => {
    const dir = project(false);
    const missing = build(dir, "--if-stale");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /dist\/ is missing and TypeScript is not installed: run `npm ci && npm run build` first/,
    );

    mkdirSync(join(dir, "dist"));
    writeFileSync(join(dir, "dist", "main.js"), "");
    const stale = build(dir, "--if-stale");
    expect(stale.status).toBe(0);
    expect(stale.stderr).toMatch(/TypeScript is not installed.*running the existing build/);
    expect(existsSync(join(dir, "dist", "main.js"))).toBe(true);
  });
});

describe("the npm scripts run the compiled code", () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  it.each([
    ["start", "exec node dist/main.js"],
    ["start:http", "exec node dist/http/main.js"],
    ["ask", "node dist/cli/ask.js"],
    ["forget-user", "node dist/cli/forget-user.js"],
    ["deploy-commands", "node dist/discord/gateway/deploy-commands.js"],
    ["invite", "node dist/discord/gateway/print-invite.js"],
  ])("%s is `%s`, built first when stale", (script, command) => {
    expect(pkg.scripts[script]).toBe(command);
    expect(pkg.scripts[`pre${script}`]).toBe("node scripts/build.mjs --if-stale");
  });

  it("tsx is a dev dependency only", () => {
    expect(pkg.dependencies.tsx).toBeUndefined();
    expect(pkg.devDependencies.tsx).toBeDefined();
  });
});
