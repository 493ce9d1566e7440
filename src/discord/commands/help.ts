import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import { commandHelp } from "../../answer/help.js";
import { renderHelp } from "../render/help.js";
import { messageResponse } from "../render/respond.js";
import type { Command } from "../types.js";
import { EVERYWHERE, chatInputCommand } from "./define.js";

const help = commandHelp("help");

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: help.name,
  description: help.description,
  ...EVERYWHERE,
  options: [],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * /help — how to use the bot, ephemeral: generated from the definitions of `commands()` (the registered
 * list, passed in by commands/index.ts so this module does not import the index that imports it).
 */
export function helpCommand(commands: () => readonly Command[]) {
  return chatInputCommand({
    data,
    execute: (_args, ctx, interaction) => ({
      // The bot user id is the application id for every bot created since 2019 (and in the tests' fake).
      response: messageResponse(
        renderHelp(
          commands().map((c) => c.data(ctx.library)),
          interaction.application_id,
        ),
        { ephemeral: true },
      ),
      outcome: "answered",
    }),
  });
}
