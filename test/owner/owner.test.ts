/**
 * The owner's loop below any surface (src/owner): articles added and removed, the review that teaches packs,
 * votes and default articles, on SQLite and on a real PostgreSQL server, with two instances on one database
 * where the change must reach the other.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/knowledge/load.js";
import { MAX_ARTICLE_BYTES } from "../../src/knowledge/article-text.js";
import { openOwner, type Owner } from "../../src/owner/index.js";
import type { StoreOptions } from "../../src/storage/index.js";
import { FIXTURE_ARTICLE, sentenceWith } from "../support/fixture-pack.js";
import { KnowledgeDirs, Owners, packFiles } from "../support/owner.js";
import { captureLogs, postgresBackend, sqliteBackend, Stores, waitFor, type Backend } from "../support/store.js";

const backends = [sqliteBackend(), postgresBackend()];
afterAll(async () => {
  for (const backend of backends) await backend.cleanUp();
}, 60_000);

const MOD = "481516234200000003";
const ALICE = "481516234200000001";
const BOB = "481516234200000002";
const GUILD = "900000000000000001";
const CHANNEL = "900000000000000002";
const LIBRARY = "millbrook-library";
const SECOND_TEXT = readFileSync(join(REPO_ROOT, "test/fixtures/second-article.txt"));
const bytes = (text: string): Uint8Array => Buffer.from(text, "utf8");

/** An unsure question about the fixture article, with the sentence a moderator maps it to. */
const KIDS = "where do the kids go";

