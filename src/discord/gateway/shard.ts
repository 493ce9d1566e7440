/**
 * One shard under ShardingManager (see start.ts), run as `node dist/discord/gateway/shard.js` (or, from the
 * sources, `node --import tsx src/discord/gateway/shard.ts`). The manager sets SHARDS / SHARD_COUNT / DISCORD_TOKEN for this
 * process; discord.js picks the shard up from them. Each shard loads its own knowledge base and engine.
 */
import { openLibrary } from "../../answer/open-library.js";
import { describeError } from "../../logger.js";
import { loadEnvConfig, onShutdown, startRuntime } from "../../runtime.js";
import { startGatewayBot } from "./start.js";

const config = loadEnvConfig();
if (config === undefined) process.exit(2);
const logger = startRuntime(config);
try {
  const gateway = await startGatewayBot(config, await openLibrary(), logger);
  onShutdown(() => gateway.stop(), logger);
} catch (error) {
  logger.error("shard-start-failed", { shard: process.env.SHARDS, error: describeError(error) });
  process.exit(1);
}
