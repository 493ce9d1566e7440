import {
  ApplicationIntegrationType,
  InteractionContextType,
  type ContextMenuCommandBuilder,
  type SlashCommandBuilder,
} from "discord.js";

/**
 * Where commands can be used: in servers the bot is installed in, and in the user's DM with the bot.
 * (User-installed apps — integration type 1 — would need enabling in the developer portal, so not here.)
 */
export function everywhere<T extends SlashCommandBuilder | ContextMenuCommandBuilder>(builder: T): T {
  builder.setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
  builder.setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  return builder;
}
