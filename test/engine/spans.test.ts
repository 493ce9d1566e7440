import { describe, expect, it } from "vitest";
import { findSpans, knownNames, spanMask, SPAN_BIT } from "../../src/search/spans.js";

const spans = (text: string, people: readonly string[] = []): string[] =>
  findSpans(text, people.length === 0 ? undefined : { people: new Set(people) }).map((s) => `${s.type}:${s.text}`);

describe("typed spans: verbatim slices of a sentence", () => {
  it("times, dates and durations", () => {
    expect(spans("Work is due to start in September and will take around 18 months, finishing in March 2027.")).toEqual(
      ["time:in September", "duration:around 18 months", "time:in March 2027"],
    );
    expect(spans("The cabinet voted on Wednesday evening.")).toContain("time:on Wednesday evening");
    expect(spans("Servers go offline at 09:00 UTC.")).toContain("time:09:00 UTC");
  });

  it("money, percentages and counted things, number words at a sentence's start included", () => {
    expect(spans("The £6.8 million scheme and a €12 fee.")).toEqual(["money:£6.8 million", "money:€12"]);
    expect(spans("A further 35% rise.")).toEqual(["percent:35%"]);
    expect(spans("Twenty-three mature trees will be felled.")).toEqual(["quantity:Twenty-three mature trees"]);
    expect(spans("About 1,200 people use it.")).toEqual(["quantity:1,200 people"]);
  });

  it("a number inside a name is not a count", () => {
    expect(spans("The first F-16 jets arrived.").filter((s) => s.startsWith("number"))).toEqual([]);
  });

  it("people, organisations and places by their shape; a possessive is not part of the name", () => {
    expect(spans("Council leader Margaret Ellery-Shaw said the Environment Agency would pay.")).toEqual([
      "organisation:Council",
      "person:Margaret Ellery-Shaw",
      "organisation:Environment Agency",
    ]);
    expect(spans("Aaron Whitcombe's penalty at Tanners Lane.")).toEqual([
      "person:Aaron Whitcombe",
      "place:Tanners Lane",
    ]);
  });

  it("a surname alone is a person when the article names them in full elsewhere", () => {
    const known = knownNames(["Striker Callum Frayne scored.", "It was Frayne's 11th goal."]);
    expect(known.people.has("Frayne")).toBe(true);
    expect(spans("It was Frayne's 11th goal.", [...known.people])).toContain("person:Frayne");
  });

  it("masks say which types a sentence offers", () => {
    const mask = spanMask(findSpans("On 3 June, £420,000."));
    expect(mask & SPAN_BIT.time).not.toBe(0);
    expect(mask & SPAN_BIT.money).not.toBe(0);
    expect(mask & SPAN_BIT.person).toBe(0);
  });
});
