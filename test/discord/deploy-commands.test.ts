import { asLibrary } from "../../src/answer/library.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/answer/index.js";
import { ConfigError } from "../../src/config.js";
import { commandDefinitions } from "../../src/discord/registry.js";
import { deployCommands, describeDeployment } from "../../src/discord/gateway/deploy-commands.js";
import { startFakeDiscord, type FakeDiscord, type JsonObject } from "../support/fake-discord/index.js";
import { memoryLogger, testConfig, TOKEN } from "./harness.js";

const engine = defaultEngine();
const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/** Discord's rules for application command JSON (https://discord.com/developers/docs/interactions/application-commands). */
function expectValidCommand(command: JsonObject): void {
  const type = Number(command.type ?? 1);
  const name = String(command.name);
  if (type === 1) {
    expect(name).toMatch(NAME);
    expect(name).toBe(name.toLowerCase());
    expect(String(command.description).length).toBeGreaterThanOrEqual(1);
    expect(String(command.description).length).toBeLessThanOrEqual(100);
  } else {
    expect(name.length).toBeGreaterThanOrEqual(1);
    expect(name.length).toBeLessThanOrEqual(32);
    expect(command.description ?? "").toBe("");
    expect(command.options ?? []).toEqual([]);
  }
  expectValidOptions((command.options ?? []) as JsonObject[]);
}

/** A command's options, or a subcommand's (type 1, whose own options are checked the same way). */
function expectValidOptions(options: JsonObject[]): void {
  expect(options.length).toBeLessThanOrEqual(25);
  let seenOptional = false;
  for (const o of options) {
    expect(String(o.name)).toMatch(NAME);
    expect(String(o.name)).toBe(String(o.name).toLowerCase());
    expect(String(o.description).length).toBeGreaterThanOrEqual(1);
    expect(String(o.description).length).toBeLessThanOrEqual(100);
    if (o.type === 1) {
      expect(o.required).toBeUndefined();
      expectValidOptions((o.options ?? []) as JsonObject[]);
      continue;
    }
    // Required options must come before optional ones.
    if (o.required !== true) seenOptional = true;
    else expect(seenOptional).toBe(false);
    if (o.max_length !== undefined) expect(Number(o.max_length)).toBeLessThanOrEqual(6000);
    if (o.min_value !== undefined && o.max_value !== undefined)
      expect(Number(o.min_value)).toBeLessThanOrEqual(Number(o.max_value));
    if (o.autocomplete === true) expect(o.choices ?? []).toEqual([]);
    for (const choice of (o.choices ?? []) as JsonObject[]) expect(String(choice.name).length).toBeLessThanOrEqual(100);
  }
}

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
});
afterEach(async () => {
  await fake.close();
});

describe("deploy-commands", () => {
  it("PUTs valid command JSON to the guild when DISCORD_GUILD_ID is set", async () => {
    const logger = memoryLogger();
    const result = await deployCommands(testConfig(fake, { DISCORD_GUILD_ID: fake.guildId }), logger);
    const put = await fake.waitForRequest({
      method: "PUT",
      path: `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    });
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put.response?.status).toBe(200);
    const sent = put.body as JsonObject[];
    expect(sent.map((c) => c.name)).toEqual([
      "ask",
      "fact",
      "quote",
      "source",
      "summary",
      "help",
      "Check against article",
      "review",
      "article",
    ]);
    for (const command of sent) expectValidCommand(command);
    expect(fake.guildCommands.get(fake.guildId)).toHaveLength(9);
    // The moderators' commands: offered to members with Manage Server, in servers only.
    for (const name of ["review", "article"]) {
      expect(sent.find((c) => c.name === name)).toMatchObject({ default_member_permissions: "32", contexts: [0] });
    }
    expect(sent.find((c) => c.name === "ask")?.default_member_permissions).toBeUndefined();
    expect(fake.globalCommands).toEqual([]);

    const ask = sent.find((c) => c.name === "ask")!;
    expect(ask.options).toEqual([
      expect.objectContaining({ name: "question", type: 3, required: true, max_length: 300, autocomplete: true }),
      // The article option autocompletes over the loaded packs, so adding a pack needs no re-deploy.
      expect.objectContaining({ name: "article", type: 3, required: false, autocomplete: true }),
      expect.objectContaining({ name: "private", type: 5 }),
    ]);
    expect(ask.contexts).toEqual([0, 1]); // guilds and the bot's DMs
    const quote = sent.find((c) => c.name === "quote")!;
    expect(quote.options).toEqual([
      expect.objectContaining({
        name: "sentence",
        type: 4,
        required: true,
        min_value: 0,
        max_value: engine.kb.sentences.length - 1,
      }),
      expect.objectContaining({ name: "article", type: 3, required: false, autocomplete: true }),
    ]);
    expect(sent.find((c) => c.name === "fact")?.options).toEqual([
      expect.objectContaining({ name: "topic", type: 3, required: true, autocomplete: true }),
      expect.objectContaining({ name: "article", type: 3, required: false, autocomplete: true }),
    ]);
    expect(sent.find((c) => c.name === "source")?.options).toEqual([
      expect.objectContaining({ name: "article", type: 3, autocomplete: true }),
    ]);
    expect(sent.find((c) => c.name === "summary")?.options).toEqual([
      expect.objectContaining({ name: "article", type: 3, autocomplete: true }),
    ]);
    expect(sent.find((c) => c.type === 3)).toMatchObject({ name: "Check against article", type: 3 });

    expect(result.scope).toBe("guild");
    expect(result.registered.map((c) => c.id)).toHaveLength(9);
    expect(describeDeployment(result)).toMatch(/Registered 9 commands to guild \d+/);
    expect(describeDeployment(result)).toContain("/ask —");
    expect(logger.lines.find((l) => l.event === "commands-deployed")?.fields.commands).toHaveLength(9);
  });

  it("registers globally without DISCORD_GUILD_ID, the same JSON both transports route", async () => {
    const result = await deployCommands(testConfig(fake));
    await fake.waitForRequest({ method: "PUT", path: `/applications/${fake.applicationId}/commands` });
    expect(result.scope).toBe("global");
    expect(fake.globalCommands.map((c) => c.name)).toEqual(commandDefinitions(asLibrary(engine)).map((c) => c.name));
    expect(describeDeployment(result)).toMatch(/globally/);
  });

  it("refuses without a token or client id, naming the variables but never a value", async () => {
    await expect(deployCommands(testConfig(fake, { DISCORD_TOKEN: "your-bot-token-here" }))).rejects.toThrow(
      ConfigError,
    );
    await expect(deployCommands(testConfig(fake, { DISCORD_CLIENT_ID: "" }))).rejects.toThrow(/DISCORD_CLIENT_ID/);
    expect(fake.requests).toEqual([]);
  });
});
