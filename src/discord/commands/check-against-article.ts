import {
  ApplicationCommandType,
  type APIMessage,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { outcomeOf } from "../outcome.js";
import { renderCheck } from "../render/check.js";
import { ephemeralText, messageResponse } from "../render/respond.js";
import { EVERYWHERE, messageCommand } from "./define.js";

/** The text of a message to check: its content, or (for bot messages such as our own answers) its embeds. */
export function messageText(message: APIMessage | undefined): string {
  if (message === undefined) return "";
  if (message.content.trim() !== "") return message.content;
  return (message.embeds ?? [])
    .flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => f.value)])
    .filter((t): t is string => typeof t === "string")
    .join(" ");
}

export const data = {
  type: ApplicationCommandType.Message,
  name: "Check against article",
  ...EVERYWHERE,
} as const satisfies RESTPostAPIContextMenuApplicationCommandsJSONBody;

/** Message context menu "Check against article": which sentences bear on the message, ephemeral. */
export const checkAgainstArticle = messageCommand({
  data,

  execute(interaction, ctx) {
    const target = interaction.data.resolved.messages[interaction.data.target_id];
    const text = messageText(target).trim();
    if (text === "") {
      return {
        response: ephemeralText("That message has no text I can check against the article."),
        outcome: "not-answered",
      };
    }
    // The article the text is most about (the one whose answer wins), then its sentences bearing on it.
    const { engine } = ctx.library.answer(text.slice(0, 500)).pack;
    const result = engine.sentencesBearingOn(text);
    return {
      response: messageResponse(renderCheck(engine, text, result), { ephemeral: true }),
      outcome: outcomeOf(result.sentences.length > 0),
    };
  },
});
