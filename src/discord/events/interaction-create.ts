import { Events, Routes, type APIInteraction, type Client } from "discord.js";
import { describeError } from "../../logger.js";
import { handleInteraction } from "../interactions/handle-interaction.js";
import type { InteractionContext } from "../types.js";

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
export function registerInteractionCreate(client: Client, ctx: InteractionContext): void {
  client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) => {
    if (packet.t !== "INTERACTION_CREATE" || !isInteraction(packet.d)) return;
    void answer(client, packet.d, ctx);
  });
}

async function answer(client: Client, interaction: APIInteraction, ctx: InteractionContext): Promise<void> {
  const body = await handleInteraction(interaction, ctx); // never throws
  try {
    await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body, auth: false });
  } catch (error) {
    // E.g. 10062 Unknown interaction (answered too late, or by another instance). The URL holds the token.
    ctx.logger.warn("interaction-callback-failed", {
      interaction: interaction.id,
      error: describeError(error, [interaction.token]),
    });
  }
}

function isInteraction(value: unknown): value is APIInteraction {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { id?: unknown; token?: unknown; type?: unknown };
  return typeof v.id === "string" && typeof v.token === "string" && typeof v.type === "number";
}