describe.each(backends)("the owner's loop on $name", (backend: Backend) => {
  const owners = new Owners();
  const stores = new Stores();
  const dirs = new KnowledgeDirs();
  afterEach(async () => {
    await owners.closeAll();
    await stores.closeAll();
    dirs.cleanUp();
  });

  /** Two instances on one fresh database, serving the same knowledge directory (the fixture article). */
  async function twoInstances(): Promise<{ a: Owner; b: Owner; root: string; options: StoreOptions }> {
    const root = dirs.make({ [LIBRARY]: packFiles() });
    const options = await backend.fresh();
    const a = (await owners.add(options, root)).owner;
    const b = (await owners.add(options, root)).owner;
    await Promise.all([a.store.listening(), b.store.listening()]);
    return { a, b, root, options };
  }

  it("adds an article: stored, served at once by this instance and within seconds by the other, with questions it answers", async () => {
    const { a, b } = await twoInstances();
    const added = await a.articles.add({ bytes: SECOND_TEXT, addedBy: MOD });
    if (!added.ok) throw new Error(added.message);
    const { id, sentences, questions } = added.value;
    expect(id).toMatch(/^kilbarra/);
    expect(sentences).toBe(a.live.current.pack(id)?.kb.sentences.length);
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.length).toBeLessThanOrEqual(3);
    for (const question of questions) {
      const { pack, answer } = a.live.current.answer(question);
      expect(pack.id, question).toBe(id);
      expect(answer.outcome, question).toBe("answered");
    }
    expect(a.live.origin(id)).toBe("store");
    expect((await a.store.packs.get(id))?.files["article.raw.txt"]).toBe(SECOND_TEXT.toString("utf8"));
    await waitFor(() => b.live.current.pack(id) !== undefined);
    expect(b.live.current.answer(questions[0]!).pack.id).toBe(id);
    expect(a.articles.list().map((p) => [p.id, p.origin])).toEqual([
      [LIBRARY, "knowledge"],
      [id, "store"],
    ]);
  });

  it("refuses, with a reason, what makes no article and what is already served; nothing is stored", async () => {
    const { a } = await twoInstances();
    const tooBig = Buffer.alloc(5 * 1024 * 1024, "a");
    const cases: [string, Parameters<Owner["articles"]["add"]>[0], string, RegExp][] = [
      ["empty", { bytes: bytes("  \n\n "), addedBy: MOD }, "invalid", /empty/],
      [
        "binary",
        { bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2]), addedBy: MOD },
        "invalid",
        /binary|UTF-8/,
      ],
      ["5 MB", { bytes: tooBig, addedBy: MOD }, "invalid", new RegExp(`limit is ${MAX_ARTICLE_BYTES / 1024} KB`)],
      ["an emoji title", { bytes: SECOND_TEXT, title: "🚋🚋🎉", addedBy: MOD }, "invalid", /no letters or digits/],
      ["too short", { bytes: bytes("Just a headline\n\nOne line."), addedBy: MOD }, "invalid", /at least 3/],
      [
        "the same text",
        { bytes: bytes(FIXTURE_ARTICLE), title: "Library news", addedBy: MOD },
        "duplicate",
        /already loaded/,
      ],
      [
        "an id taken",
        { bytes: SECOND_TEXT, title: "Millbrook library", addedBy: MOD },
        "duplicate",
        /millbrook-library/,
      ],
    ];
    for (const [what, input, reason, message] of cases) {
      const result = await a.articles.add(input);
      expect(result, what).toMatchObject({ ok: false, reason });
      if (!result.ok) expect(result.message, what).toMatch(message);
    }
    expect(await a.store.packs.list()).toEqual([]);
    const first = await a.articles.add({ bytes: SECOND_TEXT, addedBy: MOD });
    expect(first.ok).toBe(true);
    expect(await a.articles.add({ bytes: SECOND_TEXT, addedBy: MOD })).toMatchObject({
      ok: false,
      reason: "duplicate",
    });
  });

  it("removes an article added from Discord on every instance; the knowledge directory's is not removable", async () => {
    const { a, b } = await twoInstances();
    const added = await a.articles.add({ bytes: SECOND_TEXT, addedBy: MOD });
    if (!added.ok) throw new Error(added.message);
    const { id } = added.value;
    await waitFor(() => b.live.current.pack(id) !== undefined);
    expect(await b.articles.remove(id)).toMatchObject({ ok: true, value: { id } });
    expect(b.live.current.pack(id)).toBeUndefined();
    await waitFor(() => a.live.current.pack(id) === undefined);
    expect(await a.articles.remove(id)).toMatchObject({ ok: false, reason: "not_found" });
    expect(await a.articles.remove(LIBRARY)).toMatchObject({ ok: false, reason: "not_removable" });
    expect(a.live.current.pack(LIBRARY)).toBeDefined();
  });

  it("a review maps an unsure question to a sentence: qa.yaml is written, the decision stored, the question answered here and on the other instance", async () => {
    const { a, b, root } = await twoInstances();
    const before = a.live.current.answer(KIDS);
    expect(before.answer.outcome).toBe("unsure");
    const target = sentenceWith(before.pack.kb, "children's section will move");
    a.questions.record({
      question: KIDS,
      surface: "slash",
      result: before,
      userId: ALICE,
      guildId: GUILD,
      channelId: CHANNEL,
    });
    a.questions.record({
      question: "Where do the kids go?",
      surface: "mention",
      result: a.live.current.answer("Where do the kids go?"),
      userId: BOB,
      guildId: GUILD,
      channelId: CHANNEL,
    });
    await a.questions.settled();

    const [item, ...rest] = (await a.review.pending()) ?? [];
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ article: LIBRARY, count: 2, outcome: "unsure" });
    expect(item!.questions).toEqual(expect.arrayContaining([KIDS, "Where do the kids go?"]));
    expect(item!.closest.map((c) => c.id)).toContain(target);
    for (const c of item!.closest) expect(c.text).toBe(before.pack.kb.sentenceById.get(c.id)?.text);

    const taught = await a.review.answer({
      article: LIBRARY,
      questions: item!.questions,
      sentenceId: target,
      moderatorId: MOD,
    });
    if (!taught.ok) throw new Error(taught.message);
    expect(taught.value).toMatchObject({ kind: "entry", sentenceId: target, decisionNotStored: undefined });
    expect(taught.value.answer.outcome).toBe("answered");
    expect(taught.value.answer.citations[0]?.id).toBe(target);
    const qa = readFileSync(join(root, LIBRARY, "qa.yaml"), "utf8");
    expect(qa).toContain(`sentences: [ ${target} ]`);
    expect(qa).toContain(`question: ${item!.questions[0]}`);
    expect(qa).toMatch(/^entries:\n {2}- id: /m);

    const now = a.live.current.answer("where do the kids go");
    expect(now.answer.citations[0]?.id).toBe(target);
    await waitFor(() => b.live.current.answer(KIDS).answer.outcome === "answered");
    expect(b.live.current.answer(KIDS).answer.citations[0]?.id).toBe(target);
    expect(await a.review.pending()).toEqual([]);
    expect(await a.store.review.decisions(LIBRARY)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "mapped",
          sentenceId: target,
          entryId: taught.value.entryId,
          question: item!.questions[0],
        }),
      ]),
    );
  });

  it("'not in the article' joins the pack's out-of-scope list and the question is not covered from then on", async () => {
    const { a, root } = await twoInstances();
    const question = "is the cafe open late";
    a.questions.record({
      question,
      surface: "slash",
      result: a.live.current.answer(question),
      userId: ALICE,
      guildId: GUILD,
      channelId: CHANNEL,
    });
    await a.questions.settled();
    const result = await a.review.outOfScope({ article: LIBRARY, questions: [question], moderatorId: MOD });
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toMatchObject({ kind: "out_of_scope", questions: [question] });
    expect(result.value.answer.outcome).toBe("not_covered");
    expect(readFileSync(join(root, LIBRARY, "qa.yaml"), "utf8")).toMatch(/outOfScope:\n\s+- is the cafe open late/);
    expect(await a.store.review.decisions(LIBRARY)).toMatchObject([{ kind: "out_of_scope", question }]);
    // Marking it again changes nothing in the file.
    const again = await a.review.outOfScope({ article: LIBRARY, questions: [question], moderatorId: MOD });
    expect(again).toMatchObject({ ok: true, value: { kind: "known" } });
  });

  it("refuses a sentence the pack does not have, an article not served, and a question already answered elsewhere in the file", async () => {
    const { a, root } = await twoInstances();
    const before = readFileSync(join(root, LIBRARY, "qa.yaml"), "utf8");
    expect(
      await a.review.answer({ article: LIBRARY, questions: [KIDS], sentenceId: "S999", moderatorId: MOD }),
    ).toMatchObject({
      ok: false,
      reason: "unknown_sentence",
    });
    expect(
      await a.review.answer({ article: "nope", questions: [KIDS], sentenceId: "S1", moderatorId: MOD }),
    ).toMatchObject({
      ok: false,
      reason: "unknown_article",
    });
    expect(await a.review.outOfScope({ article: LIBRARY, questions: ["  "], moderatorId: MOD })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    const mapped = await a.review.answer({ article: LIBRARY, questions: [KIDS], sentenceId: "S6", moderatorId: MOD });
    expect(mapped.ok).toBe(true);
    const conflicting = await a.review.outOfScope({ article: LIBRARY, questions: [KIDS], moderatorId: MOD });
    expect(conflicting).toMatchObject({ ok: false, reason: "invalid" });
    if (!conflicting.ok) expect(conflicting.message).toMatch(/also a phrasing of entry/);
    expect(readFileSync(join(root, LIBRARY, "qa.yaml"), "utf8")).not.toBe(before);
  });

  it("teaches a pack added from Discord in the store; two reviews of it at once both land", async () => {
    const { a, b } = await twoInstances();
    const added = await a.articles.add({
      bytes: bytes(FIXTURE_ARTICLE.replace("Riverside", "Eastside")),
      addedBy: MOD,
    });
    if (!added.ok) throw new Error(added.message);
    const { id } = added.value;
    await waitFor(() => b.live.current.pack(id) !== undefined);
    const version = await a.store.packs.version(id);
    const kb = a.live.current.pack(id)!.kb;
    // Two instances write one PostgreSQL database at once; SQLite is one process's file (a second connection
    // from the same process would wait on the first's lock), so there both reviews go to one instance at once.
    const other = backend.name === "PostgreSQL" ? b : a;
    const [one, two] = await Promise.all([
      a.review.answer({
        article: id,
        questions: [KIDS],
        sentenceId: sentenceWith(kb, "children's section"),
        moderatorId: MOD,
      }),
      other.review.answer({
        article: id,
        questions: ["how long has the roof leaked"],
        sentenceId: sentenceWith(kb, "leaked every winter"),
        moderatorId: MOD,
      }),
    ]);
    expect([one, two].map((r) => (r.ok ? "ok" : r.message))).toEqual(["ok", "ok"]);
    const stored = await a.store.packs.get(id);
    expect(stored?.version).toBe((version ?? 0) + 2);
    expect(stored?.files["qa.yaml"]).toContain(KIDS);
    expect(stored?.files["qa.yaml"]).toContain("how long has the roof leaked");
    await waitFor(() => a.live.current.answer("how long has the roof leaked", id).answer.outcome === "answered");
    await waitFor(() => b.live.current.answer(KIDS, id).answer.outcome === "answered");
  });

  it("votes by the reply's ref: one per person, changed by voting again, after the instance that logged it is gone", async () => {
    const { a, b } = await twoInstances();
    const result = a.live.current.answer(KIDS);
    const ref = a.questions.record({
      question: KIDS,
      surface: "slash",
      result,
      userId: ALICE,
      guildId: GUILD,
      channelId: CHANNEL,
    });
    expect(ref).toMatch(/^[\w-]{16}$/);
    expect(await a.questions.vote({ ref: ref!, userId: BOB, vote: "down" })).toEqual({
      ok: true,
      counts: { up: 0, down: 1 },
    });
    await a.close();
    expect(await b.questions.vote({ ref: ref!, userId: BOB, vote: "up" })).toEqual({
      ok: true,
      counts: { up: 1, down: 0 },
    });
    expect(await b.questions.vote({ ref: ref!, userId: ALICE, vote: "up" })).toEqual({
      ok: true,
      counts: { up: 2, down: 0 },
    });
    expect(await b.questions.vote({ ref: "not-a-ref", userId: BOB, vote: "up" })).toMatchObject({
      ok: false,
      reason: "not_found",
    });
    expect(
      a.questions.record({
        question: "   ",
        surface: "slash",
        result,
        userId: ALICE,
        guildId: GUILD,
        channelId: CHANNEL,
      }),
    ).toBeUndefined();
  });

  it("writes the questions recorded together in batches of at most 100, every one stored", async () => {
    const { a } = await twoInstances();
    const result = a.live.current.answer(KIDS);
    const batches: number[] = [];
    const log = a.store.questions;
    const logMany = log.logMany.bind(log);
    log.logMany = (inputs) => {
      batches.push(inputs.length);
      return logMany(inputs);
    };
    const refs = Array.from({ length: 150 }, (_, i) =>
      a.questions.record({
        question: `question number ${i}`,
        surface: "mention",
        result,
        userId: ALICE,
        guildId: GUILD,
        channelId: CHANNEL,
      }),
    );
    await a.questions.settled();
    expect(batches).toEqual([100, 50]);
    const stored = await Promise.all(refs.map((ref) => a.store.questions.byRef(ref!)));
    expect(stored.map((q) => q?.question)).toEqual(refs.map((_, i) => `question number ${i}`));
  });

  it("a stored pack that does not validate is left out and logged; the store down at start delays the stored packs, not the start", async () => {
    const root = dirs.make({ [LIBRARY]: packFiles() });
    const options = await backend.fresh();
    const quiet = captureLogs().logger;
    const setup = await stores.add({ ...options, retryMs: 0, logger: quiet });
    const second = packFiles(SECOND_TEXT.toString("utf8"));
    expect((await setup.packs.add({ id: "kilbarra", title: "Kilbarra", files: second, addedBy: MOD })).ok).toBe(true);
    const broken = {
      ...second,
      "qa.yaml": "entries:\n  - id: x\n    question: Q?\n    answer: A\n    sentences: [S9999]\n",
    };
    expect((await setup.packs.add({ id: "broken", title: "Broken", files: broken, addedBy: MOD })).ok).toBe(true);

    const { during, restore } = await backend.outage(options, setup, () =>
      stores.add({ ...options, retryMs: 0, logger: quiet }),
    );
    const logs = captureLogs();
    let owner: Owner;
    try {
      owner = await openOwner({ storage: during, logger: logs.logger, root, articles: undefined, retryMs: 100 });
      expect(owner.live.current.packs.map((p) => p.id)).toEqual([LIBRARY]);
      expect(owner.live.current.answer(KIDS).pack.id).toBe(LIBRARY);
      expect(logs.lines.some((l) => l.event === "stored-packs-unavailable")).toBe(true);
    } finally {
      await restore();
    }
    try {
      await waitFor(() => owner.live.current.pack("kilbarra") !== undefined, 15_000);
      expect(owner.live.current.packs.map((p) => p.id)).toEqual([LIBRARY, "kilbarra"]);
      const invalid = logs.lines.find((l) => l.event === "pack-reload-failed");
      expect(invalid).toMatchObject({ pack: "broken", origin: "store" });
      expect(String(invalid?.error)).toMatch(/S9999/);
    } finally {
      await owner.close();
    }
  });

  it("default articles: the channel's over the server's, seen by the other instance once changed", async () => {
    const { a, b } = await twoInstances();
    expect(await a.defaults.forPlace({ guildId: GUILD, channelId: CHANNEL })).toBeUndefined();
    expect(await b.defaults.forPlace({ guildId: GUILD, channelId: CHANNEL })).toBeUndefined();
    expect((await a.store.settings.setDefaultArticle({ guildId: GUILD, article: "server-one" })).ok).toBe(true);
    expect(
      (await a.store.settings.setDefaultArticle({ guildId: GUILD, channelId: CHANNEL, article: "channel-one" })).ok,
    ).toBe(true);
    await waitFor(async () => (await b.defaults.forPlace({ guildId: GUILD, channelId: CHANNEL })) === "channel-one");
    expect(await b.defaults.forPlace({ guildId: GUILD, channelId: "another" })).toBe("server-one");
    expect(await b.defaults.forPlace({ guildId: GUILD })).toBe("server-one");
    expect(await b.defaults.forPlace({ channelId: CHANNEL })).toBeUndefined();
    expect((await b.defaults.fresh(GUILD)).channels).toEqual({ [CHANNEL]: "channel-one" });
  });
});
