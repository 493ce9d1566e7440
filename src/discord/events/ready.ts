import { Events, PermissionFlagsBits, type Client } from "discord.js";
import type { InteractionContext } from "../types.js";

/** The minimal permissions the bot needs: see channels, send messages with embeds, reply to messages. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

/** The URL that adds the bot to a server, with slash commands and only the permissions above. */
export function inviteUrl(clientId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${clientId}&scope=bot%20applications.commands&permissions=${BOT_PERMISSIONS.toString()}`;
}

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
