import { ApplicationCommandType, type RESTPostAPIApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { Library } from "../answer/library.js";
import { article } from "./article/command.js";
import { articleModal } from "./article/modal.js";
import { articlePick } from "./article-pick/button.js";
import { ask } from "./ask/command.js";
import { checkAgainstArticle } from "./check/command.js";
import { showContext } from "./context/button.js";
import { parseCustomId } from "./core/custom-id.js";
import type { Command, ComponentHandler, ModalHandler } from "./core/types.js";
import { fact } from "./fact/command.js";
import { vote } from "./feedback/button.js";
import { helpCommand } from "./help/command.js";
import { quote } from "./quote/command.js";
import { related } from "./related/button.js";
import { relatedMenu } from "./related/menu.js";
import { review } from "./review/command.js";
import { reviewMenu } from "./review/menu.js";
import { source } from "./source/command.js";
import { summary } from "./summary/command.js";

/**
 * Every command and component the bot has, and the maps the dispatcher routes by, built once when this module
 * loads. A feature's handler (its command.ts, button.ts or menu.ts) is listed here and imported nowhere else.
 */

/** Every command, in the order /help and deploy-commands list them. Both transports route to these. */
export const commands: readonly Command[] = [
  ask,
  fact,
  quote,
  source,
  summary,
  helpCommand((library) => commandDefinitions(library)),
  checkAgainstArticle,
  review,
  article,
];

/** Chat-input and context-menu names live in separate namespaces: the key is both. */
const commandKey = (type: ApplicationCommandType, name: string): string => `${type}:${name}`;
const commandsByKey = new Map(commands.map((c) => [commandKey(c.type, c.name), c]));

/** The command an interaction names (by its type and name). */
export function findCommand(
  name: string,
  type: ApplicationCommandType = ApplicationCommandType.ChatInput,
): Command | undefined {
  return commandsByKey.get(commandKey(type, name));
}

/**
 * The JSON deploy-commands registers (PUT /applications/:id/commands) and /help describes. Each command builds
 * its JSON once per library (only /quote's depends on it: its range is the longest loaded article's).
 */
export function commandDefinitions(library: Library): RESTPostAPIApplicationCommandsJSONBody[] {
  return commands.map((c) => c.data(library));
}

/** Buttons and menus, each routed by its custom_id prefix (core/custom-id.ts). */
const componentsByPrefix = new Map(
  [showContext, related, relatedMenu, articlePick, vote, reviewMenu].map((c): [string, ComponentHandler] => [
    c.prefix,
    c,
  ]),
);

/** Modals (forms), each routed by its custom_id prefix. */
const modalsByPrefix = new Map([articleModal].map((m): [string, ModalHandler] => [m.prefix, m]));

/** The handler for a custom_id (by its prefix, the part before the first ":") and the remaining arguments. */
export function findComponent(customId: string): { handler: ComponentHandler; args: string[] } | undefined {
  const { prefix, args } = parseCustomId(customId);
  const handler = componentsByPrefix.get(prefix);
  return handler === undefined ? undefined : { handler, args };
}

/** The handler for a submitted modal's custom_id, and the remaining arguments. */
export function findModal(customId: string): { handler: ModalHandler; args: string[] } | undefined {
  const { prefix, args } = parseCustomId(customId);
  const handler = modalsByPrefix.get(prefix);
  return handler === undefined ? undefined : { handler, args };
}
