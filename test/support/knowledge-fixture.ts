import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { REFERENCE_PACK, REPO_ROOT } from "../../src/knowledge/load.js";
import { removeProbePacks } from "./probe-packs.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The knowledge directory every test runs against (test/support/hermetic.ts sets KNOWLEDGE_DIR to it). */
    knowledgeDir: string;
  }
}

/**
 * Vitest global setup: a knowledge directory holding only the reference pack (a copy, so no test can change
 * the real one), built once per run. Every test, and every process a test starts, reads packs from it instead
 * of knowledge/, so the packs a user adds there (README, "Use your own article") never change a result.
 * Tests that need other packs build their own directories. Also removes probe packs a killed run of
 * test/hermetic.test.ts may have left in knowledge/.
 */
export default function setup(project: TestProject): () => void {
  removeProbePacks();
  const dir = mkdtempSync(join(tmpdir(), "article-qa-knowledge-"));
  cpSync(join(REPO_ROOT, "knowledge", REFERENCE_PACK), join(dir, REFERENCE_PACK), { recursive: true });
  project.provide("knowledgeDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
