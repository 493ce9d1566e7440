import { describe, expect, it } from "vitest";
import { defaultIrregular, defaultSlang, foldSlang } from "../../src/search/slang.js";
import { LexiconError, parseIrregular, parseSlang } from "../../src/search/lexicon-files.js";
import { compileLexicon, createAnalyzer } from "../../src/search/analyzer.js";
import { defaultWordVectors } from "../../src/search/word-vectors.js";

describe("the chat lexicon (lexicon/slang.yaml)", () => {
  it("loads and folds chat spelling", () => {
    expect(foldSlang("ngl how many ppl show up b4 9 lol", defaultSlang(), defaultWordVectors())).toBe(
      "how many people show up before 9",
    );
  });

  it("names the file and the line of a bad entry", () => {
    expect(() => parseSlang("expand:\n  ok: fine\n  Bad Key: x\nfiller: []\n", "lexicon/slang.yaml")).toThrow(
      /lexicon\/slang\.yaml:3: expand\.Bad Key: Invalid key/,
    );
    expect(() => parseSlang("expand:\n  lol: laugh\nfiller: [lol]\n")).toThrow(LexiconError);
    expect(() => parseSlang("expand: [unclosed\n")).toThrow(/lexicon\/slang\.yaml:\d+:/);
  });
});

describe("irregular verbs (lexicon/english.yaml)", () => {
  it("brings past forms back to the base before stemming, so 'paid' meets 'paying'", () => {
    expect(defaultIrregular().get("paid")).toBe("pay");
    const analyzer = createAnalyzer();
    expect(analyzer.analyze("paid")[0]?.term).toBe(analyzer.analyze("paying")[0]?.term);
    expect(analyzer.analyze("went")[0]?.term).toBe(analyzer.analyze("go")[0]?.term);
  });

  it("rejects an entry that is not one word", () => {
    expect(() => parseIrregular("irregular:\n  paid: pay up\n")).toThrow(/lexicon\/english\.yaml:2:/);
  });
});

describe("a pack's lexicon", () => {
  const analyzer = createAnalyzer(
    compileLexicon({
      names: [{ term: "northkorea", words: "north korea", spellings: ["north korea", "dprk"] }],
      synonyms: [["gift", "present", "presents"]],
    }),
  );

  it("joins a multi-word name into one term, keeping its words in the article's texts", () => {
    expect(analyzer.analyze("North Korea", "index").map((t) => t.term)).toEqual(["north", "korea", "northkorea"]);
    expect(analyzer.analyze("the DPRK").map((t) => t.term)).toEqual(["northkorea"]);
  });

  it("folds a synonym group onto its first word", () => {
    expect(analyzer.analyze("presents")[0]).toMatchObject({ term: "gift", synonym: true });
  });

  it("does not stem numbers", () => {
    expect(analyzer.analyze("in 2000")[0]?.term).toBe("2000");
  });
});
