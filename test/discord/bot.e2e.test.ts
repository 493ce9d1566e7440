/**
 * End to end: the bot's REAL discord.js client (startBot = createBotClient + registerEvents + login, as
 * `npm start` runs it) against the fake Discord. Assertions are on the REST bodies the bot sends.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/answer/index.js";
import { AnswerEngine } from "../../src/answer/engine.js";
import { InteractionKind, type FakeMessage, type JsonObject } from "../support/fake-discord.js";
import {
  callbackBody,
  componentsOf,
  quotedCitations,
  startTestBot,
  TOKEN,
  unescapeMarkdown,
  type TestBot,
  type TestBotOptions,
} from "./harness.js";

const ARTICLE = readFileSync(new URL("../../knowledge/article.txt", import.meta.url), "utf8");
const EPHEMERAL = 64;
const engine = defaultEngine();

let t: TestBot | undefined;

async function start(options: TestBotOptions = {}): Promise<TestBot> {
  t = await startTestBot(options);
  return t;
}

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const str = (name: string, value: string, extra: JsonObject = {}): JsonObject => ({ name, type: 3, value, ...extra });

/** Sends a slash command and returns the callback body. */
async function slash(bot: TestBot, name: string, options: JsonObject[] = [], opts?: Parameters<TestBot["fake"]["slashCommand"]>[2]) {
  const sent = bot.fake.sendInteraction(bot.fake.slashCommand(name, options, opts));
  const callback = await sent.waitForCallback();
  return { sent, callback, body: callbackBody(callback) };
}

function expectNoPings(body: { data?: { allowed_mentions?: unknown } }): void {
  expect(body.data?.allowed_mentions).toEqual({ parse: [] });
}

