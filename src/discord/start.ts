import { fileURLToPath } from "node:url";
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from "discord.js";
import type { AnswerEngine } from "../answer/engine.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { onShutdown } from "../runtime.js";
import { startBot } from "./client.js";

/**
 * `npm start` with a token (called by src/main.ts). Without SHARDS: one gateway client in this process.
 * With SHARDS (`auto` or a number): discord.js's ShardingManager, one child process per shard running
 * src/discord/shard.ts; each shard builds its own engine and answers on its own (nothing shared in memory —
 * which is also why components carry all their state in the custom_id).
 */
export async function startDiscord(config: Config, engine: AnswerEngine, logger: Logger): Promise<void> {
  if (config.token === undefined) throw new Error("startDiscord: DISCORD_TOKEN is missing or a placeholder");
  if (config.shards !== undefined) {
    await startShardManager(config, config.token, logger);
    return;
  }
  const bot = await startBot(config, engine, { logger });
  onShutdown(() => bot.stop(), logger);
}

async function startShardManager(config: Config, token: string, logger: Logger): Promise<void> {
  // Compiled (dist/discord/start.js): the shard is dist/discord/shard.js, run by plain node. From the sources
  // (tests, `tsx src/main.ts`): src/discord/shard.ts, which each child must load with tsx.
  const fromSources = import.meta.url.endsWith(".ts");
  const shardFile = fileURLToPath(new URL(fromSources ? "./shard.ts" : "./shard.js", import.meta.url));
  const totalShards =
    config.shards === "auto" || config.shards === undefined ? await recommendedShards(config, token) : Math.max(1, config.shards);
  const execArgv = fromSources ? ["--import", "tsx"] : [];
  const manager = new ShardingManager(shardFile, { token, totalShards, execArgv, respawn: true, mode: "process" });
  manager.on("shardCreate", (shard) => {
    logger.info("shard-created", { shard: shard.id, total: manager.totalShards });
    shard.on("death", () => logger.warn("shard-died", { shard: shard.id }));
  });
  onShutdown(async () => {
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
