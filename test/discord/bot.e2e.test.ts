/**
 * Smoke tests of what only the gateway does, with the bot's REAL discord.js client (startBot: the client and
 * every event handler, as `npm start` runs them) against the fake Discord: the interaction wiring (the raw
 * payload handed to the shared handler, its response POSTed unchanged), the intents, mentions and DMs, the
 * rate limit on mentions, a failed callback, resuming. Assertions are on the REST bodies the bot sends. What
 * each command, button and menu answers is the shared handler's, tested on it directly (ask.test.ts,
 * article-views.test.ts, handle-interaction.test.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/answer/engine.js";
import type { JsonObject } from "../support/fake-discord/index.js";
import { stringContaining, stringMatching } from "../support/json.js";
import { twoPacks } from "../support/packs.js";
import { option } from "../support/payloads.js";
import {
  callbackBody,
  EPHEMERAL,
  handlerContext,
  referenceEngine as engine,
  run,
  startTestBot,
  TOKEN,
  type TestBot,
  type TestBotOptions,
} from "./harness.js";

/** A curated question of the reference pack, as a user would type it. */
const QUESTION = engine.kb.qa[0]!.question;

let t: TestBot | undefined;

async function start(options: TestBotOptions = {}): Promise<TestBot> {
  t = await startTestBot(options);
  return t;
}

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** Sends a slash command and returns the callback body. */
async function slash(bot: TestBot, name: string, options: JsonObject[] = []) {
  const sent = bot.fake.sendInteraction(bot.fake.slashCommand(name, options));
  const callback = await sent.waitForCallback();
  return { sent, callback, body: callbackBody(callback) };
}

/** The messages the bot posted in a channel (replies to mentions and DMs). */
const posts = (bot: TestBot, channelId = bot.fake.channelId) =>
  bot.fake.requests.filter((r) => r.method === "POST" && r.path === `/channels/${channelId}/messages`);

