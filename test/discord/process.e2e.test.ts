/**
 * `npm start` as a real process (node dist/main.js, built by the global setup) against the fake Discord: it logs in, answers,
 * never prints the token, and exits 0 on SIGTERM. Also the sharded start (SHARDS=auto → ShardingManager).
 * The two tests run concurrently (each has its own fake and process): most of their time is process start-up.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import { startFakeDiscord, type FakeDiscord } from "../support/fake-discord/index.js";
import { callbackBody, TOKEN } from "./harness.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Started {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startMain(env: Record<string, string>): Started {
  let output = "";
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DISCORD_|SHARDS|SHARD_COUNT|SHARDING_MANAGER|RATE_LIMIT_|LOG_LEVEL|PORT|HOST)/.test(k),
    ),
  );
  const proc = spawn(process.execPath, ["dist/main.js"], {
    cwd: ROOT,
    env: { ...clean, DISCORD_TOKEN: TOKEN, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, output: () => output, exited };
}

/** Runs `body` with a fresh fake and `npm start` process; always cleans both up. */
async function withBotProcess(
  env: Record<string, string>,
  body: (fake: FakeDiscord, started: Started) => Promise<void>,
): Promise<void> {
  const fake = await startFakeDiscord({ token: TOKEN });
  const started = startMain({ DISCORD_REST_URL: fake.restUrl, ...env });
  try {
    await body(fake, started);
  } finally {
    if (started.proc.exitCode === null && started.proc.signalCode === null) started.proc.kill("SIGKILL");
    await fake.close();
  }
}

describe("npm start with a token", { timeout: 40_000 }, () => {
  it.concurrent("runs the gateway bot, answers, logs no token, and exits 0 on SIGTERM", async ({ expect }) => {
    // Concurrent tests must use the test's own `expect` (expect.poll in particular).
    await withBotProcess({}, async (fake, { proc, output, exited }) => {
      await fake.waitForReady({ timeoutMs: 30_000 });
      const sent = fake.sendInteraction(
        fake.slashCommand("ask", [{ name: "question", type: 3, value: "Who is Kim Yo Jong?" }]),
      );
      const body = callbackBody(await sent.waitForCallback(10_000));
      expect(body.type).toBe(4);
      expect(body.data?.embeds?.[0]?.description).toBeTruthy();
      await expect.poll(() => output(), { timeout: 5000 }).toMatch(/"event":"interaction"/);

      proc.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output()).toMatch(
        /"event":"ready".*"invite":"https:\/\/discord\.com\/oauth2\/authorize\?client_id=\d+&scope=bot%20applications\.commands&permissions=84992"/,
      );
      expect(output()).toMatch(/"event":"shutdown","signal":"SIGTERM"/);
      expect(output()).not.toContain(TOKEN);
      expect(fake.gatewayConnections[0]?.closeCode).toBeDefined(); // the client closed its gateway connection
    });
  });

  it.concurrent(
    "with SHARDS=auto runs discord.js's ShardingManager; the shard answers; SIGTERM stops everything",
    async ({ expect }) => {
      await withBotProcess({ SHARDS: "auto" }, async (fake, { proc, output, exited }) => {
        await fake.waitForReady({ timeoutMs: 30_000 });
        expect(fake.identifies[0]?.shard).toEqual([0, 1]); // the count came from GET /gateway/bot through DISCORD_REST_URL
        const sent = fake.sendInteraction(fake.slashCommand("source"));
        expect(callbackBody(await sent.waitForCallback(10_000)).data?.embeds?.[0]?.title).toBeTruthy();
        await expect.poll(() => output(), { timeout: 10_000 }).toMatch(/"event":"shard-created"/);

        proc.kill("SIGTERM");
        expect(await exited).toBe(0);
        expect(output()).not.toContain(TOKEN);
        // The shard process is gone too: its gateway connection closed.
        await expect
          .poll(() => fake.gatewayConnections.every((c) => c.closeCode !== undefined), { timeout: 10_000 })
          .toBe(true);
      });
    },
  );
});
