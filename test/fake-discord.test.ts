/**
 * Smoke tests: the REAL discord.js Client against the fake Discord in ./support/fake-discord/.
 * If these fail after a discord.js upgrade, the fake (not the bot) probably needs updating.
 */
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  Partials,
  PermissionFlagsBits,
  Routes,
  TextInputBuilder,
  TextInputStyle,
  type ClientOptions,
  type Interaction,
  type Message,
} from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { startFakeDiscord, type FakeDiscord, type JsonObject } from "./support/fake-discord/index.js";
import { DEFAULT_PERMISSIONS, option } from "./support/payloads.js";

const TOKEN = "fake.token.value";
const BOT_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

let fake: FakeDiscord;
let client: Client | undefined;
/** Errors thrown inside event handlers (discord.js would otherwise swallow them as unhandled rejections). */
let handlerErrors: unknown[] = [];

beforeEach(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  handlerErrors = [];
});

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await fake.close();
  expect(handlerErrors).toEqual([]);
});

/** Logs a real client in against the fake and resolves on `clientReady`. */
async function connect(options: Partial<ClientOptions> = {}): Promise<Client<true>> {
  const c = new Client({ intents: BOT_INTENTS, rest: { api: fake.restUrl }, ...options });
  client = c;
  const ready = new Promise<Client<true>>((resolve) => c.once(Events.ClientReady, resolve));
  await c.login(TOKEN);
  return ready;
}

/** Registers an async event handler whose failures are collected instead of lost. */
function handle<E extends Events.InteractionCreate | Events.MessageCreate>(
  c: Client,
  event: E,
  fn: (arg: E extends Events.InteractionCreate ? Interaction : Message) => Promise<void>,
): void {
  c.on(event, (arg: Interaction | Message) => {
    // The conditional parameter type cannot be narrowed from `event` at runtime; the cast mirrors c.on's typing.
    fn(arg as E extends Events.InteractionCreate ? Interaction : Message).catch((error: unknown) =>
      handlerErrors.push(error),
    );
  });
}

