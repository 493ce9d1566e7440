/**
 * What Discord refuses, checked where the bot's requests arrive: message bodies (length limits, non-empty),
 * application command JSON (names, descriptions), and interaction callbacks (a callback type that fits the
 * interaction, autocomplete choices). Errors are shaped like Discord's (`50035 Invalid Form Body`, ...).
 */
import { ApplicationCommandType, InteractionResponseType, InteractionType } from "discord.js";

export type JsonObject = Record<string, unknown>;

export type FakeResponse = { status: number; body?: unknown; headers?: Record<string, string> };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const objects = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** A string field, or "" when absent or not a string. */
export const str = (value: unknown): string => (typeof value === "string" ? value : "");

/** `value` as a member of the numeric enum `e` (GatewayOpcodes, InteractionResponseType, ...), else undefined. */
export function enumValue<E extends Record<string, string | number>>(e: E, value: unknown): E[keyof E] | undefined {
  return typeof value === "number" && Object.values(e).includes(value) ? (value as E[keyof E]) : undefined;
}

export function errorResponse(status: number, code: number, message: string, errors?: JsonObject): FakeResponse {
  return { status, body: errors ? { message, code, errors } : { message, code } };
}

export function formError(field: string, code: string, message: string): FakeResponse {
  return errorResponse(400, 50035, "Invalid Form Body", { [field]: { _errors: [{ code, message }] } });
}

const tooLong = (field: string, max: number): FakeResponse =>
  formError(field, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
const badLength = (field: string, max: number): FakeResponse =>
  formError(field, "BASE_TYPE_BAD_LENGTH", `Must be between 1 and ${max} in length.`);
/** A string of 1 to `max` characters. */
const fits = (value: unknown, max: number): value is string =>
  typeof value === "string" && value.length >= 1 && value.length <= max;

/** Discord's message limits: 2000-character content, 10 embeds of at most 6000 characters in all, non-empty. */
export function validateMessage(body: JsonObject): FakeResponse | undefined {
  const content = str(body.content);
  if (content.length > 2000) return tooLong("content", 2000);
  const embeds = objects(body.embeds);
  if (embeds.length > 10) return tooLong("embeds", 10);
  let total = 0;
  const text = str;
  for (const [i, embed] of embeds.entries()) {
    const parts: [string, string, number][] = [
      ["title", text(embed.title), 256],
      ["description", text(embed.description), 4096],
      ["footer.text", text(isObject(embed.footer) ? embed.footer.text : undefined), 2048],
      ["author.name", text(isObject(embed.author) ? embed.author.name : undefined), 256],
    ];
    const fields = objects(embed.fields);
    if (fields.length > 25) return tooLong(`embeds.${i}.fields`, 25);
    for (const [j, field] of fields.entries()) {
      parts.push([`fields.${j}.name`, text(field.name), 256], [`fields.${j}.value`, text(field.value), 1024]);
    }
    for (const [key, value, max] of parts) {
      if (value.length > max) return tooLong(`embeds.${i}.${key}`, max);
      total += value.length;
    }
  }
  if (total > 6000) return formError("embeds", "BASE_TYPE_MAX_LENGTH", "Embed size exceeds maximum size of 6000");
  if (content.trim() === "" && embeds.length === 0 && objects(body.components).length === 0) {
    return errorResponse(400, 50006, "Cannot send an empty message");
  }
  return undefined;
}

/** Names and descriptions of application commands, as Discord checks them on PUT. */
export function validateCommand(command: unknown, at: string): FakeResponse | undefined {
  if (!isObject(command)) return formError(at, "MODEL_TYPE_CONVERT", "Only dictionaries may be used");
  const { name, description } = command;
  if (!fits(name, 32)) return badLength(`${at}.name`, 32);
  const type = enumValue(ApplicationCommandType, command.type ?? ApplicationCommandType.ChatInput);
  if (type !== ApplicationCommandType.ChatInput) {
    const message = "Context menu commands cannot have description";
    const code = "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION";
    return typeof description === "string" && description !== ""
      ? formError(`${at}.description`, code, message)
      : undefined;
  }
  if (!/^[-_'\p{L}\p{N}]{1,32}$/u.test(name) || name !== name.toLowerCase()) {
    return formError(`${at}.name`, "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
  }
  return fits(description, 100) ? undefined : badLength(`${at}.description`, 100);
}

/** A callback body for an interaction of `kind`: a message (type 4) or, for autocomplete, choices (type 8). */
export function validateCallback(kind: InteractionType, body: JsonObject): FakeResponse | undefined {
  const type = enumValue(InteractionResponseType, body.type);
  const data = isObject(body.data) ? body.data : {};
  const autocomplete = kind === InteractionType.ApplicationCommandAutocomplete;
  const invalid = (why: string) => formError("type", "INTERACTION_RESPONSE_TYPE_INVALID", `Callback type ${why}`);
  if (autocomplete !== (type === InteractionResponseType.ApplicationCommandAutocompleteResult)) {
    return invalid(`${String(body.type)} is invalid for interaction type ${kind}`);
  }
  if (type === InteractionResponseType.ChannelMessageWithSource) return validateMessage(data);
  if (type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
    return invalid(`${String(body.type)} is not supported by the fake`);
  }
  if (!Array.isArray(data.choices)) return formError("data.choices", "BASE_TYPE_REQUIRED", "This field is required");
  if (data.choices.length > 25) return tooLong("data.choices", 25);
  const bad = data.choices.findIndex((choice) => !fits(isObject(choice) ? choice.name : undefined, 100));
  return bad === -1 ? undefined : badLength(`data.choices.${bad}.name`, 100);
}
