/**
 * Interaction responses: messages, ephemeral notes, autocomplete choices, deferrals, always with
 * `allowed_mentions: { parse: [] }`.
 */
import {
  InteractionResponseType,
  MessageFlags,
  type APIApplicationCommandOptionChoice,
  type APICommandAutocompleteInteractionResponseCallbackData,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type APIInteractionResponseChannelMessageWithSource,
} from "discord-api-types/v10";
import type { MessageParts } from "./embed.js";
import { LIMITS, fitMessage, truncate } from "./limits.js";

/** What the moderators' commands say when the bot runs without its store (tests of the answers alone). */
export const NO_STORE = "This bot runs without its store, so it has nothing to review and cannot keep articles.";

/** The one reply to a request that failed inside the bot, on every surface (interactions, mentions, DMs). */
export const APOLOGY = "Sorry — something went wrong while answering that. It has been logged; please try again.";

/**
 * A message response (callback type 4), ephemeral on request, pinging nobody (allowed_mentions {parse: []}).
 * Discord's limits are applied once, by the dispatcher, to every response (finalizeResponse).
 */
export function messageResponse(
  parts: MessageParts,
  opts: { ephemeral?: boolean } = {},
): APIInteractionResponseChannelMessageWithSource {
  const data: APIInteractionResponseCallbackData = { ...parts, allowed_mentions: { parse: [] } };
  if (opts.ephemeral === true) data.flags = MessageFlags.Ephemeral;
  return { type: InteractionResponseType.ChannelMessageWithSource, data };
}

export function ephemeralText(content: string): APIInteractionResponseChannelMessageWithSource {
  return messageResponse({ content }, { ephemeral: true });
}

/** Autocomplete result (callback type 8): at most 25 choices, names and values at most 100 characters. */
export function autocompleteResponse(
  choices: readonly APIApplicationCommandOptionChoice<string | number>[],
): APIInteractionResponse {
  const seen = new Set<string | number>();
  const fitted: APIApplicationCommandOptionChoice<string | number>[] = [];
  for (const choice of choices) {
    const value = typeof choice.value === "string" ? choice.value.slice(0, LIMITS.choiceValue) : choice.value;
    const name = truncate(choice.name, LIMITS.choiceName);
    if (name === "" || value === "" || seen.has(value)) continue;
    seen.add(value);
    fitted.push({ name, value });
    if (fitted.length === LIMITS.autocompleteChoices) break;
  }
  const data: APICommandAutocompleteInteractionResponseCallbackData = { choices: fitted };
  return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data };
}

/** A deferred response (type 5): Discord shows "thinking…" (to the invoker only) until the follow-up replaces it. */
export function deferredEphemeral(): APIInteractionResponse {
  return {
    type: InteractionResponseType.DeferredChannelMessageWithSource,
    data: { flags: MessageFlags.Ephemeral },
  };
}

/** `<t:unix:R>`: Discord shows it as a relative time ("in 12 seconds") in the reader's own locale. */
export function rateLimitText(retryAt: number): string {
  return `You're asking too fast — try again <t:${Math.ceil(retryAt / 1000)}:R>.`;
}

/**
 * The last pass over every interaction response, in the dispatcher: message responses get allowed_mentions
 * {parse: []} and are fitted to Discord's limits, here and nowhere else.
 */
export function finalizeResponse(response: APIInteractionResponse): APIInteractionResponse {
  if (
    response.type === InteractionResponseType.ChannelMessageWithSource ||
    response.type === InteractionResponseType.UpdateMessage
  ) {
    return { ...response, data: fitMessage({ ...(response.data ?? {}), allowed_mentions: { parse: [] } }) };
  }
  return response;
}
