/**
 * The owner's loop on the shared handler (`handleInteraction`, as both transports send it), with a store: every
 * question logged with 👍/👎 under its reply, votes, /review teaching the pack, /article add|list|remove|default,
 * refusals for members without Manage Server, deferred replies, and a store that fails. The fixture article is
 * the pack (test/support/fixture-pack.ts); expectations come from the engine's own answers.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { handleInteraction } from "../../src/discord/handle-interaction.js";
import { REPO_ROOT } from "../../src/knowledge/load.js";
import { createMetrics } from "../../src/metrics.js";
import { FIXTURE_ARTICLE, sentenceWith } from "../support/fixture-pack.js";
import { packFiles } from "../support/owner.js";
import * as build from "../support/payloads.js";
import { DEFAULT_PERMISSIONS, option, type JsonObject } from "../support/payloads.js";
import { makeReadOnly } from "../support/read-only.js";
import { EPHEMERAL, componentsOf, ownedContext, run, unescapeMarkdown, type OwnedContext } from "./harness.js";

const MODERATOR = { permissions: DEFAULT_PERMISSIONS | PermissionFlagsBits.ManageGuild };
const LIBRARY = "millbrook-library";
/** Unsure on the fixture article, its answer in the sentence about the children's section. */
const KIDS = "where do the kids go";
const SECOND_TEXT = readFileSync(join(REPO_ROOT, "test/fixtures/second-article.txt"), "utf8");

const sub = (name: string, options: JsonObject[] = []): JsonObject => ({ name, type: 1, options });
const article = (name: string, options: JsonObject[] = [], opts: build.InteractionOptions = MODERATOR) =>
  build.slashCommand("article", [sub(name, options)], opts);
const customIds = (data: Parameters<typeof componentsOf>[0]): string[] =>
  componentsOf(data).map((c) => String(c.custom_id));
const voteIds = (data: Parameters<typeof componentsOf>[0]): string[] =>
  customIds(data).filter((id) => id.startsWith("vote:"));

/** The fixture article's pack with two curated entries. */
const CURATED = `entries:
  - id: when-closing
    question: When does the library close?
    answer: On 3 June, for eight weeks.
    sentences: [S1]
  - id: who-pays
    question: Who is paying for the repairs?
    answer: The county heritage fund and a grant from the Wexley Trust.
    sentences: [S3]
`;

const opened: OwnedContext[] = [];
const directories: string[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});
async function context(options: Parameters<typeof ownedContext>[0] = {}): Promise<OwnedContext> {
  const o = await ownedContext(options);
  opened.push(o);
  return o;
}
function temporary(): string {
  const dir = mkdtempSync(join(tmpdir(), "owner-loop-"));
  directories.push(dir);
  return dir;
}

/** Files served on 127.0.0.1 as Discord's CDN serves attachments. */
const files = new Map<string, Buffer>();
let cdn: Server;
let cdnUrl = "";
beforeAll(async () => {
  cdn = createServer((req, res) => {
    const body = files.get(req.url ?? "");
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "text/plain" });
    res.end(body);
  });
  await new Promise<void>((resolve) => cdn.listen(0, "127.0.0.1", resolve));
  cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => cdn.close(() => resolve()));
});
function attach(filename: string, bytes: Buffer, size = bytes.length) {
  const path = `/attachments/${files.size}/${encodeURIComponent(filename)}`;
  files.set(path, bytes);
  return build.attachment({ filename, size, url: `${cdnUrl}${path}`, contentType: "text/plain; charset=utf-8" });
}
const addFile = (file: ReturnType<typeof attach>, more: JsonObject[] = [], opts = MODERATOR) =>
  build.slashCommand("article", [sub("add", [option.attachment("file", file), ...more])], { ...opts, files: [file] });

