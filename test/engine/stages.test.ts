import { describe, expect, it } from "vitest";
import type { Verdict } from "../../src/answer/decide.js";
import { decide } from "../../src/answer/decide.js";
import { filterByAnswerType } from "../../src/answer/filter-answer-type.js";
import type { Judged } from "../../src/answer/judge.js";
import { judge } from "../../src/answer/judge.js";
import { MODELS } from "../../src/answer/models.js";
import { prepare } from "../../src/answer/prepare.js";
import { toAnswer, UNSURE } from "../../src/answer/to-answer.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";
import type { PackIndex } from "../../src/search/pack-index.js";
import { buildIndex } from "../../src/search/pack-index.js";
import { retrieve } from "../../src/search/retrieve.js";
import { fixtureCurated, fixtureDraft, sentenceWith } from "../support/fixture-pack.js";

const kb = fixtureDraft();
const index = buildIndex(kb);

function stages(question: string, pack: KnowledgeBase = kb, packIndex: PackIndex = index) {
  const prepared = prepare(question);
  const typed = filterByAnswerType(retrieve(prepared, packIndex), prepared, packIndex, pack);
  return { prepared, typed, judged: judge(typed, prepared, packIndex.sentences, pack, MODELS) };
}
const position = (text: string): number => Number(sentenceWith(kb, text).slice(1));

describe("filterByAnswerType", () => {
  it("marks the sentences that state the kind of answer asked for", () => {
    const { typed } = stages("when does the library shut");
    expect(typed.hasType[position("shut on 3 June")]).toBe(1);
    expect(typed.hasType[position("Printing will be")]).toBe(0);
  });

  it("marks a span the question does not already say, and a count of the thing asked about", () => {
    const { typed } = stages("how many people use the library each week");
    const weekly = position("About 1,200 people");
    expect(typed.newSpan[weekly]).toBe(1);
    expect(typed.countMatch[weekly]).toBe(1);
  });

  it("marks nothing when the question asks for nothing in particular", () => {
    const { typed } = stages("what changes for readers");
    expect([...typed.hasType].every((x) => x === 0)).toBe(true);
  });
});

describe("judge", () => {
  it("ranks every sentence with a probability, best first, and a confidence for the best", () => {
    const { judged } = stages("where is the children's section moving to");
    const ps = judged.candidates.map((c) => c.probability);
    expect([...ps].sort((a, b) => b - a)).toEqual(ps);
    expect(ps.reduce((a, b) => a + b, 0) + judged.none).toBeLessThanOrEqual(1.0001);
    expect(judged.candidates[0]?.id).toBe(sentenceWith(kb, "children's section will move"));
    expect(judged.confidence).toBeGreaterThan(0);
    expect(judged.confidence).toBeLessThan(1);
  });

  it("judges the best curated entry in a curated pack, and only there", () => {
    expect(stages("who is paying for the repairs").judged.entry).toBeUndefined();
    const curated = fixtureCurated();
    const { judged } = stages("who is paying for the repairs", curated, buildIndex(curated));
    expect(judged.entry?.hit.target.id).toBe("who-pays");
    expect(judged.entryFirstSentence).toBe(curated.qaById.get("who-pays")!.sentences[0]);
  });
});

describe("decide", () => {
  const cutoffs = { answerAt: 0.5, entryAnswerAt: 0.5 };
  const { prepared, judged } = stages("where is the children's section moving to");
  const at = (confidence: number): Judged => ({ ...judged, confidence });

  it("answers when the decider is confident, and is unsure with up to three passages when not", () => {
    expect(decide(prepared, at(0.9), undefined, cutoffs, false).kind).toBe("answered");
    const unsure = decide(prepared, at(0.1), undefined, cutoffs, false);
    expect(unsure.kind).toBe("unsure");
    if (unsure.kind === "unsure") expect(unsure.closest.length).toBe(3);
  });

  it("declines when there is nothing to search, and when a moderator marked the question", () => {
    expect(decide(prepare("lol"), undefined, undefined, cutoffs, false)).toEqual({ kind: "declined", reason: "chat" });
    expect(decide(prepared, at(0.9), undefined, cutoffs, true).kind).toBe("not-covered");
  });

  it("corrects a false premise before answering, whatever the confidence", () => {
    const premise = { sentence: kb.sentences[1]!, kind: "number" as const, asked: "5 June", article: "3 June" };
    expect(decide(prepared, at(0.99), premise, cutoffs, false).kind).toBe("corrected");
  });

  it("says the article does not mention what most of the question is about", () => {
    const off = stages("what is the capital of peru");
    expect(decide(off.prepared, { ...off.judged, confidence: 0 }, undefined, cutoffs, false)).toMatchObject({
      kind: "not-covered",
      words: expect.arrayContaining(["peru"]) as unknown,
    });
  });
});

describe("toAnswer: every reply built in one place", () => {
  const { prepared, judged } = stages("how many people use the library each week");
  const context = { kb, spans: index.sentences.spans, suggestions: ["Q?"], entry: undefined, confidence: 0.8 };
  const best = judged.candidates[0]!;

  it("an answer quotes its sentence and gives a typed short answer", () => {
    const a = toAnswer({ kind: "answered", candidate: best }, prepared, context);
    expect(a).toMatchObject({
      outcome: "answered",
      answered: true,
      closest: [],
      source: { kind: "sentence", id: best.id },
    });
    expect(a.citations[0]).toEqual({ id: best.id, text: kb.sentenceById.get(best.id)!.text });
  });

  it("an unsure reply shows the passages apart from the citations", () => {
    const verdict: Verdict = { kind: "unsure", closest: judged.candidates.slice(0, 3) };
    const a = toAnswer(verdict, prepared, context);
    expect(a).toMatchObject({ outcome: "unsure", answered: false, answer: UNSURE, citations: [] });
    expect(a.closest.map((c) => c.id)).toEqual(judged.candidates.slice(0, 3).map((c) => c.id));
  });

  it("a correction says so and cites the sentence that contradicts", () => {
    const s = kb.sentences[1]!;
    const a = toAnswer(
      { kind: "corrected", premise: { sentence: s, kind: "number", asked: "x", article: "y" } },
      prepare("is it 5 June"),
      context,
    );
    expect(a.outcome).toBe("corrected");
    expect(a.answer).toMatch(/^No — the article says otherwise: "/);
    expect(a.citations.map((c) => c.id)).toEqual([s.id]);
  });

  it("not covered names the words; declined says what to do", () => {
    expect(toAnswer({ kind: "not-covered", reason: "no-topic", words: ["peru"] }, prepared, context).answer).toBe(
      'The article doesn\'t mention "peru".',
    );
    expect(toAnswer({ kind: "declined", reason: "empty" }, prepare(""), context).answer).toMatch(/^Ask me a question/);
  });
});
