/**
 * /ask and what sits under its answer — the "Show context" and "Related" buttons, the related-questions menu,
 * the "which article?" buttons — answered by the shared handler (`handleInteraction`) as both transports send
 * them. Expectations come from the engine's own answer for the same question and from the packs, never from
 * what the reference article happens to say: the engine's answers are measured by the eval floors.
 */
import { describe, expect, it } from "vitest";
import { Library } from "../../src/answer/library.js";
import { copyOf, twoPacks } from "../support/packs.js";
import * as build from "../support/payloads.js";
import { option, type JsonObject } from "../support/payloads.js";
import {
  EPHEMERAL,
  componentsOf,
  handlerContext,
  interactionLines,
  quotedCitations,
  referenceEngine as engine,
  run,
  unescapeMarkdown,
} from "./harness.js";

const { kb } = engine;
const ask = (question: string, ...more: JsonObject[]) =>
  build.slashCommand("ask", [option.string("question", question), ...more]);
/** A curated question the engine answers (with citations and a source), to render an answer from. */
const answered = kb.qa.map((e) => e.question).find((q) => engine.answer(q).source !== undefined)!;
/** Words from no article: the engine does not answer them. */
const GIBBERISH = "zqxv plorf wibbleton";

describe("/ask", () => {
  it("the answer embed: the question as title, the engine's short answer and its citations quoted verbatim with their ids, the article and confidence in the footer", async () => {
    const expected = engine.answer(answered);
    expect(expected.answered).toBe(true);
    const body = await run(ask(answered));
    expect(body.type).toBe(4);
    expect((body.data?.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    const embed = body.data?.embeds?.[0];
    expect(unescapeMarkdown(embed?.title ?? "")).toBe(answered);
    expect(unescapeMarkdown(embed?.description ?? "")).toContain(expected.answer);
    const quoted = quotedCitations(embed?.description);
    expect(quoted).toEqual(expected.citations.map((c) => ({ id: c.id, text: c.text })));
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) {
      expect(kb.sentenceById.get(q.id)?.text).toBe(q.text);
      expect(kb.article).toContain(q.text);
    }
    expect(embed?.footer?.text).toContain(kb.meta.title);
    expect(embed?.footer?.text).toContain(`confidence ${expected.confidence.toFixed(2)}`);
  });

  it("under an answer, 'Show context' and 'Related' buttons whose custom_ids name the pack and the answer's source", async () => {
    // A curated question and a fact card's name: answers whose sources are of different kinds, when the
    // engine answers them so; the buttons follow whatever source the engine gives.
    for (const question of [answered, kb.facts[0]!.name]) {
      const { source, answered: isAnswer } = engine.answer(question);
      const ids = componentsOf((await run(ask(question))).data).map((c) => String(c.custom_id));
      if (!isAnswer || source === undefined) continue;
      expect(ids[0]).toBe(`ctx:${kb.id}:${source.kind}:${source.id}`);
      for (const id of ids) {
        expect(id).toMatch(new RegExp(`^(ctx|rel):${kb.id}:${source.kind}:`));
        expect(id.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it("private:true makes the answer ephemeral", async () => {
    const body = await run(ask(answered, option.boolean("private", true)));
    expect(body.data?.flags).toBe(EPHEMERAL);
    expect(body.data?.embeds?.[0]?.description).toBeTruthy();
  });

  it("a question the article does not answer: no quotes, the questions it can answer, and a menu of them (values are the pack's entry ids)", async () => {
    const { ctx, logger } = handlerContext();
    const expected = engine.answer(GIBBERISH);
    expect(expected.answered).toBe(false);
    const body = await run(ask(GIBBERISH), ctx);
    const embed = body.data?.embeds?.[0];
    expect(unescapeMarkdown(embed?.description ?? "")).toContain(expected.answer);
    expect(quotedCitations(embed?.description)).toEqual([]);
    expect(embed?.fields?.[0]?.name).toBe("Questions the article can answer");
    const select = componentsOf(body.data)[0];
    expect(select).toMatchObject({ type: 3, custom_id: `relq:${kb.id}` });
    const values = (select?.options as { value: string }[]).map((o) => o.value);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(kb.qaById.has(v)).toBe(true);
    await run(ask(answered), ctx);
    expect(interactionLines(logger).map((l) => l.fields.answered)).toEqual([false, true]);
  });

  it("autocomplete: at most 25 curated questions of at most 100 characters; the pinned ones first when nothing is typed; what is typed narrows them", async () => {
    const { ctx, logger } = handlerContext();
    const complete = async (value: string) => {
      const body = await run(build.autocomplete("ask", [option.focused("question", value)]), ctx);
      expect(body.type).toBe(8);
      const choices = body.data?.choices ?? [];
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(kb.qa.some((e) => e.question === c.value)).toBe(true);
      }
      return choices;
    };
    const empty = await complete("");
    const pinned = engine.pinnedQuestions();
    expect(pinned.length).toBeGreaterThan(0);
    expect(empty.slice(0, pinned.length).map((c) => c.name)).toEqual(pinned);
    // The start of a curated question offers that question.
    const typed = await complete(answered.slice(0, 12));
    expect(typed.map((c) => c.value)).toContain(answered);
    expect(interactionLines(logger).map((l) => [l.fields.kind, l.fields.answered])).toEqual([
      ["autocomplete", null],
      ["autocomplete", null],
    ]);
  });
});

describe("the buttons and the menu under an answer, from the custom_ids of the previous response", () => {
  it("'Show context': the cited sentences with their neighbours, as a new ephemeral message", async () => {
    const asked = await run(ask(answered));
    const [contextButton] = componentsOf(asked.data);
    const body = await run(build.button(String(contextButton?.custom_id)));
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(EPHEMERAL);
    const text = unescapeMarkdown(body.data?.embeds?.[0]?.description ?? "");
    for (const c of quotedCitations(asked.data?.embeds?.[0]?.description)) {
      for (const sentence of engine.context(c.id, 1)) expect(text).toContain(sentence.text);
    }
  });

  it("'Related': a menu of related questions (values are entry ids); choosing one answers that entry, with its own sentences", async () => {
    const { ctx, logger } = handlerContext();
    const asked = await run(ask(answered), ctx);
    const relatedButton = componentsOf(asked.data).find((c) => String(c.custom_id).startsWith("rel:"));
    expect(relatedButton).toBeDefined();
    const related = await run(build.button(String(relatedButton?.custom_id)), ctx);
    expect(related.data?.flags).toBe(EPHEMERAL);
    const select = componentsOf(related.data)[0];
    expect(select).toMatchObject({ type: 3, custom_id: `relq:${kb.id}` });
    const choice = (select?.options as { label: string; value: string }[])[0]!;
    expect(kb.qaById.get(choice.value)?.question).toBe(choice.label);

    // Stateless: only the custom_id and the chosen value are needed.
    const picked = await run(build.select(`relq:${kb.id}`, [choice.value]), ctx);
    expect(picked.data?.flags).toBe(EPHEMERAL);
    const entry = kb.qaById.get(choice.value)!;
    expect(unescapeMarkdown(picked.data?.embeds?.[0]?.title ?? "")).toBe(entry.question);
    expect(quotedCitations(picked.data?.embeds?.[0]?.description).map((c) => c.id)).toEqual(
      entry.sentences.slice(0, 3),
    );
    expect(interactionLines(logger).map((l) => [l.fields.kind, l.fields.command])).toEqual([
      ["command", "ask"],
      ["component", "rel"],
      ["component", "relq"],
    ]);
  });

  it("buttons and menus made before answers named their pack still work, on the first pack; a stale entry says so", async () => {
    const entry = kb.qa[0]!;
    const legacy = await run(build.button(`ctx:qa:${entry.id}`));
    expect(legacy.data?.embeds?.[0]?.title).toBe("In context");
    const legacyMenu = await run(build.select("relq", [entry.id]));
    expect(unescapeMarkdown(legacyMenu.data?.embeds?.[0]?.title ?? "")).toBe(entry.question);
    const stale = await run(build.select(`relq:${kb.id}`, ["no-such-entry"]));
    expect(stale.data?.content).toMatch(/no longer in the knowledge base/);
  });
});

describe("with two articles loaded", () => {
  const { reference, second, library } = twoPacks();
  const ctx = () => handlerContext({ library }).ctx;

  it("/ask without an article answers from the pack whose answer wins, names that article, and its buttons name that pack", async () => {
    // A sentence of the second article, asked as a question, is about the second article.
    const question = second.sentences[3]!.text;
    const winner = library.answer(question).pack;
    expect(winner.id).toBe(second.id);
    const body = await run(ask(question), ctx());
    const embed = body.data?.embeds?.[0];
    expect(embed?.footer?.text).toContain(second.meta.title.slice(0, 40));
    for (const c of quotedCitations(embed?.description)) expect(second.sentenceById.get(c.id)?.text).toBe(c.text);
    for (const c of componentsOf(body.data))
      expect(String(c.custom_id)).toMatch(new RegExp(`^(ctx|rel|relq):${second.id}(:|$)`));
  });

  it("the article option picks the pack (by id or title), and autocompletes over the loaded titles; an unknown one lists them", async () => {
    const question = reference.sentences[1]!.text;
    const byId = await run(ask(question, option.string("article", second.id)), ctx());
    expect(byId.data?.embeds?.[0]?.footer?.text).toContain(second.meta.title.slice(0, 40));
    const byTitle = await run(ask(question, option.string("article", second.meta.title)), ctx());
    expect(byTitle.data?.embeds?.[0]?.footer?.text).toContain(second.meta.title.slice(0, 40));

    const choices = await run(
      build.autocomplete("ask", [
        option.string("question", "how"),
        option.focused("article", second.meta.title.slice(0, 5)),
      ]),
      ctx(),
    );
    expect(choices.type).toBe(8);
    expect(choices.data?.choices).toEqual([{ name: `${second.meta.title} (draft)`, value: second.id }]);
    const all = await run(build.autocomplete("ask", [option.focused("article", "")]), ctx());
    expect(all.data?.choices?.map((c) => c.value)).toEqual([reference.id, second.id]);

    const unknown = await run(ask(question, option.string("article", "no-such-article")), ctx());
    expect(unknown.data?.flags).toBe(EPHEMERAL);
    expect(unknown.data?.content).toMatch(/There is no article "no-such-article"/);
    expect(unknown.data?.content).toContain(`\`${reference.id}\``);
    expect(unknown.data?.content).toContain(`\`${second.id}\``);
  });

  it("when two articles answer about equally well, the reply says so with a button per article; each button answers the message's question from its article", async () => {
    // A copy of the second pack under another id: every question ties between the two.
    const twin = copyOf(second, "kilbarra-copy", "Kilbarra tram (a second copy)");
    const tied = handlerContext({ library: new Library([second, twin]) }).ctx;
    const question = second.sentences[5]!.text.slice(0, 120);
    const body = await run(ask(question), tied);
    const embed = body.data?.embeds?.[0];
    expect(embed?.fields?.[0]?.name).toBe("Which article?");
    const buttons = componentsOf(body.data).filter((c) => String(c.custom_id).startsWith("art:"));
    expect(buttons.map((b) => b.custom_id)).toEqual([`art:${second.id}`, "art:kilbarra-copy"]);
    expect(buttons.map((b) => b.label)).toEqual([second.meta.title.slice(0, 80), twin.meta.title]);

    // The button reads the question from the message it sits on (the embed's title).
    const onMessage = build.message({
      author: build.user(build.APP_ID, { bot: true }),
      embeds: body.data?.embeds ?? [],
    });
    const picked = await run(build.button("art:kilbarra-copy", { message: onMessage }), tied);
    expect(picked.data?.flags).toBe(EPHEMERAL);
    const answer = picked.data?.embeds?.[0];
    expect(unescapeMarkdown(answer?.title ?? "")).toBe(unescapeMarkdown(embed?.title ?? ""));
    expect(answer?.footer?.text).toContain(twin.meta.title);
    expect((answer?.fields ?? []).some((f) => f.name === "Which article?")).toBe(false);

    const gone = await run(build.button("art:no-such-pack", { message: onMessage }), tied);
    expect(gone.data?.content).toMatch(/no longer loaded/);
    const untitled = await run(
      build.button(`art:${second.id}`, { message: build.message({ content: "no embed" }) }),
      tied,
    );
    expect(untitled.data?.content).toMatch(/can't find the question/);
  });
});
