import { Events, Routes, type APIInteraction, type Client } from "discord.js";
import { describeError } from "../../logger.js";
import type { InteractionContext } from "../core/types.js";
import { handleInteraction } from "../handle-interaction.js";
import { inviteUrl } from "./invite.js";
import { registerMessageCreate } from "./messages.js";

/** Every event handler the gateway bot uses (startBot and the tests register exactly these). */
export function registerEvents(client: Client, ctx: InteractionContext): void {
  registerErrorHandlers(client, ctx);
  registerReady(client, ctx);
  registerInteractionCreate(client, ctx);
  registerMessageCreate(client, ctx);
}

/**
 * Interactions over the gateway, answered exactly like the HTTP endpoint answers them.
 *
 * We listen to the RAW `INTERACTION_CREATE` dispatch instead of discord.js's `interactionCreate` event: the raw
 * payload is precisely what Discord would POST to an HTTP interactions endpoint, so it goes through the same
 * transport-agnostic `handleInteraction`, and the resulting response JSON is POSTed to
 * `/interactions/:id/:token/callback` (unauthenticated, like Discord expects) — the very body the HTTP
 * endpoint returns. Both transports therefore share one code path and answer identically, and nothing here
 * depends on discord.js's Interaction classes or caches. (discord.js still builds its own Interaction objects
 * and emits `interactionCreate`; nothing listens to it and it never acknowledges an interaction by itself.)
 *
 * Handlers are synchronous over an in-memory engine and answer in milliseconds, so responses are sent
 * immediately (callback type 4/8) — well inside Discord's 3-second window — without deferring.
 */
function registerInteractionCreate(client: Client, ctx: InteractionContext): void {
  client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) => {
    if (packet.t !== "INTERACTION_CREATE" || !isInteraction(packet.d)) return;
    void answer(client, packet.d, ctx);
  });
}

async function answer(client: Client, interaction: APIInteraction, ctx: InteractionContext): Promise<void> {
  // A deferred response's follow-up waits until the response is posted.
  let posted: () => void = () => undefined;
  const responded = new Promise<void>((resolve) => (posted = resolve));
  const body = await handleInteraction(interaction, ctx, responded); // never throws
  try {
    await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
  } catch (error) {
    // E.g. 10062 Unknown interaction (answered too late, or by another instance). The URL holds the token.
    ctx.logger.warn("interaction-callback-failed", {
      interaction: interaction.id,
      error: describeError(error, [interaction.token]),
    });
  } finally {
    posted();
  }
}

function isInteraction(value: unknown): value is APIInteraction {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { id?: unknown; token?: unknown; type?: unknown };
  return typeof v.id === "string" && typeof v.token === "string" && typeof v.type === "number";
}

function registerReady(client: Client, ctx: InteractionContext): void {
  client.once(Events.ClientReady, (c) => {
    ctx.logger.info("ready", {
      user: c.user.tag,
      guilds: c.guilds.cache.size,
      shards: c.ws.shards.size,
      invite: inviteUrl(c.application.id),
    });
  });
}

/**
 * Client-level errors are logged and the process keeps running: discord.js reconnects and resumes gateway
 * sessions by itself (a dropped connection is a ShardDisconnect/ShardReconnecting/ShardResume sequence).
 */
function registerErrorHandlers(client: Client, ctx: InteractionContext): void {
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
