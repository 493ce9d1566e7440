/**
 * Starting the store where it cannot work yet (a read-only DATA_DIR, PostgreSQL unreachable), where its
 * file goes, its configuration, and how review tells questions apart.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ConfigError, databasePassword, loadConfig, loadStorageConfig } from "../../src/config.js";
import { REPO_ROOT } from "../../src/knowledge/load.js";
import { defaultDataDir, SQLITE_FILE, type AnswerSummary } from "../../src/storage/index.js";
import { contentWords, groupSimilar, questionKey, similarity } from "../../src/storage/normalize.js";
import { makeReadOnly } from "../support/read-only.js";
import { freePort } from "../support/redis.js";
import { captureLogs, Stores } from "../support/store.js";

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "store-start-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const stores = new Stores();
afterEach(() => stores.closeAll());

const answer: AnswerSummary = { outcome: "not_covered", confidence: 0, citations: [], closest: [] };
const question = { question: "who is kim", surface: "cli", article: "putin", answer } as const;

describe("starting the store", () => {
  it("creates DATA_DIR and its SQLite file on first start; the default directory is data/ in the project", async () => {
    const dataDir = join(tempDir(), "nested", "data");
    const store = await stores.add({ dataDir, logger: captureLogs().logger });
    expect(await store.ready()).toBe(true);
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
    expect(defaultDataDir()).toBe(join(REPO_ROOT, "data"));
  });

  it("in a read-only DATA_DIR: starts anyway, reports every write as not stored, reads nothing, and works once the directory is writable", async () => {
    const dataDir = join(tempDir(), "data");
    mkdirSync(dataDir);
    const logs = captureLogs();
    const writable = makeReadOnly(dataDir);
    let restored = false;
    try {
      const store = await stores.add({ dataDir, logger: logs.logger, retryMs: 0 });
      expect(await store.ready()).toBe(false);
      expect(logs.lines.map((l) => l.event)).toContain("store-unavailable");
      expect(await store.questions.log(question)).toMatchObject({ ok: false, reason: "unavailable" });
      expect(await store.settings.setDefaultArticle({ guildId: "1", article: "putin" })).toMatchObject({
        ok: false,
        reason: "unavailable",
      });
      expect(logs.lines.filter((l) => l.event === "store-write-failed").map((l) => l.what)).toEqual([
        "question log entry (cli, article putin, not_covered)",
        "the default article (putin) of server 1",
      ]);
      expect(await store.questions.recent()).toEqual([]);
      expect(await store.packs.list()).toEqual([]);
      expect(await store.settings.defaultArticle({ guildId: "1" })).toBeUndefined();
      expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(false);

      writable();
      restored = true;
      const logged = await store.questions.log(question);
      expect(logged).toMatchObject({ ok: true });
      expect(await store.questions.recent()).toHaveLength(1);
      expect(logs.lines.find((l) => l.event === "store-recovered")).toMatchObject({ lostWrites: 2 });
    } finally {
      if (!restored) writable();
    }
  });

  it("with PostgreSQL unreachable: starts anyway, writes report unavailable, reads give nothing", async () => {
    const port = await freePort();
    const logs = captureLogs();
    const store = await stores.add({
      databaseUrl: `postgres://bot:s3cret-password@127.0.0.1:${port}/nothing`,
      logger: logs.logger,
      retryMs: 0,
    });
    expect(await store.ready()).toBe(false);
    expect(await store.feedback.vote({ questionId: 1, userId: "481516234200000001", vote: "up" })).toMatchObject({
      ok: false,
      reason: "unavailable",
    });
    expect(await store.review.pending()).toEqual([]);
    expect(await store.packs.get("x")).toBeUndefined();
    expect(logs.lines.filter((l) => l.event === "store-write-failed").map((l) => l.what)).toEqual([
      "a up vote on question 1",
    ]);
    expect(logs.text()).not.toContain("481516234200000001");
  });
});

describe("the store's configuration", () => {
  it("defaults: SQLite under data/, the log on for 30 days, a generated secret", () => {
    expect(loadStorageConfig({})).toEqual({
      dataDir: undefined,
      databaseUrl: undefined,
      questionLog: { enabled: true, days: 30 },
      secret: undefined,
    });
    expect(
      loadStorageConfig({
        DATA_DIR: " /var/lib/bot ",
        DATABASE_URL: "postgresql://bot@db:5432/bot",
        QUESTION_LOG: "OFF",
        QUESTION_LOG_DAYS: "7",
        QUESTION_LOG_SECRET: "0123456789abcdef0123",
      }),
    ).toEqual({
      dataDir: "/var/lib/bot",
      databaseUrl: "postgresql://bot@db:5432/bot",
      questionLog: { enabled: false, days: 7 },
      secret: "0123456789abcdef0123",
    });
    expect(loadConfig({}).storage.questionLog).toEqual({ enabled: true, days: 30 });
  });

  it.each([
    ["DATABASE_URL", "mysql://root:hunter2-secret@db/bot", "must be a postgres:// or postgresql:// URL"],
    ["QUESTION_LOG", "maybe-secretish", 'must be "on" or "off"'],
    ["QUESTION_LOG_DAYS", "00", "must be greater than 0"],
    ["QUESTION_LOG_DAYS", "thirty", "must be a whole number"],
    ["QUESTION_LOG_DAYS", "99999", "must be at most 3650"],
    ["QUESTION_LOG_SECRET", "short-secret", "must be at least 16 characters"],
  ])("refuses %s=%s with a message naming the variable, never the value", (name, value, message) => {
    for (const load of [loadStorageConfig, loadConfig]) {
      let error: unknown;
      try {
        load({ [name]: value });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(`${name}: ${message}`);
      expect((error as Error).message).not.toContain(value);
    }
  });

  it("finds the password in DATABASE_URL, to keep it out of logs", () => {
    expect(databasePassword("postgres://bot:p%40ss-word@db/bot")).toBe("p@ss-word");
    expect(databasePassword("postgres://bot@db/bot")).toBeUndefined();
    expect(databasePassword(undefined)).toBeUndefined();
  });
});

describe("how review tells questions apart", () => {
  it("normalises case, accents, punctuation, apostrophes and spaces", () => {
    expect(questionKey("  Who's   Kim Yo-Jong?! ")).toBe("whos kim yo jong");
    expect(questionKey("Où est Pyongyang ?")).toBe("ou est pyongyang");
    expect(questionKey("🦀🦀")).toBe("");
  });

  it("finds phrasings similar when most content words are shared, plurals folded", () => {
    const words = (q: string): Set<string> => contentWords(questionKey(q));
    expect([...words("What are the visits of Putin?")]).toEqual(["visit", "putin"]);
    expect(
      similarity(words("when did putin visit north korea"), words("when did putin go to north korea")),
    ).toBeCloseTo(0.6);
    expect(similarity(words("what about china"), words("what about russia"))).toBe(0);
    expect(similarity(words("what is it"), words("what is it"))).toBe(0);
    const groups = groupSimilar(
      ["putin visit north korea", "putin trip north korea", "kim yo jong", "putin go north korea"].map((key) => ({
        key,
      })),
    );
    expect(groups.map((g) => g.map((i) => i.key))).toEqual([
      ["putin visit north korea", "putin trip north korea", "putin go north korea"],
      ["kim yo jong"],
    ]);
  });
});
