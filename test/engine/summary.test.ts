import { describe, expect, it } from "vitest";
import {
  isSummaryRequest,
  leadAndCoverage,
  SUMMARY_MAX,
  SUMMARY_MIN,
  textRank,
} from "../../src/answer/views/summary.js";
import { normalizeText } from "../../src/search/normalize.js";
import { compileLexicon, createAnalyzer } from "../../src/search/analyzer.js";
import { fixtureCurated, fixtureDraft, fixtureEngine } from "../support/fixture-pack.js";
import { twoPacks } from "../support/packs.js";

const asks = (text: string): boolean => isSummaryRequest(normalizeText(text));

describe("a request for a summary", () => {
  it.each([
    "tldr",
    "TL;DR?",
    "tl dr pls",
    "summary",
    "Summarize the article",
    "can you summarise this for me",
    "sum it up",
    "what is this about",
    "What's the article about?",
    "whats this story about lol",
    "ok but what's it about",
    "give me the gist",
    "key takeaways from the piece",
    "@ArticleBot tldr 🙏",
  ])("%j is one", (text) => {
    expect(asks(text)).toBe(true);
  });

  it.each([
    "tldr when did kim go to russia",
    "summary of the far east meeting",
    "what are the UN sanctions on North Korea about",
    "what about kim's sister",
    "what is this",
    "who wrote the article",
    "",
  ])("%j is not", (text) => {
    expect(asks(text)).toBe(false);
  });
});

describe("the summary view", () => {
  const kb = fixtureDraft();
  const analyzer = createAnalyzer(compileLexicon(kb.lexicon));

  it("quotes 3 to 5 of the article's own sentences, in its order, never its headline, byline, headings or FAQ questions", () => {
    for (const method of [textRank, leadAndCoverage]) {
      const chosen = method(kb, analyzer);
      expect(chosen.length).toBeGreaterThanOrEqual(SUMMARY_MIN);
      expect(chosen.length).toBeLessThanOrEqual(SUMMARY_MAX);
      expect(chosen.map((s) => s.index)).toEqual([...chosen.map((s) => s.index)].sort((a, b) => a - b));
      for (const s of chosen) {
        expect(kb.sentenceById.get(s.id)?.text).toBe(s.text);
        expect(["title", "byline", "heading", "question"]).not.toContain(s.role);
      }
    }
  });

  it("takes as many sentences as asked, and no two that say the same thing", () => {
    expect(textRank(kb, analyzer, 4)).toHaveLength(4);
    expect(leadAndCoverage(kb, analyzer, 4)).toHaveLength(4);
    expect(leadAndCoverage(kb, analyzer, 4)[0]?.role).toBe("standfirst");
  });

  it('"tldr" is answered with outcome "summary": answered, every sentence cited, confidence 1', () => {
    const engine = fixtureEngine();
    const a = engine.answer("tldr");
    expect(a).toMatchObject({ question: "tldr", outcome: "summary", answered: true, confidence: 1, closest: [] });
    expect(a.citations.map((c) => c.id)).toEqual(textRank(kb, analyzer).map((s) => s.id));
    expect(a.answer).toBe(`The article in ${a.citations.length} of its own sentences:`);
    // A question that merely starts with "tldr" is answered as a question.
    expect(engine.answer("tldr when does the library shut").outcome).not.toBe("summary");
  });

  it("a curated pack is summarised the same way, suggesting its pinned questions", () => {
    const engine = fixtureEngine(true);
    const a = engine.answer("what's this article about?");
    expect(a.outcome).toBe("summary");
    expect(a.suggestions).toEqual(
      fixtureCurated()
        .qa.filter((e) => e.pinned)
        .map((e) => e.question),
    );
  });

  it("with several articles and none chosen, one article's summary and the choice of every article", () => {
    const { library } = twoPacks();
    const { answer, alternatives } = library.answer("tldr");
    expect(answer.outcome).toBe("summary");
    expect(alternatives.map((p) => p.id)).toEqual(library.packs.map((p) => p.id));
    const chosen = library.packs[1]!;
    const picked = library.answer("tldr", chosen.id);
    expect(picked.pack.id).toBe(chosen.id);
    expect(picked.alternatives).toEqual([]);
    expect(picked.answer.citations.every((c) => chosen.kb.sentenceById.get(c.id)?.text === c.text)).toBe(true);
  });
});
