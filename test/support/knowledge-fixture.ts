import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { REFERENCE_PACK, REPO_ROOT } from "../../src/knowledge/load.js";
import { openStore } from "../../src/storage/index.js";
import { removeProbePacks } from "./probe-packs.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The knowledge directory every test runs against (test/support/hermetic.ts sets KNOWLEDGE_DIR to it). */
    knowledgeDir: string;
    /** The store's directory for the run (DATA_DIR), so no test writes to the project's data/. */
    dataDir: string;
  }
}

/**
 * Vitest global setup: a knowledge directory holding only the reference pack (a copy, so no test can change
 * the real one), built once per run. Every test, and every process a test starts, reads packs from it instead
 * of knowledge/, so the packs a user adds there (README, "Use your own article") never change a result.
 * Tests that need other packs build their own directories. Also removes probe packs a killed run of
 * test/hermetic.test.ts may have left in knowledge/. And a store directory for the run: the entry points the
 * tests start keep their store there (empty at the start of the run), never in the project's data/, where the
 * articles a user added from Discord would change their answers.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  removeProbePacks();
  const dir = mkdtempSync(join(tmpdir(), "article-qa-knowledge-"));
  cpSync(join(REPO_ROOT, "knowledge", REFERENCE_PACK), join(dir, REFERENCE_PACK), { recursive: true });
  project.provide("knowledgeDir", dir);
  const data = mkdtempSync(join(tmpdir(), "article-qa-data-"));
  // Migrated once here, so the processes the tests start together never race to create the tables.
  const store = await openStore({ dataDir: data, pruneDaily: false });
  await store.close();
  project.provide("dataDir", data);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  };
}
