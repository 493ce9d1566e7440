/**
 * `npm run review`, the moderators' review from a terminal, scripted (no prompts): the compiled entry point on
 * a store and a knowledge directory of the test's own (the fixture article), as a clean clone after `npm ci`
 * runs it. The pending list as JSON lines, a question mapped to a sentence (the pack's qa.yaml taught, `npm run
 * ask` then answering from it), a question marked out of scope, and every refusal with its exit code.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/knowledge/load.js";
import { openOwner } from "../src/owner/index.js";
import { openStore } from "../src/storage/index.js";
import { fixtureDraft, sentenceWith } from "./support/fixture-pack.js";
import { KnowledgeDirs, packFiles } from "./support/owner.js";
import { makeReadOnly } from "./support/read-only.js";
import { runScript, type ScriptResult } from "./support/run-script.js";
import { captureLogs } from "./support/store.js";

const LIBRARY = "millbrook-library";
const KIDS = "where do the kids go";
const CAFE = "is the cafe open late";
const USER = "481516234200000001";

/** The pack the store's questions are about, as the review's process loads it. */
const kb = fixtureDraft();
const dirs = new KnowledgeDirs();
const temporary: string[] = [];
let root: string;
let dataDir: string;
let env: Record<string, string>;

const review = (...args: string[]): Promise<ScriptResult> => runScript("src/cli/review.ts", args, { env });
const jsonLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  root = dirs.make({ [LIBRARY]: packFiles() });
  dataDir = mkdtempSync(join(tmpdir(), "cli-review-"));
  temporary.push(dataDir);
  env = { KNOWLEDGE_DIR: root, DATA_DIR: dataDir, DATABASE_URL: "", ARTICLES: "", QUESTION_LOG: "on" };
  // The questions people asked on Discord: twice the unsure one, once one the article does not cover.
  const logs = captureLogs();
  const store = await openStore({ dataDir, logger: logs.logger, pruneDaily: false });
  const owner = await openOwner({ storage: store, logger: logs.logger, root, articles: undefined });
  for (const question of [KIDS, "Where do the kids go?", CAFE]) {
    owner.questions.record({
      question,
      surface: "slash",
      result: owner.live.current.answer(question),
      userId: USER,
      guildId: "900000000000000001",
      channelId: "900000000000000002",
    });
  }
  await owner.close();
});

afterAll(() => {
  dirs.cleanUp();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe("npm run review", () => {
  it("--list --json: one object per pending question, the most asked first, with the sentences that may answer it", async () => {
    const result = await review("--list", "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [kids, cafe, ...rest] = jsonLines(result.stdout);
    expect(rest).toEqual([]);
    expect(kids).toMatchObject({ count: 2, outcome: "unsure", article: LIBRARY });
    expect([KIDS, "Where do the kids go?"]).toContain(kids?.question);
    expect(kids?.questions).toEqual(expect.arrayContaining([KIDS, "Where do the kids go?"]));
    expect(cafe).toMatchObject({ question: CAFE, count: 1, article: LIBRARY });
    const closest = kids?.closest as { id: string; text: string }[];
    expect(closest.map((c) => c.id)).toContain(sentenceWith(kb, "children's section"));
    for (const c of closest) expect(c.text).toBe(kb.sentenceById.get(c.id)?.text);
  });

  it("--answer maps a question to a sentence: the pack's qa.yaml is taught, npm run ask answers from that sentence, the question leaves the list", async () => {
    const target = sentenceWith(kb, "children's section will move");
    const before = await runScript("src/cli/ask.ts", ["--json", KIDS], { env });
    expect(JSON.parse(before.stdout)).toMatchObject({ outcome: "unsure" });

    const result = await review("--answer", KIDS, "--sentence", target, "--json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [decided] = jsonLines(result.stdout);
    expect(decided).toMatchObject({
      ok: true,
      kind: "entry",
      article: LIBRARY,
      sentenceId: target,
      decisionStored: true,
    });
    // Both phrasings are one question once normalised: taught once, both decided.
    expect(decided?.questions).toEqual([KIDS]);
    expect(decided?.answer).toMatchObject({ outcome: "answered", citations: [{ id: target }] });
    expect(readFileSync(join(root, LIBRARY, "qa.yaml"), "utf8")).toContain(KIDS);

    for (const question of [KIDS, "Where do the kids go?"]) {
      const after = JSON.parse((await runScript("src/cli/ask.ts", ["--json", question], { env })).stdout) as {
        outcome: string;
        citations: { id: string }[];
      };
      expect(after.outcome, question).toBe("answered");
      expect(after.citations[0]?.id, question).toBe(target);
    }
    const listed = jsonLines((await review("--list", "--json")).stdout).map((i) => i.question);
    expect(listed).toEqual([CAFE]);
  });

  it("--out-of-scope marks a question: the bot then says the article does not cover it, and nothing is pending", async () => {
    const result = await review("--out-of-scope", CAFE);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/marked as not in the article/);
    const asked = JSON.parse((await runScript("src/cli/ask.ts", ["--json", CAFE], { env })).stdout) as {
      outcome: string;
    };
    expect(asked.outcome).toBe("not_covered");
    expect(await review("--list", "--json")).toMatchObject({ code: 0, stdout: "" });
    expect((await review("--list")).stdout).toBe("Nothing to review.\n");
  });

  it("refuses bad usage, an unknown article or sentence, with exit 2 and nothing changed", async () => {
    const before = readFileSync(join(root, LIBRARY, "qa.yaml"), "utf8");
    const cases: [string[], RegExp][] = [
      [[], /Usage: npm run --silent review/],
      [["--answer", KIDS], /--answer needs --sentence/],
      [["--answer", "  ", "--sentence", "S1"], /question is empty/],
      [["--list", "--answer", KIDS], /Give one of/],
      [["--list", "--limit", "0"], /--limit is a whole number/],
      [["--list", "--frobnicate"], /Unknown argument/],
      [["--answer", "how old is the roof", "--sentence", "S999"], /has no sentence S999/],
      [["--out-of-scope", "who built it", "--article", "nope"], /No article "nope"/],
    ];
    for (const [args, message] of cases) {
      const result = await review(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(message);
      expect(result.stdout, args.join(" ")).toBe("");
    }
    const help = await review("--help");
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/Exit codes:/);
    expect(readFileSync(join(root, LIBRARY, "qa.yaml"), "utf8")).toBe(before);
  });

  it("a store it cannot open: exit 4, nothing changed; an invalid DATABASE_URL: exit 2 naming the variable", async () => {
    const empty = mkdtempSync(join(tmpdir(), "cli-review-ro-"));
    temporary.push(empty);
    const writable = makeReadOnly(empty);
    try {
      const result = await runScript("src/cli/review.ts", ["--list", "--json"], {
        env: { ...env, DATA_DIR: join(empty, "data") },
      });
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/cannot be opened/);
      expect(result.stdout).toBe("");
    } finally {
      writable();
    }
    const bad = await runScript("src/cli/review.ts", ["--list"], { env: { ...env, DATABASE_URL: "mysql://x@y/z" } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/DATABASE_URL: must be a postgres/);
  });

  it("runs through npm as documented, building what it needs first", async () => {
    const result = await new Promise<ScriptResult>((resolve, reject) => {
      const child = spawn("npm", ["run", "--silent", "review", "--", "--list", "--json"], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.stderr).toBe("");
    expect(result).toMatchObject({ code: 0, stdout: "" });
  });
});
