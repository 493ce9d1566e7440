import type { APIInteraction } from "discord.js";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/answer/index.js";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { loadConfig } from "../../src/config.js";
import { commands } from "../../src/discord/commands/index.js";
import { createInteractionContext } from "../../src/discord/interactions/context.js";
import { handleInteraction, type InteractionContext } from "../../src/discord/interactions/handle-interaction.js";
import { RateLimiter } from "../../src/discord/rate-limit.js";
import { memoryLogger } from "./harness.js";

const engine = defaultEngine();
const SECRET = "interaction-token-that-must-not-be-logged";

function ctxWith(overrides: Partial<InteractionContext> = {}) {
  const logger = memoryLogger();
  const ctx: InteractionContext = { engine, logger, rateLimiter: new RateLimiter({ count: 100, windowMs: 1000 }), ...overrides };
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
      const { name } = command.data(engine);
      const interaction =
        command.type === 3
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
    const { ctx, logger } = ctxWith({ engine: throwing });
    const apology = { type: 4, data: { flags: 64, content: expect.stringMatching(/^Sorry/) } };
    expect(await handleInteraction(slash("ask", [{ name: "question", type: 3, value: "hi" }]), ctx)).toMatchObject(apology);
    expect(await handleInteraction(payload(2), ctx)).toMatchObject(apology); // no data at all
    expect(await handleInteraction(null as unknown as APIInteraction, ctx)).toMatchObject(apology);
    // Autocomplete must answer with type 8 even when it fails.
    const auto = payload(4, { id: "1", name: "ask", type: 1, options: [{ name: "question", type: 3, value: "k", focused: true }] });
    expect(await handleInteraction(auto, ctx)).toEqual({ type: 8, data: { choices: [] } });

    const errors = logger.lines.filter((l) => l.level === "error");
    expect(errors.length).toBe(4);
    expect(errors[0]?.fields.error).toMatchObject({ message: "bad thing near [redacted]" });
    expect(JSON.stringify(logger.lines)).not.toContain(SECRET);
  });

  it("rate-limits commands and components per user, but never autocomplete", async () => {
    const { ctx } = ctxWith({ rateLimiter: new RateLimiter({ count: 1, windowMs: 60_000 }) });
    const ask = slash("ask", [{ name: "question", type: 3, value: "Who is Kim Yo Jong?" }]);
    expect(await handleInteraction(ask, ctx)).toMatchObject({ type: 4, data: { embeds: [expect.anything()] } });
    expect(await handleInteraction(ask, ctx)).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringMatching(/too fast/) } });
    const button = payload(3, { custom_id: "ctx:qa:first-visit-when", component_type: 2 });
    expect(await handleInteraction(button, ctx)).toMatchObject({ data: { content: expect.stringMatching(/too fast/) } });
    const auto = payload(4, { id: "1", name: "ask", type: 1, options: [{ name: "question", type: 3, value: "kim", focused: true }] });
    const choices = (await handleInteraction(auto, ctx)) as { data: { choices: unknown[] } };
    expect(choices.data.choices.length).toBeGreaterThan(0);
  });

  it("createInteractionContext applies the configured rate limit", () => {
    const ctx = createInteractionContext(loadConfig({ RATE_LIMIT_COUNT: "2", RATE_LIMIT_WINDOW_SECONDS: "7" }), engine, memoryLogger());
    expect(ctx.rateLimiter.count).toBe(2);
    expect(ctx.rateLimiter.windowMs).toBe(7000);
  });
});
