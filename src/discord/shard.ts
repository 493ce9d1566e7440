/**
 * One shard under ShardingManager (see start.ts), run as `node --import tsx src/discord/shard.ts`. The manager
 * sets SHARDS / SHARD_COUNT / DISCORD_TOKEN for this process; discord.js picks the shard up from them. Each
 * shard loads its own knowledge base and engine.
 */
import { config as loadDotenv } from "dotenv";
import { defaultEngine } from "../answer/index.js";
import { loadConfig } from "../config.js";
import { createLogger, redact } from "../logger.js";
import { startBot } from "./client.js";
import { installProcessHandlers } from "./shutdown.js";

loadDotenv({ quiet: true });
const config = loadConfig();
redact(config.token);
redact(config.publicKey);
const logger = createLogger(config.logLevel);
try {
  const bot = await startBot(config, defaultEngine(), { logger });
  installProcessHandlers(() => bot.stop(), logger);
} catch (error) {
  logger.error("shard-start-failed", { shard: process.env.SHARDS, error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
