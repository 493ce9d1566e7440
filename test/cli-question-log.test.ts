/**
 * The terminal surfaces log their questions to the store (the compiled `npm run ask`, with and without
 * --batch, and `npm start`'s terminal mode), unless QUESTION_LOG=off; a store that fails changes neither
 * what they print nor their exit code.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { Library } from "../src/answer/library.js";
import { runTerminalMode } from "../src/cli/terminal-mode.js";
import { questionRecorder } from "../src/cli/question-log.js";
import { REFERENCE_PACK, defaultKnowledge } from "../src/knowledge/load.js";
import { openStore, type LoggedQuestion } from "../src/storage/index.js";
import { makeReadOnly } from "./support/read-only.js";
import { freePort } from "./support/redis.js";
import { runScript } from "./support/run-script.js";
import { captureLogs } from "./support/store.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const dataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "cli-log-"));
  dirs.push(dir);
  return join(dir, "data");
};

/** The reference pack only, whatever else is under knowledge/. */
const ENV = { ARTICLES: REFERENCE_PACK, DATABASE_URL: "", QUESTION_LOG_SECRET: "" };
const logOn = (dir: string): Record<string, string> => ({ ...ENV, QUESTION_LOG: "on", DATA_DIR: dir });
const logOff = { ...ENV, QUESTION_LOG: "off" };

async function logged(dir: string): Promise<LoggedQuestion[]> {
  const store = await openStore({ dataDir: dir, pruneDaily: false });
  try {
    return (await store.questions.recent()).reverse();
  } finally {
    await store.close();
  }
}

describe("npm run ask logs its questions", () => {
  it("one question: logged with the answer's outcome, confidence, citations and article; the output is unchanged", async () => {
    const dir = dataDir();
    const question = "when did putin first visit north korea";
    const on = await runScript("src/cli/ask.ts", ["--json", question], { env: logOn(dir) });
    const off = await runScript("src/cli/ask.ts", ["--json", question], { env: logOff });
    expect(on.code).toBe(0);
    expect(on.stdout).toBe(off.stdout);
    expect(on.stderr).toBe("");
    const printed = JSON.parse(on.stdout) as {
      outcome: string;
      confidence: number;
      citations: { id: string }[];
      closest: { id: string }[];
    };
    const [entry, ...rest] = await logged(dir);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      question,
      surface: "cli",
      article: REFERENCE_PACK,
      outcome: printed.outcome,
      confidence: printed.confidence,
      citedIds: printed.citations.map((c) => c.id),
      closestIds: printed.closest.map((c) => c.id),
      userHash: undefined,
      guildId: undefined,
    });
  });

  it("--batch: every non-blank line is logged, in order", async () => {
    const dir = dataDir();
    const input = "who is kim yo jong\n\nwhat is the capital of france\n🦀 @everyone\n";
    const on = await runScript("src/cli/ask.ts", ["--json", "--batch"], { env: logOn(dir), input });
    const off = await runScript("src/cli/ask.ts", ["--json", "--batch"], { env: logOff, input });
    expect(on.code).toBe(0);
    expect(on.stdout).toBe(off.stdout);
    expect(on.stdout.trim().split("\n")).toHaveLength(4);
    const entries = await logged(dir);
    expect(entries.map((e) => e.question)).toEqual([
      "who is kim yo jong",
      "what is the capital of france",
      "🦀 @everyone",
    ]);
    const outcomes = on.stdout
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { outcome: string }).outcome);
    expect(entries.map((e) => e.outcome)).toEqual([outcomes[0], outcomes[2], outcomes[3]]);
  });

  it("QUESTION_LOG=off: nothing is written, not even the data directory", async () => {
    const dir = dataDir();
    const result = await runScript("src/cli/ask.ts", ["who is kim yo jong"], { env: { ...logOff, DATA_DIR: dir } });
    expect(result.code).toBe(0);
    expect(existsSync(dir)).toBe(false);
  });

  it("a read-only data directory or an unreachable database: the same output and exit code, the loss on stderr", async () => {
    const dir = dataDir();
    mkdirSync(dir);
    const off = await runScript("src/cli/ask.ts", ["who is kim yo jong"], { env: logOff });
    const writable = makeReadOnly(dir);
    try {
      const readOnly = await runScript("src/cli/ask.ts", ["who is kim yo jong"], { env: logOn(dir) });
      expect(readOnly.code).toBe(0);
      expect(readOnly.stdout).toBe(off.stdout);
      expect(readOnly.stderr).toMatch(/"event":"store-write-failed".*"what":"question log entry \(cli/);
    } finally {
      writable();
    }
    const port = await freePort();
    const unreachable = await runScript("src/cli/ask.ts", ["who is kim yo jong"], {
      env: { ...logOn(dir), DATABASE_URL: `postgres://bot:a-long-db-password@127.0.0.1:${port}/bot` },
    });
    expect(unreachable.code).toBe(0);
    expect(unreachable.stdout).toBe(off.stdout);
    expect(unreachable.stderr).toContain("store-write-failed");
    expect(unreachable.stderr).not.toContain("a-long-db-password");
  });

  it("invalid store settings: the answer as usual, the problem named on stderr, nothing logged", async () => {
    const dir = dataDir();
    const result = await runScript("src/cli/ask.ts", ["who is kim yo jong"], {
      env: { ...logOn(dir), QUESTION_LOG_DAYS: "forever" },
    });
    const off = await runScript("src/cli/ask.ts", ["who is kim yo jong"], { env: logOff });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(off.stdout);
    expect(result.stderr).toContain("QUESTION_LOG_DAYS: must be a whole number");
    expect(result.stderr).toContain("Questions are not logged");
    expect(existsSync(dir)).toBe(false);
  });
});

