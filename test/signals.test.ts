/**
 * Signals through npm: a supervisor (systemd, Docker, a terminal's kill) signals the process it started, which
 * is npm. npm passes the signal to its script's process; the scripts `exec` node, so that process is the bot
 * itself, not a shell that would exit and leave node running as an orphan. Here `npm run start:http` and
 * `npm start` (the gateway bot, against the fake Discord) are each started in a process group of their own,
 * only npm is signalled, and afterwards no process of the group is left and the port is closed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/knowledge/load.js";
import { publicKeyToHex } from "../src/http/verify-signature.js";
import { TOKEN } from "./discord/harness.js";
import { startFakeDiscord } from "./support/fake-discord/index.js";
import { freePort } from "./support/redis.js";

/** The live (not zombie) processes of a process group, from /proc: pid and command line. */
function groupMembers(pgid: number): string[] {
  const members: string[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      // pid (comm) state ppid pgrp …: comm may contain spaces, so split after its closing parenthesis.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z") {
        members.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim()}`);
      }
    } catch {
      // The process ended while being read.
    }
  }
  return members;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

interface NpmRun {
  readonly npm: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

const groups: number[] = [];
afterEach(() => {
  // Whatever happened (a failed or timed-out test), nothing this file started outlives it.
  for (const pgid of groups.splice(0)) if (groupMembers(pgid).length > 0) process.kill(-pgid, "SIGKILL");
});

/** `npm run <script>` as the leader of a new process group (detached), with the test's environment. */
function npmRun(script: string, env: Record<string, string>): NpmRun {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DISCORD_|SHARDS|RATE_LIMIT_|LOG_LEVEL|PORT|HOST|REDIS_URL|METRICS_PORT)/.test(k),
    ),
  );
  const npm = spawn("npm", ["run", "--silent", script], {
    cwd: REPO_ROOT,
    env: { ...clean, LOG_LEVEL: "info", ...env },
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
  });
  groups.push(npm.pid!);
  let output = "";
  npm.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  npm.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  return { npm, output: () => output, exited };
}

/** Signals npm alone, then checks that the whole group is gone. */
async function signalNpmAndCheck(run: NpmRun, signal: NodeJS.Signals): Promise<void> {
  const pgid = run.npm.pid!;
  expect(groupMembers(pgid).some((m) => /node dist\//.test(m))).toBe(true);
  run.npm.kill(signal);
  await expect.poll(() => groupMembers(pgid), { timeout: 10_000, interval: 100 }).toEqual([]);
  expect(await run.exited).toBe(0);
}

describe("signals sent to npm reach the bot", { timeout: 60_000 }, () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "npm run start:http, %s to npm: the server shuts down, no process is left, the port is closed",
    async (signal) => {
      const port = await freePort();
      const run = npmRun("start:http", {
        DISCORD_PUBLIC_KEY: publicKeyToHex(generateKeyPairSync("ed25519").publicKey),
        PORT: String(port),
        HOST: "127.0.0.1",
      });
      await expect
        .poll(
          async () => {
            try {
              return (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
            } catch {
              return 0;
            }
          },
          { timeout: 30_000, interval: 200 },
        )
        .toBe(200);

      await signalNpmAndCheck(run, signal);
      expect(await portOpen(port)).toBe(false);
      expect(run.output()).toContain(`"event":"shutdown","signal":"${signal}"`);
      expect(run.output()).toMatch(/"event":"stopped"/);
    },
  );

  it("npm start (the gateway bot), SIGTERM to npm: the bot logs out of the gateway, no process is left", async () => {
    const fake = await startFakeDiscord({ token: TOKEN });
    try {
      const run = npmRun("start", { DISCORD_TOKEN: TOKEN, DISCORD_REST_URL: fake.restUrl });
      await fake.waitForReady({ timeoutMs: 30_000 });
      // Ready, and so handling signals (a signal while it logs in ends it at once, with nothing left either).
      await expect.poll(() => run.output(), { timeout: 10_000 }).toMatch(/"event":"ready"/);
      await signalNpmAndCheck(run, "SIGTERM");
      expect(run.output()).toContain(`"event":"shutdown","signal":"SIGTERM"`);
      expect(fake.gatewayConnections[0]?.closeCode).toBeDefined(); // the client closed its gateway connection
    } finally {
      await fake.close();
    }
  });
});
