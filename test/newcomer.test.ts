import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../src/answer/engine.js";
import { loadKnowledge } from "../src/knowledge/load.js";

/**
 * Questions typed the way a new user types them, first time in the terminal mode: each answerable
 * one must be answered with the right sentence first and a short answer that contains the answer;
 * chat and opinion get no answer.
 */
const engine = new AnswerEngine(loadKnowledge());

describe("questions as a new user types them", () => {
  it.each([
    ["who is the leader of russia", "S1", /Putin/],
    ["who leads russia", "S1", /Putin/],
    ["how many missiles did north korea fire", "S19", /multiple/i],
    ["what did russia do in march", "S7", /veto/],
    ["who is kim jong un's father", "S5", /Kim Jong Il/],
    ["why is putin going to north korea", "S1", /munitions/],
    ["what did the us say", "S8", /satellite/],
    ["wat hapend in march", "S7", /veto/],
    ["what's the deal with the rifles", "S11", /rifles/i],
    ["why is puttin going to north corea", "S1", /munitions/],
  ] as const)("%j → %s, and the short answer says it", (question, sentence, words) => {
    const a = engine.answer(question);
    expect(a.outcome).toBe("answered");
    expect(a.citations[0]?.id).toBe(sentence);
    expect(a.answer).toMatch(words);
  });

  it.each(["is putin a dictator", "test", "nice 👍", "lol", "thanks!", "gm"])(
    "%j gets no answer and no citation",
    (question) => {
      const a = engine.answer(question);
      expect(a.answered).toBe(false);
      expect(a.citations).toEqual([]);
    },
  );

  it("an unsure reply shows the closest passage apart from the citations, and says it is unsure", () => {
    const a = engine.answer("is putin a dictator");
    if (a.outcome === "unsure") {
      expect(a.answer).toMatch(/^I'm not sure the article answers that/);
      expect(a.closest.length).toBe(1);
    } else {
      expect(a.outcome).toBe("not_covered");
      expect(a.closest).toEqual([]);
    }
  });

  it("names the topic words the article never uses", () => {
    const a = engine.answer("What is the capital of France?");
    expect(a.outcome).toBe("not_covered");
    expect(a.answer).toContain('"france"');
  });

  it("corrects a false premise with the sentence that contradicts it", () => {
    const a = engine.answer("Why did Russia admit that North Korean weapons are used in Ukraine?");
    expect(a.outcome).toBe("corrected");
    expect(a.answered).toBe(true);
    expect(a.citations[0]?.id).toBe("S16");
    expect(a.answer).toMatch(/^The article says otherwise: "Both Russia and North Korea have denied/);
    const yesNo = engine.answer("Did Yoon cut his support for Kyiv?");
    expect(yesNo.outcome).toBe("corrected");
    expect(yesNo.citations[0]?.id).toBe("S22");
    expect(yesNo.answer).toMatch(/^No — the article says otherwise/);
  });
});