describe("the terminal mode logs its questions", () => {
  it("typed questions and /ask are logged with surface 'terminal'; other commands are not", async () => {
    const dir = dataDir();
    const logs = captureLogs();
    const recorder = questionRecorder(
      "terminal",
      { dataDir: dir, databaseUrl: undefined, questionLog: { enabled: true, days: 30 }, secret: undefined },
      logs.logger,
    );
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d: Buffer) => (printed += d.toString()));
    const done = runTerminalMode(new Library([defaultKnowledge()]), {
      input,
      output,
      color: false,
      prompt: false,
      record: (q, r) => recorder.record(q, r),
    });
    input.end("who is kim yo jong\n/ask when did putin first visit north korea\n/quote 5\n/source\n/help\n\nexit\n");
    await done;
    await recorder.close();
    expect(printed).toContain("[S5]");
    const entries = await logged(dir);
    expect(entries.map((e) => [e.question, e.surface])).toEqual([
      ["who is kim yo jong", "terminal"],
      ["when did putin first visit north korea", "terminal"],
    ]);
    expect(logs.lines.filter((l) => l.level !== "info" && l.level !== "debug")).toEqual([]);
  });

  it("npm start without a token: the terminal mode's questions reach the store", async () => {
    const dir = dataDir();
    const result = await runScript("src/main.ts", [], {
      env: { ...logOn(dir), DISCORD_TOKEN: "" },
      input: "who is kim yo jong\n/quote 5\n",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Kim Yo Jong");
    const entries = await logged(dir);
    expect(entries.map((e) => [e.question, e.surface, e.article])).toEqual([
      ["who is kim yo jong", "terminal", REFERENCE_PACK],
    ]);
  });
});

describe("npm run forget-user", () => {
  it("deletes one user's questions and votes, by the hash of the id it is given", async () => {
    const dir = dataDir();
    const alice = "481516234200000001";
    const bob = "481516234200000002";
    const store = await openStore({ dataDir: dir, pruneDaily: false });
    const answer = { outcome: "not_covered", confidence: 0, citations: [], closest: [] } as const;
    const base = { surface: "slash", article: REFERENCE_PACK, answer } as const;
    const hers = await store.questions.log({ ...base, question: "hers", userId: alice });
    const his = await store.questions.log({ ...base, question: "his", userId: bob });
    if (!hers.ok || !his.ok) throw new Error("not logged");
    await store.feedback.vote({ questionId: his.value.id, userId: alice, vote: "down" });
    await store.close();

    const usage = await runScript("src/cli/forget-user.ts", ["alice"], { env: { DATA_DIR: dir, DATABASE_URL: "" } });
    expect(usage.code).toBe(2);
    const result = await runScript("src/cli/forget-user.ts", [alice], { env: { DATA_DIR: dir, DATABASE_URL: "" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("Deleted 1 question(s) and 1 vote(s) of that user.\n");
    const left = await logged(dir);
    expect(left.map((q) => q.question)).toEqual(["his"]);
    const again = await openStore({ dataDir: dir, pruneDaily: false });
    expect(await again.feedback.counts(his.value.id)).toEqual({ up: 0, down: 0 });
    await again.close();
  });
});
