import { config as loadDotenv } from "dotenv";
import type { Config } from "../config.js";
import { ConfigError, loadConfig } from "../config.js";

/**
 * For entry points: reads .env (quietly: dotenv 17 otherwise logs a line) and validates the
 * environment. On invalid configuration prints the message (which names variables, never values)
 * and returns undefined, so the caller can exit with EXIT.usage.
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
