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
import { autocompleteResponse } from "../render/respond.js";
import type { Awaitable, ChatInputCommand, HandlerResult, InteractionContext, MessageCommand } from "../types.js";
import {
  focusedArgument,
  parseArguments,
  type ArgumentsOf,
  type ChatInputDefinition,
  type Focused,
} from "./arguments.js";

/**
 * Where commands can be used: in servers the bot is installed in, and in the user's DM with the bot.
 * (User-installed apps — integration type 1 — would need enabling in the developer portal, so not here.)
 * Spread into every definition.
 */
export const EVERYWHERE: Pick<RESTPostAPIChatInputApplicationCommandsJSONBody, "contexts" | "integration_types"> = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

/** A definition, or a function of the library for one that depends on the loaded articles (/quote's range). */
type DefinitionSource<D> = D | ((library: Library) => D);

export interface ChatInputSpec<D extends ChatInputDefinition> {
  readonly data: DefinitionSource<D>;
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
}

/**
 * A chat-input command from its typed definition: the handler gets the arguments parsed by that definition,
 * and autocomplete gets the focused option (an unknown focused option gets no choices).
 */
export function chatInputCommand<const D extends ChatInputDefinition>(spec: ChatInputSpec<D>): ChatInputCommand {
  const data = (library: Library): D => (typeof spec.data === "function" ? spec.data(library) : spec.data);
  const { autocomplete } = spec;
  return {
    type: ApplicationCommandType.ChatInput,
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
  return { type: ApplicationCommandType.Message, data: () => spec.data, execute: spec.execute };
}
