import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/knowledge/load.js";

/** The longest a module under src/ may be: past it, split the module by concern (docs/ARCHITECTURE.md). */
const MAX_LINES = 300;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith(".ts") ? [path] : [];
  });
}

describe("module size", () => {
  it(`no file under src/ is over ${MAX_LINES} lines`, () => {
    const files = sources(join(REPO_ROOT, "src"));
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((file) => ({ file: relative(REPO_ROOT, file), lines: readFileSync(file, "utf8").split("\n").length - 1 }))
      .filter((f) => f.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
