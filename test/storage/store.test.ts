/**
 * The store's whole API, the same suite on SQLite (a temporary directory) and on a real PostgreSQL server
 * (started once for this file, a new database per test).
 */
import { createHmac } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Library } from "../../src/answer/library.js";
import { defaultKnowledge } from "../../src/knowledge/load.js";
import {
  MIGRATION_NAMES,
  type AnswerSummary,
  type DecideInput,
  type QuestionInput,
  type Store,
  type StoreChange,
  type StoreOptions,
} from "../../src/storage/index.js";
import { DAY_MS } from "../../src/storage/question-log.js";
import { seedAt } from "../support/migration-seeds.js";
import {
  captureLogs,
  postgresBackend,
  sqliteBackend,
  Stores,
  waitFor,
  type Backend,
  type LogCapture,
} from "../support/store.js";

const backends = [sqliteBackend(), postgresBackend()];
afterAll(async () => {
  for (const backend of backends) await backend.cleanUp();
}, 60_000);

/** Raw Discord-shaped ids: none of them may appear anywhere in the database. */
const ALICE = "481516234200000001";
const BOB = "481516234200000002";
const MOD = "481516234200000003";
const ADDER = "481516234200000004";
const GUILD = "900000000000000001";
const CHANNEL = "900000000000000002";
const OTHER_CHANNEL = "900000000000000003";

const START = Date.UTC(2026, 0, 10, 12);

const notCovered: AnswerSummary = { outcome: "not_covered", confidence: 0.1, citations: [], closest: [] };
const unsure = (...closest: string[]): AnswerSummary => ({
  outcome: "unsure",
  confidence: 0.4,
  citations: [],
  closest: closest.map((id) => ({ id })),
});
const answered = (...cited: string[]): AnswerSummary => ({
  outcome: "answered",
  confidence: 0.9,
  citations: cited.map((id) => ({ id })),
  closest: [],
});

const asked = (question: string, answer: AnswerSummary, extra: Partial<QuestionInput> = {}): QuestionInput => ({
  question,
  surface: "slash",
  article: "putin",
  answer,
  userId: ALICE,
  guildId: GUILD,
  channelId: CHANNEL,
  ...extra,
});

/** A moderator's "out of scope" on questions of an article. */
const outOfScope = (article: string, ...questions: string[]): DecideInput => ({
  article,
  questions,
  decision: { kind: "out_of_scope" },
  moderatorId: MOD,
});

const PACK_FILES = {
  "article.raw.txt": "Headline\n\nFirst sentence.",
  "article.txt": "Headline\nFirst sentence.",
  "meta.json": '{"title":"T"}',
  "sentences.json": "[]",
  "qa.yaml": "entries: []\n",
  "facts.json": "[]",
};

