import { describe, expect, it } from "vitest";
import { Library } from "../src/answer/library.js";
import { containsAnswerWords, evaluate } from "../src/eval/evaluate.js";
import { loadQuestionSet } from "../src/eval/question-sets.js";
import { FLOORS, LOWER_IS_BETTER } from "../src/eval/targets.js";
import type { Figure } from "../src/eval/targets.js";
import { evaluateRuns } from "../src/eval/runs.js";
import { askedInARow, CONVERSATION_FLOORS, evaluateConversations } from "../src/eval/conversations.js";
import { engineAnswerer, libraryAnswerer } from "../src/eval/strategies.js";

/**
 * Answer quality, asserted so that a change that lowers it fails CI. The floors are today's measured figures
 * (FLOORS in src/eval/targets.ts); `npm run eval` prints the figures against the targets, per kind and per
 * article, with the tuning runs' misses.
 */
const { runs, reference, second, corpus } = evaluateRuns();

describe.each(runs)("answer quality: $name", ({ name, report }) => {
  const floors = Object.entries(FLOORS[name]) as [Figure, number][];

  it("is big enough to mean something", () => {
    expect(report.inScope).toBeGreaterThanOrEqual(100);
    expect(report.outOfScope).toBeGreaterThanOrEqual(25);
  });

  it.each(floors)("%s holds today's figure (%d)", (figure, floor) => {
    if (LOWER_IS_BETTER.has(figure)) expect(report[figure]).toBeLessThanOrEqual(floor);
    else expect(report[figure]).toBeGreaterThanOrEqual(floor);
  });
});

describe("the corpus", () => {
  it("has at least ten articles, at least seven to tune on and three held out, each with 100 questions or more, 20% out of scope", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(10);
    expect(corpus.filter((a) => a.split === "tune").length).toBeGreaterThanOrEqual(7);
    expect(corpus.filter((a) => a.split === "holdout").length).toBeGreaterThanOrEqual(3);
    for (const a of corpus) {
      const total = a.set.inScope.length + a.set.outOfScope.length;
      expect(total, a.id).toBeGreaterThanOrEqual(100);
      expect(a.set.outOfScope.length / total, a.id).toBeGreaterThanOrEqual(0.2);
    }
  });
});

describe("conversations", () => {
  it.each(["tune", "holdout"] as const)(
    "the %s articles' follow-ups hold today's figure, and beat the same questions asked alone",
    (split) => {
      const articles = corpus.filter((a) => a.split === split);
      const r = evaluateConversations(articles);
      expect(r.followUps).toBeGreaterThanOrEqual(16);
      expect(r.right / r.followUps).toBeGreaterThanOrEqual(CONVERSATION_FLOORS[split]);
      expect(r.right).toBeGreaterThan(r.aloneRight);
    },
  );

  it("questions that stand alone, asked one after another, are answered as well as alone", () => {
    const r = askedInARow([...corpus, { kb: reference, set: loadQuestionSet("eval") }]);
    expect(r.questions).toBeGreaterThan(1000);
    expect(r.inARow).toBeGreaterThanOrEqual(r.alone);
  });
});

describe("two packs loaded, no article chosen", () => {
  const library = new Library([reference, second]);
  // Serving a second article must not cost the first one: its held-out figures stay within a point.
  it.each(["holdout", "fresh"] as const)(
    "the reference article's %s figures stay within 1 point of one pack's",
    (name) => {
      const set = loadQuestionSet(name);
      const alone = evaluate(set, engineAnswerer(reference));
      const both = evaluate(set, libraryAnswerer(library, undefined, reference.id));
      expect(both.top1Rate).toBeGreaterThanOrEqual(alone.top1Rate - 0.01);
      expect(both.abstainRate).toBeGreaterThanOrEqual(alone.abstainRate - 0.01);
      expect(both.wrongConfidentRate).toBeLessThanOrEqual(alone.wrongConfidentRate + 0.01);
    },
  );

  it("routes the second article's questions to its pack as well as choosing it does (within 2 points)", () => {
    const set = loadQuestionSet("second");
    const chosen = evaluate(set, libraryAnswerer(library, second.id));
    const routed = evaluate(set, libraryAnswerer(library, undefined, second.id));
    expect(routed.top1Rate).toBeGreaterThanOrEqual(chosen.top1Rate - 0.02);
  });
});

describe("the answer-words check", () => {
  it("is case-insensitive, and a yes/no word must lead", () => {
    expect(containsAnswerWords("Kim Jong Il, his father.", ["kim jong il"])).toBe(true);
    expect(containsAnswerWords("No — both denied it.", ["no", "denied"])).toBe(true);
    expect(containsAnswerWords("They denied it, no doubt.", ["no", "denied"])).toBe(false);
    expect(containsAnswerWords("In May.", ["multiple"])).toBe(false);
  });
});
