import type { APIEmbed, APIMessageTopLevelComponent } from "discord.js";
import { describe, expect, it } from "vitest";
import {
  LIMITS,
  fitComponents,
  fitEmbed,
  fitMessage,
  totalEmbedSize,
  truncate,
} from "../../src/discord/core/limits.js";

const long = (n: number, word = "lorem "): string => word.repeat(Math.ceil(n / word.length)).slice(0, n);

describe("truncate", () => {
  it("leaves short text alone and cuts long text to the limit with an ellipsis", () => {
    expect(truncate("hello", 5)).toBe("hello");
    const cut = truncate(long(300), 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut.endsWith("…")).toBe(true);
    expect(truncate("abcdef", 1)).toBe("…");
    expect(truncate("abcdef", 0)).toBe("");
  });

  it("prefers a word boundary, never splits a surrogate pair, never leaves a dangling escape", () => {
    expect(truncate("one two three four five six", 16)).toBe("one two three…");
    const emoji = "😀".repeat(10); // each is 2 UTF-16 units
    const cut = truncate(emoji, 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).toBe("😀😀…");
    expect(truncate("abcdefgh\\*ijklmnop", 10)).toBe("abcdefgh…");
  });
});

describe("fitEmbed / fitMessage", () => {
  it("cuts every embed part to its limit", () => {
    const embed: APIEmbed = {
      title: long(1000),
      description: long(10_000),
      footer: { text: long(5000) },
      author: { name: long(1000) },
      fields: Array.from({ length: 40 }, (_, i) => ({ name: long(300, `n${i} `), value: long(2000) })),
    };
    const fitted = fitEmbed(embed);
    expect(fitted.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(fitted.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(fitted.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footerText);
    expect(fitted.fields!.length).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const f of fitted.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(totalEmbedSize([fitted])).toBeLessThanOrEqual(LIMITS.embedTotal);
    // The description gives way first; the title survives.
    expect(fitted.title).toBe(truncate(embed.title!, LIMITS.embedTitle));
  });

  it("keeps a message under 2000 content characters and 6000 embed characters in total, and is a no-op when within limits", () => {
    const small = { content: "hi", embeds: [{ title: "t", description: "d" }] };
    expect(fitMessage(small)).toEqual(small);
    const big = fitMessage({
      content: long(5000),
      embeds: Array.from({ length: 12 }, () => ({
        description: long(4000),
        fields: [{ name: "n", value: long(1000) }],
      })),
    });
    expect(big.content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(big.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
    expect(totalEmbedSize(big.embeds)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it("fields are never empty (Discord rejects empty names/values)", () => {
    const fitted = fitEmbed({ fields: [{ name: "", value: "" }] });
    expect(fitted.fields?.[0]?.name.length).toBeGreaterThan(0);
    expect(fitted.fields?.[0]?.value.length).toBeGreaterThan(0);
  });
});

describe("fitComponents", () => {
  it("caps select options at 25 with labels/values ≤ 100, and drops components whose custom_id is too long", () => {
    const rows: APIMessageTopLevelComponent[] = [
      {
        type: 1,
        components: [
          {
            type: 3,
            custom_id: "relq",
            max_values: 30,
            options: Array.from({ length: 40 }, (_, i) => ({ label: long(150, `q${i} `), value: `v${i}` })),
          },
        ],
      },
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: long(120), custom_id: "ctx:qa:ok" },
          { type: 2, style: 2, label: "too long", custom_id: `ctx:qa:${"x".repeat(100)}` },
        ],
      },
    ];
    const [selectRow, buttonRow] = fitComponents(rows) as unknown as { components: Record<string, unknown>[] }[];
    const select = selectRow?.components[0] as { options: { label: string; value: string }[]; max_values: number };
    expect(select.options).toHaveLength(25);
    expect(select.max_values).toBe(25);
    for (const o of select.options) expect(o.label.length).toBeLessThanOrEqual(100);
    expect(buttonRow?.components).toHaveLength(1);
    expect(String(buttonRow?.components[0]?.label).length).toBeLessThanOrEqual(80);
  });
});
