import { describe, expect, it } from "vitest";
import { prepare } from "../../src/answer/prepare.js";
import { SPAN_BIT } from "../../src/search/spans.js";

describe("prepare: the question normalised once for every later stage", () => {
  it.each([
    ["", "empty"],
    [" \n\t ", "empty"],
    ["🚀🇰🇵😂", "no-words"],
    ["\u0000\u0001\u001f", "no-words"],
    ["** __ ~~ ||", "no-words"],
    ["@everyone @here", "no-words"],
    ["lol thanks bot", "chat"],
    ["ngl tbh lmao", "chat"],
  ] as const)("%j has nothing to search: %s", (input, nothing) => {
    expect(prepare(input).nothing).toBe(nothing);
  });

  it("folds chat spelling and drops filler and an @address, keeping the words around them", () => {
    const p = prepare("@ArticleBot ngl how many ppl use the library b4 it shuts?? 😬");
    expect(p.nothing).toBeUndefined();
    expect(p.text).toBe("how many people use the library before it shuts");
    expect(p.kind).toBe("how-many");
  });

  it("reads symbols typed for words in what is searched, keeping the normalised question as typed", () => {
    const p = prepare("@bot what % of ppl were women w/ kids?? 🙏");
    expect(p.text).toBe("what percent of people were women with kids");
    expect(p.kind).toBe("percent");
    expect(p.normalized).toBe("what of ppl were women w kids");
  });

  it("folds stretched words, chat words included", () => {
    expect(prepare("whyyy is it sooo expensive").text).toBe("why is it so expensive");
    expect(prepare("when does it close lmaooo").text).toBe("when does it close");
  });

  it("drops emoji typed as shortcodes and zero-width characters, keeping the words around them", () => {
    expect(prepare("what did she say :joy: :thinking_face:").text).toBe("what did she say");
    expect(prepare("thanks :thumbsup:").nothing).toBe("chat");
    expect(prepare("when did pu\u200btin go?").text).toBe("when did putin go");
    expect(prepare("is it open at 12:30:00").text).toBe("is it open at 12 30 00");
  });

  it("reads the kind of answer asked for, and the span types that give it", () => {
    expect(prepare("When does the library close?").kind).toBe("when");
    expect(prepare("When does the library close?").typeMask & SPAN_BIT.time).not.toBe(0);
    expect(prepare("How much does the project cost?").kind).toBe("money");
    expect(prepare("who is Sam Okoro").kind).toBe("who");
    expect(prepare("why is it closing").kind).toBe("why");
    expect(prepare("didn't they extend the loans?").kind).toBe("yesno");
    expect(prepare("what changes for readers").typeMask).toBe(0);
  });

  it("keeps the question as asked for the reply, and its question words for tie-breaks", () => {
    const p = prepare("  When did the roof start leaking?  ");
    expect(p.question).toBe("When did the roof start leaking?");
    expect(p.functionWords).toContain("when");
  });
});
