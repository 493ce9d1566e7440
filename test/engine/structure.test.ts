import { describe, expect, it } from "vitest";
import { cleanLines } from "../../src/knowledge/clean-article.js";
import { structuredSentences } from "../../src/knowledge/new-pack.js";
import { structureLines } from "../../src/knowledge/structure.js";

const roles = (raw: string): string[] => structureLines(cleanLines(raw)).map((l) => `${l.role}:${l.text}`);

describe("the layout of a pasted article", () => {
  it("reads a headline, a standfirst and bylines", () => {
    expect(
      roles("Tram opens late\nThe line cost more than planned.\nBy Ann Lee\n6 March 2025\n\nBody text here."),
    ).toEqual([
      "title:Tram opens late",
      "standfirst:The line cost more than planned.",
      "byline:By Ann Lee",
      "byline:6 March 2025",
      "body:Body text here.",
    ]);
  });

  it("reads headings over list items, with the heading as their context", () => {
    const lines = structureLines(
      cleanLines(
        "Patch notes\n\nHeroes\n- Kessa damage 62 → 55.\n• Tomo dash charges 3 → 2.\n\nMaps\n- New map added.",
      ),
    );
    expect(lines.map((l) => l.role)).toEqual(["title", "heading", "item", "item", "heading", "item"]);
    expect(lines[2]!.context).toEqual([1]);
    expect(lines[5]!.context).toEqual([4]);
  });

  it("reads FAQ questions and their answers; an answer's context is its question", () => {
    const lines = structureLines(
      cleanLines("FAQ\n\nQ: Who can join?\nA: Anyone over 16.\nQ: Is there a deposit?\nA: Yes, £50."),
    );
    expect(lines.map((l) => l.role)).toEqual(["title", "question", "answer", "question", "answer"]);
    expect(lines[2]!.context).toContain(1);
    expect(lines[4]!.context).toContain(3);
  });

  it("numbered sections are headings; numbered rules with sentences are items", () => {
    expect(roles("Rules\n\n1. Definitions\n2. Be kind to everyone. No insults.")).toEqual([
      "title:Rules",
      "heading:1. Definitions",
      "item:2. Be kind to everyone. No insults.",
    ]);
  });

  it("gives each sentence of a line its line's role and context, as sentence ids", () => {
    const s = structuredSentences("Guide\n\nSteps\n- Fill the bin. Add worms.\n");
    expect(s.map((x) => [x.id, x.role ?? "body", x.context ?? []])).toEqual([
      ["S0", "title", []],
      ["S1", "heading", []],
      ["S2", "item", ["S1"]],
      ["S3", "item", ["S1"]],
    ]);
  });
});
