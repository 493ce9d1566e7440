import { describe, expect, it } from "vitest";
import { analyze, MAX_SEARCH_CHARS, normalizeText } from "../src/search/normalize.js";
import { similarity } from "../src/search/fuzzy-vocabulary.js";
import { expectedAnswerType, offersAnswerType } from "../src/search/answer-type.js";

describe("normalizeText", () => {
  it("folds case, punctuation, diacritics, curly quotes and whitespace", () => {
    expect(normalizeText("  Wháť   did  PUTIN’s  “friend”\tsay?! ")).toBe("what did putin friend say");
  });

  it("removes Discord mention tokens, @everyone/@here, custom emoji and timestamps", () => {
    expect(
      normalizeText(
        "<@123456789012345678> <@!1234> <@&999> <#42> @everyone @here who is <:kim:1234> Kim <t:1718000000:R>",
      ),
    ).toBe("who is kim");
  });

  it("removes markdown and URLs but keeps link text", () => {
    expect(
      normalizeText("**when** did `putin` ~~first~~ ||visit|| [North Korea](https://example.com/x) > https://t.co/abc"),
    ).toBe("when did putin first visit north korea");
  });

  it("joins letter-digit hyphens and separates word hyphens", () => {
    expect(normalizeText("F-16 jets, short-range missiles, Kim Jong-un")).toBe(
      "f16 jets short range missiles kim jong un",
    );
  });

  it("reads upper-case US as the country, lower-case us as the pronoun", () => {
    expect(normalizeText("What did the US say to us?")).toBe("what did the usa say to us");
    expect(normalizeText("U.S. sanctions")).toBe("usa sanctions");
  });

  it("drops control characters and emoji, and caps very long input", () => {
    expect(normalizeText("\u0000\u0007kim\u001b[31m 🇰🇵🚀")).toBe("kim 31m");
    expect(normalizeText("putin ".repeat(5000)).length).toBeLessThanOrEqual(MAX_SEARCH_CHARS);
  });
});

describe("analyze", () => {
  it("drops stop words, stems, folds synonyms and names, keeps question words marked", () => {
    const terms = analyze("When did the leaders of North Korea exchange presents?");
    expect(terms).toEqual([
      { term: "when", word: "when", functional: true, synonym: false },
      { term: "leader", word: "leaders", functional: false, synonym: true },
      { term: "northkorea", word: "northkorea", functional: false, synonym: false },
      { term: "exchang", word: "exchange", functional: false, synonym: false },
      { term: "gift", word: "presents", functional: false, synonym: true },
    ]);
  });

  it("indexes a name's words beside its compound term, so misspelt names still meet them", () => {
    expect(analyze("North Korea", "index").map((t) => t.term)).toEqual(["north", "korea", "northkorea"]);
    expect(analyze("north koria").map((t) => t.term)).toEqual(["north", "koria"]);
  });

  it("gives nothing but question words for a question made only of stop words", () => {
    expect(analyze("what is the of and it")).toEqual([
      { term: "what", word: "what", functional: true, synonym: false },
    ]);
    expect(analyze("the of and")).toEqual([]);
  });
});

describe("similarity", () => {
  it("is 1 for equal words and counts a transposition as one edit", () => {
    expect(similarity("putin", "putin")).toBe(1);
    expect(similarity("cheif", "chief")).toBeCloseTo(0.8);
    expect(similarity("bake", "baek", false)).toBeCloseTo(0.5);
  });
});

describe("answer types", () => {
  it("recognises questions that want an age, a quantity or a time", () => {
    expect(expectedAnswerType("how old is kim jong un")).toBe("age");
    expect(expectedAnswerType("how many f16s did ukraine get")).toBe("quantity");
    expect(expectedAnswerType("when did putin first visit")).toBe("time");
    expect(expectedAnswerType("who is baek won soon")).toBe("any");
  });

  it("checks that an answer offers that type, not counting digits inside names", () => {
    expect(offersAnswerType("quantity", ["the first delivery of F-16 fighter jets"])).toBe(false);
    expect(offersAnswerType("quantity", ["fired multiple short-range ballistic missiles"])).toBe(true);
    expect(offersAnswerType("time", ["He made his first trip 24 years ago"])).toBe(true);
    expect(offersAnswerType("age", ["Kim Jong Un's father Kim Jong Il"])).toBe(false);
  });
});
