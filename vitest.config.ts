import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ when it is missing or older than src/ (process tests run the compiled entry points), and a
    // knowledge directory with only the reference pack, which every test reads instead of knowledge/.
    globalSetup: ["test/support/build.ts", "test/support/knowledge-fixture.ts"],
    // Points KNOWLEDGE_DIR at that directory in each test file's process (and so in every process it starts).
    setupFiles: ["test/support/hermetic.ts"],
    // Entry points the tests start must not log questions into the project's data/ (or a DATABASE_URL from a
    // developer's .env): the tests of the question log turn it on with their own DATA_DIR.
    env: { QUESTION_LOG: "off" },
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The machines have 2 cores; end-to-end suites start servers, so keep parallelism modest.
    maxWorkers: 2,
    // .ci/run asks for a JSON report as well, to print a one-line summary.
    ...(process.env.VITEST_JSON_REPORT
      ? { reporters: ["default", "json"], outputFile: { json: process.env.VITEST_JSON_REPORT } }
      : {}),
  },
});
