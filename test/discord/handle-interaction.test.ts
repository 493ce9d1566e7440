import { asLibrary } from "../../src/answer/library.js";
import { readFileSync } from "node:fs";
import { ApplicationCommandType, InteractionType, type APIInteraction, type APIUser } from "discord.js";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/answer/index.js";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { loadConfig } from "../../src/config.js";
import { commands } from "../../src/discord/registry.js";
import { createInteractionContext } from "../../src/discord/core/context.js";
import type { InteractionContext } from "../../src/discord/core/types.js";
import { handleInteraction } from "../../src/discord/handle-interaction.js";
import { RateLimiter } from "../../src/discord/core/rate-limit.js";
import * as build from "../support/fake-discord/payloads.js";
import {
  callbackBody,
  componentsOf,
  memoryLogger,
  quotedCitations,
  unescapeMarkdown,
  type CallbackBody,
} from "./harness.js";
import { anything, stringMatching } from "../support/json.js";

const engine = defaultEngine();
const ARTICLE = readFileSync(new URL("../../knowledge/putin-north-korea-2024/article.txt", import.meta.url), "utf8");
const EPHEMERAL = 64;
const SECRET = "interaction-token-that-must-not-be-logged";

function ctxWith(overrides: Partial<InteractionContext> = {}) {
  const logger = memoryLogger();
  const ctx: InteractionContext = {
    library: asLibrary(engine),
    logger,
    rateLimiter: new RateLimiter({ count: 100, windowMs: 1000 }),
    ...overrides,
  };
  return { ctx, logger };
}

function payload(type: number, data?: unknown, extra: Record<string, unknown> = {}): APIInteraction {
  return {
    id: "1000000000000000001",
    application_id: "1000000000000000002",
    type,
    token: SECRET,
    version: 1,
    ...(data === undefined ? {} : { data }),
    user: { id: "1000000000000000003", username: "u", discriminator: "0", global_name: null, avatar: null },
    channel_id: "1000000000000000004",
    app_permissions: "0",
    locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: {},
    context: 1,
    attachment_size_limit: 1,
    ...extra,
  } as unknown as APIInteraction;
}

const slash = (name: string, options: unknown[] = []) => payload(2, { id: "1", name, type: 1, options });

