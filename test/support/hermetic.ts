import { inject } from "vitest";

/**
 * Vitest setup file, run before each test file: packs are read from the run's fixture directory (built by
 * test/support/knowledge-fixture.ts), never from knowledge/, in the test process and in every process it
 * starts (they inherit the environment). ARTICLES is set empty, so an ARTICLES line in a user's .env (which
 * dotenv would read into an entry point, as it never overrides a variable that is set) cannot narrow it. The
 * store is the run's own SQLite directory (DATA_DIR), never data/ nor a DATABASE_URL from a user's .env.
 */
process.env.KNOWLEDGE_DIR = inject("knowledgeDir");
process.env.ARTICLES = "";
process.env.DATA_DIR = inject("dataDir");
process.env.DATABASE_URL = "";
