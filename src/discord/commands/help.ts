import { ApplicationCommandType, SlashCommandBuilder } from "discord.js";
import { messageResponse } from "../render/respond.js";
import { renderHelp } from "../render/help.js";
import { everywhere } from "./builder.js";
import type { ChatInputCommand } from "../types.js";

/** /help — how to use the bot (commands, the context menu, mentions), ephemeral. */
export const help: ChatInputCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "help",
  data: () =>
    everywhere(new SlashCommandBuilder()).setName("help").setDescription("How to use this bot: commands, mentions and buttons.").toJSON(),

  execute(interaction, ctx) {
    ctx.outcome.answered = true;
    // The bot user id is the application id for every bot created since 2019 (and in the tests' fake).
    return messageResponse(renderHelp(interaction.application_id), { ephemeral: true });
  },
};
