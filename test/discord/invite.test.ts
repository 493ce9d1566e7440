/**
 * `npm run invite` (node dist/discord/gateway/print-invite.js): the invite URL from DISCORD_CLIENT_ID, with the scopes and
 * permissions the bot needs, the same URL the gateway bot logs when ready; clear errors without the id.
 */
import { PermissionFlagsBits } from "discord-api-types/v10";
import { describe, expect, it } from "vitest";
import { BOT_PERMISSIONS, inviteUrl } from "../../src/discord/gateway/invite.js";
import { runScript } from "../support/run-script.js";

const INVITE = "src/discord/gateway/print-invite.ts";
const APP_ID = "1234567890123456789";
const invite = (clientId: string | undefined) => runScript(INVITE, [], { env: { DISCORD_CLIENT_ID: clientId ?? "" } });

describe("the permissions", () => {
  it("are View Channel, Send Messages, Embed Links and Read Message History, nothing more", () => {
    expect(BOT_PERMISSIONS).toBe(
      PermissionFlagsBits.ViewChannel |
        PermissionFlagsBits.SendMessages |
        PermissionFlagsBits.EmbedLinks |
        PermissionFlagsBits.ReadMessageHistory,
    );
    expect(BOT_PERMISSIONS).toBe(84_992n);
    expect(BOT_PERMISSIONS & PermissionFlagsBits.Administrator).toBe(0n);
    expect(BOT_PERMISSIONS & PermissionFlagsBits.MentionEveryone).toBe(0n);
    // Attached articles arrive with the interaction: the bot never uploads a file.
    expect(BOT_PERMISSIONS & PermissionFlagsBits.AttachFiles).toBe(0n);
  });
});

describe("npm run invite", () => {
  it("prints the invite URL with the bot and applications.commands scopes and the permissions, named", async () => {
    const r = await invite(APP_ID);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const [first] = r.stdout.split("\n");
    expect(first).toBe(
      `https://discord.com/oauth2/authorize?client_id=${APP_ID}&scope=bot%20applications.commands&permissions=84992`,
    );
    expect(first).toBe(inviteUrl(APP_ID));
    const url = new URL(first!);
    expect(url.searchParams.get("scope")?.split(" ")).toEqual(["bot", "applications.commands"]);
    expect(r.stdout).toMatch(/scopes +bot, applications\.commands/);
    expect(r.stdout).toContain("permissions  View Channel, Send Messages, Embed Links, Read Message History (84992)");
  });

  it("without DISCORD_CLIENT_ID: says it is missing and where to find it, exit 2", async () => {
    const r = await invite(undefined);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/DISCORD_CLIENT_ID is not set/);
    expect(r.stderr).toMatch(/Application ID under General Information/);
    expect(r.stderr).toContain("https://discord.com/developers/applications");
  });

  it.each([
    ["too short", "123", ""],
    ["not digits", "my-bot", ""],
    ["the public key", "a".repeat(64), "Public Key"],
    ["a bot token", "MTE0NTE0MTkxOTgxMDA4MTAx.GhJkLm.q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6", "bot token"],
    ["a URL", `https://discord.com/oauth2/authorize?client_id=${APP_ID}`, "URL"],
  ])(
    "DISCORD_CLIENT_ID malformed (%s): says what it must be, never echoes the value, exit 2",
    async (_, value, hint) => {
      const r = await invite(value);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/DISCORD_CLIENT_ID must be a Discord id: 17 to 20 digits/);
      expect(r.stderr).toMatch(/Application ID under General Information/);
      expect(r.stderr).toContain(hint);
      expect(r.stderr).not.toContain(value);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );
});
