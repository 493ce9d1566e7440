import { describe, expect, it } from "vitest";
import { Library, MAX_CANDIDATES } from "../src/answer/library.js";
import { copyOf, twoPacks } from "./support/packs.js";

const { reference, second, library } = twoPacks();

describe("the library of packs", () => {
  it("routes a question to the article that answers it, and answers from a chosen one", () => {
    expect(library.answer("When did Putin first visit North Korea?").pack.id).toBe(reference.id);
    expect(library.answer("How many stations are there on the Green Line?").pack.id).toBe(second.id);
    const chosen = library.answer("When did Putin first visit North Korea?", second.id);
    expect(chosen.pack.id).toBe(second.id);
    expect(chosen.alternatives).toEqual([]);
  });

  it("a draft pack answers from its sentences, and keeps its cards for /fact", () => {
    const pack = library.pack(second.id)!;
    expect(pack.status).toBe("draft");
    expect(pack.engine.index.entries.targets).toEqual([]);
    expect(pack.engine.kb.facts.length).toBeGreaterThan(0);
    expect(pack.factEngine.factView("Niamh Feeney").found).toBe(true);
    const reference = library.pack(twoPacks().reference.id)!;
    expect(reference.factEngine).toBe(reference.engine);
  });

  it("with many packs, asks only the few that share the question's words, and reports near-ties", () => {
    const copies = Array.from({ length: 6 }, (_, i) => copyOf(second, `tram-${i}`, `Tram copy ${i}`));
    const many = new Library([reference, ...copies]);
    expect(many.candidates("How many stations are there on the Green Line?").length).toBeLessThanOrEqual(
      MAX_CANDIDATES,
    );
    expect(many.candidates("When did Putin first visit North Korea?")[0]!.id).toBe(reference.id);
    const tram = many.answer("How many stations are there on the Green Line?");
    expect(tram.pack.id).toMatch(/^tram-/);
    expect(tram.alternatives.length).toBeGreaterThanOrEqual(2);
    expect(tram.alternatives[0]!.id).toBe(tram.pack.id);
    // A misspelt word is corrected against every pack's words before picking the packs to ask.
    expect(many.candidates("When did Puttin first visit Nroth Korea?")[0]!.id).toBe(reference.id);
  });

  it("autocompletes articles by the words of their titles", () => {
    expect(library.suggestPacks("green line").map((p) => p.id)).toEqual([second.id]);
    expect(library.suggestPacks("").map((p) => p.id)).toEqual([reference.id, second.id]);
    expect(library.suggestPacks("zebra")).toEqual([]);
  });
});
