import { spawn } from "node:child_process";
import { REPO_ROOT } from "../../src/knowledge/load.js";

export interface ScriptResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs an entry point the way the npm scripts do: `src/x/y.ts` runs as the compiled `node dist/x/y.js`
 * (built by the global setup, test/support/build.ts), with optional stdin and env.
 */
function compiled(script: string): string {
  return script.replace(/^src\//, "dist/").replace(/\.ts$/, ".js");
}

export function runScript(
  script: string,
  args: readonly string[] = [],
  options: { input?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      NO_COLOR: "1",
      DISCORD_TOKEN: "",
      ...options.env,
    };
    const child = spawn(process.execPath, [compiled(script), ...args], { cwd: REPO_ROOT, env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} timed out; stdout so far: ${stdout.slice(0, 500)} stderr: ${stderr.slice(0, 500)}`));
    }, options.timeoutMs ?? 15_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}
