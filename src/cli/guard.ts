import { KnowledgeError } from "../knowledge/errors.js";
import { describeError } from "../logger.js";
import { EXIT } from "./exit-codes.js";

/**
 * Runs a CLI entry point so that users see a clear message, never a stack trace: an invalid
 * knowledge base prints its problems (exit 3), anything else a one-line error (exit 1).
 */
export async function runCli(main: () => Promise<number> | number): Promise<void> {
  // `npm run ask … | head` closes stdout early: that is the reader's choice, not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof KnowledgeError) {
      process.stderr.write(`${error.message}\nFix the knowledge base (npm run knowledge:check) and try again.\n`);
      process.exitCode = EXIT.invalidKnowledge;
      return;
    }
    const described = describeError(error);
    process.stderr.write(`Unexpected error: ${described.message}\n`);
    if (process.env.DEBUG) process.stderr.write(`${described.stack ?? ""}\n`);
    process.exitCode = EXIT.internal;
  }
}
