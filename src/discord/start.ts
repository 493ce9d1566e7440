import { fileURLToPath } from "node:url";
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from "discord.js";
import type { AnswerEngine } from "../answer/engine.js";
import type { Config } from "../config.js";
import { createLogger, redact, type Logger } from "../logger.js";
import { startBot } from "./client.js";
import { installProcessHandlers } from "./shutdown.js";

/**
 * `npm start` with a token (called by src/main.ts). Without SHARDS: one gateway client in this process.
 * With SHARDS (`auto` or a number): discord.js's ShardingManager, one child process per shard running
 * src/discord/shard.ts; each shard builds its own engine and answers on its own (nothing shared in memory —
 * which is also why components carry all their state in the custom_id).
 */
export async function startDiscord(config: Config, engine: AnswerEngine): Promise<void> {
  redact(config.token);
  redact(config.publicKey);
  const logger = createLogger(config.logLevel);
  if (config.token === undefined) throw new Error("startDiscord: DISCORD_TOKEN is missing or a placeholder");
  if (config.shards !== undefined) {
    await startShardManager(config, config.token, logger);
    return;
  }
  const bot = await startBot(config, engine, { logger });
  installProcessHandlers(() => bot.stop(), logger);
}

async function startShardManager(config: Config, token: string, logger: Logger): Promise<void> {
  const shardFile = fileURLToPath(new URL("./shard.ts", import.meta.url));
  const totalShards =
    config.shards === "auto" || config.shards === undefined ? await recommendedShards(config, token) : Math.max(1, config.shards);
  // The shard file is TypeScript, so each child must run with tsx as its loader: `node --import tsx shard.ts`.
  // (Compiling to JS first would instead need shard.js here and no execArgv.)
  const manager = new ShardingManager(shardFile, { token, totalShards, execArgv: ["--import", "tsx"], respawn: true, mode: "process" });
  manager.on("shardCreate", (shard) => {
    logger.info("shard-created", { shard: shard.id, total: manager.totalShards });
    shard.on("death", () => logger.warn("shard-died", { shard: shard.id }));
  });
  installProcessHandlers(async () => {
    for (const shard of manager.shards.values()) shard.kill();
  }, logger);
  await manager.spawn();
}

/**
 * Discord's recommended shard count, asked through DISCORD_REST_URL (ShardingManager's own "auto" would always
 * go to discord.com directly, bypassing a configured REST proxy).
 */
async function recommendedShards(config: Config, token: string): Promise<number> {
  const rest = new REST({ api: config.restUrl }).setToken(token);
  try {
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return Math.max(1, gateway.shards);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