describe("handleInteraction", () => {
  it("answers PING with PONG", async () => {
    const { ctx, logger } = ctxWith();
    expect(await handleInteraction(payload(1), ctx)).toEqual({ type: 1 });
    expect(logger.lines[0]).toMatchObject({ event: "interaction", fields: { kind: "ping" } });
  });

  it("every command's message response carries allowed_mentions {parse: []}", async () => {
    const { ctx } = ctxWith();
    const options: Record<string, unknown[]> = {
      ask: [{ name: "question", type: 3, value: "@everyone who is Kim Yo Jong?" }],
      fact: [{ name: "topic", type: 3, value: "Kim Jong Un" }],
      quote: [{ name: "sentence", type: 4, value: 3 }],
    };
    for (const command of commands) {
      const { name } = command.data(asLibrary(engine));
      const interaction =
        command.type === ApplicationCommandType.Message
          ? payload(2, {
              id: "1",
              name,
              type: 3,
              target_id: "9",
              resolved: { messages: { "9": { id: "9", content: "Putin visits Pyongyang", embeds: [] } } },
            })
          : slash(name, options[name]);
      const response = await handleInteraction(interaction, ctx);
      expect(response.type, name).toBe(4);
      expect((response as { data: { allowed_mentions: unknown } }).data.allowed_mentions, name).toEqual({ parse: [] });
    }
  });

  it("/quote outside the range (possible over HTTP) says which range is valid, ephemerally", async () => {
    const { ctx } = ctxWith();
    const response = (await handleInteraction(slash("quote", [{ name: "sentence", type: 4, value: 999 }]), ctx)) as {
      data: { content: string; flags: number };
    };
    expect(response.data.flags).toBe(64);
    expect(response.data.content).toContain(`0 to ${engine.kb.sentences.length - 1}`);
  });

  it("unknown interaction types and modal submits get a clear ephemeral message", async () => {
    const { ctx } = ctxWith();
    for (const type of [5, 99]) {
      const response = await handleInteraction(payload(type, { custom_id: "x", components: [] }), ctx);
      expect(response).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    }
  });

  it("never throws: malformed payloads and throwing handlers get an apology; the token is never logged", async () => {
    const throwing = Object.create(engine) as AnswerEngine;
    throwing.answer = () => {
      throw new Error(`bad thing near ${SECRET}`);
    };
    throwing.suggestQuestions = () => {
      throw new Error("autocomplete broke");
    };
    const { ctx, logger } = ctxWith({ library: asLibrary(throwing) });
    const apology = { type: 4, data: { flags: 64, content: stringMatching(/^Sorry/) } };
    expect(await handleInteraction(slash("ask", [{ name: "question", type: 3, value: "hi" }]), ctx)).toMatchObject(
      apology,
    );
    expect(await handleInteraction(payload(2), ctx)).toMatchObject(apology); // no data at all
    expect(await handleInteraction(null as unknown as APIInteraction, ctx)).toMatchObject(apology);
    // Autocomplete must answer with type 8 even when it fails.
    const auto = payload(4, {
      id: "1",
      name: "ask",
      type: 1,
      options: [{ name: "question", type: 3, value: "k", focused: true }],
    });
    expect(await handleInteraction(auto, ctx)).toEqual({ type: 8, data: { choices: [] } });

    const errors = logger.lines.filter((l) => l.level === "error");
    expect(errors.length).toBe(4);
    expect(errors[0]?.fields.error).toMatchObject({ message: "bad thing near [redacted]" });
    expect(JSON.stringify(logger.lines)).not.toContain(SECRET);
  });

  it("rate-limits commands and components per user, but never autocomplete", async () => {
    const { ctx } = ctxWith({ rateLimiter: new RateLimiter({ count: 1, windowMs: 60_000 }) });
    const ask = slash("ask", [{ name: "question", type: 3, value: "Who is Kim Yo Jong?" }]);
    expect(await handleInteraction(ask, ctx)).toMatchObject({ type: 4, data: { embeds: [anything()] } });
    expect(await handleInteraction(ask, ctx)).toMatchObject({
      type: 4,
      data: { flags: 64, content: stringMatching(/too fast/) },
    });
    const button = payload(3, { custom_id: "ctx:qa:first-visit-when", component_type: 2 });
    expect(await handleInteraction(button, ctx)).toMatchObject({ data: { content: stringMatching(/too fast/) } });
    const auto = payload(4, {
      id: "1",
      name: "ask",
      type: 1,
      options: [{ name: "question", type: 3, value: "kim", focused: true }],
    });
    const choices = (await handleInteraction(auto, ctx)) as { data: { choices: unknown[] } };
    expect(choices.data.choices.length).toBeGreaterThan(0);
  });

  it("createInteractionContext applies the configured rate limit", () => {
    const ctx = createInteractionContext(
      loadConfig({ RATE_LIMIT_COUNT: "2", RATE_LIMIT_WINDOW_SECONDS: "7" }),
      engine,
      memoryLogger(),
    );
    expect(ctx.rateLimiter.count).toBe(2);
    expect(ctx.rateLimiter.windowMs).toBe(7000);
  });
});

/**
 * What the gateway bot's end-to-end tests once checked through the fake Discord, and the HTTP endpoint's tests
 * check over HTTP too: answered here by the shared handler directly, for a guild member, as Discord sends it.
 */
