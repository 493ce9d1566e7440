import { describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.js";
import { teachAnswer, teachOutOfScope } from "../../src/answer/teach.js";
import { packFromText } from "../../src/knowledge/new-pack.js";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addPhrasing, writePackFile } from "../../src/knowledge/qa-file.js";
import { FIXTURE_ARTICLE } from "../support/fixture-pack.js";

const QA = `# curated by hand
entries:
  - id: when-closing
    question: When does the library close?
    answer: On 3 June.
    sentences: [S1]
    phrasings:
      - library closing date
`;
const kb = packFromText(FIXTURE_ARTICLE, "lib", QA);
const engine = new AnswerEngine(kb);

describe("teaching a pack from a review", () => {
  it("adds a question as a phrasing of the entry that cites the sentence first, keeping the file's comments", () => {
    const lesson = teachAnswer(kb, engine.index, QA, "what day does it shut", "S1");
    expect(lesson).toMatchObject({ kind: "phrasing", entryId: "when-closing" });
    expect(lesson.qa).toContain("# curated by hand");
    expect(lesson.qa).toContain("      - library closing date\n      - what day does it shut\n");
    const taught = packFromText(FIXTURE_ARTICLE, "lib", lesson.qa);
    expect(new AnswerEngine(taught).answer("what day does it shut").source).toEqual({ kind: "qa", id: "when-closing" });
  });

  it("makes a new entry, its short answer drawn from the sentence, when no entry cites it", () => {
    const sentence = kb.sentences.find((s) => s.text.includes("1,200 people"))!;
    const lesson = teachAnswer(kb, engine.index, QA, "how many people go there each week?", sentence.id);
    expect(lesson.kind).toBe("entry");
    const taught = packFromText(FIXTURE_ARTICLE, "lib", lesson.qa);
    const entry = taught.qaById.get(lesson.entryId)!;
    expect(entry).toMatchObject({ question: "how many people go there each week?", sentences: [sentence.id] });
    expect(entry.answer).toMatch(/1,200 people/);
  });

  it("leaves the file alone for a question the pack already has", () => {
    expect(teachAnswer(kb, engine.index, QA, "Library closing date!", "S3")).toMatchObject({ kind: "known", qa: QA });
  });

  it("records a question as out of scope, and the engine then says the article does not cover it", () => {
    const qa = teachOutOfScope(QA, "is the cafe open late");
    const taught = new AnswerEngine(packFromText(FIXTURE_ARTICLE, "lib", qa));
    expect(taught.answer("is the cafe open late").outcome).toBe("not_covered");
  });

  it("refuses an entry that does not exist", () => {
    expect(() => addPhrasing(QA, "nope", "x")).toThrow(/no entry "nope"/);
  });
});

describe("writing a pack file", () => {
  it("replaces the file whole, leaving no temporary file behind", () => {
    const dir = mkdtempSync(join(tmpdir(), "pack-"));
    writeFileSync(join(dir, "qa.yaml"), "entries: []\n");
    writePackFile(dir, "qa.yaml", QA);
    expect(readFileSync(join(dir, "qa.yaml"), "utf8")).toBe(QA);
    expect(readdirSync(dir)).toEqual(["qa.yaml"]);
  });
});
