/**
 * The dependency rules (.dependency-cruiser.cjs, run by `npm run deps` before the suite) must be able to
 * fail: run against small trees laid out like src/, they report a type-only cycle (the shared types → the
 * dispatcher → the registry → a command → the shared types), and imports that run up the layers, and pass a
 * tree that follows the rules. (That no rule names a path that no longer exists is checked by
 * scripts/check-dependency-rules.mjs, which `npm run deps` runs first: test/dependency-rules-paths.test.ts.)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEPCRUISE = join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (path → source) into a fresh directory with a tsconfig, runs the check there. */
function check(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "deps-"));
  dirs.push(dir);
  const all = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } }),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(process.execPath, [DEPCRUISE, "src", "--config", CONFIG], { cwd: dir, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("dependency rules", { timeout: 30_000 }, () => {
  it("fail on a type-only import cycle", () => {
    const { status, output } = check({
      "src/discord/core/types.ts":
        'import type { Ctx } from "../handle-interaction.js";\nexport type Command = (c: Ctx) => void;\n',
      "src/discord/registry.ts": 'import { ask } from "./ask/command.js";\nexport const commands = [ask];\n',
      "src/discord/ask/command.ts":
        'import type { Command } from "../core/types.js";\nexport const ask: Command = () => undefined;\n',
      "src/discord/handle-interaction.ts":
        'import { commands } from "./registry.js";\nexport interface Ctx { n: number }\nexport const count = commands.length;\n',
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /error no-circular: src\/discord\/ask\/command\.ts →\s+src\/discord\/core\/types\.ts →\s+src\/discord\/handle-interaction\.ts →\s+src\/discord\/registry\.ts/,
    );
    expect(output).toContain(
      "discord-core-is-the-bottom: src/discord/core/types.ts → src/discord/handle-interaction.ts",
    );
  });

  it("fail on imports that run up the layers", () => {
    const { status, output } = check({
      "src/knowledge/types.ts": 'import type { Hit } from "../search/index.js";\nexport type Entry = { hit?: Hit };\n',
      "src/search/index.ts": "export type Hit = { score: number };\n",
      "src/answer/engine.ts": 'import { render } from "../discord/ask/answer.js";\nexport const answer = render;\n',
      "src/discord/ask/answer.ts": 'export const render = (): string => "";\n',
      "src/cli/ask.ts": 'import { start } from "../discord/gateway/client.js";\nexport const go = start;\n',
      "src/discord/gateway/client.ts": "export const start = (): void => undefined;\n",
      "src/http/server.ts": 'import { start } from "../discord/gateway/client.js";\nexport const serve = start;\n',
      "src/discord/gateway/messages.ts": 'import { LIMIT } from "../ask/command.js";\nexport const max = LIMIT;\n',
      "src/discord/ask/command.ts": "export const LIMIT = 300;\n",
      "src/discord/related/menu.ts":
        'import { findCommand } from "../registry.js";\nexport const menu = findCommand;\n',
      "src/discord/registry.ts": 'import { start } from "./gateway/client.js";\nexport const findCommand = start;\n',
    });
    expect(status).not.toBe(0);
    expect(output).toContain("knowledge-is-the-bottom: src/knowledge/types.ts → src/search/index.ts");
    expect(output).toContain("answer-knows-no-surface: src/answer/engine.ts → src/discord/ask/answer.ts");
    expect(output).toContain("cli-is-not-discord: src/cli/ask.ts → src/discord/gateway/client.ts");
    expect(output).toContain("http-uses-the-shared-handler-only: src/http/server.ts → src/discord/gateway/client.ts");
    expect(output).toContain(
      "handlers-are-reached-through-the-registry: src/discord/gateway/messages.ts → src/discord/ask/command.ts",
    );
    expect(output).toContain(
      "features-are-below-the-dispatcher: src/discord/related/menu.ts → src/discord/registry.ts",
    );
    expect(output).toContain(
      "the-dispatcher-is-below-the-gateway: src/discord/registry.ts → src/discord/gateway/client.ts",
    );
  });

  it("keep the store beside knowledge: it imports nothing above, and knowledge does not import it", () => {
    const { status, output } = check({
      "src/storage/store.ts":
        'import type { Answer } from "../answer/types.js";\nimport type { Entry } from "../knowledge/types.js";\nexport type Logged = { answer: Answer; entry: Entry };\n',
      "src/storage/review.ts": 'import { analyze } from "../search/normalize.js";\nexport const key = analyze;\n',
      "src/storage/http.ts": 'import { serve } from "../http/server.js";\nexport const s = serve;\n',
      "src/answer/types.ts": "export type Answer = { outcome: string };\n",
      "src/search/normalize.ts": "export const analyze = (t: string): string => t;\n",
      "src/http/server.ts": "export const serve = (): void => undefined;\n",
      "src/knowledge/types.ts": "export type Entry = { id: string };\n",
      "src/knowledge/load.ts": 'import { key } from "../storage/review.js";\nexport const load = key;\n',
      "src/cli/ask.ts": 'import type { Logged } from "../storage/store.js";\nexport type L = Logged;\n',
    });
    expect(status).not.toBe(0);
    expect(output).toContain("storage-knows-only-knowledge: src/storage/store.ts → src/answer/types.ts");
    expect(output).toContain("storage-knows-only-knowledge: src/storage/review.ts → src/search/normalize.ts");
    expect(output).toContain("storage-knows-only-knowledge: src/storage/http.ts → src/http/server.ts");
    expect(output).toContain("knowledge-is-the-bottom: src/knowledge/load.ts → src/storage/review.ts");
    // Downward imports stay allowed: storage → knowledge, cli → storage.
    expect(output).not.toContain("src/storage/store.ts → src/knowledge/types.ts");
    expect(output).not.toContain("src/cli/ask.ts → src/storage/store.ts");
  });

  it("pass a tree whose imports all point down", () => {
    const { status, output } = check({
      "src/knowledge/types.ts": "export type Entry = { id: string };\n",
      "src/answer/engine.ts":
        'import type { Entry } from "../knowledge/types.js";\nexport const answer = (e: Entry): string => e.id;\n',
      "src/discord/core/types.ts":
        'import type { Entry } from "../../knowledge/types.js";\nexport type Ctx = { entry: Entry };\n',
      "src/discord/ask/answer.ts":
        'import { answer } from "../../answer/engine.js";\nimport type { Ctx } from "../core/types.js";\nexport const reply = (c: Ctx): string => answer(c.entry);\n',
      "src/discord/ask/command.ts": 'import { reply } from "./answer.js";\nexport const ask = reply;\n',
      "src/discord/related/menu.ts": 'import { reply } from "../ask/answer.js";\nexport const menu = reply;\n',
      "src/discord/registry.ts":
        'import { ask } from "./ask/command.js";\nimport { menu } from "./related/menu.js";\nexport const handlers = [ask, menu];\n',
      "src/discord/handle-interaction.ts":
        'import { handlers } from "./registry.js";\nexport const handle = handlers[0];\n',
      "src/discord/gateway/messages.ts": 'import { reply } from "../ask/answer.js";\nexport const onMessage = reply;\n',
      "src/http/server.ts":
        'import { handle } from "../discord/handle-interaction.js";\nexport const serve = handle;\n',
    });
    expect(output).toContain("no dependency violations found");
    expect(status).toBe(0);
  });
});
