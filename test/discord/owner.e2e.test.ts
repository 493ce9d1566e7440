/**
 * The owner's loop end to end, with the bot's REAL discord.js client started the way `npm start` starts it
 * (startGatewayBot: the client, the store, the packs kept current) against the fake Discord, and its SQLite
 * store in a directory of the test's own: a moderator adds an article through the form, a member asks it and
 * 👎s the unsure reply, the moderator maps the question in /review, the same question is then answered citing
 * that sentence; a restart keeps all of it (the article, the teaching, votes on the old reply); a member
 * without Manage Server is refused. Assertions are on what the bot sends to Discord.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits, type APIInteraction, type APIUser } from "discord.js";
import { afterAll, describe, expect, it } from "vitest";
import { Library } from "../../src/answer/library.js";
import { startGatewayBot, type GatewayBot } from "../../src/discord/gateway/start.js";
import { packFromText } from "../../src/knowledge/new-pack.js";
import { startFakeDiscord, type FakeDiscord, type JsonObject } from "../support/fake-discord/index.js";
import { FIXTURE_ARTICLE, sentenceWith } from "../support/fixture-pack.js";
import { DEFAULT_PERMISSIONS, option } from "../support/payloads.js";
import {
  EPHEMERAL,
  componentsOf,
  memoryLogger,
  quotedCitations,
  referenceEngine,
  testConfig,
  unescapeMarkdown,
  type CallbackBody,
} from "./harness.js";

const MODERATOR = DEFAULT_PERMISSIONS | PermissionFlagsBits.ManageGuild;
const dataDir = mkdtempSync(join(tmpdir(), "owner-e2e-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * A question about the fixture article that, asked with no article named, goes to it and gets an unsure reply
 * whose closest passages include the sentence that answers it: found by asking the engine, as the bot will have
 * it (the reference pack and the fixture article made into a pack).
 */
const library = new Library([referenceEngine, packFromText(FIXTURE_ARTICLE, "fixture")]);
const target = sentenceWith(library.pack("fixture")!.kb, "children's section will move");
const QUESTION = [
  "what about the kids section",
  "where is the children's section going",
  "what happens to the kids area",
  "wheres the kids bit",
].find((q) => {
  const { pack, answer } = library.answer(q);
  return pack.id === "fixture" && answer.outcome === "unsure" && answer.closest.some((c) => c.id === target);
});

/** What the bot answered an interaction with: its callback's message, or for a deferred one the edit that follows. */
async function reply(fake: FakeDiscord, payload: APIInteraction): Promise<CallbackBody> {
  const sent = fake.sendInteraction(payload);
  const callback = (await sent.waitForCallback(15_000)).body as CallbackBody;
  if (callback.type !== 5) return callback;
  const edit = await fake.waitForRequest(
    { method: "PATCH", path: `/webhooks/${fake.applicationId}/${sent.token}/messages/@original` },
    { timeoutMs: 15_000 },
  );
  expect(edit.response?.status).toBe(200);
  return { type: 4, data: { ...(edit.body as CallbackBody["data"]), flags: callback.data?.flags ?? 0 } };
}

const sub = (name: string, options: JsonObject[] = []): JsonObject => ({ name, type: 1, options });

