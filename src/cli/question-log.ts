import type { LibraryAnswer } from "../answer/library.js";
import { databasePassword, type StorageConfig } from "../config.js";
import { describeError, redact, type Logger } from "../logger.js";
import type { Store, Surface } from "../storage/index.js";

/**
 * The terminal surfaces' question log (`npm run ask` and the terminal mode): each question and its answer
 * go to the store, as every surface's do, unless QUESTION_LOG=off. Storing never changes what the terminal
 * prints or its exit code: `record` never throws, and a failure is only logged (by the store, on stderr).
 */
export interface QuestionRecorder {
  /** Logs one question and the library's answer to it. Never rejects. */
  record(question: string, result: LibraryAnswer): Promise<void>;
  close(): Promise<void>;
}

/** Records nothing: the log is off. */
export const NOT_RECORDING: QuestionRecorder = { record: () => Promise.resolve(), close: () => Promise.resolve() };

/**
 * The question log of a terminal surface, or a recorder that does nothing when the log is off (the database
 * is then not even opened). The store opens in the background, so the prompt or the first answer never waits
 * for it; `record` waits for it. A blank question is not logged. The terminal has no user: entries carry no
 * user hash, server or channel.
 */
export function questionRecorder(
  surface: Extract<Surface, "cli" | "terminal">,
  config: StorageConfig,
  logger: Logger,
): QuestionRecorder {
  if (!config.questionLog.enabled) return NOT_RECORDING;
  redact(config.secret);
  redact(config.databaseUrl);
  redact(databasePassword(config.databaseUrl));
  // The store's modules (Kysely, the database drivers) are loaded only when questions are logged.
  const opened: Promise<Store | undefined> = import("../storage/index.js")
    .then(({ openStore, storeOptions }) => openStore(storeOptions(config, logger)))
    .catch((error: unknown) => {
      logger.warn("store-unavailable", { error: describeError(error).message });
      return undefined;
    });
  return {
    async record(question, { pack, answer }) {
      if (question.trim() === "") return;
      const store = await opened;
      try {
        await store?.questions.log({ question, surface, article: pack.id, answer });
      } catch (error) {
        // The store resolves even on failure; this only guards the terminal against a bug in it.
        logger.warn("store-write-failed", { what: "question log entry", error: describeError(error).message });
      }
    },
    async close() {
      await (await opened)?.close().catch(() => undefined);
    },
  };
}
