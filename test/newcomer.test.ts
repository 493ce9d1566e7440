import { describe, expect, it } from "vitest";
import { fixtureDraft, fixtureEngine, sentenceWith } from "./support/fixture-pack.js";

/**
 * Questions typed the way a new user types them, about an article the engine has never been fitted on (the
 * test's own fixture). An answer must cite the settling sentence first and its short answer must contain the
 * answer; an unsure reply must show the settling sentence among its closest passages.
 */
const engine = fixtureEngine();
const kb = fixtureDraft();

describe("questions as a new user types them", () => {
  it.each([
    ["who leads the council", "Council leader Sam Okoro", /Sam Okoro/],
    ["how much is the project", "£420,000 project", /£420,000/],
    ["wheres the childrens section going", "children's section will move", /community centre|Mill Lane/],
    ["can i still return books?", "book drop at the front door", /Yes/],
    ["how many ppl use the library tbh", "About 1,200 people", /1,200/],
    ["@bot when do loans have to be back by 😅", "extended until 5 August", /5 August/],
    ["who is paying for the roof repairs", "£420,000 project", /heritage fund|Wexley/],
  ] as const)("%j is answered from the settling sentence, or shows it", (question, settling, words) => {
    const a = engine.answer(question);
    const id = sentenceWith(kb, settling);
    expect(["answered", "unsure"]).toContain(a.outcome);
    if (a.outcome === "answered") {
      expect(a.citations[0]?.id).toBe(id);
      expect(a.answer).toMatch(words);
    } else {
      expect(a.closest.map((c) => c.id)).toContain(id);
    }
  });

  it.each(["test", "nice 👍", "lol", "thanks!", "gm", "ok bot"])("%j gets no answer and no citation", (question) => {
    const a = engine.answer(question);
    expect(a.answered).toBe(false);
    expect(a.citations).toEqual([]);
  });

  it("names the topic words the article never uses", () => {
    const a = engine.answer("What is the capital of Peru?");
    expect(a.outcome).toBe("not_covered");
    expect(a.answer).toContain('"peru"');
  });

  it("corrects a false number with the sentence that states the right one", () => {
    const a = engine.answer("Didn't about 5,000 people use the library each week?");
    expect(a.answered ? a.outcome : "not answered").not.toBe("answered");
  });
});