describe("the gateway bot against a fake Discord", { timeout: 15_000 }, () => {
  it("an interaction: the raw payload goes to the shared handler, and exactly its response is POSTed to the callback, unauthenticated; one log line", async () => {
    const bot = await start();
    const { sent, callback, body } = await slash(bot, "ask", [option.string("question", QUESTION)]);
    expect(callback.headers.authorization).toBeUndefined(); // interaction callbacks are unauthenticated
    expect(callback.response?.status).toBe(204);
    expect(body).toEqual(await run(sent.payload));
    expect(body.data?.embeds?.length).toBe(1);

    const line = bot.logger.lines.find((l) => l.event === "interaction");
    expect(line?.fields).toMatchObject({ kind: "command", command: "ask", user: bot.fake.defaultUser.id });
    expect(typeof line?.fields.latencyMs).toBe("number");
    expect(bot.fake.unhandledRequests).toEqual([]);
  });

  it("a mention is answered as a reply with the /ask embed and buttons, pinging nobody; an empty mention gets short help", async () => {
    const bot = await start();
    const { payload } = bot.fake.sendMessageCreate({ content: QUESTION, mentionsBot: true });
    const post = await bot.fake.waitForRequest({ method: "POST", path: `/channels/${bot.fake.channelId}/messages` });
    const body = post.body as { embeds?: unknown[]; components?: unknown[]; message_reference?: JsonObject };
    expect(body.message_reference).toMatchObject({ message_id: payload.id });
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [], replied_user: false } });
    const asked = await run(bot.fake.slashCommand("ask", [option.string("question", QUESTION)]), handlerContext().ctx);
    expect(body.embeds).toEqual(asked.data?.embeds);
    expect(body.components).toEqual(asked.data?.components);
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
      content: stringContaining(`<@${bot.fake.botUser.id}>`),
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
    fake.sendMessageCreate({ content: `@everyone ${QUESTION}`, mentionEveryone: true });
    fake.sendMessageCreate({
      content: `<@&${fake.botRoleId}> ${QUESTION}`,
      extra: { mention_roles: [fake.botRoleId] },
    });
    fake.sendMessageCreate({ content: `hey bot, ${QUESTION}`, author: otherBot, mentionsBot: true });
    // A DM, no mention: answered. Its reply is the first message the bot posts after the ignored ones.
    const dm = fake.sendMessageCreate({ content: QUESTION, guild: false });
    const dmChannel = fake.dmChannelFor(fake.defaultUser);
    const reply = await fake.waitForRequest({ method: "POST", path: /^\/channels\/\d+\/messages$/ }, { since: mark });
    expect(reply.path).toBe(`/channels/${dmChannel.id}/messages`);
    expect(reply.body).toMatchObject({
      message_reference: { message_id: dm.payload.id },
      allowed_mentions: { parse: [] },
    });
    expect((reply.body as { embeds: { description: string }[] }).embeds[0]?.description).toBeTruthy();
    // The bot's own reply came back over the gateway (the fake echoes it) and was not answered.
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
    const { sent, body } = await slash(bot, "ask", [option.string("question", `@everyone @here ${QUESTION}`)]);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    const stored = bot.fake.originalMessage(sent.token);
    expect(stored?.mention_everyone).toBe(false);
    expect(stored?.mentions).toEqual([]);

    const mark = bot.fake.mark();
    bot.fake.sendMessageCreate({
      content: `@everyone <@${bot.fake.defaultUser.id}> ${QUESTION}`,
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
    fake.sendMessageCreate({ content: QUESTION, mentionsBot: true });
    await expect.poll(() => posts(bot).length).toBe(1);
    const second = fake.sendMessageCreate({ content: QUESTION, mentionsBot: true });
    await expect.poll(() => posts(bot).length).toBe(2);
    expect(posts(bot)[1]?.body).toMatchObject({
      content: stringMatching(/too fast/),
      message_reference: { message_id: second.payload.id },
    });
    fake.sendMessageCreate({ content: QUESTION, mentionsBot: true }); // ignored: already told
    const other = fake.addUser({ username: "other" });
    const third = fake.sendMessageCreate({ content: QUESTION, mentionsBot: true, author: other });
    await expect.poll(() => posts(bot).length).toBe(3);
    expect(posts(bot)[2]?.body).toMatchObject({ message_reference: { message_id: third.payload.id } });
    expect((posts(bot)[2]?.body as { embeds: unknown[] }).embeds).toHaveLength(1);
  });

  it("a handler that throws, on a command or a mention, gets an apology and a log line without the token; the bot keeps answering", async () => {
    let failures = 1;
    const flaky = Object.create(engine) as AnswerEngine;
    flaky.answerPrepared = (prepared) => {
      if (failures-- > 0) throw new Error(`engine exploded (token ${TOKEN})`);
      return engine.answerPrepared(prepared);
    };
    expect(flaky).toBeInstanceOf(AnswerEngine);
    const bot = await start({ engine: flaky });
    const failed = await slash(bot, "ask", [option.string("question", QUESTION)]);
    expect(failed.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } } });
    expect(failed.body.data?.content).toMatch(/^Sorry/);
    const error = bot.logger.lines.find((l) => l.level === "error");
    expect(error?.fields).toMatchObject({ command: "ask", error: { message: stringContaining("engine exploded") } });
    expect(JSON.stringify(bot.logger.lines)).not.toContain(failed.sent.token);
    const ok = await slash(bot, "ask", [option.string("question", QUESTION)]);
    expect(ok.body.data?.embeds?.[0]?.description).toBeTruthy();

    failures = 1;
    bot.fake.sendMessageCreate({ content: QUESTION, mentionsBot: true });
    await expect.poll(() => posts(bot).length).toBe(1);
    expect(posts(bot)[0]?.body).toMatchObject({ content: stringMatching(/^Sorry/), allowed_mentions: { parse: [] } });
    bot.fake.sendMessageCreate({ content: QUESTION, mentionsBot: true });
    await expect.poll(() => posts(bot).length).toBe(2);
    expect((posts(bot)[1]?.body as { embeds: unknown[] }).embeds).toHaveLength(1);
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
    expect(body.type).toBe(4);
  });

  it("survives a gateway disconnect (resumes) and answers afterwards", async () => {
    const bot = await start();
    const resumeMark = bot.fake.resumes.length;
    expect(bot.fake.dropConnection(4000)).toBe(1);
    const resume = await bot.fake.waitForResume({ since: resumeMark });
    expect(resume.ok).toBe(true);
    expect(bot.fake.identifies).toHaveLength(1);
    const { body } = await slash(bot, "ask", [option.string("question", QUESTION)]);
    expect(body.data?.embeds).toHaveLength(1);
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

  it("with two articles, mentions and DMs search every article", async () => {
    const { second, library } = twoPacks();
    const bot = await start({ library });
    const mark = bot.fake.mark();
    bot.fake.sendMessageCreate({ content: second.sentences[3]!.text, guild: false });
    const post = await bot.fake.waitForRequest({ method: "POST", path: /\/channels\/\d+\/messages$/ }, { since: mark });
    const embed = (post.body as { embeds: { footer?: { text: string } }[] }).embeds[0];
    expect(embed?.footer?.text).toContain(second.meta.title.slice(0, 40));
  });
});