describe("handleInteraction: every command, button and menu", () => {
  const APP = build.snowflake();
  const GUILD = { id: build.snowflake(), channelId: build.snowflake() };
  const member = build.user();
  const str = (name: string, value: string, extra: Record<string, unknown> = {}) => ({
    name,
    type: 3,
    value,
    ...extra,
  });
  const guild = (type: InteractionType, data: Record<string, unknown>, by: APIUser = member) =>
    build.interaction({ applicationId: APP, type, data, user: by, guild: GUILD });

  async function run(payload: APIInteraction, ctx = ctxWith().ctx): Promise<CallbackBody> {
    return callbackBody({ body: JSON.parse(JSON.stringify(await handleInteraction(payload, ctx))) as unknown });
  }
  const slashOf = (name: string, options: Record<string, unknown>[] = [], by?: APIUser) =>
    guild(InteractionType.ApplicationCommand, build.commandData(name, options), by);
  const interactionLog = (lines: { event: string; fields: Record<string, unknown> }[]) =>
    lines.filter((l) => l.event === "interaction");

  it("/ask private:true is ephemeral; an out-of-scope question says the article doesn't say, with suggestions", async () => {
    const { ctx, logger } = ctxWith();
    const priv = await run(
      slashOf("ask", [str("question", "Who is Kim Yo Jong?"), { name: "private", type: 5, value: true }]),
      ctx,
    );
    expect(priv.data?.flags).toBe(EPHEMERAL);
    expect(priv.data?.embeds?.[0]?.description).toBeTruthy();

    const out = await run(slashOf("ask", [str("question", "What is the capital of France?")]), ctx);
    const embed = out.data?.embeds?.[0];
    expect(embed?.description).toMatch(/The article doesn't (?:say|mention)/);
    expect(embed?.footer?.text).toContain("not covered by the article");
    expect(quotedCitations(embed?.description)).toEqual([]);
    expect(embed?.fields?.[0]?.name).toBe("Questions the article can answer");
    const select = componentsOf(out.data)[0];
    expect(select).toMatchObject({ type: 3, custom_id: "relq:putin-north-korea-2024" });
    for (const v of (select?.options as { value: string }[]).map((o) => o.value))
      expect(engine.kb.qaById.has(v)).toBe(true);
    expect(interactionLog(logger.lines).map((l) => l.fields.answered)).toEqual([true, false]);
  });

  it("/fact shows a fact card; an unknown topic gets an ephemeral 'did you mean'", async () => {
    const known = engine.kb.facts[0]!;
    const found = await run(slashOf("fact", [str("topic", known.name)]));
    expect((found.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    const card = found.data?.embeds?.[0];
    expect(card?.title).toBe(known.name);
    expect(card?.description).toContain(known.description);
    for (const c of quotedCitations(card?.description)) expect(known.sentences).toContain(c.id);
    expect(found.data?.allowed_mentions).toEqual({ parse: [] });

    const topic = ["Kremlin palace", "Kim family", "Putin's palace guards"].find((x) => {
      const view = engine.factView(x);
      return !view.found && view.closest.length > 0;
    });
    expect(topic).toBeDefined();
    const view = engine.factView(topic!);
    const unknown = await run(slashOf("fact", [str("topic", topic!)]));
    expect(unknown.data?.flags).toBe(EPHEMERAL);
    expect(unknown.data?.content).toContain("Did you mean");
    if (!view.found) expect(unknown.data?.content).toContain(view.closest[0]!.name);
  });

  it("/quote shows the sentence with its neighbours; /source and /help", async () => {
    const i = 5;
    const q = await run(slashOf("quote", [{ name: "sentence", type: 4, value: i }]));
    const desc = q.data?.embeds?.[0]?.description ?? "";
    expect(q.data?.embeds?.[0]?.title).toBe(`Sentence S${i}`);
    expect(quotedCitations(desc)).toEqual([{ id: `S${i}`, text: engine.kb.sentences[i]!.text }]);
    expect(unescapeMarkdown(desc)).toContain(engine.kb.sentences[i - 1]!.text);
    expect(unescapeMarkdown(desc)).toContain(engine.kb.sentences[i + 1]!.text);
    expect((await run(slashOf("quote", [{ name: "sentence", type: 4, value: 0 }]))).data?.embeds?.[0]?.title).toContain(
      "S0",
    );

    const src = (await run(slashOf("source"))).data?.embeds?.[0];
    expect(src?.title).toBe(engine.kb.meta.title);
    expect(src?.fields?.find((f) => f.name === "Size")?.value).toContain(`${engine.kb.sentences.length} sentences`);

    const help = await run(slashOf("help"));
    expect(help.data?.flags).toBe(EPHEMERAL);
    const text = JSON.stringify(help.data?.embeds);
    for (const c of ["/ask", "/fact", "/quote", "/source", "Check against article", `<@${APP}>`])
      expect(text).toContain(c);
  });

  it("autocomplete: at most 25 choices of at most 100 characters, relevant to what is typed, pinned first when empty", async () => {
    const { ctx, logger } = ctxWith();
    const complete = async (name: string, option: string, value: string) => {
      const body = await run(
        guild(
          InteractionType.ApplicationCommandAutocomplete,
          build.commandData(name, [str(option, value, { focused: true })]),
        ),
        ctx,
      );
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
    expect(typed[0]?.name.toLowerCase()).toMatch(/kim/);
    for (const c of typed) expect(engine.kb.qa.some((e) => e.question === c.value)).toBe(true);
    expect((await complete("fact", "topic", "zelen"))[0]?.value).toBe("Volodymyr Zelensky");
    expect(interactionLog(logger.lines).map((l) => [l.fields.kind, l.fields.answered])).toEqual([
      ["autocomplete", null],
      ["autocomplete", null],
      ["autocomplete", null],
    ]);
  });

  it("'Show context' button and the 'Related' select menu work from the custom_ids of the previous response", async () => {
    const { ctx, logger } = ctxWith();
    const asked = await run(slashOf("ask", [str("question", "When did Putin first visit North Korea?")]), ctx);
    const [contextButton, relatedButton] = componentsOf(asked.data);
    const press = (customId: string, values?: string[]) =>
      guild(InteractionType.MessageComponent, build.componentData(customId, values));

    // Show context: the cited sentences with their neighbours, as a new ephemeral message.
    const ctxBody = await run(press(String(contextButton?.custom_id)), ctx);
    expect(ctxBody.type).toBe(4);
    expect(ctxBody.data?.flags).toBe(EPHEMERAL);
    const ctxText = unescapeMarkdown(ctxBody.data?.embeds?.[0]?.description ?? "");
    for (const c of quotedCitations(asked.data?.embeds?.[0]?.description)) {
      expect(ctxText).toContain(c.text);
      const before = engine.kb.sentences[engine.kb.sentenceById.get(c.id)!.index - 1];
      if (before !== undefined) expect(ctxText).toContain(before.text);
    }

    // Related: an ephemeral select menu of related questions (values = Q&A ids)...
    const relBody = await run(press(String(relatedButton?.custom_id)), ctx);
    expect(relBody.data?.flags).toBe(EPHEMERAL);
    const select = componentsOf(relBody.data)[0];
    expect(select).toMatchObject({ type: 3, custom_id: "relq:putin-north-korea-2024" });
    const option = (select?.options as { label: string; value: string }[])[0]!;
    expect(engine.kb.qaById.get(option.value)?.question).toBe(option.label);

    // ...and choosing one answers it (stateless: only the custom_id and the chosen value are needed).
    const pickBody = await run(press("relq:putin-north-korea-2024", [option.value]), ctx);
    expect(pickBody.data?.flags).toBe(EPHEMERAL);
    const entry = engine.kb.qaById.get(option.value)!;
    expect(pickBody.data?.embeds?.[0]?.title).toBe(unescapeMarkdown(entry.question));
    expect(quotedCitations(pickBody.data?.embeds?.[0]?.description).map((c) => c.id)).toEqual(
      entry.sentences.slice(0, 3),
    );
    expect(interactionLog(logger.lines).map((l) => [l.fields.kind, l.fields.command])).toEqual([
      ["command", "ask"],
      ["component", "ctx"],
      ["component", "rel"],
      ["component", "relq"],
    ]);
  });

  it("an unknown button or command gets a clear ephemeral message", async () => {
    const stale = await run(guild(InteractionType.MessageComponent, build.componentData("zzz:old")));
    expect(stale).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } } });
    expect(stale.data?.content).toMatch(/no longer works/);
    const gone = await run(
      guild(InteractionType.MessageComponent, build.componentData("ctx:putin-north-korea-2024:qa:no-such-entry")),
    );
    expect(gone.data?.content).toMatch(/no longer in the knowledge base/);
    const unknown = await run(slashOf("nope"));
    expect(unknown.data?.flags).toBe(EPHEMERAL);
    expect(unknown.data?.content).toContain("nope");
  });

  it("the 'Check against article' context menu quotes the sentences a message bears on, ephemerally", async () => {
    const { ctx, logger } = ctxWith();
    const check = (content: string) => {
      const target = build.message({ channelId: GUILD.channelId, author: build.user(), content });
      return run(
        guild(InteractionType.ApplicationCommand, build.messageCommandData("Check against article", target)),
        ctx,
      );
    };
    const body = await check("Putin is going to North Korea for the first time in 24 years");
    expect(body.data?.flags).toBe(EPHEMERAL);
    const embed = body.data?.embeds?.[0];
    expect(embed?.description).toContain("Putin is going to North Korea");
    const quotes = quotedCitations(embed?.description);
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(ARTICLE).toContain(q.text);
    expect((await check("I like pizza with pineapple")).data?.embeds?.[0]?.description).toContain(
      "The article says nothing about this.",
    );
    expect(interactionLog(logger.lines).map((l) => [l.fields.kind, l.fields.answered])).toEqual([
      ["context-menu", true],
      ["context-menu", false],
    ]);
  });

  it("rate limit: over it, an ephemeral notice with a retry time; another user is unaffected; autocomplete is not limited", async () => {
    const { ctx } = ctxWith({ rateLimiter: new RateLimiter({ count: 2, windowMs: 60_000 }) });
    const ask = (by = member) => run(slashOf("ask", [str("question", "Who is Kim Yo Jong?")], by), ctx);
    expect((await ask()).data?.embeds).toHaveLength(1);
    expect((await ask()).data?.embeds).toHaveLength(1);
    const limited = await ask();
    expect(limited.data?.flags).toBe(EPHEMERAL);
    expect(limited.data?.content).toMatch(/^You're asking too fast — try again <t:\d+:R>\.$/);
    const retryAt = Number(/<t:(\d+):R>/.exec(limited.data?.content ?? "")?.[1]) * 1000;
    expect(retryAt).toBeGreaterThan(Date.now());
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 61_000);
    // Buttons count too.
    const button = await run(
      guild(InteractionType.MessageComponent, build.componentData("ctx:qa:first-visit-when")),
      ctx,
    );
    expect(button.data?.content).toMatch(/too fast/);
    expect((await ask(build.user())).data?.embeds).toHaveLength(1);
    const auto = await run(
      guild(
        InteractionType.ApplicationCommandAutocomplete,
        build.commandData("ask", [str("question", "kim", { focused: true })]),
      ),
      ctx,
    );
    expect(auto.data?.choices?.length).toBeGreaterThan(0);
  });
});
