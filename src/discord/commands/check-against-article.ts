import { ApplicationCommandType, ContextMenuCommandBuilder, type APIMessage } from "discord.js";
import { messageResponse, ephemeralText } from "../render/respond.js";
import { renderCheck } from "../render/check.js";
import { CHECK_COMMAND_NAME } from "../render/help.js";
import { everywhere } from "./builder.js";
import type { MessageCommand } from "../types.js";

/** The text of a message to check: its content, or (for bot messages such as our own answers) its embeds. */
export function messageText(message: APIMessage | undefined): string {
  if (message === undefined) return "";
  if (message.content.trim() !== "") return message.content;
  return (message.embeds ?? [])
    .flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => f.value)])
    .filter((t): t is string => typeof t === "string")
    .join(" ");
}

/** Message context menu "Check against article": which sentences bear on the message, ephemeral. */
export const checkAgainstArticle: MessageCommand = {
  type: ApplicationCommandType.Message,
  name: CHECK_COMMAND_NAME,
  data: () => everywhere(new ContextMenuCommandBuilder()).setName(CHECK_COMMAND_NAME).setType(ApplicationCommandType.Message).toJSON(),

  execute(interaction, ctx) {
    const target = interaction.data.resolved.messages[interaction.data.target_id];
    const text = messageText(target).trim();
    if (text === "") {
      ctx.outcome.answered = false;
      return ephemeralText("That message has no text I can check against the article.");
    }
    const result = ctx.engine.sentencesBearingOn(text);
    ctx.outcome.answered = result.sentences.length > 0;
    return messageResponse(renderCheck(ctx.engine, text, result), { ephemeral: true });
  },
};
