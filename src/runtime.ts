import { config as loadDotenv } from "dotenv";
import { ConfigError, databasePassword, loadConfig, type Config } from "./config.js";
import { createLogger, describeError, redact, type Logger } from "./logger.js";

/**
 * What every long-running entry point shares (src/main.ts, src/discord/gateway/shard.ts, src/http/main.ts):
 * reading .env and the environment, registering secrets for redaction, the logger, crash handlers, and
 * an orderly shutdown on SIGINT/SIGTERM.
 */

/**
 * Reads .env (quietly: dotenv 17 otherwise logs a line) and validates the environment. On invalid
 * configuration prints the message (which names variables, never values) and returns undefined, so the
 * caller can exit with EXIT.usage.
 */
export function loadEnvConfig(): Config | undefined {
  loadDotenv({ quiet: true });
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return undefined;
  }
}

let crashHandlersInstalled = false;

/**
 * Registers the token, the public key and the store's secrets for redaction, builds the logger and installs the crash handlers.
 * Call once per process, before anything can log.
 */
export function startRuntime(config: Config): Logger {
  redact(config.token);
  redact(config.publicKey);
  redact(config.storage.secret);
  redact(config.storage.databaseUrl);
  redact(databasePassword(config.storage.databaseUrl));
  const logger = createLogger(config.logLevel);
  installCrashHandlers(logger);
  return logger;
}

/**
 * An uncaught exception leaves the process in an unknown state: log it (secrets scrubbed by the logger)
 * and exit 1, so a supervisor restarts a clean process. An unhandled rejection is logged and the process
 * keeps running (a failed promise somewhere in a library must not take every conversation down).
 */
function installCrashHandlers(logger: Logger): void {
  if (crashHandlersInstalled) return;
  crashHandlersInstalled = true;
  process.on("uncaughtException", (error) => {
    try {
      logger.error("uncaught-exception", { error: describeError(error) });
    } finally {
      process.exit(1);
    }
  });
  process.on("unhandledRejection", (reason) => {
    logger.error("unhandled-rejection", { error: describeError(reason) });
  });
}

export interface ShutdownOptions {
  /** Exit anyway this long after the signal if `stop` has not finished (default 5 s). */
  readonly forceAfterMs?: number;
}

/**
 * SIGINT/SIGTERM → log `shutdown`, run `stop` (close servers, destroy the client, kill the shards), log
 * `stopped`, exit 0. A second signal while stopping exits at once.
 */
export function onShutdown(stop: () => Promise<void>, logger: Logger, options: ShutdownOptions = {}): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(0);
    stopping = true;
    logger.info("shutdown", { signal });
    const force = setTimeout(() => process.exit(0), options.forceAfterMs ?? 5_000);
    force.unref();
    stop()
      .then(() => logger.info("stopped"))
      .catch((error: unknown) => logger.error("shutdown-error", { error: describeError(error) }))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
