/**
 * Several articles at once, end to end: the REAL discord.js client against the fake Discord, with the
 * reference pack and the second article's pack (built by knowledge:new's buildPack into a temporary
 * directory) loaded together.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Library } from "../../src/answer/library.js";
import type { JsonObject } from "../support/fake-discord/index.js";
import { copyOf, twoPacks } from "../support/packs.js";
import { callbackBody, componentsOf, quotedCitations, startTestBot, type TestBot } from "./harness.js";

const { reference, second, library } = twoPacks();
const EPHEMERAL = 64;
let t: TestBot | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const str = (name: string, value: string, extra: JsonObject = {}): JsonObject => ({ name, type: 3, value, ...extra });

async function slash(bot: TestBot, name: string, options: JsonObject[] = []) {
  const sent = bot.fake.sendInteraction(bot.fake.slashCommand(name, options));
  return { sent, body: callbackBody(await sent.waitForCallback()) };
}

async function autocomplete(bot: TestBot, name: string, options: JsonObject[]) {
  const sent = bot.fake.sendInteraction(bot.fake.autocomplete(name, options));
  return callbackBody(await sent.waitForCallback());
}

describe("two articles on the gateway bot", { timeout: 20_000 }, () => {
  it("/ask without an article answers from the pack that knows, and the embed names that article", async () => {
    const bot = (t = await startTestBot({ library }));
    const putin = await slash(bot, "ask", [str("question", "When did Putin first visit North Korea?")]);
    expect(putin.body.data?.embeds?.[0]?.footer?.text).toContain(reference.meta.title.slice(0, 40));
    const tram = await slash(bot, "ask", [
      str("question", "Who is the chief executive of the Metropolitan Transit Board?"),
    ]);
    const embed = tram.body.data?.embeds?.[0];
    expect(embed?.footer?.text).toContain("Kilbarra's Green Line");
    for (const c of quotedCitations(embed?.description)) expect(second.sentenceById.get(c.id)?.text).toBeDefined();
    // Its buttons name the pack they belong to.
    for (const c of componentsOf(tram.body.data))
      expect(String(c.custom_id)).toMatch(new RegExp(`^(ctx|rel|relq):${second.id}(:|$)`));
  });

  it("the article option picks the pack, and autocompletes over the loaded titles", async () => {
    const bot = (t = await startTestBot({ library }));
    const choices = await autocomplete(bot, "ask", [
      str("question", "how much"),
      str("article", "kilb", { focused: true }),
    ]);
    expect(choices.type).toBe(8);
    expect(choices.data?.choices).toEqual([{ name: `${second.meta.title} (draft)`, value: second.id }]);
    const all = await autocomplete(bot, "ask", [str("article", "", { focused: true })]);
    expect(all.data?.choices?.map((c) => c.value)).toEqual([reference.id, second.id]);

    const chosen = await slash(bot, "ask", [str("question", "How long is the line?"), str("article", second.id)]);
    expect(chosen.body.data?.embeds?.[0]?.footer?.text).toContain("Kilbarra");
    const unknown = await slash(bot, "ask", [
      str("question", "How long is the line?"),
      str("article", "no-such-article"),
    ]);
    expect(unknown.body.data?.flags).toBe(EPHEMERAL);
    expect(unknown.body.data?.content).toMatch(/There is no article "no-such-article"/);
  });

  it("/source lists the articles, draft or curated; with an article it describes that one", async () => {
    const bot = (t = await startTestBot({ library }));
    const list = (await slash(bot, "source")).body.data?.embeds?.[0];
    expect(list?.title).toBe("2 articles loaded");
    const fields = list?.fields ?? [];
    expect(fields.map((f) => f.value).join("\n")).toMatch(new RegExp(`\`${second.id}\` · 41 sentences · draft`));
    expect(fields.map((f) => f.value).join("\n")).toMatch(new RegExp(`\`${reference.id}\` · 26 sentences · curated`));
    const one = (await slash(bot, "source", [str("article", second.id)])).body.data?.embeds?.[0];
    expect(one?.title).toBe("Kilbarra's Green Line tram opens 14 months late and €212 million over budget");
    expect(one?.fields?.find((f) => f.name === "Size")?.value).toMatch(
      /^41 sentences, 0 curated questions, \d+ fact cards/,
    );
  });

  it("/fact finds a card in either article; its autocomplete labels each name with its article", async () => {
    const bot = (t = await startTestBot({ library }));
    const feeney = await slash(bot, "fact", [str("topic", "Niamh Feeney")]);
    expect(feeney.body.data?.embeds?.[0]?.title).toBe("Niamh Feeney");
    const kim = await slash(bot, "fact", [str("topic", "Kim Yo Jong")]);
    expect(kim.body.data?.embeds?.[0]?.footer?.text).toContain("Putin");
    const choices = await autocomplete(bot, "fact", [str("topic", "fee", { focused: true })]);
    expect(
      choices.data?.choices?.some((c) => c.name === `Niamh Feeney (person) — ${second.meta.title}`.slice(0, 100)),
    ).toBe(true);
    const quote = await slash(bot, "quote", [{ name: "sentence", type: 4, value: 0 }, str("article", second.id)]);
    expect(quote.body.data?.embeds?.[0]?.description).toContain("Kilbarra's Green Line tram opens");
    const which = await slash(bot, "quote", [{ name: "sentence", type: 4, value: 0 }]);
    expect(which.body.data?.content).toMatch(/Which article\? Add the article option/);
  });

  it("when two articles answer about equally well, the reply says so with a button per article, and each button answers from its article", async () => {
    // A copy of the second pack under another id: every question ties between the two.
    const twin = copyOf(second, "kilbarra-copy", "Kilbarra tram (a second copy)");
    const bot = (t = await startTestBot({ library: new Library([second, twin]) }));
    const { sent, body } = await slash(bot, "ask", [str("question", "How many stations are there on the Green Line?")]);
    const embed = body.data?.embeds?.[0];
    expect(embed?.fields?.[0]?.name).toBe("Which article?");
    const buttons = componentsOf(body.data).filter((c) => String(c.custom_id).startsWith("art:"));
    expect(buttons.map((b) => b.custom_id)).toEqual([`art:${second.id}`, "art:kilbarra-copy"]);
    expect(buttons.map((b) => b.label)).toEqual([second.meta.title.slice(0, 80), twin.meta.title]);

    const message = bot.fake.originalMessage(sent.token);
    expect(message).toBeDefined();
    const press = bot.fake.sendInteraction(bot.fake.button("art:kilbarra-copy", { message: message! }));
    const picked = callbackBody(await press.waitForCallback());
    expect(picked.data?.flags).toBe(EPHEMERAL);
    const answer = picked.data?.embeds?.[0];
    expect(answer?.title).toBe("How many stations are there on the Green Line?");
    expect(answer?.footer?.text).toContain(twin.meta.title);
    expect((answer?.fields ?? []).some((f) => f.name === "Which article?")).toBe(false);
  });

  it("mentions and DMs search every article", async () => {
    const bot = (t = await startTestBot({ library }));
    const mark = bot.fake.mark();
    bot.fake.sendMessageCreate({ content: "how much do students pay for a single trip on the tram?", guild: false });
    const post = await bot.fake.waitForRequest({ method: "POST", path: /\/channels\/\d+\/messages$/ }, { since: mark });
    const embed = (post.body as { embeds: { footer?: { text: string } }[] }).embeds[0];
    expect(embed?.footer?.text).toContain("Kilbarra");
  });
});
