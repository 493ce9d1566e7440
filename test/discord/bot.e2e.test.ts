/**
 * End to end: the bot's REAL discord.js client (startBot = createBotClient + registerEvents + login, as
 * `npm start` runs it) against the fake Discord. Assertions are on the REST bodies the bot sends. What only
 * the gateway does is proved here — the interaction wiring, intents, mentions, DMs, resuming, the rate limit
 * on mentions, a failed callback; what every command, button and menu answers is the shared handler's, and
 * is tested on it directly (handle-interaction.test.ts) and over HTTP (http-interactions.test.ts).
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/answer/index.js";
import { AnswerEngine } from "../../src/answer/engine.js";
import type { JsonObject } from "../support/fake-discord/index.js";
import {
  callbackBody,
  componentsOf,
  quotedCitations,
  startTestBot,
  TOKEN,
  type TestBot,
  type TestBotOptions,
} from "./harness.js";
import { stringContaining, stringMatching } from "../support/json.js";

const ARTICLE = readFileSync(new URL("../../knowledge/putin-north-korea-2024/article.txt", import.meta.url), "utf8");
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
async function slash(
  bot: TestBot,
  name: string,
  options: JsonObject[] = [],
  opts?: Parameters<TestBot["fake"]["slashCommand"]>[2],
) {
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
    expect(ids).toEqual([
      stringMatching(/^ctx:putin-north-korea-2024:qa:/),
      stringMatching(/^rel:putin-north-korea-2024:qa:/),
    ]);

    const line = bot.logger.lines.find((l) => l.event === "interaction");
    expect(line?.fields).toMatchObject({
      kind: "command",
      command: "ask",
      user: bot.fake.defaultUser.id,
      answered: true,
    });
    expect(typeof line?.fields.latencyMs).toBe("number");
    expect(bot.fake.unhandledRequests).toEqual([]);
  });

  it("a mention is answered as a reply with the /ask embed, no pings; an empty mention gets short help", async () => {
    const bot = await start();
    const { payload } = bot.fake.sendMessageCreate({
      content: "when did Putin first visit North Korea?",
      mentionsBot: true,
    });
    const post = await bot.fake.waitForRequest({ method: "POST", path: `/channels/${bot.fake.channelId}/messages` });
    const body = post.body as {
      embeds?: { title?: string; description?: string }[];
      message_reference?: JsonObject;
      allowed_mentions?: JsonObject;
    };
    expect(body.message_reference).toMatchObject({ message_id: payload.id });
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.embeds?.[0]?.title).toBe("when did Putin first visit North Korea?");
    expect(quotedCitations(body.embeds?.[0]?.description).map((c) => c.id)).toContain("S5");
    expect(bot.fake.getMessage((post.response?.body as { id: string }).id)?.mentions).toEqual([]);

    const mark = bot.fake.mark();
    const empty = bot.fake.sendMessageCreate({ content: "", mentionsBot: true });
    const help = await bot.fake.waitForRequest(
      { method: "POST", path: `/channels/${bot.fake.channelId}/messages` },
      { since: mark },
    );
    expect(help.body).toMatchObject({
      message_reference: { message_id: empty.payload.id },
      allowed_mentions: { parse: [] },
    });
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
    fake.sendMessageCreate({
      content: `<@&${fake.botRoleId}> when did Putin first visit North Korea?`,
      extra: { mention_roles: [fake.botRoleId] },
    });
    fake.sendMessageCreate({ content: "hey bot, who is Kim Yo Jong?", author: otherBot, mentionsBot: true });
    // A DM, no mention: answered. Its reply is the first message the bot posts after the ignored ones.
    const dm = fake.sendMessageCreate({ content: "Who is Kim Yo Jong?", guild: false });
    const dmChannel = fake.dmChannelFor(fake.defaultUser);
    const reply = await fake.waitForRequest({ method: "POST", path: /^\/channels\/\d+\/messages$/ }, { since: mark });
    expect(reply.path).toBe(`/channels/${dmChannel.id}/messages`);
    expect(reply.body).toMatchObject({
      message_reference: { message_id: dm.payload.id },
      allowed_mentions: { parse: [] },
    });
    expect((reply.body as { embeds: { description: string }[] }).embeds[0]?.description).toBeTruthy();
    // The bot's own reply came back over the gateway (fake echoes it) and was not answered.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.requests.slice(mark).filter((r) => r.method === "POST" && r.path.endsWith("/messages"))).toHaveLength(
      1,
    );
    await expect
      .poll(() => bot.logger.lines.filter((l) => l.event === "message").map((l) => l.fields.kind))
      .toEqual(["dm"]);
  });

  it("@everyone/@here in a question ping nobody, by command or by mention", async () => {
    const bot = await start();
    const { sent, body } = await slash(bot, "ask", [
      str("question", "@everyone @here when did Putin first visit North Korea?"),
    ]);
    expectNoPings(body);
    const title = body.data?.embeds?.[0]?.title ?? "";
    expect(title).not.toMatch(/@everyone|@here/);
    expect(title).toContain("@\u200beveryone");
    const stored = bot.fake.originalMessage(sent.token);
    expect(stored?.mention_everyone).toBe(false);
    expect(stored?.mentions).toEqual([]);

    const mark = bot.fake.mark();
    bot.fake.sendMessageCreate({
      content: "@everyone <@" + bot.fake.defaultUser.id + "> when did Putin first visit North Korea?",
      mentionsBot: true,
    });
    const post = await bot.fake.waitForRequest(
      { method: "POST", path: `/channels/${bot.fake.channelId}/messages` },
      { since: mark },
    );
    expect((post.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(bot.fake.getMessage((post.response?.body as { id: string }).id)?.mentions).toEqual([]);
    expect(JSON.stringify(post.body)).not.toMatch(/@everyone/);
  });

  it("rate limit on mentions: one notice, then silence until the window passes; others still answered", async () => {
    const bot = await start({ env: { RATE_LIMIT_COUNT: "1", RATE_LIMIT_WINDOW_SECONDS: "60" } });
    const { fake } = bot;
    const posts = () =>
      fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${fake.channelId}/messages`);
    fake.sendMessageCreate({ content: "who is Kim Yo Jong?", mentionsBot: true });
    await expect.poll(() => posts().length).toBe(1);
    const second = fake.sendMessageCreate({ content: "who is Kim Jong Un?", mentionsBot: true });
    await expect.poll(() => posts().length).toBe(2);
    expect(posts()[1]?.body).toMatchObject({
      content: stringMatching(/too fast/),
      message_reference: { message_id: second.payload.id },
    });
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
    expect(error?.fields).toMatchObject({
      kind: "command",
      command: "ask",
      error: { message: stringContaining("engine exploded") },
    });
    expect(JSON.stringify(error)).not.toContain(failed.sent.token);

    const ok = await slash(bot, "ask", [str("question", "Who is Kim Yo Jong?")]);
    expect(ok.body.data?.embeds?.[0]?.description).toBeTruthy();

    // The mention path too: an apology reply, then answers again.
    failures = 1;
    const posts = () =>
      bot.fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${bot.fake.channelId}/messages`);
    bot.fake.sendMessageCreate({ content: "who is Kim Yo Jong?", mentionsBot: true });
    await expect.poll(() => posts().length).toBe(1);
    expect(posts()[0]?.body).toMatchObject({ content: stringMatching(/^Sorry/), allowed_mentions: { parse: [] } });
    bot.fake.sendMessageCreate({ content: "who is Kim Yo Jong?", mentionsBot: true });
    await expect.poll(() => posts().length).toBe(2);
    expect((posts()[1]?.body as { embeds: unknown[] }).embeds).toHaveLength(1);
    expect(bot.logger.lines.filter((l) => l.level === "error").map((l) => l.event)).toEqual([
      "interaction-error",
      "message-error",
    ]);
    expect(bot.bot.client.isReady()).toBe(true);
  });

  it("a failed interaction callback (e.g. 10062 Unknown interaction) is logged without the token, and the bot carries on", async () => {
    const bot = await start();
    bot.fake.respondWith(
      { method: "POST", path: /\/callback$/ },
      { status: 404, body: { message: "Unknown interaction", code: 10062 } },
    );
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
      `https://discord.com/oauth2/authorize?client_id=${bot.fake.applicationId}&scope=bot%20applications.commands&permissions=${(1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16)}`, // View Channel, Send Messages, Embed Links, Attach Files, Read Message History
    );
    expect(JSON.stringify(bot.logger.lines)).not.toContain(TOKEN);
  });
});