describe("the owner's loop through the real discord.js client", { timeout: 60_000 }, () => {
  it("add by form → ask → 👎 → /review → answered from the chosen sentence; kept across a restart; members refused", async () => {
    expect(QUESTION, "a question the fixture article is unsure about").toBeDefined();
    const question = QUESTION!;
    const fake = await startFakeDiscord({ token: "MTE0NTE0MTkxOTgxMDA4MTAx.GhJkLm.q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6" });
    const config = testConfig(fake, { DATA_DIR: dataDir, DATABASE_URL: "", QUESTION_LOG: "on" });
    const moderator: APIUser = fake.addUser({ username: "mod" });
    const member = fake.defaultUser;
    const asModerator = { user: moderator, permissions: MODERATOR };
    let gateway: GatewayBot | undefined = await startGatewayBot(config, referenceEngine, memoryLogger());
    try {
      // A member may not add an article or review.
      for (const payload of [fake.slashCommand("article", [sub("add")]), fake.slashCommand("review")]) {
        const refused = await reply(fake, payload);
        expect(refused.data?.flags).toBe(EPHEMERAL);
        expect(refused.data?.content).toMatch(/Only moderators/);
      }

      // The moderator adds the article through the form.
      const form = fake.sendInteraction(fake.slashCommand("article", [sub("add")], asModerator));
      expect(((await form.waitForCallback()).body as CallbackBody).type).toBe(9);
      expect(fake.modalShown(form.token)).toMatchObject({ custom_id: "artadd" });
      const added = await reply(fake, fake.modalSubmit("artadd", { title: "", text: FIXTURE_ARTICLE }, asModerator));
      expect(added.data?.flags).toBe(EPHEMERAL);
      const id = /as `([a-z0-9-]+)`/.exec(added.data?.content ?? "")?.[1];
      expect(id, added.data?.content).toBeDefined();

      // A member asks; the reply is unsure, from the new article, with 👍/👎; they 👎 it.
      const asked = fake.sendInteraction(fake.slashCommand("ask", [option.string("question", question)]));
      const first = (await asked.waitForCallback()).body as CallbackBody;
      expect(first.data?.embeds?.[0]?.footer?.text).toContain("Riverside library");
      expect(quotedCitations(first.data?.embeds?.[0]?.description).map((c) => c.id)).toContain(target);
      const votes = componentsOf(first.data).filter((c) => String(c.custom_id).startsWith("vote:"));
      expect(votes.map((c) => (c.emoji as { name: string }).name)).toEqual(["👍", "👎"]);
      const original = fake.originalMessage(asked.token)!;
      const downvoted = await reply(fake, fake.button(String(votes[1]!.custom_id), { message: original }));
      expect(downvoted.data?.flags).toBe(EPHEMERAL);
      expect(downvoted.data?.content).toMatch(/👎 is recorded/);

      // The moderator maps it in /review to the sentence that answers it.
      const listed = await reply(fake, fake.slashCommand("review", [], asModerator));
      expect(listed.data?.flags).toBe(EPHEMERAL);
      expect(unescapeMarkdown(listed.data?.embeds?.[0]?.description ?? "")).toContain(question);
      const menu = componentsOf(listed.data).find((c) => String(c.custom_id).startsWith(`rev:${id}:`));
      expect((menu?.options as { value: string }[]).map((o) => o.value)).toContain(target);
      const decided = await reply(fake, fake.button(String(menu!.custom_id), { ...asModerator, values: [target] }));
      expect(decided.data?.content).toMatch(new RegExp(`now answered from \`${target}\``));

      // Asked again by someone else (so it is not read as a follow-up of the member's conversation): answered,
      // citing that sentence first.
      const newcomer = { user: fake.addUser({ username: "newcomer" }) };
      const again = await reply(fake, fake.slashCommand("ask", [option.string("question", question)], newcomer));
      expect(again.data?.embeds?.[0]?.footer?.text).toMatch(/^answered · confidence/);
      expect(quotedCitations(again.data?.embeds?.[0]?.description)[0]?.id).toBe(target);

      // A restart: the article, the teaching and the votes on the old reply are kept.
      await gateway.stop();
      gateway = await startGatewayBot(config, referenceEngine, memoryLogger());
      const afterRestart = await reply(fake, fake.slashCommand("ask", [option.string("question", question)], newcomer));
      expect(afterRestart.data?.embeds).toEqual(again.data?.embeds);
      const listedAgain = await reply(fake, fake.slashCommand("article", [sub("list")], asModerator));
      expect(listedAgain.data?.embeds?.[0]?.description).toMatch(new RegExp(`\`${id}\`.*added from Discord`));
      const revote = await reply(fake, fake.button(String(votes[0]!.custom_id), { message: original, user: member }));
      expect(revote.data?.content).toMatch(/👍 is recorded/);
      expect((await reply(fake, fake.slashCommand("review", [], asModerator))).data?.content).toMatch(
        /Nothing to review/,
      );

      // Every message the bot sent, callbacks and follow-ups alike, pings nobody.
      for (const r of fake.requests.filter((q) => q.method === "PATCH" || q.path.endsWith("/callback"))) {
        const body = r.body as { type?: number; data?: JsonObject } & JsonObject;
        if (r.method === "PATCH") expect(body.allowed_mentions).toEqual({ parse: [] });
        else if (body.type === 4) expect(body.data?.allowed_mentions).toEqual({ parse: [] });
      }
      expect(fake.unhandledRequests).toEqual([]);
    } finally {
      await gateway?.stop();
      await fake.close();
    }
  });

  it("mentions and DMs are logged and take votes; a mention answers from the server's default article", async () => {
    const fake = await startFakeDiscord({ token: "MTE0NTE0MTkxOTgxMDA4MTAx.GhJkLm.q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6" });
    const store = mkdtempSync(join(tmpdir(), "owner-e2e-mentions-"));
    const config = testConfig(fake, { DATA_DIR: store, DATABASE_URL: "", QUESTION_LOG: "on" });
    const gateway = await startGatewayBot(config, referenceEngine, memoryLogger());
    const asModerator = { user: fake.addUser({ username: "mod" }), permissions: MODERATOR };
    try {
      const added = await reply(fake, fake.modalSubmit("artadd", { title: "", text: FIXTURE_ARTICLE }, asModerator));
      const id = /as `([a-z0-9-]+)`/.exec(added.data?.content ?? "")![1]!;
      // A question that, routed across both articles, goes to the reference article: the default makes it the new one's.
      const asked = ["who pays", "when does it open", "where do the kids go", "what is closing"].find(
        (q) => library.answer(q).pack.id === referenceEngine.kb.id,
      );
      if (asked === undefined) throw new Error("no question the reference article wins");
      const mention = async (): Promise<JsonObject> => {
        const mark = fake.mark();
        fake.sendMessageCreate({ content: asked, mentionsBot: true });
        const post = await fake.waitForRequest(
          { method: "POST", path: `/channels/${fake.channelId}/messages` },
          { since: mark },
        );
        return post.body as JsonObject;
      };
      const before = (await mention()) as { embeds: { footer: { text: string } }[]; components: JsonObject[] };
      expect(before.embeds[0]!.footer.text).toContain(referenceEngine.kb.meta.title);
      await reply(fake, fake.slashCommand("article", [sub("default", [option.string("article", id)])], asModerator));
      const after = (await mention()) as { embeds: { footer: { text: string } }[]; components: JsonObject[] };
      expect(after.embeds[0]!.footer.text).toContain("Riverside library");
      const votes = componentsOf(after).filter((c) => String(c.custom_id).startsWith("vote:"));
      expect(votes).toHaveLength(2);
      const voted = await reply(fake, fake.button(String(votes[0]!.custom_id)));
      expect(voted.data?.content).toMatch(/👍 is recorded/);

      const dmMark = fake.mark();
      fake.sendMessageCreate({ content: question(), guild: false });
      const dm = fake.dmChannelFor(fake.defaultUser);
      const dmPost = await fake.waitForRequest(
        { method: "POST", path: `/channels/${dm.id}/messages` },
        { since: dmMark },
      );
      expect(
        componentsOf(dmPost.body as JsonObject).filter((c) => String(c.custom_id).startsWith("vote:")),
      ).toHaveLength(2);
    } finally {
      await gateway.stop();
      await fake.close();
      rmSync(store, { recursive: true, force: true });
    }
  });
});

/** The unsure question found above. */
function question(): string {
  if (QUESTION === undefined) throw new Error("no question the fixture article is unsure about");
  return QUESTION;
}
