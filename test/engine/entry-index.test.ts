import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../src/search/analyzer.js";
import type { EntryTarget } from "../../src/search/entry-index.js";
import { buildEntryIndex } from "../../src/search/entry-index.js";
import { matchEntries } from "../../src/search/entry-match.js";
import type { ResolvedWord } from "../../src/search/query-words.js";

const analyzer = createAnalyzer();
const qa = (id: string, ...texts: string[]): EntryTarget => ({ kind: "qa", id, texts });

/** The question's words as retrieval resolves them (all known, spelt right). */
function words(question: string): ResolvedWord[] {
  return analyzer
    .analyze(question)
    .filter((t) => !t.functional)
    .map((t) => ({
      term: t.term,
      word: t.word,
      typed: t.word,
      weight: 1,
      likeness: 1,
      via: "exact",
      alternatives: [],
    }));
}
function search(index: ReturnType<typeof buildEntryIndex>, question: string, normalized?: string) {
  const fn = analyzer
    .analyze(question)
    .filter((t) => t.functional)
    .map((t) => t.term);
  return matchEntries(index, analyzer, words(question), fn, 10, normalized);
}

describe("the curated entries as an index", () => {
  const index = buildEntryIndex(
    [
      qa("spy-chief", "who is the spy chief", "spy chief visit", "moscow spy chief", "the chief spy", "cheif spy"),
      qa("chief-other", "kremlin chief", "chief of the kremlin", "who is the kremlin chief"),
      qa("when-veto", "when did russia veto", "russia veto date"),
      qa("why-veto", "why did russia veto", "russia veto reason"),
    ],
    analyzer,
  );

  it("ranks the entry that covers the question's topic words first, scoring a full match 1", () => {
    const hits = search(index, "who is moscow's spy chief?");
    expect(hits[0]?.target.id).toBe("spy-chief");
    expect(hits[0]?.score).toBeCloseTo(1);
  });

  it("folds a misspelling written into the base onto the word it misspells", () => {
    const folding = buildEntryIndex(
      [qa("a", "kremlin chief"), qa("b", "spy chief"), qa("c", "chief of staff"), qa("d", "the cheif of police")],
      analyzer,
    );
    expect(search(folding, "chief police")[0]?.target.id).toBe("d");
  });

  it("lets a shared question word break a tie, without changing the score", () => {
    const when = search(index, "when did russia veto");
    const why = search(index, "why did russia veto");
    expect(when[0]?.target.id).toBe("when-veto");
    expect(why[0]?.target.id).toBe("why-veto");
    expect(when[0]?.score).toBe(why[0]?.score);
  });

  it("gives a question asked word for word as an entry's text to that entry", () => {
    const hits = search(index, "who is the kremlin chief", "who is the kremlin chief");
    expect(hits[0]?.target.id).toBe("chief-other");
  });

  it("touches only texts that share a word with the question", () => {
    expect(search(index, "pizza")).toEqual([]);
  });
});

describe("the pruned walk", () => {
  // A base of many entries over a small vocabulary (common and rare words), so that the bar rises and prunes.
  const vocabulary =
    "putin kim russia korea visit trip summit missile satellite sanction arms deal treaty moscow seoul kyiv".split(" ");
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const phrase = (): string =>
    Array.from(
      { length: 2 + next(5) },
      () => vocabulary[Math.min(next(vocabulary.length), next(vocabulary.length))],
    ).join(" ");
  const targets = Array.from({ length: 400 }, (_, i) => qa(`e${i}`, ...Array.from({ length: 1 + next(4) }, phrase)));
  const index = buildEntryIndex(targets, analyzer);

  it("finds the same best entries, with the same scores, as scoring every text", () => {
    for (let q = 0; q < 200; q++) {
      const question = phrase();
      const pruned = matchEntries(index, analyzer, words(question), [], 5);
      const exhaustive = matchEntries(index, analyzer, words(question), [], targets.length).slice(0, 5);
      expect(pruned.map((h) => [h.target.id, h.score.toFixed(9)])).toEqual(
        exhaustive.map((h) => [h.target.id, h.score.toFixed(9)]),
      );
    }
  });
});
