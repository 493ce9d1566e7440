/**
 * Conversations and summaries in the terminal surfaces: `npm run ask -- --batch --conversation` (the lines of
 * standard input as one conversation), `ask --json tldr`, and the terminal mode (one conversation, /summary).
 * Expectations come from the pack (its sentences, its fact cards) and from the CLI's own answer to the question
 * a follow-up was taken to mean.
 */
import { describe, expect, it } from "vitest";
import { defaultKnowledge } from "../src/knowledge/load.js";
import { parseJson, type AnswerJson } from "./support/json.js";
import { runScript } from "./support/run-script.js";

const ASK = "src/cli/ask.ts";
const kb = defaultKnowledge();
const sister = kb.factById.get("kim-yo-jon")!;

interface FollowUpJson extends AnswerJson {
  readonly understood?: string;
  readonly note?: string;
}

const rows = (stdout: string): FollowUpJson[] =>
  stdout
    .trim()
    .split("\n")
    .map((l) => parseJson<FollowUpJson>(l));

describe("npm run ask -- --batch --conversation", () => {
  const lines = [`who is ${sister.name}?`, "what did she say?", "and when was that?"];

  it("reads each line after the one before: a pronoun and an ellipsis resolved, with the note, answered as meant", async () => {
    const r = await runScript(ASK, ["--json", "--batch", "--conversation"], { input: `${lines.join("\n")}\n` });
    expect(r.code).toBe(0);
    const [first, she, when] = rows(r.stdout);
    expect(first?.note).toBeUndefined();
    expect(she?.question).toBe("what did she say?");
    expect(she?.note).toBe(`Taking "she" as ${sister.name}`);
    expect(she?.understood).toContain(sister.name);
    expect(when?.note).toMatch(/^Taking this as "when /);
    // Each follow-up is answered as the question it was taken to mean is.
    for (const row of [she!, when!]) {
      const alone = await runScript(ASK, ["--json", row.understood!]);
      const meant = parseJson<AnswerJson>(alone.stdout.trim());
      expect(row.citations.map((c) => c.id)).toEqual(meant.citations.map((c) => c.id));
      expect(row.outcome).toBe(meant.outcome);
    }
    expect(she?.answered).toBe(true);
    expect(sister.sentences).toContain(she?.citations[0]?.id);
    expect(Object.keys(she!)).toEqual([
      "question",
      "outcome",
      "answered",
      "answer",
      "understood",
      "note",
      "article",
      "citations",
      "closest",
      "confidence",
      "suggestions",
    ]);
  });

  it("without --conversation every line stands alone, as before", async () => {
    const r = await runScript(ASK, ["--json", "--batch"], { input: `${lines.join("\n")}\n` });
    const [, she] = rows(r.stdout);
    expect(she?.note).toBeUndefined();
    expect(she?.understood).toBeUndefined();
  });

  it("--conversation without --batch is bad usage", async () => {
    const r = await runScript(ASK, ["--conversation", "what did she say?"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--conversation is for the lines of --batch/);
  });
});

describe("npm run ask -- --json tldr", () => {
  it('outcome "summary", answered, 3 to 5 of the article\'s sentences verbatim, in its order', async () => {
    const r = await runScript(ASK, ["--json", "tldr"]);
    expect(r.code).toBe(0);
    const summary = parseJson<AnswerJson>(r.stdout.trim());
    expect(summary.outcome).toBe("summary");
    expect(summary.answered).toBe(true);
    expect(summary.citations.length).toBeGreaterThanOrEqual(3);
    expect(summary.citations.length).toBeLessThanOrEqual(5);
    const positions = summary.citations.map((c) => kb.sentenceById.get(c.id)!.index);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const c of summary.citations) expect(kb.sentenceById.get(c.id)?.text).toBe(c.text);
  });
});

describe("the terminal mode is one conversation", () => {
  it("a follow-up follows the question before; /summary summarises", async () => {
    const input = [`who is ${sister.name}`, "what did she say?", "/summary", "exit"].join("\n");
    const r = await runScript("src/main.ts", [], { input: `${input}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Taking "she" as ${sister.name}:`);
    expect(r.stdout).toMatch(/The article in [345] of its own sentences:/);
    expect(r.stdout).toContain("summary: the article's own sentences");
  });
});
