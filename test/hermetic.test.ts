/**
 * The tests are hermetic: packs a user adds to knowledge/ (README, "Use your own article") change no result.
 * Every test reads packs from a fixture directory holding only the reference pack (KNOWLEDGE_DIR, set by
 * test/support/hermetic.ts), and so does every process a test starts. Here two packs are added to the real
 * knowledge/ — a knowledge:new draft and a copy of the reference pack under another title — and the entry
 * points the other tests run answer exactly as before; pointed at knowledge/ itself, they do see the packs.
 */
import { describe, expect, it } from "vitest";
import { defaultLibrary } from "../src/answer/index.js";
import { knowledgeDir, listPackIds, loadPacks, REFERENCE_PACK } from "../src/knowledge/load.js";
import { TOKEN } from "./discord/harness.js";
import { startFakeDiscord } from "./support/fake-discord/index.js";
import { addProbePacks, removeProbePacks, REPO_KNOWLEDGE } from "./support/probe-packs.js";
import { runScript } from "./support/run-script.js";

type Env = Record<string, string>;

/** `npm start` without a token: the terminal mode, answering and listing the articles. */
async function terminal(env: Env = {}): Promise<string> {
  const input = ["when did putin first visit north korea", "/fact kim yo jong", "/quote 30", "/source", "exit"];
  const r = await runScript("src/main.ts", [], {
    input: `${input.join("\n")}\n`,
    env: { DISCORD_TOKEN: "your-bot-token-here", ...env },
  });
  return `${String(r.code)}\n${r.stdout}${r.stderr}`;
}

/** `npm run ask -- --json --batch`. */
async function ask(env: Env = {}): Promise<string> {
  const r = await runScript("src/cli/ask.ts", ["--json", "--batch"], {
    input: "when did putin first visit north korea\nwho is kim yo jong\nwhat did the mayor say\n",
    env,
  });
  return `${String(r.code)}\n${r.stdout}${r.stderr}`;
}

/** `npm run deploy-commands` against the fake Discord: the command JSON it registers. */
async function deployed(env: Env = {}): Promise<unknown> {
  const fake = await startFakeDiscord({ token: TOKEN });
  try {
    const r = await runScript("src/discord/gateway/deploy-commands.ts", [], {
      env: {
        DISCORD_TOKEN: TOKEN,
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_GUILD_ID: fake.guildId,
        DISCORD_REST_URL: fake.restUrl,
        ...env,
      },
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const put = await fake.waitForRequest({
      method: "PUT",
      path: `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    });
    return put.body;
  } finally {
    await fake.close();
  }
}

const entryPoints = async (env: Env = {}): Promise<[string, string, unknown]> => [
  await terminal(env),
  await ask(env),
  await deployed(env),
];

describe("packs added to knowledge/", { timeout: 90_000 }, () => {
  it("change nothing the tests see, in the test process or in the entry points they start", async () => {
    expect(knowledgeDir()).not.toBe(REPO_KNOWLEDGE);
    expect(listPackIds()).toEqual([REFERENCE_PACK]);
    const before = await entryPoints();
    expect(before[0]).toMatch(/^0\n/);
    expect(before[1]).toMatch(/^0\n/);

    try {
      const probes = await addProbePacks();
      expect(listPackIds(REPO_KNOWLEDGE)).toEqual(expect.arrayContaining([REFERENCE_PACK, ...probes]));

      // In the test process: the fixture directory, whatever knowledge/ holds.
      expect(loadPacks().map((kb) => kb.id)).toEqual([REFERENCE_PACK]);
      expect(defaultLibrary().packs.map((p) => p.id)).toEqual([REFERENCE_PACK]);
      // The entry points the tests run: the same output, byte for byte.
      expect(await entryPoints()).toEqual(before);

      // The probe packs do change what the same entry points say when they read knowledge/ itself: without
      // the fixture directory, each of these comparisons would fail.
      const seen = await entryPoints({ KNOWLEDGE_DIR: REPO_KNOWLEDGE });
      expect(seen[0]).not.toEqual(before[0]);
      expect(seen[0]).toMatch(/a copy/);
      expect(seen[1]).not.toEqual(before[1]);
      expect(seen[2]).not.toEqual(before[2]);
    } finally {
      removeProbePacks();
    }
    expect(listPackIds(REPO_KNOWLEDGE)).not.toContain("zz-test-probe-copy");
    expect(listPackIds(REPO_KNOWLEDGE)).toContain(REFERENCE_PACK);
  });
});
