import { ApplicationCommandType, SlashCommandBuilder } from "discord.js";
import { messageResponse } from "../render/respond.js";
import { renderSource } from "../render/source.js";
import { everywhere } from "./builder.js";
import type { ChatInputCommand } from "../types.js";

/** /source — the article: title, what it covers, its size, how answers are chosen. */
export const source: ChatInputCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "source",
  data: () =>
    everywhere(new SlashCommandBuilder())
      .setName("source")
      .setDescription("What the article is, what it covers, and how answers are chosen.")
      .toJSON(),

  execute(_interaction, ctx) {
    ctx.outcome.answered = true;
    return messageResponse(renderSource(ctx.engine.sourceView()));
  },
};
