/**
 * The dispatcher, `handleInteraction(payload, ctx)`: the one seam both transports use. What it does for every
 * interaction — routing, refusals, rate limits, errors, logging, mentions and Discord's limits — on payloads
 * from ../support/payloads.ts. What each command, button and menu answers is in ask.test.ts and
 * article-views.test.ts; that the gateway and the HTTP endpoint send exactly this is in bot.e2e.test.ts and
 * http-interactions.test.ts.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, type APIInteraction } from "discord.js";
import { describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { asLibrary, Library } from "../../src/answer/library.js";
import { loadConfig } from "../../src/config.js";
import { createInteractionContext } from "../../src/discord/core/context.js";
import { RateLimiter } from "../../src/discord/core/rate-limit.js";
import { handleInteraction } from "../../src/discord/handle-interaction.js";
import { commands } from "../../src/discord/registry.js";
import { anything, stringMatching } from "../support/json.js";
import { withLongSentences } from "../support/packs.js";
import * as build from "../support/payloads.js";
import { option } from "../support/payloads.js";
import {
  EPHEMERAL,
  handlerContext,
  interactionLines,
  referenceEngine as engine,
  run,
  type CallbackBody,
} from "./harness.js";

/** Discord's documented limits, checked on a response (https://discord.com/developers/docs/resources/message). */
function expectWithinDiscordLimits(body: CallbackBody, what: string): void {
  const data = body.data ?? {};
  expect((data.content ?? "").length, what).toBeLessThanOrEqual(2000);
  const embeds = data.embeds ?? [];
  expect(embeds.length, what).toBeLessThanOrEqual(10);
  let total = 0;
  for (const e of embeds) {
    const parts: [string | undefined, number][] = [
      [e.title, 256],
      [e.description, 4096],
      [e.footer?.text, 2048],
      [e.author?.name, 256],
      ...(e.fields ?? []).flatMap((f): [string, number][] => [
        [f.name, 256],
        [f.value, 1024],
      ]),
    ];
    expect((e.fields ?? []).length, what).toBeLessThanOrEqual(25);
    for (const [text, max] of parts) {
      expect((text ?? "").length, what).toBeLessThanOrEqual(max);
      total += (text ?? "").length;
    }
    for (const f of e.fields ?? []) expect(f.name.length * f.value.length, what).toBeGreaterThan(0);
  }
  expect(total, what).toBeLessThanOrEqual(6000);
  const rows = data.components ?? [];
  expect(rows.length, what).toBeLessThanOrEqual(5);
  for (const row of rows) {
    const children = (row.components ?? []) as { custom_id?: string; label?: string; options?: unknown[] }[];
    expect(children.length, what).toBeGreaterThan(0);
    expect(children.length, what).toBeLessThanOrEqual(5);
    for (const c of children) {
      expect((c.custom_id ?? "").length, what).toBeLessThanOrEqual(100);
      expect((c.label ?? "").length, what).toBeLessThanOrEqual(80);
      const options = (c.options ?? []) as { label: string; value: string }[];
      expect(options.length, what).toBeLessThanOrEqual(25);
      for (const o of options) expect(Math.max(o.label.length, o.value.length), what).toBeLessThanOrEqual(100);
    }
  }
  for (const choice of data.choices ?? []) {
    expect(choice.name.length, what).toBeGreaterThan(0);
    expect(Math.max(choice.name.length, String(choice.value).length), what).toBeLessThanOrEqual(100);
  }
  expect((data.choices ?? []).length, what).toBeLessThanOrEqual(25);
}

const BAD_INPUTS: readonly [string, string][] = [
  ["empty", ""],
  ["whitespace", " \n\t "],
  ["huge", `${"why did putin go to north korea ".repeat(400)}`],
  ["binary", "\u0000\u0001\u0002\u00ff\ufffd\u001b[31m"],
  ["emoji", "🚀🇰🇵😂👨‍👩‍👧"],
  ["control characters", "who\u0007is\u0008kim\u000b"],
  ["@everyone", "@everyone @here <@&123456789012345678> who is Kim Jong Un?"],
  ["markdown", "# **bold** _it_ `code` ||spoiler|| [link](https://example.com)\n> quote\n- item"],
];

