import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../src/answer/engine.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { fixtureCurated, fixtureDraft, fixtureEngine, FIXTURE_ARTICLE, sentenceWith } from "./support/fixture-pack.js";

/**
 * The engine end to end, on a pack built by the test from its own article (test/support/fixture-pack.ts): every
 * stage is exercised through answer(); the reference pack's answers are asserted by the eval floors, not here —
 * except its honesty, which is a property of every curated question it holds.
 */
const draft = fixtureEngine();
const kb = fixtureDraft();

describe("answer(): a draft pack answered from its sentences", () => {
  it("quotes the article's own sentences, verbatim, with their ids", () => {
    const a = draft.answer("Who is the council leader?");
    expect(["answered", "unsure"]).toContain(a.outcome);
    for (const c of [...a.citations, ...a.closest]) {
      expect(kb.sentenceById.get(c.id)?.text).toBe(c.text);
      expect(FIXTURE_ARTICLE.replace(/[“”]/g, '"')).toContain(c.text);
    }
  });

  it("an answer cites at most three sentences; an unsure reply shows up to three closest passages, never as citations", () => {
    for (const q of ["when does the library close", "what about the roof", "who pays", "printing", "fines?"]) {
      const a = draft.answer(q);
      expect(a.citations.length).toBeLessThanOrEqual(3);
      expect(a.closest.length).toBeLessThanOrEqual(3);
      if (a.outcome === "unsure") {
        expect(a.citations).toEqual([]);
        expect(a.answer).toMatch(/^I'm not sure the article answers that/);
        expect(a.closest.length).toBeGreaterThan(0);
      }
      if (a.outcome === "answered") expect(a.closest).toEqual([]);
    }
  });

  it("does not answer what the article does not say", () => {
    for (const q of ["What is the capital of Peru?", "Who won the 2018 World Cup?", "asdkjh qwe zzxq"]) {
      const a = draft.answer(q);
      expect(a.answered, q).toBe(false);
      expect(a.citations).toEqual([]);
    }
    expect(draft.answer("What is the capital of Peru?").answer).toMatch(/doesn't mention .*"peru"|not sure/);
  });

  it.each([
    ["empty", "", "empty"],
    ["whitespace", " \n\t ", "empty"],
    ["emoji only", "🚀🇰🇵😂", "no-words"],
    ["control characters", "\u0000\u0001\u0002\u001f", "no-words"],
    ["markdown only", "** __ ~~ ||", "no-words"],
    ["@everyone only", "@everyone @here", "no-words"],
    ["chat", "lol thanks", "chat"],
  ])("gives a clear reply to bad input: %s", (_name, input, reason) => {
    const a = draft.answer(input);
    expect(a.answered).toBe(false);
    expect(a.reason).toBe(reason);
    expect(a.answer.length).toBeGreaterThan(10);
  });

  it("answers a question wrapped in mentions, markdown and @everyone as if they were not there", () => {
    const plain = draft.answer("who is paying for the roof");
    const noisy = draft.answer("<@123456789012345678> @everyone **who** is _paying_ for the `roof`?? 🤔");
    expect(noisy.outcome).toBe(plain.outcome);
    expect(noisy.citations).toEqual(plain.citations);
    expect(noisy.closest).toEqual(plain.closest);
  });

  it("handles a 10,000-character question without failing", () => {
    const a = draft.answer(`${"library ".repeat(1000)}${"x".repeat(2000)}`);
    expect(typeof a.answered).toBe("boolean");
    expect(a.question.length).toBe(10000);
  });

  it("offers a draft's FAQ questions when it does not answer", () => {
    const a = draft.answer("what is the capital of peru");
    expect(a.suggestions).toContain("Can I return books during the closure?");
  });
});

describe("answer(): a curated pack", () => {
  const curated = fixtureEngine(true);
  const ckb = fixtureCurated();

  it("answers a curated question with its own entry: its answer and its citations", () => {
    const a = curated.answer("Who is paying for the repairs?");
    expect(a.outcome).toBe("answered");
    expect(a.source).toEqual({ kind: "qa", id: "who-pays" });
    expect(a.answer).toBe(ckb.qaById.get("who-pays")!.answer);
    expect(a.citations.map((c) => c.id)).toEqual([sentenceWith(ckb, "£420,000 project")]);
  });

  it("suggests related curated questions, never the one just answered", () => {
    const a = curated.answer("library closing date");
    expect(a.source).toEqual({ kind: "qa", id: "when-closing" });
    expect(a.suggestions).not.toContain("When does the library close?");
  });
});

describe("the reference pack's curated questions", () => {
  const reference = loadKnowledge();
  const engine = new AnswerEngine(reference);
  const asked = reference.qa.flatMap((entry) => [entry.question, ...entry.phrasings].map((q) => ({ q, entry })));

  it("every curated question and phrasing is answered by its own entry (at most 0.5% by another)", () => {
    const other = asked.filter(({ q, entry }) => {
      const a = engine.answer(q);
      return !(a.outcome === "answered" && a.source?.kind === "qa" && a.source.id === entry.id);
    });
    expect(asked.length).toBeGreaterThan(1000);
    expect(other.length, JSON.stringify(other.slice(0, 10).map((o) => o.q))).toBeLessThanOrEqual(asked.length * 0.005);
  });

  it("no curated question or phrasing is told 'the article says otherwise'", () => {
    const corrected = asked.filter(({ q }) => engine.answer(q).outcome === "corrected").map(({ q }) => q);
    expect(corrected).toEqual([]);
  });
});
