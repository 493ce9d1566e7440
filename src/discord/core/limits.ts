import {
  ComponentType,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIMessageTopLevelComponent,
  type APISelectMenuOption,
} from "discord-api-types/v10";

/**
 * Discord's size limits, and the ONE place messages are cut down to them. Every message the bot sends goes
 * through `fitMessage` exactly once (interaction responses in the dispatcher's finalizeResponse, mention and DM
 * replies in gateway/messages.ts), so a long question, fact or sentence can never make Discord reject a reply
 * with 400 Invalid Form Body.
 *
 * Lengths are UTF-16 code units (JavaScript's `.length`), which is never less than what Discord counts
 * (code points), so staying under them here always stays under Discord's limits.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name over ALL embeds. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectPlaceholder: 150,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

const ELLIPSIS = "…";

/**
 * Shortens `text` to at most `max` characters, ending with "…" when cut. Cuts at a word boundary when one is
 * near, never inside a surrogate pair, and never leaves a dangling markdown escape (a trailing backslash).
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return "";
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  let cut = max - ELLIPSIS.length;
  const space = text.lastIndexOf(" ", cut);
  if (space >= cut * 0.8) cut = space;
  let head = text.slice(0, cut);
  const last = head.charCodeAt(head.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) head = head.slice(0, -1); // a lone high surrogate
  head = head.replace(/\\+$/, (slashes) => (slashes.length % 2 === 1 ? slashes.slice(0, -1) : slashes)).trimEnd();
  return `${head}${ELLIPSIS}`;
}

/** Discord rejects empty field names/values: an invisible character stands in. */
const NONEMPTY = "\u200b";

function embedSize(embed: APIEmbed): number {
  let size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  size += embed.footer?.text.length ?? 0;
  size += embed.author?.name.length ?? 0;
  for (const field of embed.fields ?? []) size += field.name.length + field.value.length;
  return size;
}

/**
 * One embed within the per-embed limits and within `budget` total characters. What gives way first, when
 * over budget: the description, then trailing fields, then the footer, then the title.
 */
export function fitEmbed(embed: APIEmbed, budget: number = LIMITS.embedTotal): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.embedDescription);
  if (out.author !== undefined) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.authorName) };
  if (out.footer !== undefined) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footerText) };
  if (out.fields !== undefined) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f): APIEmbedField => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName) || NONEMPTY,
      value: truncate(f.value, LIMITS.fieldValue) || NONEMPTY,
    }));
  }

  const limit = Math.max(0, Math.min(budget, LIMITS.embedTotal));
  let excess = embedSize(out) - limit;
  if (excess > 0 && out.description !== undefined) {
    out.description = truncate(out.description, Math.max(0, out.description.length - excess));
    if (out.description === "") delete out.description;
    excess = embedSize(out) - limit;
  }
  while (excess > 0 && out.fields !== undefined && out.fields.length > 0) {
    out.fields = out.fields.slice(0, -1);
    excess = embedSize(out) - limit;
  }
  if (excess > 0 && out.footer !== undefined) {
    const text = truncate(out.footer.text, Math.max(0, out.footer.text.length - excess));
    if (text === "") delete out.footer;
    else out.footer = { ...out.footer, text };
    excess = embedSize(out) - limit;
  }
  if (excess > 0 && out.author !== undefined) {
    delete out.author;
    excess = embedSize(out) - limit;
  }
  if (excess > 0 && out.title !== undefined) {
    out.title = truncate(out.title, Math.max(0, out.title.length - excess));
    if (out.title === "") delete out.title;
  }
  return out;
}

function fitOption(option: APISelectMenuOption): APISelectMenuOption {
  const out: APISelectMenuOption = {
    ...option,
    label: truncate(option.label, LIMITS.selectOptionLabel) || NONEMPTY,
    value: option.value.slice(0, LIMITS.selectOptionValue),
  };
  if (option.description !== undefined) out.description = truncate(option.description, LIMITS.selectOptionDescription);
  return out;
}

function fitRowComponent(component: APIComponentInMessageActionRow): APIComponentInMessageActionRow | undefined {
  // A custom_id cannot be shortened without breaking what it encodes: drop the component instead.
  if ("custom_id" in component && component.custom_id.length > LIMITS.customId) return undefined;
  if (component.type === ComponentType.Button) {
    return "label" in component && component.label !== undefined
      ? { ...component, label: truncate(component.label, LIMITS.buttonLabel) }
      : component;
  }
  if (component.type === ComponentType.StringSelect) {
    const options = component.options.slice(0, LIMITS.selectOptions).map(fitOption);
    if (options.length === 0) return undefined;
    const out = { ...component, options };
    if (out.placeholder !== undefined) out.placeholder = truncate(out.placeholder, LIMITS.selectPlaceholder);
    if (out.max_values !== undefined) out.max_values = Math.min(out.max_values, options.length);
    return out;
  }
  return component;
}

/** Action rows within Discord's limits (5 rows, 5 buttons a row, 25 select options, id/label lengths). */
export function fitComponents(components: readonly APIMessageTopLevelComponent[]): APIMessageTopLevelComponent[] {
  const out: APIMessageTopLevelComponent[] = [];
  for (const component of components) {
    if (component.type !== ComponentType.ActionRow) {
      out.push(component);
      continue;
    }
    const children = component.components
      .map(fitRowComponent)
      .filter((c): c is APIComponentInMessageActionRow => c !== undefined)
      .slice(0, LIMITS.buttonsPerRow);
    if (children.length > 0) out.push({ ...component, components: children });
  }
  return out.slice(0, LIMITS.actionRows);
}

/** The parts of a message body that have size limits (interaction callback data, channel message body). */
export interface FittableMessage {
  content?: string | undefined;
  embeds?: APIEmbed[] | undefined;
  components?: APIMessageTopLevelComponent[] | undefined;
}

/** A message within all of Discord's limits: content, each embed, the 6000-character total, components. */
export function fitMessage<T extends FittableMessage>(message: T): T {
  const out: T = { ...message };
  if (typeof out.content === "string") out.content = truncate(out.content, LIMITS.content);
  if (out.embeds !== undefined) {
    let budget: number = LIMITS.embedTotal;
    const embeds: APIEmbed[] = [];
    for (const embed of out.embeds.slice(0, LIMITS.embeds)) {
      if (budget <= 0) break;
      const fitted = fitEmbed(embed, budget);
      budget -= embedSize(fitted);
      embeds.push(fitted);
    }
    out.embeds = embeds;
  }
  if (out.components !== undefined) out.components = fitComponents(out.components);
  return out;
}

/** Total embed characters of a message, as Discord counts them against the 6000 limit. */
export function totalEmbedSize(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, e) => sum + embedSize(e), 0);
}