describe.each(backends)("the store on $name", (backend: Backend) => {
  const stores = new Stores();
  afterEach(() => stores.closeAll());

  interface Opened {
    readonly store: Store;
    readonly options: StoreOptions;
    readonly logs: LogCapture;
    readonly clock: { now: number };
    readonly reopen: (extra?: Partial<StoreOptions>) => Promise<Store>;
  }

  async function open(extra: Partial<StoreOptions> = {}): Promise<Opened> {
    const logs = captureLogs();
    const clock = { now: START };
    const options: StoreOptions = {
      ...(await backend.fresh()),
      logger: logs.logger,
      now: () => clock.now,
      retryMs: 0,
      ...extra,
    };
    const reopen = (more: Partial<StoreOptions> = {}): Promise<Store> => stores.add({ ...options, ...more });
    return { store: await reopen(), options, logs, clock, reopen };
  }

  const ok = <T>(result: { ok: true; value: T } | { ok: false; reason: string; message: string }): T => {
    if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.message}`);
    return result.value;
  };

  describe("migrations", () => {
    it("bring an empty database to the latest schema, and are idempotent", async () => {
      const { store, options, logs, reopen } = await open();
      expect(await store.ready()).toBe(true);
      const migrated = logs.lines.find((l) => l.event === "store-migrated");
      expect(migrated?.migrations).toEqual(MIGRATION_NAMES);
      const id = ok(await store.questions.log(asked("who is kim", notCovered))).id;
      await store.close();
      const again = await reopen();
      expect(await again.ready()).toBe(true);
      expect(logs.lines.filter((l) => l.event === "store-migrated")).toHaveLength(1);
      expect((await again.questions.get(id))?.question).toBe("who is kim");
      const tables = Object.keys(await backend.dump(options));
      for (const table of [
        "question_log",
        "feedback",
        "store_meta",
        "article_default",
        "review_decision",
        "pack",
        "pack_file",
        "pack_version",
      ])
        expect(tables).toContain(table);
    });

    it.each(MIGRATION_NAMES.slice(0, -1).map((name, i) => ({ name, i })))(
      "upgrade a database left at $name, keeping its data",
      async ({ name, i }) => {
        const options = { ...(await backend.fresh()), logger: captureLogs().logger, retryMs: 0 };
        await seedAt(options, name);
        const store = await stores.add(options);
        expect(await store.ready()).toBe(true);
        // What version 1 held: a question, a vote on it, a server default.
        const question = await store.questions.get(1);
        expect(question).toMatchObject({ question: "Who is Kim Yo Jong?", outcome: "not_covered", closestIds: ["S3"] });
        expect(await store.feedback.counts(1)).toEqual({ up: 0, down: 1 });
        expect(await store.settings.defaultArticle({ guildId: GUILD })).toBe("putin");
        // Version 2 added review decisions.
        if (i >= 1) expect(await store.review.decisions("putin")).toHaveLength(1);
        // Every table of the latest schema works.
        ok(await store.questions.log(asked("after the upgrade", notCovered)));
        ok(await store.packs.add({ id: "after", title: "After", files: PACK_FILES, addedBy: ADDER }));
        ok(await store.review.decide(outOfScope("putin", "after the upgrade")));
        // New ids continue after the old ones.
        expect(ok(await store.questions.log(asked("next", notCovered))).id).toBeGreaterThan(1);
      },
    );
  });

  describe("the question log", () => {
    it("logs every field and returns the new entry's id", async () => {
      const { store } = await open();
      const first = ok(await store.questions.log(asked("When did Putin first visit?", answered("S5", "S4"))));
      const second = ok(
        await store.questions.log(
          asked("who is baek", unsure("S7", "S8"), { surface: "mention", channelId: undefined, article: "other" }),
        ),
      );
      expect(second.id).toBeGreaterThan(first.id);
      expect(await store.questions.get(first.id)).toEqual({
        id: first.id,
        askedAt: START,
        question: "When did Putin first visit?",
        surface: "slash",
        article: "putin",
        outcome: "answered",
        confidence: 0.9,
        citedIds: ["S5", "S4"],
        closestIds: [],
        userHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        guildId: GUILD,
        channelId: CHANNEL,
      });
      expect(await store.questions.get(second.id)).toMatchObject({
        surface: "mention",
        article: "other",
        outcome: "unsure",
        closestIds: ["S7", "S8"],
        channelId: undefined,
      });
      expect((await store.questions.recent()).map((q) => q.id)).toEqual([second.id, first.id]);
      expect((await store.questions.recent({ article: "other" })).map((q) => q.id)).toEqual([second.id]);
      expect(await store.questions.get(999_999)).toBeUndefined();
    });

    it("logs several questions in one write, leaving out only the ones it refuses", async () => {
      const { store } = await open();
      const stored = await store.questions.logMany([
        asked("first of a batch", answered("S1"), { ref: "batch-1" }),
        asked("refused: unknown surface", answered("S2"), { surface: "carrier-pigeon" as QuestionInput["surface"] }),
        asked("second of a batch", unsure("S3"), { ref: "batch-2" }),
      ]);
      expect(ok(stored)).toEqual({ stored: 2 });
      expect(await store.questions.byRef("batch-1")).toMatchObject({ question: "first of a batch", citedIds: ["S1"] });
      expect(await store.questions.byRef("batch-2")).toMatchObject({ outcome: "unsure", closestIds: ["S3"] });
      expect((await store.questions.recent()).map((q) => q.question).sort()).toEqual([
        "first of a batch",
        "second of a batch",
      ]);
      expect(ok(await store.questions.logMany([]))).toEqual({ stored: 0 });
    });

    it("takes Library.answer()'s result as it is, and a terminal question without a user", async () => {
      const { store } = await open();
      const library = new Library([defaultKnowledge()]);
      const result = library.answer("when did putin first visit north korea");
      const { id } = ok(
        await store.questions.log({
          question: result.answer.question,
          surface: "cli",
          article: result.pack.id,
          answer: result.answer,
        }),
      );
      expect(await store.questions.get(id)).toMatchObject({
        surface: "cli",
        article: result.pack.id,
        outcome: result.answer.outcome,
        confidence: result.answer.confidence,
        citedIds: result.answer.citations.map((c) => c.id),
        userHash: undefined,
        guildId: undefined,
      });
    });

    it("stores hostile text safely: NUL and control characters dropped, emoji and markdown kept, capped at 4,000 characters", async () => {
      const { store } = await open();
      const nasty = "@everyone **bold** `code` 🦀 \u0000nul\u0007bell\ttab é";
      const a = ok(await store.questions.log(asked(nasty, notCovered)));
      expect((await store.questions.get(a.id))?.question).toBe("@everyone **bold** `code` 🦀 nulbell\ttab é");
      const b = ok(await store.questions.log(asked("x".repeat(10_000), notCovered)));
      expect((await store.questions.get(b.id))?.question).toHaveLength(4000);
      const c = ok(await store.questions.log(asked("", notCovered)));
      expect((await store.questions.get(c.id))?.question).toBe("");
    });

    it("finds a question by the ref its surface gave it, and refuses a ref it cannot keep", async () => {
      const { store } = await open();
      const { id } = ok(await store.questions.log(asked("where do the kids go", unsure("S6"), { ref: "r-1" })));
      ok(await store.questions.log(asked("from a button", notCovered, { surface: "button", ref: "r-2" })));
      ok(await store.questions.log(asked("from a menu", notCovered, { surface: "menu" })));
      expect(await store.questions.byRef("r-1")).toMatchObject({ id, question: "where do the kids go", ref: "r-1" });
      expect(await store.questions.byRef("r-2")).toMatchObject({ surface: "button", ref: "r-2" });
      expect(await store.questions.byRef("nope")).toBeUndefined();
      expect(await store.questions.byRef("")).toBeUndefined();
      expect((await store.questions.recent()).find((q) => q.surface === "menu")?.ref).toBeUndefined();
      for (const ref of ["", "x".repeat(65)])
        expect(await store.questions.log(asked("q", notCovered, { ref }))).toMatchObject({
          ok: false,
          reason: "invalid",
        });
    });

    it("refuses a surface or outcome it does not know", async () => {
      const { store } = await open();
      const badSurface = await store.questions.log({ ...asked("q", notCovered), surface: "fax" as "cli" });
      expect(badSurface).toMatchObject({ ok: false, reason: "invalid" });
      const badOutcome = await store.questions.log(asked("q", { ...notCovered, outcome: "maybe" as "unsure" }));
      expect(badOutcome).toMatchObject({ ok: false, reason: "invalid" });
      expect(await store.questions.recent()).toEqual([]);
    });

    it("writes nothing when QUESTION_LOG is off", async () => {
      const { store, options } = await open({ questionLog: { enabled: false } });
      const result = await store.questions.log(asked("who is kim", notCovered));
      expect(result).toMatchObject({ ok: false, reason: "disabled" });
      expect(await store.questions.recent()).toEqual([]);
      expect((await backend.dump(options)).question_log).toEqual([]);
      // Votes have nothing to attach to.
      expect(await store.feedback.vote({ questionId: 1, userId: BOB, vote: "up" })).toMatchObject({
        reason: "not_found",
      });
    });

    it("deletes questions (and their votes) older than QUESTION_LOG_DAYS, at start and on prune(now)", async () => {
      const { store, clock, reopen } = await open({ questionLog: { days: 30 } });
      const old = ok(await store.questions.log(asked("old question", notCovered))).id;
      ok(await store.feedback.vote({ questionId: old, userId: BOB, vote: "down" }));
      clock.now = START + 20 * DAY_MS;
      const newer = ok(await store.questions.log(asked("newer question", notCovered))).id;

      // 30 days after the first: exactly at the limit, both are kept.
      expect(ok(await store.questions.prune(START + 30 * DAY_MS))).toEqual({ deleted: 0 });
      // A millisecond later the first goes, with its vote.
      expect(ok(await store.questions.prune(START + 30 * DAY_MS + 1))).toEqual({ deleted: 1 });
      expect(await store.questions.get(old)).toBeUndefined();
      expect(await store.feedback.counts(old)).toEqual({ up: 0, down: 0 });
      expect(await store.questions.get(newer)).toBeDefined();

      // Opening the store prunes by its clock: 51 days after START the newer one is 31 days old.
      await store.close();
      clock.now = START + 51 * DAY_MS;
      const later = await reopen();
      expect(await later.questions.recent()).toEqual([]);
    });

    it("prunes what was logged before even with the log off", async () => {
      const { store, clock, reopen } = await open({ questionLog: { days: 1 } });
      ok(await store.questions.log(asked("kept a day", notCovered)));
      await store.close();
      clock.now = START + 2 * DAY_MS;
      const off = await reopen({ questionLog: { enabled: false, days: 1 } });
      expect(await off.questions.recent()).toEqual([]);
    });

    it("forgets one user's questions and votes", async () => {
      const { store } = await open();
      const mine = ok(await store.questions.log(asked("mine", notCovered, { userId: ALICE }))).id;
      const theirs = ok(await store.questions.log(asked("theirs", notCovered, { userId: BOB }))).id;
      ok(await store.feedback.vote({ questionId: theirs, userId: ALICE, vote: "down" }));
      ok(await store.feedback.vote({ questionId: mine, userId: BOB, vote: "up" }));
      expect(ok(await store.questions.forgetUser(ALICE))).toEqual({ questions: 1, votes: 1 });
      expect(await store.questions.get(mine)).toBeUndefined();
      expect(await store.questions.get(theirs)).toBeDefined();
      expect(await store.feedback.counts(theirs)).toEqual({ up: 0, down: 0 });
    });
  });

  describe("hashing user ids", () => {
    it("keeps no raw user id anywhere: every table scanned", async () => {
      const { store, options, logs } = await open();
      const { id } = ok(await store.questions.log(asked("who is kim", notCovered, { userId: ALICE })));
      ok(await store.feedback.vote({ questionId: id, userId: BOB, vote: "down" }));
      ok(await store.review.decide(outOfScope("putin", "who is kim")));
      ok(await store.packs.add({ id: "added", title: "Added", files: PACK_FILES, addedBy: ADDER }));
      ok(await store.settings.setDefaultArticle({ guildId: GUILD, channelId: CHANNEL, article: "added" }));
      const everything = JSON.stringify(await backend.dump(options));
      for (const raw of [ALICE, BOB, MOD, ADDER]) expect(everything).not.toContain(raw);
      // The ids that are not people's are kept as they are; the hashes are there.
      expect(everything).toContain(GUILD);
      expect(everything).toContain((await store.questions.get(id))!.userHash!);
      expect(logs.text()).not.toMatch(new RegExp([ALICE, BOB, MOD, ADDER].join("|")));
    });

    it("is HMAC-SHA256 under QUESTION_LOG_SECRET when set", async () => {
      const secret = "a-secret-of-at-least-16-characters";
      const { store } = await open({ secret });
      const { id } = ok(await store.questions.log(asked("q", notCovered, { userId: ALICE })));
      const expected = createHmac("sha256", secret).update(ALICE).digest("hex");
      expect((await store.questions.get(id))?.userHash).toBe(expected);
    });

    it("without QUESTION_LOG_SECRET, generates a secret once and keeps it: hashes stay stable across restarts", async () => {
      const { store, options, reopen } = await open({ secret: undefined });
      const first = ok(await store.questions.log(asked("q", notCovered, { userId: ALICE }))).id;
      const other = ok(await store.questions.log(asked("q", notCovered, { userId: BOB }))).id;
      await store.close();
      const again = await reopen();
      const second = ok(await again.questions.log(asked("q", notCovered, { userId: ALICE }))).id;
      const hashOf = async (id: number): Promise<string | undefined> => (await again.questions.get(id))?.userHash;
      expect(await hashOf(second)).toBe(await hashOf(first));
      expect(await hashOf(other)).not.toBe(await hashOf(first));
      const meta = (await backend.dump(options)).store_meta ?? [];
      const stored = meta.find((r) => r.key === "question_log_secret")?.value;
      expect(stored).toMatch(/^[0-9a-f]{64}$/);
      expect(await hashOf(first)).toBe(createHmac("sha256", String(stored)).update(ALICE).digest("hex"));
    });
  });

  describe("feedback", () => {
    it("counts one vote per user per question; voting again changes it", async () => {
      const { store } = await open();
      const { id } = ok(await store.questions.log(asked("who is kim", answered("S3"))));
      expect(ok(await store.feedback.vote({ questionId: id, userId: ALICE, vote: "down" }))).toEqual({
        up: 0,
        down: 1,
      });
      expect(ok(await store.feedback.vote({ questionId: id, userId: ALICE, vote: "down" }))).toEqual({
        up: 0,
        down: 1,
      });
      expect(ok(await store.feedback.vote({ questionId: id, userId: ALICE, vote: "up" }))).toEqual({ up: 1, down: 0 });
      expect(ok(await store.feedback.vote({ questionId: id, userId: BOB, vote: "down" }))).toEqual({ up: 1, down: 1 });
      expect(await store.feedback.counts(id)).toEqual({ up: 1, down: 1 });
      const other = ok(await store.questions.log(asked("q", answered("S1"), { article: "other" }))).id;
      ok(await store.feedback.vote({ questionId: other, userId: BOB, vote: "up" }));
      expect(await store.feedback.totals("putin")).toEqual({ up: 1, down: 1 });
      expect(await store.feedback.totals()).toEqual({ up: 2, down: 1 });
    });

    it("refuses a vote on a question not in the log, and a vote that is not up or down", async () => {
      const { store } = await open();
      expect(await store.feedback.vote({ questionId: 12345, userId: ALICE, vote: "up" })).toMatchObject({
        ok: false,
        reason: "not_found",
      });
      const { id } = ok(await store.questions.log(asked("q", notCovered)));
      expect(await store.feedback.vote({ questionId: id, userId: ALICE, vote: "meh" as "up" })).toMatchObject({
        ok: false,
        reason: "invalid",
      });
      expect(await store.feedback.counts(id)).toEqual({ up: 0, down: 0 });
    });
  });

  describe("review", () => {
    it("lists not_covered, unsure and 👎-voted questions per article, same text grouped, most asked first", async () => {
      const { store, clock } = await open();
      for (const q of ["Who is Kim Yo Jong?", "who is kim yo jong", "WHO IS KIM YO-JONG!!"]) {
        clock.now += 1000;
        ok(await store.questions.log(asked(q, unsure("S3", "S9"))));
      }
      ok(await store.questions.log(asked("who is kim yo jong", notCovered)));
      ok(await store.questions.log(asked("what is the weather", notCovered)));
      ok(await store.questions.log(asked("what is the weather", notCovered, { article: "other" })));
      const liked = ok(await store.questions.log(asked("when did he visit", answered("S5")))).id;
      ok(await store.feedback.vote({ questionId: liked, userId: BOB, vote: "up" }));
      const disliked = ok(await store.questions.log(asked("how long did he stay", answered("S8")))).id;
      ok(await store.feedback.vote({ questionId: disliked, userId: BOB, vote: "down" }));

      const pending = await store.review.pending({ article: "putin" });
      expect(pending.map((g) => [g.question, g.count, g.outcome])).toEqual([
        ["who is kim yo jong", 4, "unsure"],
        // Asked as often: the most recent first.
        ["how long did he stay", 1, "downvoted"],
        ["what is the weather", 1, "not_covered"],
      ]);
      const kim = pending[0]!;
      expect(kim.questions).toHaveLength(3);
      expect(kim.questions).toContain("WHO IS KIM YO-JONG!!");
      expect(kim.reasons).toEqual({ notCovered: 1, unsure: 3, downvoted: 0 });
      expect(kim.closestIds).toEqual(["S3", "S9"]);
      expect(kim.questionIds).toHaveLength(4);
      expect(kim.article).toBe("putin");
      expect(pending.flatMap((g) => g.questionIds)).not.toContain(liked);

      const all = await store.review.pending();
      expect(
        all
          .filter((g) => g.question === "what is the weather")
          .map((g) => g.article)
          .sort(),
      ).toEqual(["other", "putin"]);
      expect(await store.review.pending({ limit: 1 })).toHaveLength(1);
    });

    it("groups similar phrasings (most words shared) and keeps different questions apart", async () => {
      const { store } = await open();
      ok(await store.questions.log(asked("When did Putin visit North Korea?", notCovered)));
      ok(await store.questions.log(asked("when did putin visit north korea", notCovered)));
      ok(await store.questions.log(asked("When did Putin go to North Korea?", notCovered)));
      ok(await store.questions.log(asked("What about China?", notCovered)));
      ok(await store.questions.log(asked("What about Russia?", notCovered)));
      const pending = await store.review.pending();
      const visit = pending.find((g) => g.questions.includes("When did Putin go to North Korea?"));
      expect(visit?.count).toBe(3);
      expect(visit?.question).toMatch(/visit/i);
      expect(
        pending
          .filter((g) => g.count === 1)
          .map((g) => g.question)
          .sort(),
      ).toEqual(["What about China?", "What about Russia?"]);
    });

    it("takes a decided question off the pending list, for good, until reopened", async () => {
      const { store, clock } = await open();
      ok(await store.questions.log(asked("Who is Kim?", notCovered)));
      ok(await store.questions.log(asked("Who is Kim?", unsure("S3"))));
      ok(await store.questions.log(asked("who is kim", unsure("S3"))));
      ok(await store.questions.log(asked("where is pyongyang", notCovered)));
      const [kim] = await store.review.pending();
      expect(kim?.count).toBe(3);
      expect(kim?.questions).toEqual(["Who is Kim?", "who is kim"]);
      clock.now += 5000;
      const decided = await store.review.decide({
        article: "putin",
        questions: kim!.questions,
        decision: { kind: "mapped", sentenceId: "S3", entryId: "who-is-kim" },
        moderatorId: MOD,
      });
      expect(ok(decided)).toEqual({ decided: 1 });
      expect((await store.review.pending()).map((g) => g.question)).toEqual(["where is pyongyang"]);
      // Asked again later: still decided.
      ok(await store.questions.log(asked("WHO IS KIM", notCovered)));
      expect((await store.review.pending()).map((g) => g.question)).toEqual(["where is pyongyang"]);
      // Decided for this article only.
      ok(await store.questions.log(asked("who is kim", notCovered, { article: "other" })));
      expect((await store.review.pending({ article: "other" })).map((g) => g.question)).toEqual(["who is kim"]);

      ok(await store.review.decide(outOfScope("putin", "where is pyongyang")));
      expect(await store.review.pending({ article: "putin" })).toEqual([]);
      const decisions = await store.review.decisions("putin");
      expect(decisions).toEqual([
        {
          kind: "out_of_scope",
          article: "putin",
          question: "where is pyongyang",
          moderatorHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
          decidedAt: START + 5000,
        },
        {
          kind: "mapped",
          sentenceId: "S3",
          entryId: "who-is-kim",
          article: "putin",
          question: "Who is Kim?",
          moderatorHash: decisions[0]!.moderatorHash,
          decidedAt: START + 5000,
        },
      ]);
      // Deciding again replaces the decision.
      ok(await store.review.decide(outOfScope("putin", "who is kim?")));
      expect((await store.review.decisions("putin")).map((d) => d.kind)).toEqual(["out_of_scope", "out_of_scope"]);

      expect(ok(await store.review.reopen({ article: "putin", question: "Who is Kim" }))).toEqual({ reopened: true });
      expect((await store.review.pending({ article: "putin" })).map((g) => [g.question, g.count])).toEqual([
        ["Who is Kim?", 4],
      ]);
      expect(ok(await store.review.reopen({ article: "putin", question: "Who is Kim" }))).toEqual({ reopened: false });
    });

    it("refuses a decision with no question or a mapping without its sentence and entry", async () => {
      const { store } = await open();
      expect(await store.review.decide(outOfScope("putin", "  ", "?!"))).toMatchObject({
        ok: false,
        reason: "invalid",
      });
      expect(
        await store.review.decide({
          article: "putin",
          questions: ["q"],
          decision: { kind: "mapped", sentenceId: "", entryId: "e" },
          moderatorId: MOD,
        }),
      ).toMatchObject({ ok: false, reason: "invalid" });
      expect(await store.review.decisions()).toEqual([]);
    });
  });

  describe("settings", () => {
    it("resolves a channel's default over its server's, and clears each on its own", async () => {
      const { store } = await open();
      const here = { guildId: GUILD, channelId: CHANNEL };
      expect(await store.settings.defaultArticle(here)).toBeUndefined();
      ok(await store.settings.setDefaultArticle({ guildId: GUILD, article: "server-pack" }));
      expect(await store.settings.defaultArticle(here)).toBe("server-pack");
      expect(await store.settings.defaultArticle({ guildId: GUILD })).toBe("server-pack");
      ok(await store.settings.setDefaultArticle({ ...here, article: "channel-pack" }));
      expect(await store.settings.defaultArticle(here)).toBe("channel-pack");
      expect(await store.settings.defaultArticle({ guildId: GUILD, channelId: OTHER_CHANNEL })).toBe("server-pack");
      expect(
        await store.settings.defaultArticle({ guildId: "900000000000000099", channelId: CHANNEL }),
      ).toBeUndefined();
      ok(await store.settings.setDefaultArticle({ guildId: GUILD, article: "server-pack-2" }));
      expect(await store.settings.defaults(GUILD)).toEqual({
        server: "server-pack-2",
        channels: { [CHANNEL]: "channel-pack" },
      });

      expect(ok(await store.settings.clearDefaultArticle({ guildId: GUILD }))).toEqual({ cleared: true });
      expect(await store.settings.defaultArticle(here)).toBe("channel-pack");
      expect(await store.settings.defaultArticle({ guildId: GUILD, channelId: OTHER_CHANNEL })).toBeUndefined();
      expect(ok(await store.settings.clearDefaultArticle(here))).toEqual({ cleared: true });
      expect(await store.settings.defaultArticle(here)).toBeUndefined();
      expect(ok(await store.settings.clearDefaultArticle(here))).toEqual({ cleared: false });
      expect(await store.settings.defaults(GUILD)).toEqual({ server: undefined, channels: {} });
      expect(await store.settings.setDefaultArticle({ guildId: GUILD, article: " " })).toMatchObject({
        reason: "invalid",
      });
    });
  });

  describe("articles added from Discord", () => {
    it("adds, lists, gets, updates and removes a pack, its version changing on every write", async () => {
      const { store, clock } = await open();
      expect(
        ok(await store.packs.add({ id: "tram-opening", title: "Tram opens", files: PACK_FILES, addedBy: ADDER })),
      ).toEqual({ version: 1 });
      ok(
        await store.packs.add({
          id: "a-first",
          title: "First",
          files: { ...PACK_FILES, "concepts.json": "{}" },
          addedBy: ADDER,
        }),
      );
      const list = await store.packs.list();
      expect(list.map((p) => p.id)).toEqual(["a-first", "tram-opening"]);
      expect(list[1]).toEqual({
        id: "tram-opening",
        title: "Tram opens",
        addedByHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
        addedAt: START,
        updatedAt: START,
        version: 1,
      });
      expect((await store.packs.get("tram-opening"))?.files).toEqual(PACK_FILES);
      expect(await store.packs.version("tram-opening")).toBe(1);

      clock.now += 60_000;
      const changed = { ...PACK_FILES, "qa.yaml": "entries: [{ id: x }]\n" };
      expect(ok(await store.packs.update({ id: "tram-opening", files: changed, title: "The tram opens" }))).toEqual({
        version: 2,
      });
      const updated = await store.packs.get("tram-opening");
      expect(updated).toMatchObject({ title: "The tram opens", version: 2, addedAt: START, updatedAt: START + 60_000 });
      expect(updated?.files["qa.yaml"]).toBe("entries: [{ id: x }]\n");

      expect(ok(await store.packs.remove("tram-opening"))).toEqual({ version: 3 });
      expect(await store.packs.get("tram-opening")).toBeUndefined();
      expect(await store.packs.version("tram-opening")).toBeUndefined();
      expect((await store.packs.list()).map((p) => p.id)).toEqual(["a-first"]);
      // Re-added, it goes on counting: a cached version 1 cannot be mistaken for the new files.
      expect(
        ok(await store.packs.add({ id: "tram-opening", title: "Again", files: PACK_FILES, addedBy: ADDER })),
      ).toEqual({ version: 4 });
    });

    it("refuses an update made from a version that is no longer the stored one", async () => {
      const { store } = await open();
      const { version } = ok(await store.packs.add({ id: "tram", title: "Tram", files: PACK_FILES, addedBy: ADDER }));
      const mine = { ...PACK_FILES, "qa.yaml": "entries: []\noutOfScope: [mine]\n" };
      const theirs = { ...PACK_FILES, "qa.yaml": "entries: []\noutOfScope: [theirs]\n" };
      expect(ok(await store.packs.update({ id: "tram", files: theirs, expectedVersion: version }))).toEqual({
        version: version + 1,
      });
      expect(await store.packs.update({ id: "tram", files: mine, expectedVersion: version })).toMatchObject({
        ok: false,
        reason: "conflict",
      });
      expect((await store.packs.get("tram"))?.files["qa.yaml"]).toBe(theirs["qa.yaml"]);
      expect(await store.packs.update({ id: "nope", files: mine, expectedVersion: 1 })).toMatchObject({
        ok: false,
        reason: "not_found",
      });
      expect((await store.packs.listIfAvailable())?.map((p) => p.id)).toEqual(["tram"]);
    });

    it("refuses a duplicate id, and a pack it could not load", async () => {
      const { store } = await open();
      ok(await store.packs.add({ id: "tram", title: "Tram", files: PACK_FILES, addedBy: ADDER }));
      const dup = await store.packs.add({ id: "tram", title: "Other", files: PACK_FILES, addedBy: BOB });
      expect(dup).toMatchObject({ ok: false, reason: "duplicate" });
      expect((await store.packs.get("tram"))?.title).toBe("Tram");
      expect(await store.packs.version("tram")).toBe(1);

      const bad = [
        { id: "Bad Id", title: "T", files: PACK_FILES },
        { id: "../etc", title: "T", files: PACK_FILES },
        { id: "ok-id", title: " ", files: PACK_FILES },
        { id: "ok-id", title: "T", files: { ...PACK_FILES, "evil.sh": "rm -rf /" } },
        { id: "ok-id", title: "T", files: { "article.txt": "x" } },
        { id: "ok-id", title: "T", files: { ...PACK_FILES, "article.txt": "bin\u0000ary" } },
      ];
      for (const input of bad) {
        expect(await store.packs.add({ ...input, addedBy: ADDER }), JSON.stringify(input.id)).toMatchObject({
          ok: false,
          reason: "invalid",
        });
      }
      expect(await store.packs.update({ id: "nope", files: PACK_FILES })).toMatchObject({
        ok: false,
        reason: "not_found",
      });
      expect(await store.packs.remove("nope")).toMatchObject({ ok: false, reason: "not_found" });
      expect((await store.packs.list()).map((p) => p.id)).toEqual(["tram"]);
    });
  });

  describe("change notifications", () => {
    it("tell this instance's listeners about packs, decisions and settings, and stop when asked", async () => {
      const { store } = await open();
      const heard: StoreChange[] = [];
      const stop = store.onChange((c) => heard.push(c));
      store.onChange(() => {
        throw new Error("a listener that throws does not stop the others");
      });
      ok(await store.packs.add({ id: "tram", title: "Tram", files: PACK_FILES, addedBy: ADDER }));
      ok(await store.settings.setDefaultArticle({ guildId: GUILD, channelId: CHANNEL, article: "tram" }));
      ok(await store.review.decide(outOfScope("tram", "q")));
      ok(await store.packs.remove("tram"));
      ok(await store.questions.log(asked("not a change anyone listens for", notCovered)));
      await store.packs.add({ id: "tram", title: "Refused", files: {}, addedBy: ADDER });
      expect(heard).toEqual([
        { kind: "pack", id: "tram", version: 1 },
        { kind: "setting", guildId: GUILD, channelId: CHANNEL },
        { kind: "review", article: "tram" },
        { kind: "pack", id: "tram", version: null },
      ]);
      stop();
      ok(await store.settings.clearDefaultArticle({ guildId: GUILD, channelId: CHANNEL }));
      expect(heard).toHaveLength(4);
    });

    it("reach a second instance on the same database", async () => {
      const { store: a, reopen } = await open();
      const b = await reopen();
      const heardByB: StoreChange[] = [];
      const heardByA: StoreChange[] = [];
      b.onChange((c) => heardByB.push(c));
      a.onChange((c) => heardByA.push(c));
      await Promise.all([a.listening(), b.listening()]);

      ok(await a.packs.add({ id: "tram", title: "Tram", files: PACK_FILES, addedBy: ADDER }));
      ok(await a.settings.setDefaultArticle({ guildId: GUILD, article: "tram" }));
      ok(await a.review.decide(outOfScope("tram", "q")));
      await waitFor(() => heardByB.length >= 3);
      expect(heardByB).toEqual([
        { kind: "pack", id: "tram", version: 1 },
        { kind: "setting", guildId: GUILD, channelId: null },
        { kind: "review", article: "tram" },
      ]);
      // And back: B's change reaches A; each instance hears its own change once.
      ok(await b.packs.update({ id: "tram", files: PACK_FILES }));
      await waitFor(() => heardByA.length >= 4);
      expect(heardByA.at(-1)).toEqual({ kind: "pack", id: "tram", version: 2 });
      await new Promise((r) => setTimeout(r, 200));
      expect(heardByA).toHaveLength(4);
      expect(heardByB).toHaveLength(4);
      // What B reads is what A wrote.
      expect(await b.settings.defaultArticle({ guildId: GUILD })).toBe("tram");
    });
  });

  describe("failures never cost an answer", () => {
    it(`${backend.name === "SQLite" ? "a read-only database directory" : "the server stopped mid-session"}: writes report "unavailable" and are logged once each, reads give nothing; afterwards the store recovers`, async () => {
      const { store, options, logs, reopen } = await open();
      const before = ok(await store.questions.log(asked("before the outage", notCovered))).id;
      ok(await store.settings.setDefaultArticle({ guildId: GUILD, article: "putin" }));

      const { during, restore } = await backend.outage(options, store, () => reopen());
      try {
        const failedBefore = logs.lines.filter((l) => l.event === "store-write-failed").length;
        const writes = [
          await during.questions.log(asked("during the outage", notCovered)),
          await during.feedback.vote({ questionId: before, userId: BOB, vote: "down" }),
          await during.settings.setDefaultArticle({ guildId: GUILD, article: "other" }),
          await during.review.decide(outOfScope("putin", "q")),
          await during.packs.add({ id: "tram", title: "Tram", files: PACK_FILES, addedBy: ADDER }),
        ];
        for (const w of writes) expect(w).toMatchObject({ ok: false, reason: "unavailable" });
        const failed = logs.lines.filter((l) => l.event === "store-write-failed").slice(failedBefore);
        expect(failed.map((l) => l.what)).toEqual([
          "question log entry (slash, article putin, not_covered)",
          `a down vote on question ${before}`,
          `the default article (other) of server ${GUILD}`,
          "a review decision (out_of_scope) on 1 question(s) of putin",
          "pack tram (add)",
        ]);
        expect(logs.text()).not.toContain(BOB);
        expect(await during.questions.recent()).toEqual([]);
        expect(await during.questions.get(before)).toBeUndefined();
        expect(await during.settings.defaultArticle({ guildId: GUILD })).toBeUndefined();
        expect(await during.review.pending()).toEqual([]);
        expect(await during.packs.list()).toEqual([]);
        // A failure is not "no packs" for a caller that must tell them apart.
        expect(await during.packs.listIfAvailable()).toBeUndefined();
        expect(await during.feedback.counts(before)).toEqual({ up: 0, down: 0 });
      } finally {
        await restore();
      }
      // Back: the same instance writes again (a query or two may still meet a dropped connection).
      await waitFor(async () => (await during.questions.log(asked("after the outage", notCovered))).ok);
      expect((await during.questions.get(before))?.question).toBe("before the outage");
      expect(await during.settings.defaultArticle({ guildId: GUILD })).toBe("putin");
      expect(logs.lines.some((l) => l.event === "store-recovered")).toBe(true);
    });
  });
});
