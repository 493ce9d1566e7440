/**
 * The article's other views on Discord — /fact, /quote, /source, /help and the "Check against article" context
 * menu — answered by the shared handler (`handleInteraction`), with one article and with two. Expectations are
 * read from the packs and the engine's own views, never from what the reference article happens to say.
 */
import { describe, expect, it } from "vitest";
import { twoPacks } from "../support/packs.js";
import * as build from "../support/payloads.js";
import { option, type JsonObject } from "../support/payloads.js";
import {
  EPHEMERAL,
  handlerContext,
  interactionLines,
  quotedCitations,
  referenceEngine as engine,
  run,
  unescapeMarkdown,
} from "./harness.js";

const { kb } = engine;
const last = kb.sentences.length - 1;
const quote = (n: number, ...more: JsonObject[]) =>
  build.slashCommand("quote", [option.integer("sentence", n), ...more]);

describe("/fact", () => {
  it("a fact card: its name, kind and description, its sentences quoted; not ephemeral", async () => {
    const fact = kb.facts[0]!;
    const body = await run(build.slashCommand("fact", [option.string("topic", fact.name)]));
    expect((body.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    const card = body.data?.embeds?.[0];
    expect(unescapeMarkdown(card?.title ?? "")).toBe(fact.name);
    expect(unescapeMarkdown(card?.description ?? "")).toContain(fact.description);
    expect(card?.description).toContain(`*${fact.kind}*`);
    const quoted = quotedCitations(card?.description);
    expect(quoted.length).toBeGreaterThan(0);
    for (const c of quoted) {
      expect(fact.sentences).toContain(c.id);
      expect(kb.sentenceById.get(c.id)?.text).toBe(c.text);
    }
    for (const alias of fact.aliases.slice(0, 2)) {
      const byAlias = await run(build.slashCommand("fact", [option.string("topic", alias)]));
      expect(unescapeMarkdown(byAlias.data?.embeds?.[0]?.title ?? "")).toBe(fact.name);
    }
  });

  it("an unknown topic: an ephemeral 'did you mean' naming the engine's closest cards, or examples when there are none", async () => {
    const topics = ["zqxv plorf", `${kb.facts[1]!.name.split(" ")[0]} zqxv`];
    let didYouMean = 0;
    for (const topic of topics) {
      const view = engine.factView(topic);
      if (view.found) continue;
      const body = await run(build.slashCommand("fact", [option.string("topic", topic)]));
      expect(body.data?.flags).toBe(EPHEMERAL);
      expect(body.data?.content).toContain(`No fact card matches "${topic}"`);
      if (view.closest.length > 0) {
        didYouMean++;
        expect(body.data?.content).toContain("Did you mean");
        for (const f of view.closest) expect(unescapeMarkdown(body.data?.content ?? "")).toContain(f.name);
      } else {
        expect(body.data?.content).toMatch(/Try `\/fact/);
      }
    }
    expect(didYouMean).toBeGreaterThan(0);
  });

  it("autocomplete: the start of a card's name offers it (its value the name /fact finds); at most 25", async () => {
    const fact = kb.facts[2]!;
    const body = await run(build.autocomplete("fact", [option.focused("topic", fact.name.slice(0, 5).toLowerCase())]));
    expect(body.type).toBe(8);
    const choices = body.data?.choices ?? [];
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices).toContainEqual({ name: `${fact.name} (${fact.kind})`, value: fact.name });
    const empty = await run(build.autocomplete("fact", [option.focused("topic", "")]));
    expect(empty.data?.choices?.length).toBeGreaterThan(0);
  });
});

describe("/quote", () => {
  it("the sentence verbatim between its neighbours; S0 is the standfirst; a number out of range (possible over HTTP) says which range is valid", async () => {
    const i = Math.floor(last / 2);
    const body = await run(quote(i));
    const embed = body.data?.embeds?.[0];
    expect(embed?.title).toBe(`Sentence S${i}`);
    const description = embed?.description ?? "";
    expect(quotedCitations(description)).toEqual([{ id: `S${i}`, text: kb.sentences[i]!.text }]);
    expect(unescapeMarkdown(description)).toContain(kb.sentences[i - 1]!.text);
    expect(unescapeMarkdown(description)).toContain(kb.sentences[i + 1]!.text);
    expect(embed?.footer?.text).toContain(`S0–S${last}`);
    expect((await run(quote(0))).data?.embeds?.[0]?.title).toBe("Sentence S0 (the standfirst)");
    for (const n of [last + 1, -1, 2.5]) {
      const out = await run(quote(n));
      expect(out.data?.flags).toBe(EPHEMERAL);
      expect(out.data?.content).toContain(`0 to ${last}`);
    }
  });
});

describe("/source and /help", () => {
  it("/source: the article's title, what it covers, and its size", async () => {
    const embed = (await run(build.slashCommand("source"))).data?.embeds?.[0];
    expect(unescapeMarkdown(embed?.title ?? "")).toBe(kb.meta.title);
    expect(embed?.fields?.find((f) => f.name === "Size")?.value).toBe(
      `${kb.sentences.length} sentences, ${kb.qa.length} curated questions, ${kb.facts.length} fact cards.`,
    );
    expect(embed?.fields?.map((f) => f.name)).toEqual(["Outlet", "Written", "Size", "How answers are chosen"]);
  });

  it("/help: ephemeral, every command and the context menu, and how to mention this bot", async () => {
    const body = await run(build.slashCommand("help"));
    expect(body.data?.flags).toBe(EPHEMERAL);
    const text = JSON.stringify(body.data?.embeds);
    for (const c of ["/ask", "/fact", "/quote", "/source", "/help", "Check against article", `<@${build.APP_ID}>`])
      expect(text).toContain(c);
  });
});

describe("'Check against article'", () => {
  const check = (content: string) => build.messageContextMenu("Check against article", build.message({ content }));

  it("quotes the sentences the engine finds bearing on a message, ephemerally, or says the article says nothing about it", async () => {
    const { ctx, logger } = handlerContext();
    // A sentence of the article bears on itself; words from no article bear on nothing.
    const claim = kb.sentences[4]!.text;
    const bearing = engine.sentencesBearingOn(claim);
    expect(bearing.sentences.length).toBeGreaterThan(0);
    const body = await run(check(claim), ctx);
    expect(body.data?.flags).toBe(EPHEMERAL);
    const embed = body.data?.embeds?.[0];
    expect(unescapeMarkdown(embed?.description ?? "")).toContain(claim.slice(0, 100));
    expect(quotedCitations(embed?.description).map((c) => c.id)).toEqual(bearing.sentences.map((s) => s.id));
    for (const q of quotedCitations(embed?.description)) expect(kb.article).toContain(q.text);

    expect(engine.sentencesBearingOn("zqxv plorf wibbleton").sentences).toEqual([]);
    const nothing = await run(check("zqxv plorf wibbleton"), ctx);
    expect(nothing.data?.embeds?.[0]?.description).toContain("The article says nothing about this.");
    expect(interactionLines(logger).map((l) => [l.fields.kind, l.fields.answered])).toEqual([
      ["context-menu", true],
      ["context-menu", false],
    ]);
  });

  it("a bot's message is checked by its embeds; a message with no text says so", async () => {
    const claim = kb.sentences[4]!.text;
    const answer = build.message({ author: build.user(build.APP_ID, { bot: true }), embeds: [{ description: claim }] });
    const body = await run(build.messageContextMenu("Check against article", answer));
    expect(quotedCitations(body.data?.embeds?.[0]?.description).length).toBeGreaterThan(0);
    const empty = await run(check("   "));
    expect(empty.data).toMatchObject({
      flags: EPHEMERAL,
      content: "That message has no text I can check against the article.",
    });
  });
});

describe("with two articles loaded", () => {
  const { reference, second, library } = twoPacks();
  const ctx = () => handlerContext({ library }).ctx;

  it("/source lists the articles, draft or curated, with their sizes; with an article it describes that one", async () => {
    const list = (await run(build.slashCommand("source"), ctx())).data?.embeds?.[0];
    expect(list?.title).toBe("2 articles loaded");
    const values = (list?.fields ?? []).map((f) => f.value).join("\n");
    expect(values).toContain(`\`${second.id}\` · ${second.sentences.length} sentences · draft`);
    expect(values).toContain(`\`${reference.id}\` · ${reference.sentences.length} sentences · curated`);
    const one = (await run(build.slashCommand("source", [option.string("article", second.id)]), ctx())).data
      ?.embeds?.[0];
    expect(unescapeMarkdown(one?.title ?? "")).toBe(second.meta.title);
    // A draft pack answers without its cards, but /source counts them.
    expect(one?.fields?.find((f) => f.name === "Size")?.value).toBe(
      `${second.sentences.length} sentences, ${second.qa.length} curated questions, ${second.facts.length} fact cards.`,
    );
  });

  it("/fact finds a card in either article; its autocomplete labels each name with its article", async () => {
    for (const [pack, fact] of [
      [second, second.facts[0]!],
      [reference, reference.facts[0]!],
    ] as const) {
      const card = (await run(build.slashCommand("fact", [option.string("topic", fact.name)]), ctx())).data
        ?.embeds?.[0];
      expect(unescapeMarkdown(card?.title ?? "")).toBe(fact.name);
      expect(card?.footer?.text).toContain(pack.meta.title.slice(0, 40));
    }
    const fact = second.facts[0]!;
    const choices = await run(build.autocomplete("fact", [option.focused("topic", fact.name.slice(0, 4))]), ctx());
    expect(choices.data?.choices?.map((c) => c.name)).toContainEqual(
      expect.stringContaining(`${fact.name} (${fact.kind}) — ${second.meta.title.slice(0, 20)}`),
    );
  });

  it("/quote needs the article when several are loaded, and quotes from the one chosen", async () => {
    const which = await run(quote(0), ctx());
    expect(which.data?.flags).toBe(EPHEMERAL);
    expect(which.data?.content).toMatch(/Which article\? Add the article option/);
    const chosen = await run(quote(0, option.string("article", second.id)), ctx());
    expect(quotedCitations(chosen.data?.embeds?.[0]?.description)).toEqual([
      { id: "S0", text: second.sentences[0]!.text },
    ]);
    // The range is the longest article's.
    const longest = Math.max(reference.sentences.length, second.sentences.length) - 1;
    const out = await run(quote(longest + 1, option.string("article", second.id)), ctx());
    expect(out.data?.content).toContain(`0 to ${second.sentences.length - 1}`);
  });
});
