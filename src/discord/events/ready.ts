import { Events, type Client } from "discord.js";
import { inviteUrl } from "../invite.js";
import type { InteractionContext } from "../types.js";

export function registerReady(client: Client, ctx: InteractionContext): void {
  client.once(Events.ClientReady, (c) => {
    ctx.logger.info("ready", {
      user: c.user.tag,
      guilds: c.guilds.cache.size,
      shards: c.ws.shards.size,
      invite: inviteUrl(c.application.id),
    });
  });
}
