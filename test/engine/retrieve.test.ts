import { describe, expect, it } from "vitest";
import { prepare } from "../../src/answer/prepare.js";
import { buildIndex } from "../../src/search/pack-index.js";
import { retrieve } from "../../src/search/retrieve.js";
import { fixtureCurated, fixtureDraft, sentenceWith } from "../support/fixture-pack.js";

const kb = fixtureDraft();
const index = buildIndex(kb);

/** The sentence retrieval scores best for a question. */
function best(question: string): string {
  const r = retrieve(prepare(question), index);
  let top = 0;
  r.scores.score.forEach((s, d) => {
    if (s > r.scores.score[top]!) top = d;
  });
  return kb.sentences[top]!.id;
}

describe("retrieve: every sentence scored for the question", () => {
  it("ranks the sentence that shares the question's rare words first", () => {
    expect(best("Who leads the council?")).toBe(sentenceWith(kb, "Council leader Sam Okoro"));
    expect(best("where will the children's section go")).toBe(sentenceWith(kb, "children's section will move"));
  });

  it("reads a list item with the heading it sits under", () => {
    const r = retrieve(prepare("what changes for readers about printing"), index);
    const item = Number(sentenceWith(kb, "Printing will be").slice(1));
    expect(r.scores.exactWeight[item]).toBeGreaterThan(0);
    expect(best("what changes for readers about printing")).toBe(sentenceWith(kb, "Printing will be"));
  });

  it("finds a FAQ answer through the question line above it", () => {
    expect(best("can books be returned while it is closed")).toBe(sentenceWith(kb, "book drop at the front door"));
  });

  it("reads a quote with the speaker named the sentence before", () => {
    const quote = Number(sentenceWith(kb, "putting buckets").slice(1));
    const r = retrieve(prepare("what did Okoro say about buckets"), index);
    expect(r.scores.exactWeight[quote]).toBeGreaterThan(r.scores.exactWeight[quote - 2] ?? 0);
  });

  it("corrects a misspelt article word, and keeps an English word the article does not use", () => {
    const r = retrieve(prepare("who is sponsoring the librery"), index);
    expect(r.words.find((w) => w.typed === "librery")).toMatchObject({ word: "library", via: "corrected" });
    expect(r.words.find((w) => w.typed === "sponsoring")?.via).toBe("english");
  });

  it("matches a word by meaning when the article uses another (word vectors)", () => {
    const r = retrieve(prepare("how much will the work cost"), index);
    const project = Number(sentenceWith(kb, "£420,000 project").slice(1));
    expect(r.scores.soft.some((s) => s > 0)).toBe(true);
    expect(r.alignment[project]).toBeGreaterThan(0);
  });

  it("weighs words the article never mentions, and names them", () => {
    const r = retrieve(prepare("what is the capital of peru"), index);
    expect(r.unknownWords).toContain("peru");
    expect(r.unknownShare).toBeGreaterThan(0.3);
  });

  it("matches curated entries only in a pack that has them", () => {
    expect(retrieve(prepare("who is paying for the repairs"), index).entryHits).toEqual([]);
    const curated = fixtureCurated();
    const hits = retrieve(prepare("who is paying for the repairs"), buildIndex(curated)).entryHits;
    expect(hits[0]?.target.id).toBe("who-pays");
  });
});
