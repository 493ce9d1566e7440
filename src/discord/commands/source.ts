import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import { commandHelp } from "../../answer/help.js";
import { renderSource } from "../render/source.js";
import { messageResponse } from "../render/respond.js";
import { EVERYWHERE, chatInputCommand } from "./define.js";

const help = commandHelp("source");

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: help.name,
  description: help.description,
  ...EVERYWHERE,
  options: [],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** /source — the article: title, what it covers, its size, how answers are chosen. */
export const source = chatInputCommand({
  data,
  execute: (_args, ctx) => ({ response: messageResponse(renderSource(ctx.engine.sourceView())), outcome: "answered" }),
});
