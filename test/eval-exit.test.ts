import { describe, expect, it } from "vitest";
import { runScript } from "./support/run-script.js";

/** `npm run eval` reports; only `--check` turns figures below the targets into a failing exit code. */
describe("npm run eval exit codes", () => {
  it("exits 0 when it ran, whatever the figures, and says whether the targets are met", async () => {
    const r = await runScript("src/eval/run-eval.ts", [], { timeoutMs: 90_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/All targets met\.|Below target:/);
  }, 120_000);

  it("--check exits 1 exactly when it reports a figure below target", async () => {
    const r = await runScript("src/eval/run-eval.ts", ["--check"], { timeoutMs: 90_000 });
    const below = /Below target:/.test(r.stdout);
    expect(below || /All targets met\./.test(r.stdout)).toBe(true);
    expect(r.code).toBe(below ? 1 : 0);
  }, 120_000);
});