// 10 s per test so fake.waitFor*'s own 5 s timeout (with its list of received requests) fires first.
describe("fake Discord + real discord.js Client", { timeout: 10_000 }, () => {
  it("logs in, becomes ready with the fake guild, and identifies with the expected intents", async () => {
    const c = await connect();

    expect(c.user.id).toBe(fake.botUser.id);
    expect(c.user.bot).toBe(true);
    expect(c.application.id).toBe(fake.applicationId);
    const guild = c.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    const channel = c.channels.cache.get(fake.channelId);
    expect(channel?.type).toBe(ChannelType.GuildText);
    expect(
      channel?.isTextBased() &&
        !channel.isDMBased() &&
        channel.permissionsFor(c.user)?.has(PermissionFlagsBits.SendMessages),
    ).toBe(true);

    expect(fake.identifies).toHaveLength(1);
    const identify = fake.identifies[0];
    expect(identify?.token).toBe(TOKEN);
    expect(identify?.intents).toBe(
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
    );
    expect((identify?.intents ?? 0) & (1 << 15)).toBe(0); // no MessageContent (privileged)

    expect(fake.gatewayConnections[0]?.query).toEqual({ v: "10", encoding: "json" }); // no compression by default
    const gatewayBot = await fake.waitForRequest({ method: "GET", path: "/gateway/bot" });
    expect(gatewayBot.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(fake.unhandledRequests).toEqual([]);
  });

  it("slash command → interaction.reply → POST /interactions/:id/:token/callback type 4", async () => {
    const c = await connect();
    const seen: { name: string; guildId: string | null; userId: string }[] = [];
    handle(c, Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push({ name: interaction.commandName, guildId: interaction.guildId, userId: interaction.user.id });
      await interaction.reply({ content: "pong", allowedMentions: { parse: [] } });
    });

    const sent = fake.sendInteraction(fake.slashCommand("ping"));
    const callback = await sent.waitForCallback();

    expect(callback.method).toBe("POST");
    expect(callback.path).toBe(`/interactions/${sent.id}/${sent.token}/callback`);
    expect(callback.query).toEqual({ with_response: "false" });
    expect(callback.headers.authorization).toBeUndefined(); // interaction callbacks are unauthenticated
    // discord.js also sends tts:false / enforce_nonce:false; the fields that matter are checked exactly.
    expect(callback.body).toMatchObject({ type: 4, data: { content: "pong", allowed_mentions: { parse: [] } } });
    expect((callback.body as { data: JsonObject }).data.allowed_mentions).toEqual({ parse: [] });
    expect(callback.response?.status).toBe(204);
    expect(seen).toEqual([{ name: "ping", guildId: fake.guildId, userId: fake.defaultUser.id }]);
    expect(fake.originalMessage(sent.token)?.content).toBe("pong");
  });

  it("a second response to the same interaction is refused with 40060, as Discord does", async () => {
    const c = await connect();
    handle(c, Events.InteractionCreate, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: "first" });
    });
    const sent = fake.sendInteraction(fake.slashCommand("ask", [{ name: "question", type: 3, value: "why?" }]));
    expect((await sent.waitForCallback()).response?.status).toBe(204);
    const again = c.rest.post(Routes.interactionCallback(sent.id, sent.token), {
      body: { type: 4, data: { content: "second" } },
      auth: false,
    });
    await expect(again).rejects.toThrow(/already been acknowledged/);
    expect(fake.originalMessage(sent.token)?.content).toBe("first");
  });

  it("autocomplete → interaction.respond → callback type 8", async () => {
    const c = await connect();
    handle(c, Events.InteractionCreate, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const focused = interaction.options.getFocused();
      await interaction.respond([{ name: `What about ${focused}?`, value: "what" }]);
    });

    const sent = fake.sendInteraction(
      fake.autocomplete("ask", [{ name: "question", type: 3, value: "wh", focused: true }]),
    );
    const callback = await sent.waitForCallback();
    expect(callback.body).toEqual({ type: 8, data: { choices: [{ name: "What about wh?", value: "what" }] } });
    expect(callback.response?.status).toBe(204);
  });

  it("message context-menu command carries the resolved target message", async () => {
    const c = await connect();
    handle(c, Events.InteractionCreate, async (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) return;
      await interaction.reply({
        content: `target: ${interaction.targetMessage.content}`,
        flags: MessageFlags.Ephemeral,
      });
    });
    const target = fake.messageCreate({ content: "The article says X." });
    const sent = fake.sendInteraction(fake.messageContextMenu("Ask about this", target));
    const callback = await sent.waitForCallback();
    expect(callback.body).toMatchObject({ type: 4, data: { content: "target: The article says X.", flags: 64 } });
  });

  it("guild MESSAGE_CREATE mentioning the bot → message.reply → POST /channels/:id/messages with message_reference", async () => {
    const c = await connect();
    const received: { content: string; mentioned: boolean; fromBot: boolean }[] = [];
    handle(c, Events.MessageCreate, async (message) => {
      received.push({ content: message.content, mentioned: message.mentions.has(c.user), fromBot: message.author.bot });
      if (message.author.bot || !message.mentions.has(c.user)) return;
      await message.reply({ content: "hi there", allowedMentions: { repliedUser: false } });
    });

    const { payload } = fake.sendMessageCreate({ content: "what does it say?", mentionsBot: true });
    const post = await fake.waitForRequest({ method: "POST", path: `/channels/${fake.channelId}/messages` });

    expect(post.body).toMatchObject({
      content: "hi there",
      message_reference: { message_id: payload.id, fail_if_not_exists: true },
      allowed_mentions: { replied_user: false },
    });
    expect(post.response?.status).toBe(200);
    // The bot's own reply is echoed back over the gateway (as Discord does) and must be ignorable.
    await expect.poll(() => received.length).toBe(2);
    expect(received[0]).toEqual({
      content: `<@${fake.botUser.id}> what does it say?`,
      mentioned: true,
      fromBot: false,
    });
    expect(received[1]).toMatchObject({ content: "hi there", fromBot: true });
  });

  it("emulates the missing MessageContent intent: unmentioned guild messages arrive with empty content", async () => {
    const c = await connect();
    const contents: string[] = [];
    c.on(Events.MessageCreate, (message) => contents.push(message.content));
    fake.sendMessageCreate({ content: "chatter not for the bot" });
    fake.sendMessageCreate({ content: "for the bot", mentionsBot: true });
    await expect.poll(() => contents.length).toBe(2);
    expect(contents).toEqual(["", `<@${fake.botUser.id}> for the bot`]);
  });

  it("dropConnection → client RESUMEs (no new IDENTIFY) and still answers interactions", async () => {
    const c = await connect();
    handle(c, Events.InteractionCreate, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: "still here" });
    });
    const resumed = new Promise<void>((resolve) => c.once(Events.ShardResume, () => resolve()));
    const resumeMark = fake.resumes.length;

    expect(fake.dropConnection(4000)).toBe(1);
    const resume = await fake.waitForResume({ since: resumeMark });
    await resumed;

    expect(resume.ok).toBe(true);
    expect(resume.sessionId).toBe(fake.identifies[0]?.sessionId);
    expect(fake.identifies).toHaveLength(1);
    expect(fake.gatewayConnections).toHaveLength(2);
    expect(fake.gatewayConnections[0]?.closeCode).toBe(4000);
    expect(fake.gatewayReceived.filter((m) => m.op === 6)).toHaveLength(1);

    const sent = fake.sendInteraction(fake.slashCommand("ping"));
    const callback = await sent.waitForCallback();
    expect(callback.body).toMatchObject({ type: 4, data: { content: "still here" } });
  });

  it("DM MESSAGE_CREATE (no guild_id) reaches a client with Partials.Channel and reply works", async () => {
    const c = await connect({ partials: [Partials.Channel] });
    const seen: { type: ChannelType; guildId: string | null; content: string }[] = [];
    handle(c, Events.MessageCreate, async (message) => {
      if (message.author.bot) return;
      seen.push({ type: message.channel.type, guildId: message.guildId, content: message.content });
      await message.reply("dm reply");
    });

    const { payload } = fake.sendMessageCreate({ content: "hello in DM", guild: false });
    expect("guild_id" in payload).toBe(false);
    const dm = fake.dmChannelFor(fake.defaultUser);
    const post = await fake.waitForRequest({ method: "POST", path: `/channels/${dm.id}/messages` });

    expect(post.body).toMatchObject({ content: "dm reply", message_reference: { message_id: payload.id } });
    expect(seen).toEqual([{ type: ChannelType.DM, guildId: null, content: "hello in DM" }]); // DMs keep content
  });

  it("without Partials.Channel the same DM is silently dropped by discord.js", async () => {
    const c = await connect();
    const created: Message[] = [];
    c.on(Events.MessageCreate, (message) => created.push(message));
    const raw = new Promise<string>((resolve) =>
      c.on(Events.Raw, (packet: { t?: string }) => {
        if (packet.t === "MESSAGE_CREATE") resolve(packet.t);
      }),
    );
    fake.sendMessageCreate({ content: "hello in DM", guild: false });
    await raw; // the packet reached the client...
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(created).toEqual([]); // ...but no messageCreate was emitted
  });

  it("application commands PUT (global + guild) round-trip through discord.js; an invalid name is refused", async () => {
    const c = await connect();
    const global = await c.application.commands.set([
      {
        name: "ask",
        description: "Ask about the article",
        options: [
          { type: ApplicationCommandOptionType.String, name: "question", description: "Question", autocomplete: true },
        ],
      },
      { name: "Ask about this", type: ApplicationCommandType.Message },
    ]);
    expect([...global.values()].map((cmd) => cmd.name).sort()).toEqual(["Ask about this", "ask"]);
    const put = await fake.waitForRequest({ method: "PUT", path: `/applications/${fake.applicationId}/commands` });
    expect(put.body).toMatchObject([
      { name: "ask", description: "Ask about the article" },
      { name: "Ask about this", type: 3 },
    ]);
    expect(fake.globalCommands.map((cmd) => cmd.id)).toEqual([...global.keys()]);

    const guildCommands = await c.guilds.cache.get(fake.guildId)?.commands.set([{ name: "ping", description: "Ping" }]);
    expect(guildCommands?.first()?.guildId).toBe(fake.guildId);
    await expect(c.application.commands.set([{ name: "Bad Name", description: "x" }])).rejects.toThrow(
      /Invalid Form Body/,
    );
    // An interaction for a registered command carries its id, as discord.js expects to look it up.
    const sent = fake.sendInteraction(fake.slashCommand("ask", [{ name: "question", type: 3, value: "who?" }]));
    expect((sent.payload.data as { id?: string }).id).toBe(global.find((cmd) => cmd.name === "ask")?.id);
  });

  it("waitForRequest times out with a helpful list of received requests", async () => {
    await connect();
    await expect(fake.waitForRequest({ method: "DELETE", path: "/nope" }, 50)).rejects.toThrow(
      /GET \/gateway\/bot -> 200/,
    );
  });

  it("a command answered with a modal (callback type 9), then the MODAL_SUBMIT with its text inputs", async () => {
    const c = await connect();
    handle(c, Events.InteractionCreate, async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const input = new TextInputBuilder()
          .setCustomId("article")
          .setLabel("The article's text")
          .setStyle(TextInputStyle.Paragraph);
        const modal = new ModalBuilder()
          .setCustomId("new-article")
          .setTitle("Add an article")
          .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
        await interaction.showModal(modal);
      } else if (interaction.isModalSubmit()) {
        const text = interaction.fields.getTextInputValue("article");
        await interaction.reply({ content: `${interaction.customId}: ${text.length} characters` });
      }
    });

    const command = fake.sendInteraction(fake.slashCommand("add-article"));
    const shown = await command.waitForCallback();
    expect(shown.body).toMatchObject({ type: 9, data: { custom_id: "new-article", title: "Add an article" } });
    expect(shown.response?.status).toBe(204);
    expect(fake.modalShown(command.token)).toMatchObject({
      components: [{ type: 1, components: [{ type: 4, custom_id: "article", style: 2 }] }],
    });
    expect(fake.originalMessage(command.token)).toBeUndefined(); // a modal is not a message

    const submit = fake.sendInteraction(fake.modalSubmit("new-article", { article: "Twelve words." }));
    const reply = await submit.waitForCallback();
    expect(reply.body).toMatchObject({ type: 4, data: { content: "new-article: 13 characters" } });

    // Discord refuses a modal in answer to a modal submit, and a modal without a title.
    const again = fake.sendInteraction(fake.modalSubmit("new-article", { article: "x" }));
    const refused = c.rest.post(Routes.interactionCallback(again.id, again.token), {
      body: { type: 9, data: { custom_id: "m", title: "t", components: [] } },
      auth: false,
    });
    await expect(refused).rejects.toThrow(/Invalid Form Body/);
    const untitled = fake.sendInteraction(fake.slashCommand("add-article"));
    await expect(
      c.rest.post(Routes.interactionCallback(untitled.id, untitled.token), {
        body: { type: 9, data: { custom_id: "m", components: [] } },
        auth: false,
      }),
    ).rejects.toThrow(/Invalid Form Body/);
  });

  it("an attachment option resolves to a file the bot can download from the fake", async () => {
    const c = await connect();
    handle(c, Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const file = interaction.options.getAttachment("file", true);
      const text = await (await fetch(file.url)).text();
      await interaction.reply({ content: `${file.name} (${file.contentType}): ${text.split(/\s+/).length} words` });
    });
    const file = fake.addAttachment("article.txt", "Putin arrives in Pyongyang tomorrow.");
    expect(new URL(file.url).hostname).toBe("127.0.0.1");
    const sent = fake.sendInteraction(
      fake.slashCommand("add-article", [option.attachment("file", file)], { files: [file] }),
    );
    const callback = await sent.waitForCallback();
    expect(callback.body).toMatchObject({
      data: { content: "article.txt (text/plain; charset=utf-8): 5 words" },
    });
    expect(fake.requests.find((r) => r.path.startsWith("/attachments/"))?.response?.status).toBe(200);
    expect((await fetch(`${file.url}-missing`)).status).toBe(404);
  });

  it("buttons with emoji are sent, stored and read back by discord.js; a button with neither label nor emoji is refused", async () => {
    const c = await connect();
    const echoed = new Promise<Message>((resolve) =>
      c.on(Events.MessageCreate, (message) => {
        if (message.author.id === c.user.id) resolve(message);
      }),
    );
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId("ctx").setLabel("Show context").setEmoji("📄").setStyle(ButtonStyle.Secondary),
      new ButtonBuilder().setCustomId("rel").setEmoji({ name: "🔎" }).setStyle(ButtonStyle.Secondary),
    );
    const channel = c.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error("the fake's channel is not sendable");
    const sent = await channel.send({ content: "An answer", components: [row] });
    const stored = fake.getMessage(sent.id);
    expect(stored?.components).toMatchObject([
      { type: 1, components: [{ emoji: { name: "📄" }, label: "Show context" }, { emoji: { name: "🔎" } }] },
    ]);
    const message = await echoed;
    const [first, second] =
      message.components[0]?.type === ComponentType.ActionRow ? message.components[0].components : [];
    expect(first?.type === ComponentType.Button && first.emoji?.name).toBe("📄");
    expect(second?.type === ComponentType.Button && second.emoji?.name).toBe("🔎");

    const bare = { type: 1, components: [{ type: 2, style: 2, custom_id: "x" }] };
    await expect(
      c.rest.post(Routes.channelMessages(fake.channelId), { body: { content: "x", components: [bare] } }),
    ).rejects.toThrow(/Invalid Form Body/);
  });

  it("a user's reply to the bot's message carries its message reference, and discord.js fetches the referenced message", async () => {
    const c = await connect();
    const replies: { reference: string | undefined; repliedTo: string; mentionsBot: boolean }[] = [];
    handle(c, Events.MessageCreate, async (message) => {
      if (message.author.bot || message.reference === null) return;
      const repliedTo = await message.fetchReference();
      replies.push({
        reference: message.reference.messageId,
        repliedTo: repliedTo.content,
        mentionsBot: message.mentions.has(c.user),
      });
    });
    const channel = c.channels.cache.get(fake.channelId);
    if (!channel?.isSendable()) throw new Error("the fake's channel is not sendable");
    const answer = await channel.send("The article says so.");
    const stored = fake.getMessage(answer.id);
    expect(stored).toBeDefined();
    const { payload } = fake.sendMessageCreate({ content: "why?", replyTo: stored! });
    expect(payload.type).toBe(19); // MessageType.Reply
    await expect
      .poll(() => replies)
      .toEqual([{ reference: answer.id, repliedTo: "The article says so.", mentionsBot: true }]);
    // Fetched past the cache: GET /channels/:id/messages/:id; an unknown id is 10008 Unknown Message.
    const fetched = await channel.messages.fetch({ message: answer.id, force: true });
    expect(fetched.content).toBe("The article says so.");
    expect(fake.requests.some((r) => r.method === "GET" && r.path.endsWith(`/messages/${answer.id}`))).toBe(true);
    await expect(channel.messages.fetch({ message: "1", force: true })).rejects.toThrow(/Unknown Message/);
  });

  it("member permissions on interactions: discord.js sees Manage Server on an admin, not on a member", async () => {
    const c = await connect();
    const seen: boolean[] = [];
    handle(c, Events.InteractionCreate, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false);
      await interaction.reply({ content: "ok" });
    });
    const admin = fake.sendInteraction(
      fake.slashCommand("settings", [], { permissions: DEFAULT_PERMISSIONS | PermissionFlagsBits.ManageGuild }),
    );
    await admin.waitForCallback();
    expect((admin.payload as { member?: { permissions?: string } }).member?.permissions).toBe(
      (DEFAULT_PERMISSIONS | PermissionFlagsBits.ManageGuild).toString(),
    );
    await fake.sendInteraction(fake.slashCommand("settings")).waitForCallback();
    expect(seen).toEqual([true, false]);
  });

  it("refuses what Discord refuses: an over-long or empty message, and a wrong token at IDENTIFY", async () => {
    const c = await connect();
    const post = (body: JsonObject) => c.rest.post(Routes.channelMessages(fake.channelId), { body });
    await expect(post({ content: "x".repeat(2001) })).rejects.toThrow(/2000 or fewer/);
    await expect(post({ content: "  " })).rejects.toThrow(/empty message/);
    await expect(post({ content: "ok" })).resolves.toMatchObject({ content: "ok", author: { id: fake.botUser.id } });

    const ws = new WebSocket(`${fake.gatewayUrl}/?v=10&encoding=json`);
    const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
    ws.on("open", () => ws.send(JSON.stringify({ op: 2, d: { token: "not.the.token", intents: 0, properties: {} } })));
    expect(await closed).toBe(4004);
    expect(fake.identifies.at(-1)?.rejectedWith).toBe(4004);
  });
});