describe("the gateway bot against a fake Discord", { timeout: 15_000 }, () => {
  it("/ask answers with an embed quoting the article verbatim, buttons, and a log line", async () => {
    const bot = await start();
    const question = "When did Putin first visit North Korea?";
    const { callback, body } = await slash(bot, "ask", [str("question", question)]);

    expect(callback.headers.authorization).toBeUndefined(); // interaction callbacks are unauthenticated
    expect(callback.response?.status).toBe(204);
    expect(body.type).toBe(4);
    expect((body.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    expectNoPings(body);
    const embed = body.data?.embeds?.[0];
    expect(embed?.title).toBe(question);
    const citations = quotedCitations(embed?.description);
    expect(citations.length).toBeGreaterThan(0);
    for (const c of citations) {
      expect(ARTICLE).toContain(c.text);
      expect(engine.kb.sentenceById.get(c.id)?.text).toBe(c.text);
    }
    expect(citations.map((c) => c.id)).toContain("S5"); // "He made his first trip ... 24 years ago"
    expect(embed?.footer?.text).toContain(engine.kb.meta.title);
    expect(embed?.footer?.text).toMatch(/confidence \d\.\d\d/);

    const ids = componentsOf(body.data).map((c) => c.custom_id);
    expect(ids).toEqual([expect.stringMatching(/^ctx:qa:/), expect.stringMatching(/^rel:qa:/)]);

    const line = bot.logger.lines.find((l) => l.event === "interaction");
    expect(line?.fields).toMatchObject({ kind: "command", command: "ask", user: bot.fake.defaultUser.id, answered: true });
    expect(typeof line?.fields.latencyMs).toBe("number");
    expect(bot.fake.unhandledRequests).toEqual([]);
  });

  it("/ask private:true is ephemeral; an out-of-scope question says the article doesn't say, with suggestions", async () => {
    const bot = await start();
    const priv = await slash(bot, "ask", [str("question", "Who is Kim Yo Jong?"), { name: "private", type: 5, value: true }]);
    expect(priv.body.data?.flags).toBe(EPHEMERAL);
    expect(priv.body.data?.embeds?.[0]?.description).toBeTruthy();

    const out = await slash(bot, "ask", [str("question", "What is the capital of France?")]);
    const embed = out.body.data?.embeds?.[0];
    expect(embed?.description).toMatch(/The article doesn't (?:say|mention)/);
    expect(embed?.footer?.text).toContain("not covered by the article");
    expect(quotedCitations(embed?.description)).toEqual([]);
    expect(embed?.fields?.[0]?.name).toBe("Questions the article can answer");
    const select = componentsOf(out.body.data)[0];
    expect(select).toMatchObject({ type: 3, custom_id: "relq" });
    const values = (select?.options as { value: string }[]).map((o) => o.value);
    for (const v of values) expect(engine.kb.qaById.has(v)).toBe(true);
    expect(bot.logger.lines.filter((l) => l.event === "interaction").map((l) => l.fields.answered)).toEqual([true, false]);
  });

  it("/fact shows a fact card; an unknown topic gets an ephemeral 'did you mean'", async () => {
    const bot = await start();
    const known = engine.kb.facts[0]!;
    const found = await slash(bot, "fact", [str("topic", known.name)]);
    expect((found.body.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    const card = found.body.data?.embeds?.[0];
    expect(card?.title).toBe(known.name);
    expect(card?.description).toContain(known.description);
    for (const c of quotedCitations(card?.description)) expect(known.sentences).toContain(c.id);
    expectNoPings(found.body);

    const topic = ["Kremlin palace", "Kim family", "Putin's palace guards"].find((x) => {
      const view = engine.factView(x);
      return !view.found && view.closest.length > 0;
    });
    expect(topic).toBeDefined();
    const view = engine.factView(topic!);
    const unknown = await slash(bot, "fact", [str("topic", topic!)]);
    expect(unknown.body.data?.flags).toBe(EPHEMERAL);
    expect(unknown.body.data?.content).toContain("Did you mean");
    if (!view.found) expect(unknown.body.data?.content).toContain(view.closest[0]!.name);
  });

  it("/quote shows the sentence with its neighbours; /source and /help", async () => {
    const bot = await start();
    const i = 5;
    const q = await slash(bot, "quote", [{ name: "sentence", type: 4, value: i }]);
    const desc = q.body.data?.embeds?.[0]?.description ?? "";
    expect(q.body.data?.embeds?.[0]?.title).toBe(`Sentence S${i}`);
    expect(quotedCitations(desc)).toEqual([{ id: `S${i}`, text: engine.kb.sentences[i]!.text }]);
    expect(unescapeMarkdown(desc)).toContain(engine.kb.sentences[i - 1]!.text);
    expect(unescapeMarkdown(desc)).toContain(engine.kb.sentences[i + 1]!.text);

    const first = await slash(bot, "quote", [{ name: "sentence", type: 4, value: 0 }]);
    expect(first.body.data?.embeds?.[0]?.title).toContain("S0");

    const src = await slash(bot, "source");
    const embed = src.body.data?.embeds?.[0];
    expect(embed?.title).toBe(engine.kb.meta.title);
    expect(embed?.fields?.find((f) => f.name === "Size")?.value).toContain(`${engine.kb.sentences.length} sentences`);
    expectNoPings(src.body);

    const help = await slash(bot, "help");
    expect(help.body.data?.flags).toBe(EPHEMERAL);
    const text = JSON.stringify(help.body.data?.embeds);
    for (const c of ["/ask", "/fact", "/quote", "/source", "Check against article", `<@${bot.fake.applicationId}>`]) expect(text).toContain(c);
  });

  it("autocomplete: at most 25 choices of at most 100 characters, relevant to what is typed, pinned first when empty", async () => {
    const bot = await start();
    const complete = async (name: string, option: string, value: string) => {
      const sent = bot.fake.sendInteraction(bot.fake.autocomplete(name, [str(option, value, { focused: true })]));
      const body = callbackBody(await sent.waitForCallback());
      expect(body.type).toBe(8);
      const choices = body.data?.choices ?? [];
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(String(c.value).length).toBeLessThanOrEqual(100);
      }
      return choices;
    };

    const empty = await complete("ask", "question", "");
    expect(empty).toHaveLength(25);
    const pinned = engine.pinnedQuestions();
    expect(pinned.length).toBeGreaterThan(0);
    expect(empty.slice(0, pinned.length).map((c) => c.name)).toEqual(pinned);

    const typed = await complete("ask", "question", "kim yo");
    expect(typed.length).toBeGreaterThan(0);
    expect(typed[0]?.name.toLowerCase()).toMatch(/kim/);
    // Every choice is a knowledge-base question, submitted as its own text.
    for (const c of typed) expect(engine.kb.qa.some((e) => e.question === c.value)).toBe(true);

    const facts = await complete("fact", "topic", "zelen");
    expect(facts[0]?.value).toBe("Volodymyr Zelensky");
    // Autocomplete is never rate-limited and logs as such.
    expect(bot.logger.lines.filter((l) => l.event === "interaction").map((l) => l.fields.kind)).toEqual([
      "autocomplete",
      "autocomplete",
      "autocomplete",
    ]);
  });

  it("'Show context' button and the 'Related' select menu work from the custom_ids of the previous response", async () => {
    const bot = await start();
    const asked = await slash(bot, "ask", [str("question", "When did Putin first visit North Korea?")]);
    const message = bot.fake.originalMessage(asked.sent.token) as FakeMessage;
    expect(message).toBeDefined();
    const [contextButton, relatedButton] = componentsOf(asked.body.data);

    // Show context: the cited sentences with their neighbours, as a new ephemeral message.
    const ctxSent = bot.fake.sendInteraction(bot.fake.button(String(contextButton?.custom_id), { message }));
    const ctxBody = callbackBody(await ctxSent.waitForCallback());
    expect(ctxBody.type).toBe(4);
    expect(ctxBody.data?.flags).toBe(EPHEMERAL);
    const ctxText = unescapeMarkdown(ctxBody.data?.embeds?.[0]?.description ?? "");
    const cited = quotedCitations(asked.body.data?.embeds?.[0]?.description);
    for (const c of cited) {
      expect(ctxText).toContain(c.text);
      const s = engine.kb.sentenceById.get(c.id)!;
      const before = engine.kb.sentences[s.index - 1];
      if (before !== undefined) expect(ctxText).toContain(before.text);
    }

    // Related: an ephemeral select menu of related questions (values = Q&A ids)...
    const relSent = bot.fake.sendInteraction(bot.fake.button(String(relatedButton?.custom_id), { message }));
    const relBody = callbackBody(await relSent.waitForCallback());
    expect(relBody.data?.flags).toBe(EPHEMERAL);
    const select = componentsOf(relBody.data)[0];
    expect(select).toMatchObject({ type: 3, custom_id: "relq" });
    const option = (select?.options as { label: string; value: string }[])[0]!;
    expect(engine.kb.qaById.get(option.value)?.question).toBe(option.label);

    // ...and choosing one answers it (stateless: only the custom_id and the chosen value are needed).
    const pickerMessage = bot.fake.originalMessage(relSent.token) as FakeMessage;
    const pick = bot.fake.interaction(
      InteractionKind.MessageComponent,
      { custom_id: "relq", component_type: 3, values: [option.value] },
      { message: pickerMessage },
    );
    const pickBody = callbackBody(await bot.fake.sendInteraction(pick).waitForCallback());
    expect(pickBody.data?.flags).toBe(EPHEMERAL);
    const entry = engine.kb.qaById.get(option.value)!;
    expect(pickBody.data?.embeds?.[0]?.title).toBe(unescapeMarkdown(entry.question));
    expect(quotedCitations(pickBody.data?.embeds?.[0]?.description).map((c) => c.id)).toEqual(entry.sentences.slice(0, 3));
    expect(bot.logger.lines.filter((l) => l.event === "interaction").map((l) => [l.fields.kind, l.fields.command])).toEqual([
      ["command", "ask"],
      ["component", "ctx"],
      ["component", "rel"],
      ["component", "relq"],
    ]);
  });

  it("an unknown button or command gets a clear ephemeral message", async () => {
    const bot = await start();
    const stale = callbackBody(await bot.fake.sendInteraction(bot.fake.button("zzz:old")).waitForCallback());
    expect(stale).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } } });
    expect(stale.data?.content).toMatch(/no longer works/);
    const gone = callbackBody(await bot.fake.sendInteraction(bot.fake.button("ctx:qa:no-such-entry")).waitForCallback());
    expect(gone.data?.content).toMatch(/no longer in the knowledge base/);
    const unknown = await slash(bot, "nope");
    expect(unknown.body.data?.flags).toBe(EPHEMERAL);
    expect(unknown.body.data?.content).toContain("nope");
  });

  it("the 'Check against article' context menu quotes the sentences a message bears on, ephemerally", async () => {
    const bot = await start();
    const target = bot.fake.messageCreate({ content: "Putin is going to North Korea for the first time in 24 years" });
    const sent = bot.fake.sendInteraction(bot.fake.messageContextMenu("Check against article", target));
    const body = callbackBody(await sent.waitForCallback());
    expect(body.data?.flags).toBe(EPHEMERAL);
    const embed = body.data?.embeds?.[0];
    expect(embed?.description).toContain("Putin is going to North Korea");
    const quotes = quotedCitations(embed?.description);
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(ARTICLE).toContain(q.text);

    const off = bot.fake.messageCreate({ content: "I like pizza with pineapple" });
    const offBody = callbackBody(await bot.fake.sendInteraction(bot.fake.messageContextMenu("Check against article", off)).waitForCallback());
    expect(offBody.data?.embeds?.[0]?.description).toContain("The article says nothing about this.");
    expect(bot.logger.lines.filter((l) => l.event === "interaction").map((l) => [l.fields.kind, l.fields.answered])).toEqual([
      ["context-menu", true],
      ["context-menu", false],
    ]);
  });

  it("a mention is answered as a reply with the /ask embed, no pings; an empty mention gets short help", async () => {
    const bot = await start();
    const { payload } = bot.fake.sendMessageCreate({ content: "when did Putin first visit North Korea?", mentionsBot: true });
    const post = await bot.fake.waitForRequest({ method: "POST", path: `/channels/${bot.fake.channelId}/messages` });
    const body = post.body as { embeds?: { title?: string; description?: string }[]; message_reference?: JsonObject; allowed_mentions?: JsonObject };
    expect(body.message_reference).toMatchObject({ message_id: payload.id });
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.embeds?.[0]?.title).toBe("when did Putin first visit North Korea?");
    expect(quotedCitations(body.embeds?.[0]?.description).map((c) => c.id)).toContain("S5");
    expect(bot.fake.getMessage((post.response?.body as { id: string }).id)?.mentions).toEqual([]);

    const mark = bot.fake.mark();
    const empty = bot.fake.sendMessageCreate({ content: "", mentionsBot: true });
    const help = await bot.fake.waitForRequest({ method: "POST", path: `/channels/${bot.fake.channelId}/messages` }, { since: mark });
    expect(help.body).toMatchObject({ message_reference: { message_id: empty.payload.id }, allowed_mentions: { parse: [] } });
    expect((help.body as { content: string }).content).toMatch(/\/ask/);
    // Logged once discord.js has the REST response, i.e. just after the fake recorded the request.
    await expect.poll(() => bot.logger.lines.filter((l) => l.event === "message").length).toBe(2);
    const logged = bot.logger.lines.filter((l) => l.event === "message");
    expect(logged.map((l) => [l.fields.kind, l.fields.answered])).toEqual([
      ["mention", true],
      ["mention", null],
    ]);
  });

  it("ignores @everyone/@here/role-only mentions, other bots and its own replies; answers DMs without a mention", async () => {
    const bot = await start();
    const { fake } = bot;
    const otherBot = fake.addUser({ username: "otherbot", bot: true });
    const mark = fake.mark();
    fake.sendMessageCreate({ content: "@everyone when did Putin first visit North Korea?", mentionEveryone: true });
    fake.sendMessageCreate({ content: `<@&${fake.botRoleId}> when did Putin first visit North Korea?`, extra: { mention_roles: [fake.botRoleId] } });
    fake.sendMessageCreate({ content: "hey bot, who is Kim Yo Jong?", author: otherBot, mentionsBot: true });
    // A DM, no mention: answered. Its reply is the first message the bot posts after the ignored ones.
    const dm = fake.sendMessageCreate({ content: "Who is Kim Yo Jong?", guild: false });
    const dmChannel = fake.dmChannelFor(fake.defaultUser);
    const reply = await fake.waitForRequest({ method: "POST", path: /^\/channels\/\d+\/messages$/ }, { since: mark });
    expect(reply.path).toBe(`/channels/${dmChannel.id}/messages`);
    expect(reply.body).toMatchObject({ message_reference: { message_id: dm.payload.id }, allowed_mentions: { parse: [] } });
    expect((reply.body as { embeds: { description: string }[] }).embeds[0]?.description).toBeTruthy();
    // The bot's own reply came back over the gateway (fake echoes it) and was not answered.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.requests.slice(mark).filter((r) => r.method === "POST" && r.path.endsWith("/messages"))).toHaveLength(1);
    await expect.poll(() => bot.logger.lines.filter((l) => l.event === "message").map((l) => l.fields.kind)).toEqual(["dm"]);
  });

  it("@everyone/@here in a question ping nobody, by command or by mention", async () => {
    const bot = await start();
    const { sent, body } = await slash(bot, "ask", [str("question", "@everyone @here when did Putin first visit North Korea?")]);
    expectNoPings(body);
    const title = body.data?.embeds?.[0]?.title ?? "";
    expect(title).not.toMatch(/@everyone|@here/);
    expect(title).toContain("@\u200beveryone");
    const stored = bot.fake.originalMessage(sent.token);
    expect(stored?.mention_everyone).toBe(false);
    expect(stored?.mentions).toEqual([]);

    const mark = bot.fake.mark();
    bot.fake.sendMessageCreate({ content: "@everyone <@" + bot.fake.defaultUser.id + "> when did Putin first visit North Korea?", mentionsBot: true });
    const post = await bot.fake.waitForRequest({ method: "POST", path: `/channels/${bot.fake.channelId}/messages` }, { since: mark });
    expect((post.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(bot.fake.getMessage((post.response?.body as { id: string }).id)?.mentions).toEqual([]);
    expect(JSON.stringify(post.body)).not.toMatch(/@everyone/);
  });

  it("rate limit: over it, an ephemeral notice with a retry time; another user is unaffected; autocomplete is not limited", async () => {
    const bot = await start({ env: { RATE_LIMIT_COUNT: "2", RATE_LIMIT_WINDOW_SECONDS: "60" } });
    const { fake } = bot;
    const ask = (user = fake.defaultUser) => slash(bot, "ask", [str("question", "Who is Kim Yo Jong?")], { user });
    expect((await ask()).body.data?.embeds).toHaveLength(1);
    expect((await ask()).body.data?.embeds).toHaveLength(1);
    const limited = await ask();
    expect(limited.body.data?.flags).toBe(EPHEMERAL);
    expect(limited.body.data?.content).toMatch(/^You're asking too fast — try again <t:\d+:R>\.$/);
    const retryAt = Number(/<t:(\d+):R>/.exec(limited.body.data?.content ?? "")?.[1]) * 1000;
    expect(retryAt).toBeGreaterThan(Date.now());
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 61_000);
    // Buttons count too.
    const button = callbackBody(await fake.sendInteraction(fake.button("ctx:qa:first-visit-when")).waitForCallback());
    expect(button.data?.content).toMatch(/too fast/);

    const other = fake.addUser({ username: "other" });
    expect((await ask(other)).body.data?.embeds).toHaveLength(1);
    const auto = callbackBody(
      await fake.sendInteraction(fake.autocomplete("ask", [str("question", "kim", { focused: true })])).waitForCallback(),
    );
    expect(auto.data?.choices?.length).toBeGreaterThan(0);
  });

  it("rate limit on mentions: one notice, then silence until the window passes; others still answered", async () => {
    const bot = await start({ env: { RATE_LIMIT_COUNT: "1", RATE_LIMIT_WINDOW_SECONDS: "60" } });
    const { fake } = bot;
    const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${fake.channelId}/messages`);
    fake.sendMessageCreate({ content: "who is Kim Yo Jong?", mentionsBot: true });
    await expect.poll(() => posts().length).toBe(1);
    const second = fake.sendMessageCreate({ content: "who is Kim Jong Un?", mentionsBot: true });
    await expect.poll(() => posts().length).toBe(2);
    expect(posts()[1]?.body).toMatchObject({ content: expect.stringMatching(/too fast/), message_reference: { message_id: second.payload.id } });
    fake.sendMessageCreate({ content: "who is Kim Jong Il?", mentionsBot: true }); // ignored: already told
    const other = fake.addUser({ username: "other" });
    const third = fake.sendMessageCreate({ content: "who is Kim Jong Il?", mentionsBot: true, author: other });
    await expect.poll(() => posts().length).toBe(3);
    expect(posts()[2]?.body).toMatchObject({ message_reference: { message_id: third.payload.id } });
    expect((posts()[2]?.body as { embeds: unknown[] }).embeds).toHaveLength(1);
  });

  it("a handler that throws gets an ephemeral apology and a log line without the token; the bot keeps answering", async () => {
    const real = defaultEngine();
    let failures = 1;
    const flaky = Object.create(real) as AnswerEngine;
    flaky.answer = (question: string) => {
      if (failures-- > 0) throw new Error(`engine exploded (token ${TOKEN})`);
      return real.answer(question);
    };
    expect(flaky).toBeInstanceOf(AnswerEngine);
    const bot = await start({ engine: flaky });
    const failed = await slash(bot, "ask", [str("question", "Who is Kim Yo Jong?")]);
    expect(failed.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } } });
    expect(failed.body.data?.content).toMatch(/^Sorry/);
    const error = bot.logger.lines.find((l) => l.level === "error");
    expect(error?.event).toBe("interaction-error");
    expect(error?.fields).toMatchObject({ kind: "command", command: "ask", error: { message: expect.stringContaining("engine exploded") } });
    expect(JSON.stringify(error)).not.toContain(failed.sent.token);

    const ok = await slash(bot, "ask", [str("question", "Who is Kim Yo Jong?")]);
    expect(ok.body.data?.embeds?.[0]?.description).toBeTruthy();

    // The mention path too: an apology reply, then answers again.
    failures = 1;
    const posts = () => bot.fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${bot.fake.channelId}/messages`);
    bot.fake.sendMessageCreate({ content: "who is Kim Yo Jong?", mentionsBot: true });
    await expect.poll(() => posts().length).toBe(1);
    expect(posts()[0]?.body).toMatchObject({ content: expect.stringMatching(/^Sorry/), allowed_mentions: { parse: [] } });
    bot.fake.sendMessageCreate({ content: "who is Kim Yo Jong?", mentionsBot: true });
    await expect.poll(() => posts().length).toBe(2);
    expect((posts()[1]?.body as { embeds: unknown[] }).embeds).toHaveLength(1);
    expect(bot.logger.lines.filter((l) => l.level === "error").map((l) => l.event)).toEqual(["interaction-error", "message-error"]);
    expect(bot.bot.client.isReady()).toBe(true);
  });

  it("a failed interaction callback (e.g. 10062 Unknown interaction) is logged without the token, and the bot carries on", async () => {
    const bot = await start();
    bot.fake.respondWith({ method: "POST", path: /\/callback$/ }, { status: 404, body: { message: "Unknown interaction", code: 10062 } });
    const first = bot.fake.sendInteraction(bot.fake.slashCommand("source"));
    await first.waitForCallback();
    await expect.poll(() => bot.logger.lines.find((l) => l.event === "interaction-callback-failed")).toBeDefined();
    expect(JSON.stringify(bot.logger.lines)).not.toContain(first.token);
    const { body } = await slash(bot, "source");
    expect(body.data?.embeds?.[0]?.title).toBe(engine.kb.meta.title);
  });

  it("survives a gateway disconnect (resumes) and answers afterwards", async () => {
    const bot = await start();
    const resumeMark = bot.fake.resumes.length;
    expect(bot.fake.dropConnection(4000)).toBe(1);
    const resume = await bot.fake.waitForResume({ since: resumeMark });
    expect(resume.ok).toBe(true);
    expect(bot.fake.identifies).toHaveLength(1);
    const { body } = await slash(bot, "ask", [str("question", "When did Putin first visit North Korea?")]);
    expect(quotedCitations(body.data?.embeds?.[0]?.description).length).toBeGreaterThan(0);
    expect(bot.logger.lines.some((l) => l.event === "shard-resumed")).toBe(true);
  });

  it("identifies with Guilds, GuildMessages and DirectMessages only (no MessageContent) and logs the invite URL", async () => {
    const bot = await start();
    expect(bot.fake.identifies[0]?.intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
    const ready = bot.logger.lines.find((l) => l.event === "ready");
    expect(ready?.fields.invite).toBe(
      `https://discord.com/oauth2/authorize?client_id=${bot.fake.applicationId}&scope=bot%20applications.commands&permissions=${(1 << 10) | (1 << 11) | (1 << 14) | (1 << 16)}`, // View Channel, Send Messages, Embed Links, Read Message History

    );
    expect(JSON.stringify(bot.logger.lines)).not.toContain(TOKEN);
  });
});
