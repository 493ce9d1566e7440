/**
 * Conversations and summaries on the shared handler (`handleInteraction`): /ask continuing the user's
 * conversation in a channel, /summary, and the conversation stores. Answers are the fixture pack's (the article
 * the tests build), and each follow-up is checked against the engine's own answer to the question it was taken to
 * mean.
 */
import type { APIInteraction } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { CONVERSATION_TTL_MS, type Topic } from "../../src/answer/conversation.js";
import { Library } from "../../src/answer/library.js";
import { topicOfMessage } from "../../src/discord/ask/answer.js";
import {
  conversationKey,
  MemoryConversationStore,
  parseTopic,
  REPLY_TTL_MS,
  type ConversationKey,
} from "../../src/discord/core/conversations.js";
import { conversationOf, placeOf } from "../../src/discord/core/place.js";
import { LIMITS } from "../../src/discord/core/limits.js";
import { fixtureDraft, fixtureEngine, sentenceWith } from "../support/fixture-pack.js";
import { copyOf, withLongSentences } from "../support/packs.js";
import * as build from "../support/payloads.js";
import { option, type InteractionOptions } from "../support/payloads.js";
import { componentsOf, handlerContext, quotedCitations, run, unescapeMarkdown } from "./harness.js";

const engine = fixtureEngine();
const { kb } = engine;
const SECTION = sentenceWith(kb, "children's section will move");

function setup(library = new Library([engine])) {
  let now = 1_700_000_000_000;
  const conversations = new MemoryConversationStore({ ttlMs: CONVERSATION_TTL_MS, now: () => now });
  const { ctx } = handlerContext({ library, conversations });
  const ask = async (question: string, opts?: InteractionOptions, article?: string) => {
    const options = [
      option.string("question", question),
      ...(article === undefined ? [] : [option.string("article", article)]),
    ];
    const embed = (await run(build.slashCommand("ask", options, opts), ctx)).data?.embeds?.[0];
    return {
      embed,
      description: unescapeMarkdown(embed?.description ?? ""),
      quoted: quotedCitations(embed?.description).map((c) => c.id),
    };
  };
  return { ctx, conversations, ask, advance: (ms: number) => (now += ms) };
}

describe("/ask in a conversation", () => {
  it("a follow-up continues the user's last question in the channel, says how it took it, and answers as that question would be", async () => {
    const { ask } = setup();
    await ask("when will the children's section move?");
    const next = await ask("and where?");
    expect(next.description).toMatch(/^\*Taking this as "where will the children's section move":\*/);
    expect(next.quoted[0]).toBe(SECTION);
    expect(next.description).toContain(engine.answer("where will the children's section move").answer);
    expect(unescapeMarkdown(next.embed?.title ?? "")).toBe("and where?");
  });

  it("each user's conversation is their own, in each channel; a DM is a channel too", async () => {
    const { ask } = setup();
    const other = build.user("1100000000000000099");
    await ask("when will the children's section move?");
    await ask("who is the council leader?", { user: other });
    expect((await ask("and where?")).quoted[0]).toBe(SECTION);
    expect((await ask("what did he say?", { user: other })).description).toMatch(/^\*Taking "he" as Sam Okoro:\*/);
    // Another channel (the user's DM) has no conversation yet.
    const dm = { guild: false as const, dmChannelId: "1300000000000000001" };
    const there = await ask("and where?", dm);
    expect(there.quoted).not.toContain(SECTION);
    await ask("when will the children's section move?", dm);
    expect((await ask("and where?", dm)).quoted[0]).toBe(SECTION);
  });

  it("after the conversation's time a follow-up stands alone, and the reply says what to do", async () => {
    const { ask, advance } = setup();
    await ask("when will the children's section move?");
    advance(CONVERSATION_TTL_MS + 1);
    const late = await ask("and where?");
    expect(late.quoted).not.toContain(SECTION);
    expect(late.description).toMatch(/^\*If this follows an earlier question/);
  });

  it("a follow-up asked of another article is not read against this one's conversation", async () => {
    const other = copyOf(fixtureDraft(), "other-library", "Another library");
    const { ask } = setup(new Library([engine, other]));
    await ask("when will the children's section move?", undefined, kb.id);
    const across = await ask("and where?", undefined, other.id);
    expect(across.quoted).toEqual([]);
    expect(across.embed?.footer?.text).toContain("Another library");
  });

  it('"ok different question: …" is answered as it stands', async () => {
    const { ask } = setup();
    await ask("who is the council leader?");
    const switched = await ask("ok different question: how much is the project?");
    expect(switched.description).not.toMatch(/Taking/);
    expect(switched.quoted).toEqual(engine.answer("how much is the project").citations.map((c) => c.id));
  });

  it("without a conversation store every question stands alone", async () => {
    const { ctx } = handlerContext({ library: new Library([engine]) });
    await run(build.ask("when will the children's section move?"), ctx);
    const alone = await run(build.ask("and where?"), ctx);
    expect(quotedCitations(alone.data?.embeds?.[0]?.description)).not.toContainEqual(
      expect.objectContaining({ id: SECTION }),
    );
  });
});