describe("handleInteraction", () => {
  it("answers PING with PONG, and logs it", async () => {
    const { ctx, logger } = handlerContext();
    expect(await handleInteraction(build.ping(), ctx)).toEqual({ type: 1 });
    expect(logger.lines[0]).toMatchObject({ event: "interaction", fields: { kind: "ping", answered: null } });
  });

  it("bad input to every command and the context menu: a clear reply within Discord's limits that pings nobody", async () => {
    const { ctx } = handlerContext();
    const definitions = commands.map((c) => c.data(ctx.library));
    let checked = 0;
    for (const [name, text] of BAD_INPUTS) {
      const payloads: [string, APIInteraction][] = definitions.map((d) => {
        if (d.type === ApplicationCommandType.Message) {
          return [d.name, build.messageContextMenu(d.name, build.message({ content: text }))];
        }
        const first = "options" in d ? d.options?.[0] : undefined;
        const options =
          first === undefined
            ? []
            : [
                first.type === ApplicationCommandOptionType.Integer
                  ? option.integer(first.name, text.length)
                  : option.string(first.name, text),
              ];
        return [`/${d.name}`, build.slashCommand(d.name, options)];
      });
      payloads.push(["/ask autocomplete", build.autocomplete("ask", [option.focused("question", text)])]);
      payloads.push(["/fact autocomplete", build.autocomplete("fact", [option.focused("topic", text)])]);
      payloads.push([
        "/ask article",
        build.slashCommand("ask", [option.string("question", "x"), option.string("article", text)]),
      ]);
      for (const [what, payload] of payloads) {
        const body = await run(payload, ctx);
        const label = `${what} with ${name} input`;
        if (what.endsWith("autocomplete")) {
          expect(body.type, label).toBe(8);
        } else {
          expect(body.type, label).toBe(4);
          expect(body.data?.allowed_mentions, label).toEqual({ parse: [] });
          const visible = JSON.stringify(body.data);
          expect(visible.length, label).toBeGreaterThan(20); // something was said
          expect(visible, label).not.toMatch(/@(everyone|here)/);
        }
        expectWithinDiscordLimits(body, label);
        checked++;
      }
    }
    expect(checked).toBe(BAD_INPUTS.length * (commands.length + 3));
  });

  it("the longest question, full of markdown and mentions, is echoed within Discord's limits and pings nobody", async () => {
    const question = `${"why ".repeat(70)}@everyone **putin** north korea visit`;
    const body = await run(build.ask(question));
    const title = body.data?.embeds?.[0]?.title ?? "";
    expect(title.length).toBeGreaterThan(0);
    expect(title.length).toBeLessThanOrEqual(256);
    expect(title).not.toContain("@everyone");
    expectWithinDiscordLimits(body, "the longest question");
  });

  it("a reply longer than Discord allows is cut to its limits: the quote and the context of 3,000-character sentences", async () => {
    const { ctx } = handlerContext({ library: new Library([withLongSentences(engine.kb, 3000)]) });
    const quote = await run(build.slashCommand("quote", [option.integer("sentence", 5)]), ctx);
    const context = await run(build.button(`ctx:${engine.kb.id}:qa:${engine.kb.qa[0]!.id}`), ctx);
    for (const [what, body] of [
      ["/quote", quote],
      ["Show context", context],
    ] as const) {
      const description = body.data?.embeds?.[0]?.description ?? "";
      expect(description.length, what).toBeGreaterThan(3000);
      expect(description.endsWith("…"), what).toBe(true);
      expectWithinDiscordLimits(body, what);
    }
  });

  it("a form it does not know and unknown interaction types get a clear ephemeral message", async () => {
    const modal = await run(build.modalSubmit("anything", { text: "hello" }));
    expect(modal).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } } });
    expect(modal.data?.content).toMatch(/form is from an older version/);
    const ofUnknownType: unknown = { ...build.button("x"), type: 99 };
    const unknown = await run(ofUnknownType as APIInteraction);
    expect(unknown).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(unknown.data?.content).toMatch(/can't handle that kind of interaction/);
  });

  it("an unknown command or button, or one whose entry is gone, gets a clear ephemeral message that echoes nothing unsafe", async () => {
    const stale = await run(build.button("zzz:old"));
    expect(stale).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: { parse: [] } } });
    expect(stale.data?.content).toMatch(/no longer works/);
    const gone = await run(build.button(`ctx:${engine.kb.id}:qa:no-such-entry`));
    expect(gone.data?.content).toMatch(/no longer in the knowledge base/);
    const unknown = await run(build.slashCommand("**nope** @everyone"));
    expect(unknown.data?.flags).toBe(EPHEMERAL);
    expect(unknown.data?.content).toContain("\\*\\*nope\\*\\*");
    expect(unknown.data?.content).not.toContain("@everyone");
    // Chat-input and context-menu names are separate: the context menu's name as a slash command is unknown.
    const asSlash = await run(build.slashCommand("Check against article"));
    expect(asSlash.data?.content).toMatch(/I don't know the command/);
  });

  it("never throws: malformed payloads and throwing handlers get an apology; the token is never logged", async () => {
    const asked = build.ask("hi");
    const throwing = Object.create(engine) as AnswerEngine;
    throwing.answerPrepared = () => {
      throw new Error(`bad thing near ${asked.token}`);
    };
    throwing.suggestQuestions = () => {
      throw new Error("autocomplete broke");
    };
    const { ctx, logger } = handlerContext({ library: asLibrary(throwing) });
    const apology = { type: 4, data: { flags: EPHEMERAL, content: stringMatching(/^Sorry/) } };
    expect(await run(asked, ctx)).toMatchObject(apology);
    const { data: _data, ...withoutData } = build.slashCommand("ask");
    expect(await run(withoutData as unknown as APIInteraction, ctx)).toMatchObject(apology);
    expect(await run(null as unknown as APIInteraction, ctx)).toMatchObject(apology);
    // Autocomplete must answer with type 8 even when it fails.
    expect(await run(build.autocomplete("ask", [option.focused("question", "k")]), ctx)).toEqual({
      type: 8,
      data: { choices: [] },
    });

    const errors = logger.lines.filter((l) => l.level === "error");
    expect(errors.map((e) => e.event)).toEqual(Array(4).fill("interaction-error"));
    expect(errors[0]?.fields.error).toMatchObject({ message: "bad thing near [redacted]" });
    expect(JSON.stringify(logger.lines)).not.toContain(build.TOKEN_PREFIX);
  });

  it("rate limit: commands and buttons count per user; over it, an ephemeral notice with a retry time; other users and autocomplete are unaffected", async () => {
    const { ctx } = handlerContext({ rateLimiter: new RateLimiter({ count: 2, windowMs: 60_000 }) });
    const question = engine.kb.qa[0]!.question;
    const ask = (user = build.MEMBER) => run(build.ask(question, { user }), ctx);
    expect((await ask()).data?.embeds).toHaveLength(1);
    expect((await ask()).data?.embeds).toHaveLength(1);
    const limited = await ask();
    expect(limited.data?.flags).toBe(EPHEMERAL);
    expect(limited.data?.content).toMatch(/^You're asking too fast — try again <t:\d+:R>\.$/);
    const retryAt = Number(/<t:(\d+):R>/.exec(limited.data?.content ?? "")?.[1]) * 1000;
    expect(retryAt).toBeGreaterThan(Date.now());
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 61_000);
    // Buttons count too.
    const button = await run(build.button(`ctx:${engine.kb.id}:qa:${engine.kb.qa[0]!.id}`), ctx);
    expect(button.data?.content).toMatch(/too fast/);
    // In a DM the user is `user`, not `member.user`: limited just the same.
    const dm = await run(build.slashCommand("source", [], { guild: false }), ctx);
    expect(dm.data?.content).toMatch(/too fast/);
    expect(await ask(build.user())).toMatchObject({ type: 4, data: { embeds: [anything()] } });
    const auto = await run(build.autocomplete("ask", [option.focused("question", "kim")]), ctx);
    expect(auto.data?.choices?.length).toBeGreaterThan(0);
  });

  it("one log line per interaction: kind, command (never a raw unknown name), user, latency, whether it answered", async () => {
    const { ctx, logger } = handlerContext();
    await run(build.slashCommand("source"), ctx);
    await run(build.autocomplete("fact", [option.focused("topic", "")]), ctx);
    await run(build.button("zzz:old"), ctx);
    await run(build.messageContextMenu("Check against article", build.message({ content: "" })), ctx);
    await run(build.slashCommand("help", [], { guild: false }), ctx);
    const lines = interactionLines(logger);
    expect(lines.map((l) => [l.fields.kind, l.fields.command, l.fields.answered])).toEqual([
      ["command", "source", true],
      ["autocomplete", "fact", null],
      ["component", "zzz", false],
      ["context-menu", "Check against article", false],
      ["command", "help", true],
    ]);
    for (const line of lines) {
      expect(line.fields.user).toBe(build.MEMBER.id);
      expect(typeof line.fields.latencyMs).toBe("number");
    }
  });

  it("createInteractionContext applies the configured rate limit", () => {
    const ctx = createInteractionContext(
      loadConfig({ RATE_LIMIT_COUNT: "2", RATE_LIMIT_WINDOW_SECONDS: "7" }),
      engine,
      handlerContext().logger,
    );
    expect(ctx.rateLimiter.count).toBe(2);
    expect(ctx.rateLimiter.windowMs).toBe(7000);
  });
});
