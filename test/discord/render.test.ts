import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/answer/index.js";
import { renderAnswer } from "../../src/discord/ask/answer.js";
import { echoUserText, neutralizeMentions } from "../../src/discord/core/escape.js";
import { fitMessage, LIMITS, totalEmbedSize } from "../../src/discord/core/limits.js";
import { componentsOf } from "./harness.js";

const engine = defaultEngine();

describe("escaping echoed user text", () => {
  it("escapes markdown, keeps it on one line, and neutralises @everyone/@here", () => {
    expect(echoUserText("**bold** _it_ `code` ||spoiler||")).toBe(
      "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\|",
    );
    expect(echoUserText("# heading\n> quote\n- item")).not.toMatch(/\n/);
    expect(echoUserText("[click](https://evil.example)")).toMatch(/^\\\[click\]/); // no longer a link
    expect(neutralizeMentions("@everyone and @here")).toBe("@\u200beveryone and @\u200bhere");
    expect(echoUserText("x".repeat(1000), 50).length).toBeLessThanOrEqual(50);
  });
});

describe("renderAnswer", () => {
  it("an answer from a fact card gets buttons whose custom_ids point at the fact", () => {
    const fact = engine.kb.facts.find((f) => f.name === "Volodymyr Zelensky") ?? engine.kb.facts[0]!;
    const answer = engine.answer(fact.name);
    expect(answer.answered).toBe(true);
    const parts = renderAnswer(answer, engine);
    const ids = componentsOf(parts as never).map((c) => String(c.custom_id));
    expect(ids[0]).toBe(`ctx:putin-north-korea-2024:${answer.source?.kind}:${answer.source?.id}`);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
  });

  it("a maximal question still fits Discord's limits", () => {
    const answer = engine.answer(`${"why ".repeat(70)}@everyone **putin** north korea visit`);
    const parts = fitMessage(renderAnswer(answer, engine));
    const embed = parts.embeds![0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.title).not.toContain("@everyone");
    expect(totalEmbedSize(parts.embeds!)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });
});
