import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionResponse,
  type APIMessageApplicationCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { Library } from "../../answer/library.js";
import { autocompleteResponse } from "./respond.js";
import type { Awaitable, ChatInputCommand, HandlerResult, InteractionContext, MessageCommand } from "./types.js";

/**
 * Typed arguments for chat-input commands, derived from each command's definition: a handler receives
 * `ArgumentsOf<typeof data>` — `{ question: string; private?: boolean }` for /ask — so an option name that
 * is not in the definition fails the type-check instead of reading `undefined` at run time.
 *
 * Options are read from the raw interaction payload (no discord.js classes: the same code serves the gateway
 * and the HTTP endpoint). A command with subcommands (/article add|list|remove|default) is built with
 * `subcommandCommand`: each subcommand's handler gets the arguments typed from its own definition.
 */

/** The option types the bot's commands use, and the value each one is read as. */
interface OptionValues {
  [ApplicationCommandOptionType.String]: string;
  [ApplicationCommandOptionType.Integer]: number;
  [ApplicationCommandOptionType.Number]: number;
  [ApplicationCommandOptionType.Boolean]: boolean;
  /** An attachment option's value is the attachment's id; the file itself is in `data.resolved.attachments`. */
  [ApplicationCommandOptionType.Attachment]: string;
}

type SupportedOptionType = keyof OptionValues;

/** What argument parsing reads of an option in a command's definition. */
interface OptionDefinition {
  readonly type: SupportedOptionType;
  readonly name: string;
  readonly required?: boolean;
  readonly autocomplete?: boolean;
}

/** What argument parsing reads of a definition: its options (a command's, or a subcommand's). */
interface WithOptions {
  readonly options?: readonly OptionDefinition[];
}

/** A chat-input command's definition, as its module writes it: `{ ... } as const satisfies RESTPost...JSONBody`. */
export type ChatInputDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody & WithOptions;

type OptionsOf<D> = D extends { readonly options: readonly (infer O)[] } ? Extract<O, OptionDefinition> : never;

/** The arguments a command's handler receives: required options present, optional ones possibly absent. */
export type ArgumentsOf<D> = {
  readonly [O in OptionsOf<D> as O extends { readonly required: true } ? O["name"] : never]: OptionValues[O["type"]];
} & {
  readonly [O in OptionsOf<D> as O extends { readonly required: true } ? never : O["name"]]?: OptionValues[O["type"]];
};

/** The names of a command's autocomplete options. */
type AutocompleteOptionOf<D> = Extract<OptionsOf<D>, { readonly autocomplete: true }>["name"];

/** The option being typed in an autocomplete interaction, with its partial value as a string. */
export interface Focused<D> {
  readonly name: AutocompleteOptionOf<D>;
  readonly value: string;
}

/**
 * Discord always sends required options; a hand-made payload (possible over HTTP) without one reads as the
 * empty value of its type, which every handler already answers (an empty question, an unknown topic, a
 * sentence out of range).
 */
const EMPTY: { readonly [T in SupportedOptionType]: OptionValues[T] } = {
  [ApplicationCommandOptionType.String]: "",
  [ApplicationCommandOptionType.Integer]: Number.NaN,
  [ApplicationCommandOptionType.Number]: Number.NaN,
  [ApplicationCommandOptionType.Boolean]: false,
  [ApplicationCommandOptionType.Attachment]: "",
};

type Value = OptionValues[SupportedOptionType];

function read(
  option: APIApplicationCommandInteractionDataOption | undefined,
  type: SupportedOptionType,
): Value | undefined {
  switch (type) {
    case ApplicationCommandOptionType.String:
      return option?.type === ApplicationCommandOptionType.String ? option.value : undefined;
    case ApplicationCommandOptionType.Boolean:
      return option?.type === ApplicationCommandOptionType.Boolean ? option.value : undefined;
    case ApplicationCommandOptionType.Attachment:
      return option?.type === ApplicationCommandOptionType.Attachment ? option.value : undefined;
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      if (option?.type !== ApplicationCommandOptionType.Integer && option?.type !== ApplicationCommandOptionType.Number)
        return undefined;
      const value = Number(option.value);
      return Number.isFinite(value) ? value : undefined;
    }
  }
}

function declaredOptions(definition: WithOptions): readonly OptionDefinition[] {
  return definition.options ?? [];
}

/** The arguments of an invocation, by the definition: each option read as its declared type, or left out. */
export function parseArguments<D extends WithOptions>(
  definition: D,
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): ArgumentsOf<D> {
  const args: Record<string, Value> = {};
  for (const declared of declaredOptions(definition)) {
    const value = read(
      options?.find((o) => o.name === declared.name),
      declared.type,
    );
    if (value !== undefined) args[declared.name] = value;
    else if (declared.required === true) args[declared.name] = EMPTY[declared.type];
  }
  // The loop above builds exactly ArgumentsOf<D>: every declared option, by name, of its declared type.
  return args as ArgumentsOf<D>;
}

/** The focused option of an autocomplete interaction, when it is one of the definition's autocomplete options. */
export function focusedArgument<D extends WithOptions>(
  definition: D,
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): Focused<D> | undefined {
  for (const o of options ?? []) {
    if (!("focused" in o) || o.focused !== true) continue;
    const declared = declaredOptions(definition).find((d) => d.name === o.name && d.autocomplete === true);
    return declared === undefined ? undefined : { name: declared.name, value: String(o.value) };
  }
  return undefined;
}

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
