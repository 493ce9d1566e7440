/**
 * Commands made of subcommands (/article add|list|remove|default): each subcommand's handler gets the arguments
 * typed from its own definition (command-options.ts).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionResponse,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { focusedArgument, parseArguments, type ArgumentsOf, type WithOptions } from "./command-options.js";
import { autocompleteResponse } from "./respond.js";
import type { Awaitable, ChatInputCommand, HandlerResult, InteractionContext } from "./types.js";

/** A subcommand's definition: its name, description and options, as its command's module writes it. */
interface SubcommandDefinition extends WithOptions {
  readonly type: ApplicationCommandOptionType.Subcommand;
  readonly name: string;
}

/** A command with subcommands: every option of its definition is a subcommand. */
type SubcommandCommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody & {
  readonly options: readonly SubcommandDefinition[];
};

type SubcommandsOf<D> = D extends { readonly options: readonly (infer S)[] } ? Extract<S, SubcommandDefinition> : never;

/** One handler per subcommand, each receiving the arguments typed from that subcommand's definition. */
type SubcommandHandlers<D> = {
  readonly [S in SubcommandsOf<D> as S["name"]]: (
    args: ArgumentsOf<S>,
    ctx: InteractionContext,
    interaction: APIChatInputApplicationCommandInteraction,
  ) => Awaitable<HandlerResult>;
};

/** The subcommand an interaction (or an autocomplete) invokes, and its own options. */
function invoked(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): { name: string; options: readonly APIApplicationCommandInteractionDataOption[] } | undefined {
  const sub = options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  return sub?.type === ApplicationCommandOptionType.Subcommand
    ? { name: sub.name, options: sub.options ?? [] }
    : undefined;
}

/**
 * A chat-input command made of subcommands: the handler of the subcommand invoked gets its typed arguments; an
 * unknown subcommand gets `unknown`. Autocomplete gets the subcommand's name and its focused option.
 */
export function subcommandCommand<const D extends SubcommandCommandDefinition>(spec: {
  readonly data: D;
  readonly run: NoInfer<SubcommandHandlers<D>>;
  readonly unknown: (ctx: InteractionContext) => Awaitable<HandlerResult>;
  readonly autocomplete?: (
    subcommand: string,
    focused: { readonly name: string; readonly value: string },
    ctx: InteractionContext,
  ) => Awaitable<APIInteractionResponse>;
}): ChatInputCommand {
  // D's options are its subcommands (the type says so; the intersection with Discord's own option type hides it).
  const subcommands: readonly SubcommandDefinition[] = spec.data.options;
  const definitionOf = (name: string): SubcommandDefinition | undefined => subcommands.find((o) => o.name === name);
  const { autocomplete } = spec;
  return {
    type: ApplicationCommandType.ChatInput,
    name: spec.data.name,
    data: () => spec.data,
    execute: (interaction, ctx) => {
      const sub = invoked(interaction.data.options);
      const definition = sub === undefined ? undefined : definitionOf(sub.name);
      // The handlers are keyed by the subcommands' names: the one found takes that subcommand's arguments.
      const handler = (definition === undefined ? undefined : spec.run[definition.name as keyof typeof spec.run]) as
        ((args: unknown, ctx: InteractionContext, i: typeof interaction) => Awaitable<HandlerResult>) | undefined;
      if (sub === undefined || definition === undefined || handler === undefined) return spec.unknown(ctx);
      return handler(parseArguments(definition, sub.options), ctx, interaction);
    },
    ...(autocomplete === undefined
      ? {}
      : {
          autocomplete: (interaction, ctx) => {
            const sub = invoked(interaction.data.options);
            const definition = sub === undefined ? undefined : definitionOf(sub.name);
            const focused = definition === undefined ? undefined : focusedArgument(definition, sub?.options);
            return sub === undefined || focused === undefined
              ? autocompleteResponse([])
              : autocomplete(sub.name, focused, ctx);
          },
        }),
  };
}
