/**
 * Typed arguments for chat-input commands, derived from each command's definition: a handler receives
 * `ArgumentsOf<typeof data>` — `{ question: string; private?: boolean }` for /ask — so an option name that
 * is not in the definition fails the type-check instead of reading `undefined` at run time.
 *
 * Options are read from the raw interaction payload (no discord.js classes: the same code serves the gateway
 * and the HTTP endpoint). A command with subcommands (/article add|list|remove|default) is built with
 * `subcommandCommand`: each subcommand's handler gets the arguments typed from its own definition.
 *
 * This module builds chat-input and message commands; the options' types and parsing are in command-options.ts,
 * `subcommandCommand` in subcommand-command.ts.
 */
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionResponse,
  type APIMessageApplicationCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { Library } from "../../answer/library.js";
import {
  focusedArgument,
  parseArguments,
  type ArgumentsOf,
  type Focused,
  type WithOptions,
} from "./command-options.js";
import { autocompleteResponse } from "./respond.js";
import type { Awaitable, ChatInputCommand, HandlerResult, InteractionContext, MessageCommand } from "./types.js";

/** A chat-input command's definition, as its module writes it: `{ ... } as const satisfies RESTPost...JSONBody`. */
export type ChatInputDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody & WithOptions;

/**
 * Where commands can be used: in servers the bot is installed in, and in the user's DM with the bot.
 * (User-installed apps — integration type 1 — would need enabling in the developer portal, so not here.)
 * Spread into every definition.
 */
export const EVERYWHERE: Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, "contexts" | "integration_types"> = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

/**
 * A definition, or (for one that depends on the loaded articles: /quote's range) a function of the library,
 * then with the command's name given apart, so the dispatcher can route by name without building any JSON.
 */
type DefinitionSource<D extends ChatInputDefinition> =
  | { readonly data: D; readonly name?: undefined }
  | { readonly data: (library: Library) => D; readonly name: D["name"] };

export type ChatInputSpec<D extends ChatInputDefinition> = DefinitionSource<D> & {
  readonly execute: (
    args: ArgumentsOf<D>,
    ctx: InteractionContext,
    interaction: APIChatInputApplicationCommandInteraction,
  ) => Awaitable<HandlerResult>;
  readonly autocomplete?: (
    focused: Focused<D>,
    ctx: InteractionContext,
    args: ArgumentsOf<D>,
  ) => Awaitable<APIInteractionResponse>;
};

/** The definition for a library, built once per library (a static definition is returned as it is). */
function definitionFor<D extends ChatInputDefinition>(source: D | ((library: Library) => D)): (library: Library) => D {
  if (typeof source !== "function") return () => source;
  const built = new WeakMap<Library, D>();
  return (library) => {
    let definition = built.get(library);
    if (definition === undefined) {
      definition = source(library);
      built.set(library, definition);
    }
    return definition;
  };
}

/**
 * A chat-input command from its typed definition: the handler gets the arguments parsed by that definition,
 * and autocomplete gets the focused option (an unknown focused option gets no choices).
 */
export function chatInputCommand<const D extends ChatInputDefinition>(spec: ChatInputSpec<D>): ChatInputCommand {
  const data = definitionFor(spec.data);
  const { autocomplete } = spec;
  return {
    type: ApplicationCommandType.ChatInput,
    name: spec.name ?? (spec.data as D).name,
    data,
    execute: (interaction, ctx) =>
      spec.execute(parseArguments(data(ctx.library), interaction.data.options), ctx, interaction),
    ...(autocomplete === undefined
      ? {}
      : {
          autocomplete: (interaction, ctx) => {
            const definition = data(ctx.library);
            const focused = focusedArgument(definition, interaction.data.options);
            // The other options typed so far (the article chosen, for the question's suggestions).
            return focused === undefined
              ? autocompleteResponse([])
              : autocomplete(focused, ctx, parseArguments(definition, interaction.data.options));
          },
        }),
  };
}

export function messageCommand<
  const D extends RESTPostAPIContextMenuApplicationCommandsJSONBody & { readonly type: ApplicationCommandType.Message },
>(spec: {
  readonly data: D;
  readonly execute: (
    interaction: APIMessageApplicationCommandInteraction,
    ctx: InteractionContext,
  ) => Awaitable<HandlerResult>;
}): MessageCommand {
  return { type: ApplicationCommandType.Message, name: spec.data.name, data: () => spec.data, execute: spec.execute };
}
