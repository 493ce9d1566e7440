/**
 * The "Check against article" message context menu: which of the article's sentences bear on a message.
 */
import {
  ApplicationCommandType,
  type APIMessage,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { EVERYWHERE, messageCommand } from "../core/define-command.js";
import { checkAgainstArticles } from "../../answer/views/surfaces.js";
import { ephemeralText, messageResponse } from "../core/respond.js";
import { outcomeOf } from "../core/types.js";
import { renderCheck } from "./render.js";

/** The text of a message to check: its content, or (for bot messages such as our own answers) its embeds. */
function messageText(message: APIMessage | undefined): string {
  if (message === undefined) return "";
  if (message.content.trim() !== "") return message.content;
  return (message.embeds ?? [])
    .flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => f.value)])
    .filter((t): t is string => typeof t === "string")
    .join(" ");
}

const data = {
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
    const { engine, result } = checkAgainstArticles(ctx.library, text);
    return {
      response: messageResponse(renderCheck(engine, text, result), { ephemeral: true }),
      outcome: outcomeOf(result.sentences.length > 0),
    };
  },
});
