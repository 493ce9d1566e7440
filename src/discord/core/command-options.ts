/**
 * The options of a command's definition, typed and parsed: `ArgumentsOf<typeof data>` is what a handler
 * receives, `parseArguments` reads an invocation's options by the definition, and `focusedArgument` the option
 * being typed in an autocomplete. The command builders (define-command.ts, subcommand-command.ts) use them.
 */
import { ApplicationCommandOptionType, type APIApplicationCommandInteractionDataOption } from "discord-api-types/v10";

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
export interface WithOptions {
  readonly options?: readonly OptionDefinition[];
}

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
