import { Events, type Client } from "discord.js";
import { describeError } from "../../logger.js";
import type { InteractionContext } from "../types.js";

/**
 * Client-level errors are logged and the process keeps running: discord.js reconnects and resumes gateway
 * sessions by itself (a dropped connection is a ShardDisconnect/ShardReconnecting/ShardResume sequence).
 */
export function registerErrorHandlers(client: Client, ctx: InteractionContext): void {
  client.on(Events.Error, (error) => ctx.logger.error("client-error", { error: describeError(error) }));
  client.on(Events.ShardError, (error, shardId) =>
    ctx.logger.error("shard-error", { shard: shardId, error: describeError(error) }),
  );
  client.on(Events.Warn, (message) => ctx.logger.warn("client-warning", { message }));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    ctx.logger.warn("shard-disconnect", { shard: shardId, code: event.code }),
  );
  client.on(Events.ShardReconnecting, (shardId) => ctx.logger.info("shard-reconnecting", { shard: shardId }));
  client.on(Events.ShardResume, (shardId, replayed) => ctx.logger.info("shard-resumed", { shard: shardId, replayed }));
}
