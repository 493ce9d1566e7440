import { describe, expect, it } from "vitest";
import type { SearchTarget } from "../src/search/search-index.js";
import { SearchIndex } from "../src/search/search-index.js";

const qa = (id: string, ...texts: string[]): SearchTarget => ({ kind: "qa", id, texts, weight: 1 });

describe("SearchIndex", () => {
  const index = new SearchIndex([
    qa("spy-chief", "who is the spy chief", "spy chief visit", "moscow spy chief", "the chief spy", "cheif spy"),
    qa("chief-other", "kremlin chief", "chief of the kremlin", "who is the kremlin chief"),
    qa("rifles", "what gifts did they exchange", "rifles gift"),
    qa("when-veto", "when did russia veto", "russia veto date"),
    qa("why-veto", "why did russia veto", "russia veto reason"),
  ]);

  it("ranks the entry that covers the question's topic words first", () => {
    const { hits, hasKnownTopic } = index.search("who is moscow's spy chief?");
    expect(hasKnownTopic).toBe(true);
    expect(hits[0]?.target.id).toBe("spy-chief");
    expect(hits[0]?.score).toBeCloseTo(1);
  });

  it("folds a misspelling written into the knowledge base onto the word it misspells", () => {
    const folding = new SearchIndex([
      qa("a", "kremlin chief"),
      qa("b", "spy chief"),
      qa("c", "chief of staff"),
      qa("d", "the cheif of police"),
    ]);
    // "cheif" (one entry) is folded onto "chief" (three): the user's "chief" reaches entry d, and a
    // user's "cheif" reaches every chief, instead of being an exact match for d alone.
    expect(folding.search("chief police").hits[0]?.target.id).toBe("d");
    expect(
      folding
        .search("cheif")
        .hits.map((h) => h.target.id)
        .sort(),
    ).toEqual(["a", "b", "c", "d"]);
  });

  it("corrects misspelt question words through the vocabulary", () => {
    expect(index.search("rifels gift").hits[0]?.target.id).toBe("rifles");
  });

  it("folds synonyms: presents are gifts", () => {
    expect(index.search("what presents did they swap").hits[0]?.target.id).toBe("rifles");
  });

  it("lets a shared question word break a tie, without changing the score", () => {
    const when = index.search("when did russia veto").hits;
    const why = index.search("why did russia veto").hits;
    expect(when[0]?.target.id).toBe("when-veto");
    expect(why[0]?.target.id).toBe("why-veto");
    expect(when[0]?.score).toBe(why[0]?.score);
  });

  it("counts a topic word the base has never seen heavily against the match", () => {
    const plain = index.search("spy chief").hits[0]!;
    const unknown = index.search("spy chief salary").hits[0]!;
    expect(unknown.target.id).toBe("spy-chief");
    expect(unknown.score).toBeLessThan(plain.score * 0.8);
    expect(index.search("spy chief salary").unknownTerms).toEqual(["salary"]);
  });

  it("knows no topic in a question of question words and stop words only", () => {
    const outcome = index.search("who is the what when");
    expect(outcome.hasKnownTopic).toBe(false);
    expect(outcome.hits).toEqual([]);
  });

  it("treats a misspelt stop word as noise, not as an unknown topic", () => {
    expect(index.search("wat abot the spy chief").unknownTerms).toEqual([]);
  });

  it("answers the same after many searches (its scratch memory is reset each time)", () => {
    const first = index.search("russia veto reason").hits.map((h) => [h.target.id, h.score]);
    for (let i = 0; i < 50; i++) index.search(i % 2 === 0 ? "spy chief kremlin" : "rifles gifts exchange");
    expect(index.search("russia veto reason").hits.map((h) => [h.target.id, h.score])).toEqual(first);
  });
});

describe("the search stages", () => {
  const stages = new SearchIndex([
    { kind: "sentence", id: "S1", texts: ["Putin is set to travel to North Korea"], weight: 1 },
    { kind: "sentence", id: "S2", texts: ["Seoul announced sanctions"], weight: 1 },
  ]);

  it("corrects misspellings by spelling and by sound before names are joined", () => {
    const spelled = stages.correctSpelling("puttin north corea");
    expect(spelled.text).toBe("putin north korea");
    expect(spelled.corrections.get("korea")?.original).toBe("corea");
    expect(stages.correctSpelling("seol sanctions").text).toBe("seoul sanctions");
  });

  it("tags how each word was resolved", () => {
    const outcome = stages.search("when is puttin travelling to the moon");
    const via = Object.fromEntries(outcome.query.terms.map((t) => [t.word, t.via]));
    expect(via).toMatchObject({ when: "functional", puttin: "fuzzy", travelling: "synonym", moon: "unknown" });
    expect(outcome.unknownTerms).toEqual(["moon"]);
    expect(outcome.hits[0]?.target.id).toBe("S1");
  });
});

describe("three-letter words", () => {
  const names = new SearchIndex([
    { kind: "fact", id: "kim-jong-il", texts: ["Kim Jong Il", "kim jong il father"], weight: 1 },
    { kind: "fact", id: "baek", texts: ["Baek Won-soon"], weight: 1 },
    { kind: "sentence", id: "S1", texts: ["The leaders met in the east, a pro forma summit"], weight: 1 },
  ]);

  it("are corrected by sound to a name's word only", () => {
    expect(names.correctSpelling("kim jong ill").text).toBe("kim jong il");
    expect(names.correctSpelling("bek won soon").text).toBe("baek won soon");
    // "eat" sounds like "east", a word of a sentence, not of a name: left alone (an unknown topic).
    expect(names.correctSpelling("what did they eat").text).toBe("what did they eat");
    // Nor is a longer word corrected to a short one that sounds alike ("peru" is not "pro").
    expect(names.correctSpelling("capital of peru").text).toBe("capital of peru");
  });
});
