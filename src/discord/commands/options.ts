import {
  ApplicationCommandOptionType,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
} from "discord.js";

/**
 * Reading options from raw interaction payloads (no discord.js classes: the same code serves the gateway and
 * the HTTP endpoint). Subcommands are not used by this bot, so options are read at the top level.
 */
type WithOptions = APIChatInputApplicationCommandInteraction | APIApplicationCommandAutocompleteInteraction;

function option(interaction: WithOptions, name: string): APIApplicationCommandInteractionDataOption | undefined {
  return interaction.data.options?.find((o) => o.name === name);
}

export function stringOption(interaction: WithOptions, name: string): string | undefined {
  const o = option(interaction, name);
  return o?.type === ApplicationCommandOptionType.String ? o.value : undefined;
}

export function integerOption(interaction: WithOptions, name: string): number | undefined {
  const o = option(interaction, name);
  if (o?.type !== ApplicationCommandOptionType.Integer && o?.type !== ApplicationCommandOptionType.Number) return undefined;
  const value = Number(o.value);
  return Number.isFinite(value) ? value : undefined;
}

export function booleanOption(interaction: WithOptions, name: string): boolean | undefined {
  const o = option(interaction, name);
  return o?.type === ApplicationCommandOptionType.Boolean ? o.value : undefined;
}

/** The option being typed in an autocomplete interaction, with its partial value as a string. */
export function focusedOption(interaction: APIApplicationCommandAutocompleteInteraction): { name: string; value: string } | undefined {
  for (const o of interaction.data.options ?? []) {
    if ("focused" in o && o.focused === true) return { name: o.name, value: String(o.value) };
  }
  return undefined;
}
