/**
 * `npm run forget-user -- <user id>`: deletes one person's logged questions and votes from the store.
 */
import { loadStorageConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { openStore, storeOptions } from "../storage/index.js";
import { EXIT } from "./exit-codes.js";
import { runCli } from "./guard.js";
import { loadEnvFile } from "./load-env-file.js";

const USAGE = `Usage: npm run forget-user -- <Discord user id>

Deletes from the bot's store (DATA_DIR or DATABASE_URL, as configured) every question that user asked, with
the votes on them, and every vote they cast. The store keeps only a keyed hash of user ids: this computes the
user's hash and deletes by it.`;

async function main(argv: readonly string[]): Promise<number> {
  const [userId, ...rest] = argv;
  if (userId === "--help") {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (userId === undefined || rest.length > 0 || !/^\d{17,20}$/.test(userId)) {
    process.stderr.write(`Give one Discord user id (17 to 20 digits).\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const store = await openStore({
    ...storeOptions(loadStorageConfig(loadEnvFile()), createLogger("warn")),
    pruneDaily: false,
  });
  try {
    const result = await store.questions.forgetUser(userId);
    if (!result.ok) {
      process.stderr.write(`Nothing was deleted: ${result.message}\n`);
      return EXIT.internal;
    }
    process.stdout.write(
      `Deleted ${result.value.questions} question(s) and ${result.value.votes} vote(s) of that user.\n`,
    );
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

await runCli(() => main(process.argv.slice(2)));
