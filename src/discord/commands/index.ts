import { ApplicationCommandType, type RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { Library } from "../../answer/library.js";
import type { Command } from "../types.js";
import { ask } from "./ask.js";
import { checkAgainstArticle } from "./check-against-article.js";
import { fact } from "./fact.js";
import { helpCommand } from "./help.js";
import { quote } from "./quote.js";
import { source } from "./source.js";

/** Every command, in the order /help and deploy-commands list them. Both transports route to these. */
export const commands: readonly Command[] = [
  ask,
  fact,
  quote,
  source,
  helpCommand(() => commands),
  checkAgainstArticle,
];

/** The JSON deploy-commands registers (PUT /applications/:id/commands), built from the loaded articles. */
export function commandDefinitions(library: Library): RESTPostAPIApplicationCommandsJSONBody[] {
  return commands.map((c) => c.data(library));
}

/** The command an interaction names; chat-input and context-menu names live in separate namespaces. */
export function findCommand(
  library: Library,
  name: string,
  type: ApplicationCommandType = ApplicationCommandType.ChatInput,
): Command | undefined {
  return commands.find((c) => c.type === type && c.data(library).name === name);
}
