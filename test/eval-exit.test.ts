import { describe, expect, it } from "vitest";
import { evaluate, loadQuestionSet, meetsTargets } from "../src/eval/evaluate.js";
import { engineAnswerer } from "../src/eval/strategies.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { runScript } from "./support/run-script.js";

/** `npm run eval` reports; only `--check` turns figures below the targets into a failing exit code. */
describe("npm run eval exit codes", () => {
  const met = meetsTargets(evaluate(loadQuestionSet("eval"), engineAnswerer(loadKnowledge())));

  it("exits 0 when it ran, whatever the figures, and says whether the targets are met", async () => {
    const r = await runScript("src/eval/run-eval.ts", [], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(met ? "Targets met on the eval set." : "Targets NOT met on the eval set.");
  });

  it("--check exits 1 exactly when the eval set is below the targets", async () => {
    const r = await runScript("src/eval/run-eval.ts", ["--check"], { timeoutMs: 60_000 });
    expect(r.code).toBe(met ? 0 : 1);
  });
});
