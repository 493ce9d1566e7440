/**
 * Conversations over the gateway, with the bot's REAL discord.js client against the fake Discord: follow-ups by
 * mention within the conversation's time and by replying to the bot's answers (Discord's message reference), the
 * bad cases (another user in between, a reply to someone else's message, a reply to a deleted answer, a follow-up
 * after the conversation's time), and /summary. The fixture pack answers; each expectation is the pack's sentence
 * the follow-up is about.
 */
import type { APIEmbed, APIMessage } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { CONVERSATION_TTL_MS } from "../../src/answer/conversation.js";
import { Library } from "../../src/answer/library.js";
import { MemoryConversationStore } from "../../src/discord/core/conversations.js";
import { validateMessage } from "../support/fake-discord/validation.js";
import { fixtureEngine, sentenceWith } from "../support/fixture-pack.js";
import type { JsonObject } from "../support/fake-discord/index.js";
import { option } from "../support/payloads.js";
import { callbackBody, quotedCitations, startTestBot, unescapeMarkdown, type TestBot } from "./harness.js";

const engine = fixtureEngine();
const SECTION = sentenceWith(engine.kb, "children's section will move");
const OKORO = sentenceWith(engine.kb, "Council leader Sam Okoro");

let t: TestBot | undefined;
let now = 1_700_000_000_000;

async function start(): Promise<TestBot> {
  now = 1_700_000_000_000;
  t = await startTestBot({
    engine,
    library: new Library([engine]),
    conversations: new MemoryConversationStore({ ttlMs: CONVERSATION_TTL_MS, now: () => now }),
  });
  return t;
}

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

interface Reply {
  readonly message: APIMessage;
  readonly embed: APIEmbed | undefined;
  readonly description: string;
  readonly quoted: string[];
}

/** Sends a message (a mention unless `mention: false`) and waits for the bot's reply to it. */
async function say(
  bot: TestBot,
  content: string,
  opts: { author?: APIMessage["author"]; replyTo?: APIMessage; mention?: boolean } = {},
): Promise<Reply> {
  const mark = bot.fake.mark();
  const { payload } = bot.fake.sendMessageCreate({
    content,
    mentionsBot: opts.mention ?? true,
    ...(opts.author === undefined ? {} : { author: opts.author }),
    ...(opts.replyTo === undefined ? {} : { replyTo: opts.replyTo }),
  });
  const post = await bot.fake.waitForRequest(
    { method: "POST", path: `/channels/${bot.fake.channelId}/messages` },
    { since: mark },
  );
  const body = post.body as { embeds?: APIEmbed[]; message_reference?: JsonObject };
  expect(body.message_reference).toMatchObject({ message_id: payload.id });
  const message = post.response?.body as APIMessage;
  const embed = body.embeds?.[0];
  return {
    message,
    embed,
    description: unescapeMarkdown(embed?.description ?? ""),
    quoted: quotedCitations(embed?.description).map((c) => c.id),
  };
}

describe("conversations over the gateway", { timeout: 20_000 }, () => {
  it("a mention within the conversation's time continues it; a reply to an answer continues what that answer answered", async () => {
    const bot = await start();
    const first = await say(bot, "when will the children's section move?");
    expect(first.quoted[0]).toBe(SECTION);
    const next = await say(bot, "and where?");
    expect(next.description).toMatch(/^\*Taking this as "where will the children's section move":\*/);
    expect(next.quoted[0]).toBe(SECTION);

    // A new topic, then a reply to the first answer: it goes back to that one.
    await say(bot, "who is the council leader?");
    const replied = await say(bot, "and where?", { replyTo: first.message });
    expect(replied.quoted[0]).toBe(SECTION);
    // And a reply chain goes on from each answer as it was understood ("and where?" as "where will …").
    await say(bot, "who is the council leader?");
    const chained = await say(bot, "and when?", { replyTo: replied.message });
    expect(chained.description).toMatch(/^\*Taking this as "when will the children's section move":\*/);
    expect(chained.quoted[0]).toBe(SECTION);
  });

  it("a reply to an /ask answer continues it, read back from the message itself", async () => {
    const bot = await start();
    const sent = bot.fake.sendInteraction(
      bot.fake.slashCommand("ask", [option.string("question", "when will the children's section move?")]),
    );
    expect(quotedCitations(callbackBody(await sent.waitForCallback()).data?.embeds?.[0]?.description)[0]?.id).toBe(
      SECTION,
    );
    const original = bot.fake.originalMessage(sent.token)!;
    const other = bot.fake.addUser({ username: "other" });
    // Another user's reply: the message's conversation is theirs to continue too.
    const reply = await say(bot, "and where?", { replyTo: original, author: other });
    expect(reply.quoted[0]).toBe(SECTION);
  });

  it("another user's question in between does not take over the conversation", async () => {
    const bot = await start();
    const other = bot.fake.addUser({ username: "other" });
    await say(bot, "who is the council leader?");
    await say(bot, "when will the children's section move?", { author: other });
    const mine = await say(bot, "since when has the roof leaked, according to him?");
    expect(mine.description).toMatch(/^\*Taking "him" as Sam Okoro:\*/);
    expect(mine.quoted[0]).toBe(OKORO);
    const theirs = await say(bot, "and where?", { author: other });
    expect(theirs.quoted[0]).toBe(SECTION);
  });

  it("a reply to someone else's message, or to a deleted answer, continues nothing: no wrong answer", async () => {
    const bot = await start();
    const other = bot.fake.addUser({ username: "other" });
    const first = await say(bot, "when will the children's section move?");
    const theirs = bot.fake.sendMessageCreate({
      content: "the kids' books are moving somewhere",
      author: other,
    }).payload;
    const toThem = await say(bot, "and where?", { replyTo: theirs });
    expect(toThem.quoted).not.toContain(SECTION);
    expect(toThem.description).toMatch(/^\*If this follows an earlier question/);

    bot.fake.deleteMessage(first.message.id);
    const toDeleted = await say(bot, "and where?", { replyTo: first.message });
    expect(toDeleted.quoted).not.toContain(SECTION);
    expect(toDeleted.description).toMatch(/^\*If this follows an earlier question/);
  });

  it("after the conversation's time, a mention no longer continues it (a reply to the answer still does)", async () => {
    const bot = await start();
    const first = await say(bot, "when will the children's section move?");
    now += CONVERSATION_TTL_MS + 1;
    const late = await say(bot, "and where?");
    expect(late.quoted).not.toContain(SECTION);
    const replied = await say(bot, "and where?", { replyTo: first.message });
    expect(replied.quoted[0]).toBe(SECTION);
  });

  it("/summary replies within Discord's limits, and 'tldr' by mention is the same summary", async () => {
    const bot = await start();
    const sent = bot.fake.sendInteraction(bot.fake.slashCommand("summary"));
    const callback = await sent.waitForCallback();
    expect(callback.response?.status).toBe(204);
    const body = callbackBody(callback);
    expect(validateMessage(body.data as JsonObject)).toBeUndefined();
    const ids = quotedCitations(body.data?.embeds?.[0]?.description).map((c) => c.id);
    expect(ids).toEqual(engine.summary().citations.map((c) => c.id));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids.length).toBeLessThanOrEqual(5);
    const tldr = await say(bot, "tldr");
    expect(tldr.quoted).toEqual(ids);
  });
});
