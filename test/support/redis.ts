import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/**
 * A REAL redis-server (Debian's package; `.ci/run` installs it when missing) on a free 127.0.0.1 port, with
 * persistence off. `kill()` stops it abruptly (an outage); `start()` brings it back on the same port.
 */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startRedis(): Promise<RedisServer> {
  const found = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (found.error !== undefined || found.status !== 0) {
    throw new Error(
      "redis-server is not installed: apt-get install -y redis-server (npm test installs it when it runs as root or with passwordless sudo)",
    );
  }
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const proc = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "notice"],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      child = proc;
      let output = "";
      let settled = false;
      const settle = (error?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error === undefined) resolve();
        else reject(error);
      };
      const timer = setTimeout(
        () => settle(new Error(`redis-server did not start on port ${port}: ${output}`)),
        10_000,
      );
      const onData = (d: Buffer): void => {
        output += d.toString();
        if (/Ready to accept connections/i.test(output)) settle();
      };
      proc.stdout?.on("data", onData);
      proc.stderr?.on("data", onData);
      proc.once("error", (error) => settle(error));
      proc.once("exit", (code) =>
        settle(new Error(`redis-server exited (${String(code)}) on port ${port}: ${output}`)),
      );
    });

  const kill = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc === undefined || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill("SIGKILL");
    await exited;
  };

  await start();
  return { port, url: `redis://127.0.0.1:${port}`, start, kill, stop: kill };
}
