/**
 * Start-up errors an operator can act on, from the real entry points (`npm start` = dist/main.js,
 * `npm run deploy-commands`) against the fake Discord: a malformed token, a token Discord rejects, an
 * unreachable Discord, a client id that is not an id.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "../support/fake-discord/index.js";
import { freePort } from "../support/redis.js";
import { runScript } from "../support/run-script.js";
import { TOKEN } from "./harness.js";

/** Shaped like a token, but not the one the fake Discord accepts. */
const WRONG_TOKEN = "MTE0NTE0MTkxOTgxMDA4MTAy.XyZaBc.z9y8x7w6v5u4t3s2r1q0p9o8n7m6l5k4";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
});
afterAll(async () => {
  await fake.close();
});

const ENTRY_POINTS = [
  ["npm start", "src/main.ts"],
  ["deploy-commands", "src/discord/gateway/deploy-commands.ts"],
] as const;

describe.each(ENTRY_POINTS)("%s", (_name, script) => {
  const env = (extra: Record<string, string>): Record<string, string> => ({
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_REST_URL: fake.restUrl,
    SHARDS: "",
    ...extra,
  });

  it.each([
    ["abc", /1 dot-separated part; a bot token has 3/],
    ["Bot MTE0NTE0MTkxOTgxMDA4MTAx.GhJkLm.q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6", /starts with "Bot "/],
    ["aaaaaa.bb.cccccc", /too short/],
  ])("a malformed token (%j) exits 2 saying what is wrong, without starting anything", async (token, message) => {
    const r = await runScript(script, [], { env: env({ DISCORD_TOKEN: token }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DISCORD_TOKEN is set but is not a bot token/);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toMatch(/terminal mode/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(token.replace(/^Bot /, ""));
  });

  it("a token Discord rejects (401) exits 2 with the developer-portal hint", async () => {
    const r = await runScript(script, [], { env: env({ DISCORD_TOKEN: WRONG_TOKEN }), timeoutMs: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Discord rejected DISCORD_TOKEN");
    expect(r.stderr).toMatch(/reset it under Bot in the developer portal/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(WRONG_TOKEN);
  });

  it("an unreachable Discord exits 1 naming the host and DISCORD_REST_URL", async () => {
    const port = await freePort(); // nothing listens there
    const r = await runScript(script, [], {
      env: env({ DISCORD_TOKEN: TOKEN, DISCORD_REST_URL: `http://127.0.0.1:${port}` }),
      timeoutMs: 20_000,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot reach Discord at 127.0.0.1:${port}`);
    expect(r.stderr).toMatch(/check this machine's network connection, or DISCORD_REST_URL/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
  });

  it("DISCORD_CLIENT_ID=123 states the real rule (17 to 20 digits)", async () => {
    const r = await runScript(script, [], { env: env({ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: "123" }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/DISCORD_CLIENT_ID: must be a Discord id: 17 to 20 digits/);
  });
});
