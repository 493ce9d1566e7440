import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REFERENCE_PACK, REPO_ROOT } from "../../src/knowledge/load.js";
import { runScript } from "./run-script.js";

/**
 * Packs added to the repository's knowledge/ for as long as test/hermetic.test.ts needs them, to show that no
 * other test depends on what is there. Each carries a marker file, and only directories with it are removed.
 */
export const REPO_KNOWLEDGE = join(REPO_ROOT, "knowledge");
const MARKER = ".test-probe";

/**
 * Adds two packs to knowledge/ as a user would: a draft made by `knowledge:new` from the second article, and
 * the reference pack copied under another id and title (so every question about the reference article ties
 * between the two). Returns their ids.
 */
export async function addProbePacks(): Promise<string[]> {
  const draft = "zz-test-probe-draft";
  const copy = "zz-test-probe-copy";
  const made = await runScript(
    "src/knowledge/new.ts",
    ["--id", draft, join(REPO_ROOT, "test", "fixtures", "second-article.txt")],
    { env: { KNOWLEDGE_DIR: REPO_KNOWLEDGE } },
  );
  if (made.code !== 0) throw new Error(`knowledge:new failed: ${made.stderr}`);
  writeFileSync(join(REPO_KNOWLEDGE, draft, MARKER), "");
  // A pack of that name that is not a probe (no marker) is the user's: never overwritten.
  if (existsSync(join(REPO_KNOWLEDGE, copy))) throw new Error(`knowledge/${copy} exists and is not a probe pack`);
  cpSync(join(REPO_KNOWLEDGE, REFERENCE_PACK), join(REPO_KNOWLEDGE, copy), { recursive: true });
  writeFileSync(join(REPO_KNOWLEDGE, copy, MARKER), "");
  const metaFile = join(REPO_KNOWLEDGE, copy, "meta.json");
  const meta = JSON.parse(readFileSync(metaFile, "utf8")) as { title: string };
  writeFileSync(metaFile, JSON.stringify({ ...meta, title: `${meta.title} (a copy)` }, null, 2));
  return [draft, copy];
}

/** Removes every probe pack from knowledge/ (directories holding the marker, and nothing else). */
export function removeProbePacks(): void {
  if (!existsSync(REPO_KNOWLEDGE)) return;
  for (const name of readdirSync(REPO_KNOWLEDGE)) {
    const dir = join(REPO_KNOWLEDGE, name);
    if (existsSync(join(dir, MARKER))) rmSync(dir, { recursive: true, force: true });
  }
}