describe("every question is logged, and its reply takes a vote", () => {
  it("/ask: logged with its outcome, citations and closest ids, the server, channel and hashed user; 👍/👎 under the reply carry its ref", async () => {
    const { ctx, owner } = await context();
    const user = build.user();
    const body = await run(build.ask(KIDS, { user }), ctx);
    const expected = ctx.library.answer(KIDS).answer;
    expect(expected.outcome).toBe("unsure");
    const votes = voteIds(body.data);
    expect(votes).toHaveLength(2);
    const ref = votes[0]!.split(":")[1]!;
    expect(votes).toEqual([`vote:${ref}:up`, `vote:${ref}:down`]);
    // An unsure reply: the menu of questions first, the votes on their own row.
    expect(body.data?.components?.at(-1)).toMatchObject({
      type: 1,
      components: [{ emoji: { name: "👍" } }, { emoji: { name: "👎" } }],
    });
    await owner.questions.settled();
    expect(await owner.store.questions.byRef(ref)).toMatchObject({
      question: KIDS,
      surface: "slash",
      article: LIBRARY,
      outcome: "unsure",
      confidence: expected.confidence,
      citedIds: [],
      closestIds: expected.closest.map((c) => c.id),
      guildId: expect.stringMatching(/^\d+$/) as unknown,
      channelId: expect.stringMatching(/^\d+$/) as unknown,
      userHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(JSON.stringify(await owner.store.questions.recent())).not.toContain(user.id);
  });

  it("an answer takes the votes in its row of buttons; a question not covered takes none", async () => {
    const { ctx } = await context();
    const answered = await run(build.ask("who is sam okoro"), ctx);
    expect(ctx.library.answer("who is sam okoro").answer.outcome).toBe("answered");
    const row = answered.data?.components?.find((r) =>
      customIds({ components: [r] }).some((id) => id.startsWith("ctx:")),
    );
    expect(customIds({ components: [row!] }).filter((id) => id.startsWith("vote:"))).toHaveLength(2);
    const notCovered = await run(build.ask("what is the capital of peru"), ctx);
    expect(ctx.library.answer("what is the capital of peru").answer.outcome).toBe("not_covered");
    expect(voteIds(notCovered.data)).toEqual([]);
  });

  it("a vote: ephemeral thanks, one per person, changed by voting again, counted in articleqa_feedback_total", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const { ctx, owner } = await context({ metrics });
    const [up, down] = voteIds((await run(build.ask(KIDS), ctx)).data);
    const voter = build.user();
    const first = await run(build.button(down!, { user: voter }), ctx);
    expect(first).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(first.data?.content).toMatch(/👎 is recorded/);
    const again = await run(build.button(up!, { user: voter }), ctx);
    expect(again.data?.content).toMatch(/👍 is recorded/);
    await run(build.button(up!, { user: build.user() }), ctx);
    const logged = await owner.store.questions.byRef(up!.split(":")[1]!);
    expect(await owner.store.feedback.counts(logged!.id)).toEqual({ up: 2, down: 0 });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/articleqa_feedback_total\{vote="down"\} 1/);
    expect(text).toMatch(/articleqa_feedback_total\{vote="up"\} 2/);
  });

  it("a vote on a reply from before a restart counts; a ref not in the log and a malformed button get a clear reply", async () => {
    const dataDir = temporary();
    const before = await context({ dataDir });
    const [, down] = voteIds((await run(build.ask(KIDS), before.ctx)).data);
    await before.close();
    const after = await context({ dataDir });
    const voted = await run(build.button(down!), after.ctx);
    expect(voted.data?.content).toMatch(/👎 is recorded/);
    expect((await run(build.button("vote:nosuchref:up"), after.ctx)).data?.content).toMatch(
      /no longer in the bot's log/,
    );
    expect((await run(build.button("vote:abc:sideways"), after.ctx)).data?.content).toMatch(/not a vote I know/);
  });

  it("the 'which article?' button, the related menu and the HTTP endpoint are logged by what asked", async () => {
    const { ctx, owner } = await context({ packs: { [LIBRARY]: { ...packFiles(), "qa.yaml": CURATED } } });
    await run(build.button(`art:${LIBRARY}`, { message: build.message({ embeds: [{ title: KIDS }] }) }), ctx);
    await run(build.select(`relq:${LIBRARY}`, ["who-pays"]), ctx);
    await run(build.ask("who is sam okoro"), { ...ctx, transport: "http" });
    await owner.questions.settled();
    const logged = (await owner.store.questions.recent()).reverse();
    expect(logged.map((q) => [q.surface, q.question])).toEqual([
      ["button", KIDS],
      ["menu", "Who is paying for the repairs?"],
      ["http", "who is sam okoro"],
    ]);
  });

  it("with the question log off: nothing is logged and no reply has votes", async () => {
    const { ctx, owner } = await context({ questionLog: false });
    const body = await run(build.ask(KIDS), ctx);
    expect(voteIds(body.data)).toEqual([]);
    expect(body.data?.embeds?.[0]?.description).toBeTruthy();
    await owner.questions.settled();
    expect(await owner.store.questions.recent()).toEqual([]);
  });

  it("the database read-only: the same reply, and the log says what was not stored", async () => {
    const dataDir = temporary();
    const first = await context({ dataDir });
    const good = await run(build.ask("who is sam okoro"), first.ctx);
    await first.close();
    const writable = makeReadOnly(dataDir);
    try {
      // The store opened on the read-only directory, as a restart would find it.
      const { ctx, owner, logger } = await context({ dataDir });
      const bad = await run(build.ask("who is sam okoro"), ctx);
      expect(bad.data?.embeds).toEqual(good.data?.embeds);
      expect(voteIds(bad.data)).toHaveLength(2);
      await owner.questions.settled();
      const failed = logger.lines.filter((l) => l.event === "store-write-failed").map((l) => String(l.fields.what));
      expect(failed).toContain("question log entry (slash, article millbrook-library, answered)");
      const vote = await run(build.button(voteIds(bad.data)[0]!), ctx);
      expect(vote.data?.content).toMatch(/couldn't record your vote just now/);
    } finally {
      writable();
    }
  });
});

describe("/review", () => {
  it("refuses a member without Manage Server, and a use outside a server", async () => {
    const { ctx } = await context();
    const member = await run(build.slashCommand("review"), ctx);
    expect(member).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(member.data?.content).toMatch(/Only moderators \(members with the Manage Server permission\)/);
    const dm = await run(build.slashCommand("review", [], { guild: false }), ctx);
    expect(dm.data?.content).toMatch(/only works in a server/);
    const menu = await run(build.select(`rev:${LIBRARY}:1`, ["S6"]), ctx);
    expect(menu.data?.content).toMatch(/Only moderators/);
  });

  it("lists the unsure and 👎 questions with their closest sentences; choosing one teaches the pack, which then answers citing it", async () => {
    const { ctx, root } = await context();
    const empty = await run(build.slashCommand("review", [], MODERATOR), ctx);
    expect(empty.data?.content).toMatch(/Nothing to review/);
    const asked = await run(build.ask(KIDS), ctx);
    await run(build.button(voteIds(asked.data)[1]!), ctx);
    await ctx.owner!.questions.settled();

    const listed = await run(build.slashCommand("review", [], MODERATOR), ctx);
    expect(listed).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(unescapeMarkdown(listed.data?.embeds?.[0]?.description ?? "")).toContain(`"${KIDS}"`);
    const [menu] = componentsOf(listed.data);
    const target = sentenceWith(ctx.library.first.kb, "children's section will move");
    const options = (menu?.options ?? []) as { label: string; value: string }[];
    expect(options.map((o) => o.value)).toContain(target);
    expect(options.at(-1)).toEqual({ label: "Not in the article", value: "none" });
    expect(String(menu?.custom_id)).toMatch(new RegExp(`^rev:${LIBRARY}:\\d+$`));

    const decided = await run(build.select(String(menu?.custom_id), [target], MODERATOR), ctx);
    expect(decided).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(decided.data?.content).toMatch(new RegExp(`now answered from \`${target}\``));
    expect(readFileSync(join(root, LIBRARY, "qa.yaml"), "utf8")).toContain(KIDS);
    const now = ctx.library.answer(KIDS).answer;
    expect(now.outcome).toBe("answered");
    expect(now.citations[0]?.id).toBe(target);
    const again = await run(build.ask(KIDS), ctx);
    expect(again.data?.embeds?.[0]?.description).toContain(`\`${target}\``);
    expect((await run(build.slashCommand("review", [], MODERATOR), ctx)).data?.content).toMatch(/Nothing to review/);
  });

  it("'Not in the article' marks the question out of scope; a stale menu gets a clear reply", async () => {
    const { ctx } = await context();
    await run(build.ask("is the cafe open late"), ctx);
    await ctx.owner!.questions.settled();
    const [menu] = componentsOf((await run(build.slashCommand("review", [], MODERATOR), ctx)).data);
    const decided = await run(build.select(String(menu?.custom_id), ["none"], MODERATOR), ctx);
    expect(decided.data?.content).toMatch(/as not in/);
    expect(ctx.library.answer("is the cafe open late").answer.outcome).toBe("not_covered");
    const stale = await run(build.select(`rev:${LIBRARY}:999999`, ["S6"], MODERATOR), ctx);
    expect(stale.data?.content).toMatch(/no longer in the log/);
  });
});

describe("/article", () => {
  it("add without a file opens the form; submitted, the article is added and served, with questions it answers", async () => {
    const { ctx } = await context();
    const shown = await run(article("add", [option.string("title", "Tram news")]), ctx);
    expect(shown.type).toBe(9);
    expect(shown.data).toMatchObject({ custom_id: "artadd", title: "Add an article" });
    const inputs = componentsOf(shown.data);
    expect(inputs.map((c) => [c.custom_id, c.style, c.value])).toEqual([
      ["title", 1, "Tram news"],
      ["text", 2, undefined],
    ]);

    const submitted = await run(
      build.modalSubmit("artadd", { title: "", text: SECOND_TEXT.slice(0, 4000) }, MODERATOR),
      ctx,
    );
    expect(submitted).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    const content = submitted.data?.content ?? "";
    const id = /as `([a-z0-9-]+)`/.exec(content)?.[1];
    expect(id).toBeDefined();
    const pack = ctx.library.pack(id!);
    expect(content).toContain(`${pack?.kb.sentences.length} sentences`);
    const questions = [...content.matchAll(/^• (.+)$/gm)].map((m) => unescapeMarkdown(m[1]!));
    expect(questions.length).toBeGreaterThan(0);
    for (const q of questions) expect(ctx.library.answer(q).pack.id, q).toBe(id);
    expect(ctx.owner!.live.origin(id!)).toBe("store");
  });

  it("add with a .txt file: downloaded, built, stored; bad files are refused before or after downloading", async () => {
    const { ctx } = await context();
    const added = await run(addFile(attach("tram.txt", Buffer.from(SECOND_TEXT))), ctx);
    expect(added.data?.content).toMatch(/^Added "/);
    const refusals: [string, ReturnType<typeof attach>, RegExp][] = [
      ["a 5 MB file", attach("huge.txt", Buffer.from("x"), 5 * 1024 * 1024), /is 5\.0 MB; the limit is 200 KB/],
      ["an empty file", attach("empty.txt", Buffer.alloc(0)), /is empty/],
      ["a binary file", attach("photo.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3])), /binary|UTF-8/],
      ["not a .txt", { ...attach("photo.png", Buffer.from("x")), content_type: "image/png" }, /not a \.txt file/],
      ["the same article again", attach("again.txt", Buffer.from(SECOND_TEXT)), /already/],
      ["a file bigger than it said", attach("liar.txt", Buffer.alloc(300 * 1024, "a"), 10), /limit is 200 KB/],
    ];
    for (const [what, file, message] of refusals) {
      const body = await run(addFile(file), ctx);
      expect(body.data?.flags, what).toBe(EPHEMERAL);
      expect(body.data?.content, what).toMatch(/^Nothing was added: /);
      expect(body.data?.content, what).toMatch(message);
    }
    const emoji = await run(
      addFile(attach("x.txt", Buffer.from(FIXTURE_ARTICLE)), [option.string("title", "🎉🎉🎉")]),
      ctx,
    );
    expect(emoji.data?.content).toMatch(/no letters or digits/);
    expect(ctx.library.packs).toHaveLength(2);
  });

  it("refuses members without Manage Server: add (command and form), remove, default", async () => {
    const { ctx } = await context();
    const member = { permissions: DEFAULT_PERMISSIONS };
    for (const body of [
      await run(article("add", [], member), ctx),
      await run(build.modalSubmit("artadd", { title: "T", text: SECOND_TEXT }, member), ctx),
      await run(article("remove", [option.string("article", LIBRARY)], member), ctx),
      await run(article("default", [option.string("article", LIBRARY)], member), ctx),
    ]) {
      expect(body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
      expect(body.data?.content).toMatch(/Only moderators/);
    }
    expect(ctx.library.packs).toHaveLength(1);
  });

  it("list, remove and default: the channel's default over the server's, used by /ask without an article; 'none' clears it", async () => {
    const { ctx } = await context();
    const added = await run(
      build.modalSubmit("artadd", { title: "", text: SECOND_TEXT.slice(0, 4000) }, MODERATOR),
      ctx,
    );
    const id = /as `([a-z0-9-]+)`/.exec(added.data?.content ?? "")![1]!;
    const listed = await run(article("list"), ctx);
    const description = listed.data?.embeds?.[0]?.description ?? "";
    expect(description).toMatch(new RegExp(`\`${LIBRARY}\`.*part of the bot`));
    expect(description).toMatch(new RegExp(`\`${id}\`.*added from Discord`));

    // A question both articles could take: routed by the question's words until a default says otherwise.
    const question = "when does it open";
    const footer = async () => (await run(build.ask(question), ctx)).data?.embeds?.[0]?.footer?.text ?? "";
    const titleOf = (pack: string) => ctx.library.pack(pack)!.title;
    const set = await run(article("default", [option.string("article", LIBRARY)]), ctx);
    expect(set.data?.content).toMatch(/this server now answer from/);
    expect(await footer()).toContain(titleOf(LIBRARY));
    await run(article("default", [option.string("article", id), option.string("for", "channel")]), ctx);
    expect(await footer()).toContain(titleOf(id));
    const listedDefaults = (await run(article("list"), ctx)).data?.embeds?.[0]?.fields?.[0]?.value ?? "";
    expect(listedDefaults).toContain(`This server: \`${LIBRARY}\``);
    expect(listedDefaults).toContain(`\`${id}\``);
    await run(article("default", [option.string("article", "none"), option.string("for", "channel")]), ctx);
    expect(await footer()).toContain(titleOf(LIBRARY));
    expect((await run(article("default", [option.string("article", "nope")]), ctx)).data?.content).toMatch(
      /no article "nope"/,
    );

    const kept = await run(article("remove", [option.string("article", LIBRARY)]), ctx);
    expect(kept.data?.content).toMatch(/one of the bot's own articles/);
    const removed = await run(article("remove", [option.string("article", id)]), ctx);
    expect(removed.data?.content).toMatch(/^Removed "/);
    expect(ctx.library.pack(id)).toBeUndefined();
    expect((await run(article("remove", [option.string("article", id)]), ctx)).data?.content).toMatch(/no article/);
    const choices = await run(
      build.autocomplete("article", [sub("default", [option.focused("article", "")])], MODERATOR),
      ctx,
    );
    expect(choices.data?.choices?.map((c) => c.value)).toEqual(["none", LIBRARY]);
  });

  it("a slow add is deferred (thinking…) and its result follows, for the moderator only", async () => {
    const { ctx, followUpOf } = await context({ deferAfterMs: 0 });
    const payload = build.modalSubmit("artadd", { title: "Trams", text: SECOND_TEXT.slice(0, 4000) }, MODERATOR);
    const first = await run(payload, ctx);
    expect(first).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const later = await followUpOf(payload.token);
    expect(later.data?.content).toMatch(/^Added "Trams" as `trams`/);
    expect(later.data?.allowed_mentions).toEqual({ parse: [] });
    expect(later.data?.flags).toBeUndefined();
  });

  it("a deferred reply's follow-up waits until the transport has sent the deferred response", async () => {
    const { ctx, followUps, followUpOf, logger } = await context({ deferAfterMs: 0 });
    let sent: () => void = () => undefined;
    const responded = new Promise<void>((resolve) => (sent = resolve));
    const payload = build.modalSubmit("artadd", { title: "Trams", text: SECOND_TEXT.slice(0, 4000) }, MODERATOR);
    expect(await handleInteraction(payload, ctx, responded)).toMatchObject({ type: 5 });
    await expect.poll(() => logger.lines.some((l) => l.event === "article-added"), { timeout: 15_000 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(followUps).toEqual([]);
    sent();
    expect((await followUpOf(payload.token)).data?.content).toMatch(/^Added "Trams"/);
  });
});
