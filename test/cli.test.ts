import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { REFERENCE_PACK, REPO_ROOT } from "../src/knowledge/load.js";
import type { QaEntryRecord, SentenceRecord } from "../src/knowledge/schema.js";
import { parseJson, type AnswerJson } from "./support/json.js";
import { runScript } from "./support/run-script.js";

const article = readFileSync(join(REPO_ROOT, "knowledge", "putin-north-korea-2024", "article.txt"), "utf8");
const ASK = "src/cli/ask.ts";
const KEYS = [
  "question",
  "outcome",
  "answered",
  "answer",
  "article",
  "citations",
  "closest",
  "confidence",
  "suggestions",
];

function brokenKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), "kb-"));
  cpSync(join(REPO_ROOT, "knowledge", REFERENCE_PACK), join(dir, REFERENCE_PACK), { recursive: true });
  const file = join(dir, "putin-north-korea-2024", "qa.yaml");
  const qa = parseYaml(readFileSync(file, "utf8")) as { entries: QaEntryRecord[] };
  qa.entries[0]!.sentences = ["S404"];
  writeFileSync(file, stringifyYaml(qa));
  return dir;
}

describe("npm run ask", () => {
  it("prints the answer and the quoted sentences with their ids, without colour when not a TTY", async () => {
    const r = await runScript(ASK, ["When did Putin first visit North Korea?"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[S5]");
    expect(r.stdout).toContain(kbSentence("S5"));
    expect(r.stdout).not.toMatch(/\u001b\[/); // eslint-disable-line no-control-regex -- looking for an ANSI escape is the point
  });

  it("--json prints exactly one JSON object with exactly the documented keys", async () => {
    const r = await runScript(ASK, ["--json", "who is kim yo jong"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const obj = parseJson<AnswerJson>(lines[0]!);
    expect(Object.keys(obj)).toEqual(KEYS);
    expect(obj.answered).toBe(true);
    expect(obj.citations[0]?.id).toBe("S17");
    expect(obj.article).toBe("putin-north-korea-2024");
    expect(Object.keys(obj.citations[0] ?? {})).toEqual(["id", "article", "text"]);
    expect(obj.citations[0]?.article).toBe("putin-north-korea-2024");
    for (const c of obj.citations) {
      expect(Object.keys(c)).toEqual(["id", "article", "text"]);
      expect(article).toContain(c.text);
    }
  });

  it("--json --batch answers one question per line, in order, blank lines unanswered", async () => {
    const input = [
      "When did Putin first visit North Korea?",
      "",
      "What is the capital of France?",
      "who is baek won-soon",
    ].join("\n");
    const r = await runScript(ASK, ["--json", "--batch"], { input: `${input}\n` });
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split("\n")
      .map((l) => parseJson<AnswerJson>(l));
    expect(rows.map((x) => x.question)).toEqual([
      "When did Putin first visit North Korea?",
      "",
      "What is the capital of France?",
      "who is baek won-soon",
    ]);
    expect(rows.map((x) => x.answered)).toEqual([true, false, false, true]);
    expect(rows[0]?.citations[0]?.id).toBe("S5");
    expect(rows[2]?.answer).toMatch(/doesn't (?:say|mention)/);
    expect(rows.map((x) => x.outcome)).toEqual(["answered", "not_covered", "not_covered", "answered"]);
    for (const row of rows) expect(Object.keys(row)).toEqual(KEYS);
  });

  it("an empty argument prints usage on stderr and exits 2", async () => {
    const r = await runScript(ASK, [""]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Usage: npm run ask/);
  });

  it("--help documents the exit codes", async () => {
    const r = await runScript(ASK, ["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*2 {2}bad usage[\s\S]*3 {2}the knowledge base is invalid/);
  });

  it.each([
    ["whitespace", "   "],
    ["10,000 characters", "why ".repeat(2500)],
    ["emoji only", "🚀🚀🇰🇵"],
    ["control characters", "kim\u0007\u0008\u001b[2J"],
    ["markdown", "**bold** __under__ `code` > quote"],
    ["@everyone", "@everyone when did putin first visit north korea"],
  ])("bad input (%s) gets a clear JSON reply, never a stack trace", async (_name, question) => {
    const r = await runScript(ASK, ["--json", "--batch"], { input: `${question}\n` });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const obj = parseJson<AnswerJson>(r.stdout.trim());
    expect(Object.keys(obj)).toEqual(KEYS);
    expect(obj.answer.length).toBeGreaterThan(0);
  });

  it("refuses to run on an invalid knowledge base, naming the file and entry, exit 3, no stack trace", async () => {
    const r = await runScript(ASK, ["who is putin"], { env: { KNOWLEDGE_DIR: brokenKnowledge() } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /knowledge\/putin-north-korea-2024\/qa\.yaml:\d+: entry "[a-z0-9-]+": cites unknown sentence "S404"/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("npm start without a token (local terminal mode)", () => {
  it("explains how to connect to Discord, then answers like the bot, with /fact, /quote, /source, /help", async () => {
    const input = [
      "when did putin first visit north korea",
      "/fact kim yo jong",
      "/quote 5",
      "/source",
      "/help",
      "/nonsense",
      "exit",
    ].join("\n");
    const r = await runScript("src/main.ts", [], {
      input: `${input}\n`,
      env: { DISCORD_TOKEN: "your-bot-token-here" },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No Discord token found/);
    expect(r.stdout).toContain(`[S5] "${kbSentence("S5")}"`);
    expect(r.stdout).toMatch(/Kim Yo Jon/);
    expect(r.stdout).toContain(`[S4] ${kbSentence("S4")}`);
    expect(r.stdout).toMatch(/Outlet: The article text does not name/);
    expect(r.stdout).toMatch(/\/quote <sentence>/);
    expect(r.stdout).toMatch(/Unknown command \/nonsense/);
  });

  it("quits on end of input (Ctrl-D)", async () => {
    const r = await runScript("src/main.ts", [], { input: "who is yoon suk yeol\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[S22]");
  });

  it("refuses to start on an invalid knowledge base with its message", async () => {
    const r = await runScript("src/main.ts", [], { env: { KNOWLEDGE_DIR: brokenKnowledge() } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /knowledge\/putin-north-korea-2024\/qa\.yaml:\d+: entry "[a-z0-9-]+": cites unknown sentence "S404"/,
    );
    expect(r.stdout).not.toMatch(/No Discord token/);
  });
});

function kbSentence(id: string): string {
  const { sentences } = parseJson<{ sentences: SentenceRecord[] }>(
    readFileSync(join(REPO_ROOT, "knowledge", "putin-north-korea-2024", "sentences.json"), "utf8"),
  );
  return sentences.find((s) => s.id === id)!.text;
}
