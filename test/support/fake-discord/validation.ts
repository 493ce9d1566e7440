/**
 * What Discord refuses, checked where the bot's requests arrive: message bodies (length limits, non-empty,
 * buttons and select menus), application command JSON (names, descriptions), interaction callbacks (a callback
 * type that fits the interaction, autocomplete choices) and modals. Errors are shaped like Discord's
 * (`50035 Invalid Form Body`, ...).
 */
import {
  ApplicationCommandType,
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  InteractionType,
} from "discord.js";
import type { JsonObject } from "../payloads.js";

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
  const invalidComponents = validateComponents(body.components);
  if (invalidComponents) return invalidComponents;
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

/**
 * Action rows of a message: at most 5, each of 1 to 5 buttons or one select menu. A button has a style, a label
 * (≤ 80) or an emoji (with a name or an id), and a custom_id (≤ 100), or a url for a link button; a select has
 * a custom_id, 1 to 25 options of label and value ≤ 100, and a placeholder ≤ 150.
 */
function validateComponents(value: unknown): FakeResponse | undefined {
  const rows = objects(value);
  if (rows.length > 5) return tooLong("components", 5);
  for (const [i, row] of rows.entries()) {
    const at = `components.${i}`;
    if (row.type !== ComponentType.ActionRow)
      return formError(`${at}.type`, "BASE_TYPE_CHOICES", "Value must be one of {1}.");
    const children = objects(row.components);
    if (children.length < 1 || children.length > 5) return badLength(`${at}.components`, 5);
    for (const [j, child] of children.entries()) {
      const invalid =
        child.type === ComponentType.Button
          ? validateButton(child, `${at}.components.${j}`)
          : child.type === ComponentType.StringSelect
            ? validateSelect(child, `${at}.components.${j}`, children.length)
            : formError(
                `${at}.components.${j}.type`,
                "UNION_TYPE_CHOICES",
                'Value of field "type" must be one of (2, 3).',
              );
      if (invalid) return invalid;
    }
  }
  return undefined;
}

function validateButton(button: JsonObject, at: string): FakeResponse | undefined {
  const style = enumValue(ButtonStyle, button.style);
  if (style === undefined)
    return formError(`${at}.style`, "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4, 5, 6}.");
  const emoji = isObject(button.emoji) ? button.emoji : undefined;
  if (button.emoji !== undefined && (emoji === undefined || (!fits(emoji.name, 100) && !fits(emoji.id, 20)))) {
    return formError(`${at}.emoji`, "BUTTON_COMPONENT_INVALID_EMOJI", "Invalid emoji");
  }
  if (button.label !== undefined && !fits(button.label, 80)) return badLength(`${at}.label`, 80);
  if (button.label === undefined && emoji === undefined) {
    return formError(at, "BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED", "A label or an emoji is required");
  }
  if (style === ButtonStyle.Link) return fits(button.url, 512) ? undefined : badLength(`${at}.url`, 512);
  if (style === ButtonStyle.Premium) return undefined;
  return fits(button.custom_id, 100) ? undefined : badLength(`${at}.custom_id`, 100);
}

function validateSelect(select: JsonObject, at: string, siblings: number): FakeResponse | undefined {
  if (siblings > 1)
    return formError(at, "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "The specified component exceeds the maximum width");
  if (!fits(select.custom_id, 100)) return badLength(`${at}.custom_id`, 100);
  if (select.placeholder !== undefined && !fits(select.placeholder, 150)) return badLength(`${at}.placeholder`, 150);
  const options = objects(select.options);
  if (options.length < 1 || options.length > 25) return badLength(`${at}.options`, 25);
  for (const [k, option] of options.entries()) {
    if (!fits(option.label, 100)) return badLength(`${at}.options.${k}.label`, 100);
    if (!fits(option.value, 100)) return badLength(`${at}.options.${k}.value`, 100);
  }
  return undefined;
}

/**
 * A modal (callback type 9): a custom_id, a title ≤ 45, and 1 to 5 components, each an action row holding one
 * text input (custom_id, style 1 or 2, label ≤ 45), a label (type 18) around one, or a text display.
 */
function validateModal(modal: JsonObject): FakeResponse | undefined {
  if (!fits(modal.custom_id, 100)) return badLength("data.custom_id", 100);
  if (!fits(modal.title, 45)) return badLength("data.title", 45);
  const components = objects(modal.components);
  if (components.length < 1 || components.length > 5) return badLength("data.components", 5);
  for (const [i, component] of components.entries()) {
    const at = `data.components.${i}`;
    if (component.type === ComponentType.TextDisplay) continue;
    const labelled = component.type === ComponentType.Label;
    const inner = labelled ? [component.component] : objects(component.components);
    if (!labelled && component.type !== ComponentType.ActionRow) {
      return formError(`${at}.type`, "UNION_TYPE_CHOICES", 'Value of field "type" must be one of (1, 10, 18).');
    }
    if (labelled && !fits(component.label, 45)) return badLength(`${at}.label`, 45);
    const input = inner.length === 1 && isObject(inner[0]) ? inner[0] : undefined;
    if (input?.type !== ComponentType.TextInput) {
      return formError(`${at}.components`, "MODAL_COMPONENT_INVALID", "A modal row holds exactly one text input");
    }
    if (!fits(input.custom_id, 100)) return badLength(`${at}.components.0.custom_id`, 100);
    if (input.style !== 1 && input.style !== 2)
      return formError(`${at}.components.0.style`, "BASE_TYPE_CHOICES", "Value must be one of {1, 2}.");
    if (!labelled && !fits(input.label, 45)) return badLength(`${at}.components.0.label`, 45);
  }
  return undefined;
}

/**
 * A callback body for an interaction of `kind`: a message (type 4) or a deferred one (type 5), for autocomplete
 * choices (type 8), or for a command or a component a modal (type 9; never in answer to a modal submit).
 */
export function validateCallback(kind: InteractionType, body: JsonObject): FakeResponse | undefined {
  const type = enumValue(InteractionResponseType, body.type);
  const data = isObject(body.data) ? body.data : {};
  const autocomplete = kind === InteractionType.ApplicationCommandAutocomplete;
  const invalid = (why: string) => formError("type", "INTERACTION_RESPONSE_TYPE_INVALID", `Callback type ${why}`);
  if (autocomplete !== (type === InteractionResponseType.ApplicationCommandAutocompleteResult)) {
    return invalid(`${String(body.type)} is invalid for interaction type ${kind}`);
  }
  if (type === InteractionResponseType.Modal) {
    return kind === InteractionType.ModalSubmit
      ? invalid(`${String(body.type)} is invalid for interaction type ${kind}`)
      : validateModal(data);
  }
  if (type === InteractionResponseType.ChannelMessageWithSource) return validateMessage(data);
  if (type === InteractionResponseType.DeferredChannelMessageWithSource) return undefined;
  if (type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
    return invalid(`${String(body.type)} is not supported by the fake`);
  }
  if (!Array.isArray(data.choices)) return formError("data.choices", "BASE_TYPE_REQUIRED", "This field is required");
  if (data.choices.length > 25) return tooLong("data.choices", 25);
  const bad = data.choices.findIndex((choice) => !fits(isObject(choice) ? choice.name : undefined, 100));
  return bad === -1 ? undefined : badLength(`data.choices.${bad}.name`, 100);
}
