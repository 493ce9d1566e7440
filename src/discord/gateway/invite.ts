import { OAuth2Scopes, PermissionFlagsBits } from "discord-api-types/v10";

/**
 * What the bot asks for when it is added to a server, in one place: `npm run invite` prints the URL, and the
 * gateway bot logs the same URL when it is ready. Only what the bot uses: see the channels it is mentioned in,
 * send its replies with embeds (answers, with their buttons and menus), and reply to a message (which needs
 * its history). Everything else goes through interactions, which need no permission of the bot's: slash
 * commands, buttons, menus, forms, their deferred replies, and the article files moderators attach to /article
 * add (Discord hands the bot the file's address with the command; the bot never uploads a file).
 */
export const INVITE_PERMISSIONS = [
  ["View Channel", PermissionFlagsBits.ViewChannel],
  ["Send Messages", PermissionFlagsBits.SendMessages],
  ["Embed Links", PermissionFlagsBits.EmbedLinks],
  ["Read Message History", PermissionFlagsBits.ReadMessageHistory],
] as const;

/** `bot` adds the bot user; `applications.commands` lets the server use its slash and context-menu commands. */
export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** The permissions above as Discord's bit field. */
export const BOT_PERMISSIONS = INVITE_PERMISSIONS.reduce((bits, [, bit]) => bits | bit, 0n);

/** The URL that adds the bot to a server, with its commands and only the permissions above. */
export function inviteUrl(clientId: string): string {
  const scope = encodeURIComponent(INVITE_SCOPES.join(" "));
  return `https://discord.com/oauth2/authorize?client_id=${clientId}&scope=${scope}&permissions=${BOT_PERMISSIONS.toString()}`;
}
