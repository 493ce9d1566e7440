import { describe, expect, it } from "vitest";
import { echoUserText, kbText, neutralizeMentions } from "../../src/discord/core/escape.js";

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

  it("article text keeps its words and line, with markdown and mass mentions made inert", () => {
    expect(kbText("A plain sentence, with 24 years.")).toBe("A plain sentence, with 24 years.");
    expect(kbText("*starred* @here")).toBe("\\*starred\\* @\u200bhere");
  });
});
