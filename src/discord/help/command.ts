import {
  ApplicationCommandType,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { commandHelp } from "../../answer/help.js";
import type { Library } from "../../answer/library.js";
import { EVERYWHERE, chatInputCommand } from "../core/define-command.js";
import { messageResponse } from "../core/respond.js";
import { renderHelp } from "./render.js";

const help = commandHelp("help");

const data = {
  type: ApplicationCommandType.ChatInput,
  name: help.name,
  description: help.description,
  ...EVERYWHERE,
  options: [],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * /help — how to use the bot, ephemeral: generated from the registered definitions (`definitions`, passed in
 * by the registry so this module does not import the registry that imports it).
 */
export function helpCommand(definitions: (library: Library) => readonly RESTPostAPIApplicationCommandsJSONBody[]) {
  return chatInputCommand({
    data,
    execute: (_args, ctx, interaction) => ({
      // The bot user id is the application id for every bot created since 2019 (and in the tests' fake).
      response: messageResponse(renderHelp(definitions(ctx.library), interaction.application_id), {
        ephemeral: true,
      }),
      outcome: "answered",
    }),
  });
}