describe("/summary", () => {
  it("3 to 5 of the article's own sentences, cited in its order, within Discord's limits", async () => {
    const long = withLongSentences(fixtureDraft(), 900);
    for (const library of [new Library([engine]), new Library([long])]) {
      const { ctx } = handlerContext({ library });
      const body = await run(build.slashCommand("summary"), ctx);
      const embed = body.data?.embeds?.[0];
      expect(body.data?.allowed_mentions).toEqual({ parse: [] });
      expect((embed?.description ?? "").length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(JSON.stringify(embed).length).toBeLessThanOrEqual(LIMITS.embedTotal + 2_000);
      const quoted = quotedCitations(embed?.description);
      const pack = library.first;
      const expected = pack.engine.summary().citations.map((c) => c.id);
      // Long sentences may be cut to fit; every quote shown is the summary's, in its order.
      expect(quoted.map((c) => c.id)).toEqual(expected.slice(0, quoted.length));
      expect(quoted.length).toBeGreaterThanOrEqual(pack.id === kb.id ? 3 : 1);
      for (const q of quoted)
        expect(pack.kb.sentenceById.get(q.id)?.text.startsWith(q.text.replace(/…$/, ""))).toBe(true);
      expect(embed?.footer?.text).toContain("summary");
    }
  });

  it("of the conversation's article when several are loaded; otherwise the first one's with a button per article", async () => {
    const other = copyOf(fixtureDraft(), "other-library", "Another library");
    const { ctx, ask } = setup(new Library([other, engine]));
    const first = await run(build.slashCommand("summary"), ctx);
    expect(componentsOf(first.data).map((c) => c.custom_id)).toEqual([`art:${other.id}`, `art:${kb.id}`]);
    await ask("when will the children's section move?", undefined, kb.id);
    const body = await run(build.slashCommand("summary"), ctx);
    expect(body.data?.embeds?.[0]?.footer?.text).toContain(kb.meta.title);
    expect(componentsOf(body.data)).toEqual([]);
    // The conversation goes on about that article.
    expect((await ask("tldr")).embed?.footer?.text).toContain(kb.meta.title);
  });

  it("names an unknown article in a refusal", async () => {
    const body = await run(build.slashCommand("summary", [option.string("article", "no-such-article")]));
    expect(body.data?.content).toMatch(/There is no article "no-such-article"/);
  });
});

describe("conversation stores", () => {
  const topic: Topic = { article: kb.id, question: "when will the children's section move", sentence: SECTION };

  it("in memory: a conversation lasts its time and is forgotten after; replied messages last REPLY_TTL_MS", async () => {
    let now = 0;
    const store = new MemoryConversationStore({ ttlMs: 1_000, now: () => now });
    const where = { user: "1", channel: "2" };
    await store.set(where, topic);
    await store.setReplied("m1", topic);
    now = 999;
    expect(await store.get(where)).toEqual(topic);
    expect(await store.get({ user: "1", channel: "3" })).toBeUndefined();
    now = 1_000;
    expect(await store.get(where)).toBeUndefined();
    expect(await store.getReplied("m1")).toEqual(topic);
    now = REPLY_TTL_MS;
    expect(await store.getReplied("m1")).toBeUndefined();
    await store.set(where, topic);
    await store.set(where, undefined);
    expect(await store.get(where)).toBeUndefined();
  });

  it("in memory: bounded, the least recently set going first", async () => {
    const store = new MemoryConversationStore({ ttlMs: 60_000, maxEntries: 3 });
    for (let i = 0; i < 10; i++) await store.set({ user: String(i), channel: "c" }, topic);
    expect(store.size).toBe(3);
    expect(await store.get({ user: "0", channel: "c" })).toBeUndefined();
    expect(await store.get({ user: "9", channel: "c" })).toEqual(topic);
  });

  it("keys are hashes, never the raw ids; what is read back is checked", () => {
    const key = conversationKey({ user: "123456789012345678", channel: "876543210987654321" });
    expect(key).not.toContain("123456789012345678");
    expect(key).toBe(conversationKey({ user: "123456789012345678", channel: "876543210987654321" }));
    expect(parseTopic(JSON.stringify(topic))).toEqual(topic);
    for (const bad of [null, "", "not json", "[]", '{"article":1}', '{"question":"q"}'])
      expect(parseTopic(bad)).toBeUndefined();
  });

  it("where an interaction was made: its user (member or DM user) and channel", () => {
    const inChannel = build.ask("q");
    const conversation = (interaction: unknown): ConversationKey | undefined =>
      conversationOf(placeOf(interaction as APIInteraction));
    expect(conversation(inChannel)).toEqual({ user: build.MEMBER.id, channel: inChannel.channel_id });
    expect(conversation(build.ask("q", { guild: false, dmChannelId: "55" }))).toEqual({
      user: build.MEMBER.id,
      channel: "55",
    });
    expect(conversation({})).toBeUndefined();
  });
});

describe("what an answer message answered, read back from it", () => {
  it("its question, its article (from a button) and its first quoted sentence", async () => {
    const library = new Library([engine, copyOf(fixtureDraft(), "other-library", "Another library")]);
    const body = await run(build.ask("where will the children's section move?", {}), handlerContext({ library }).ctx);
    const embed = body.data?.embeds?.[0];
    expect(topicOfMessage(library, embed, body.data?.components ?? [])).toEqual({
      article: kb.id,
      question: "where will the children's section move?",
      sentence: SECTION,
    });
    expect(topicOfMessage(library, undefined, [])).toBeUndefined();
    expect(topicOfMessage(library, { title: "x" }, [])).toBeUndefined();
  });
});
