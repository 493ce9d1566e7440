import { describe, expect, it } from "vitest";
import { evaluate, loadQuestionSet, TARGETS } from "../src/eval/evaluate.js";
import { engineAnswerer } from "../src/eval/strategies.js";
import { loadKnowledge } from "../src/knowledge/load.js";

/** The quality bar of issue 2, asserted so that a change that lowers it fails CI. `npm run eval` shows the misses. */
describe("answer quality on the eval question set", () => {
  const set = loadQuestionSet();
  const report = evaluate(set, engineAnswerer(loadKnowledge()));

  it("is big enough to mean something", () => {
    expect(set.inScope.length).toBeGreaterThanOrEqual(150);
    expect(set.outOfScope.length).toBeGreaterThanOrEqual(30);
  });

  it(`cites the right sentence first for ≥ ${TARGETS.top1Rate * 100}% of in-scope questions`, () => {
    expect(report.top1Rate).toBeGreaterThanOrEqual(TARGETS.top1Rate);
  });

  it(`abstains on ≥ ${TARGETS.abstainRate * 100}% of out-of-scope questions`, () => {
    expect(report.abstainRate).toBeGreaterThanOrEqual(TARGETS.abstainRate);
  });

  it(`answers wrongly with confidence on ≤ ${TARGETS.wrongConfidentRate * 100}% of all questions`, () => {
    expect(report.wrongConfidentRate).toBeLessThanOrEqual(TARGETS.wrongConfidentRate);
  });
});
