import { fileURLToPath } from "node:url";
import type http from "node:http";
import { REST, Routes, ShardingManager, Status, type Client, type RESTGetAPIGatewayBotResult } from "discord.js";
import type { AnswerEngine } from "../../answer/engine.js";
import { asLibrary, type Library } from "../../answer/library.js";
import type { Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { closeServer, createMetrics, startMetricsServer } from "../../metrics.js";
import { openOwner } from "../../owner/index.js";
import { onShutdown } from "../../runtime.js";
import { startBot, type BotHandle } from "./client.js";
import { createInteractionContext, waitForRateLimiter } from "../core/context.js";

/**
 * `npm start` with a token (called by src/main.ts). Without SHARDS: one gateway client in this process.
 * With SHARDS (`auto` or a number): discord.js's ShardingManager, one child process per shard running
 * src/discord/gateway/shard.ts; each shard builds its own engine and answers on its own (nothing shared in memory —
 * which is also why components carry all their state in the custom_id).
 */
export async function startDiscord(config: Config, engine: Library | AnswerEngine, logger: Logger): Promise<void> {
  if (config.token === undefined) throw new Error("startDiscord: DISCORD_TOKEN is missing or a placeholder");
  if (config.shards !== undefined) {
    await startShardManager(config, config.token, logger);
    return;
  }
  const gateway = await startGatewayBot(config, engine, logger);
  onShutdown(() => gateway.stop(), logger);
}

export interface GatewayBot {
  readonly bot: BotHandle;
  /** The METRICS_PORT server, when METRICS_PORT is set. */
  readonly metricsServer: http.Server | undefined;
  stop(): Promise<void>;
}

/** Whether every shard of this process has a ready gateway connection. */
function gatewayReady(client: Client | undefined): boolean {
  if (client === undefined || !client.isReady() || client.ws.shards.size === 0) return false;
  return client.ws.shards.every((shard) => shard.status === Status.Ready);
}

/**
 * One gateway client (this process's shard or shards) with its metrics and its store: the METRICS_PORT server
 * is up before login, so /healthz answers 503 while connecting and 200 once ready. Under ShardingManager, shard N
 * listens on METRICS_PORT + N. The store (src/owner) adds the articles added from Discord to `engine`'s packs,
 * logs the questions, and keeps the packs current. No signal handling here (startDiscord and shard.ts add it).
 */
export async function startGatewayBot(
  config: Config,
  engine: Library | AnswerEngine,
  logger: Logger,
): Promise<GatewayBot> {
  const metrics = createMetrics();
  const loaded = asLibrary(engine);
  const owner = await openOwner({ storage: config.storage, logger, loaded: loaded.packs.map((p) => p.engine) });
  const context = createInteractionContext(config, loaded, logger, metrics, { owner, transport: "gateway" });
  let client: Client | undefined;
  let metricsServer: http.Server | undefined;
  if (config.metricsPort !== undefined) {
    const shard = process.env.SHARDING_MANAGER === undefined ? 0 : Number(process.env.SHARDS ?? 0) || 0;
    const port = config.metricsPort + shard;
    metricsServer = await startMetricsServer({
      metrics,
      port,
      host: config.host,
      ready: () => gatewayReady(client),
      beforeScrape: () => {
        if (client === undefined) return;
        metrics.readyShards.set(client.ws.shards.filter((s) => s.status === Status.Ready).size);
        if (client.ws.ping >= 0) metrics.gatewayPing.set(client.ws.ping / 1000);
      },
    });
    logger.info("metrics-listening", { host: config.host, port });
  }
  await waitForRateLimiter(context.rateLimiter, logger);
  let bot: BotHandle;
  try {
    bot = await startBot(config, loaded, { logger, context, onClient: (c) => (client = c) });
  } catch (error) {
    if (metricsServer !== undefined) await closeServer(metricsServer);
    await context.rateLimiter.close?.();
    await context.conversations?.close?.();
    await owner.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    bot,
    metricsServer,
    stop: () =>
      (stopped ??= (async () => {
        await bot.stop();
        await context.rateLimiter.close?.();
        await context.conversations?.close?.();
        if (metricsServer !== undefined) await closeServer(metricsServer);
        await owner.close();
      })()),
  };
}

async function startShardManager(config: Config, token: string, logger: Logger): Promise<void> {
  // Compiled (dist/discord/gateway/start.js): the shard is dist/discord/gateway/shard.js, run by plain node. From
  // the sources (tests, `tsx src/main.ts`): src/discord/gateway/shard.ts, which each child must load with tsx.
  const fromSources = import.meta.url.endsWith(".ts");
  const shardFile = fileURLToPath(new URL(fromSources ? "./shard.ts" : "./shard.js", import.meta.url));
  const totalShards =
    config.shards === "auto" || config.shards === undefined
      ? await recommendedShards(config, token)
      : Math.max(1, config.shards);
  const execArgv = fromSources ? ["--import", "tsx"] : [];
  const manager = new ShardingManager(shardFile, { token, totalShards, execArgv, respawn: true, mode: "process" });
  manager.on("shardCreate", (shard) => {
    logger.info("shard-created", { shard: shard.id, total: manager.totalShards });
    shard.on("death", () => logger.warn("shard-died", { shard: shard.id }));
  });
  onShutdown(() => {
    for (const shard of manager.shards.values()) shard.kill();
    return Promise.resolve();
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
