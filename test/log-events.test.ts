import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/knowledge/load.js";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("log event names", () => {
  const events = sources(join(REPO_ROOT, "src")).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/logger\??\.(?:debug|info|warn|error)\("([^"]+)"/g)].map((m) => m[1]!),
  );
  const documented = readFileSync(join(REPO_ROOT, "src", "logger.ts"), "utf8");

  it("are kebab-case everywhere, and each is listed in src/logger.ts", () => {
    expect(events.length).toBeGreaterThan(20);
    for (const event of new Set(events)) {
      expect(event).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(documented, event).toMatch(new RegExp(`[ ,]${event}[,\\s(]`));
    }
  });
});
