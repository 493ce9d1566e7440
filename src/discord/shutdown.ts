import type { Logger } from "../logger.js";

/**
 * SIGINT/SIGTERM → run `stop` (destroy the client / kill the shards), then exit 0. A second signal while
 * stopping exits at once. Unhandled promise rejections are logged rather than crashing the bot.
 */
export function installProcessHandlers(stop: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(0);
    stopping = true;
    logger.info("shutdown", { signal });
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    stop()
      .catch((error: unknown) => logger.error("shutdown-error", { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("unhandledRejection", (reason) => {
    logger.error("unhandled-rejection", { error: reason instanceof Error ? { name: reason.name, message: reason.message, stack: reason.stack } : String(reason) });
  });
}
