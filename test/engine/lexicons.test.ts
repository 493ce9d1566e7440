import { describe, expect, it } from "vitest";
import { defaultIrregular, defaultSlang, foldSlang, foldSymbols } from "../../src/search/slang.js";
import { LexiconError, parseIrregular, parseSlang } from "../../src/search/lexicon-files.js";
import { compileLexicon, createAnalyzer } from "../../src/search/analyzer.js";
import { defaultWordVectors } from "../../src/search/word-vectors.js";

describe("the chat lexicon (lexicon/slang.yaml)", () => {
  it("loads and folds chat spelling", () => {
    expect(foldSlang("ngl how many ppl show up b4 9 lol", defaultSlang(), defaultWordVectors())).toBe(
      "how many people show up before 9",
    );
  });

  it("drops filler phrases, and reads a digit typed for a word only where it cannot be a number", () => {
    const slang = defaultSlang();
    expect(foldSlang("were ppl included asking for a friend", slang, undefined)).toBe("were people included");
    expect(foldSlang("what happens 2 the trees", slang, undefined)).toBe("what happens to the trees");
    expect(foldSlang("the 2 groups after 4 weeks", slang, undefined)).toBe("the 2 groups after 4 weeks");
  });

  it("reads symbols typed for words, standing alone, before normalisation drops them", () => {
    const slang = defaultSlang();
    expect(foldSymbols("the fine w/o a registration?", slang)).toBe("the fine without a registration?");
    expect(foldSymbols("what % of them, w/ tickets", slang)).toBe("what percent of them, with tickets");
    expect(foldSymbols("64% of https://a.b/w/o", slang)).toBe("64% of https://a.b/w/o");
  });

  it("names the file and the line of a bad entry", () => {
    expect(() => parseSlang("expand:\n  ok: fine\n  Bad Key: x\nfiller: []\n", "lexicon/slang.yaml")).toThrow(
      /lexicon\/slang\.yaml:3: expand\.Bad Key: Invalid key/,
    );
    expect(() => parseSlang("expand:\n  lol: laugh\nfiller: [lol]\n")).toThrow(LexiconError);
    expect(() => parseSlang("expand: [unclosed\n")).toThrow(/lexicon\/slang\.yaml:\d+:/);
    expect(() => parseSlang("expand: {}\nfiller: []\nphrases: [lol]\n")).toThrow(/phrases\.0: must be several words/);
    expect(() => parseSlang('expand: {}\nfiller: []\nsymbols:\n  "wo": without\n')).toThrow(
      /slang\.yaml:4: symbols\.wo: Invalid key/,
    );
    expect(() => parseSlang('expand: {}\nfiller: []\nnumerals:\n  "22": to\n')).toThrow(
      /slang\.yaml:4: numerals\.22: Invalid key/,
    );
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
