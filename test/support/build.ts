import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "../../src/knowledge/load.js";

/**
 * Vitest global setup: the process tests run the compiled entry points (`node dist/…`, as `npm start` does),
 * so dist/ is brought up to date once before any test file runs.
 */
export default function setup(): void {
  execFileSync(process.execPath, [join(REPO_ROOT, "scripts", "build.mjs"), "--if-stale"], {
    cwd: REPO_ROOT,
    stdio: "inherit",
  });
}
