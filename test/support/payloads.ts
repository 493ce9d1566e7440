/**
 * Every Discord payload the tests use, built in one place and typed with discord-api-types (re-exported by
 * discord.js): users, members, channels, messages, attachments and interactions. The fake Discord sends these
 * over its gateway; the shared handler's tests, the HTTP endpoint's tests and the load test post them.
 *
 * The interaction builders (`slashCommand`, `autocomplete`, `button`, ...) default to one guild member in one
 * text channel of one application (APP_ID, GUILD_ID, CHANNEL_ID); `opts` names another user, a DM, a message
 * the component sits on, the member's permissions. Every interaction token starts with TOKEN_PREFIX, so a test
 * can check that no log line ever contains one.
 */
import { randomBytes } from "node:crypto";
import { ApplicationCommandOptionType, ApplicationCommandType, ChannelType, ComponentType } from "discord.js";
import { InteractionContextType, InteractionType, MessageType, PermissionFlagsBits } from "discord.js";
import type { APIDMChannel, APIGuildMember, GuildMemberFlags, MessageFlags, RoleFlags } from "discord.js";
import type { APIAttachment, APIInteraction, APIMessage, APIRole, APITextChannel, APIUser } from "discord.js";
import type {
  APIApplicationCommandAutocompleteInteraction,
  APIChatInputApplicationCommandInteraction,
} from "discord.js";
import type { APIMessageApplicationCommandInteraction, APIMessageComponentInteraction } from "discord.js";
import type { APIModalSubmitInteraction, APIPingInteraction } from "discord.js";

export type JsonObject = Record<string, unknown>;

const DISCORD_EPOCH = 1420070400000n;
let lastMs = 0n;
let increment = 0n;

/** A realistic, strictly increasing snowflake (timestamp-based, so `createdAt` is sensible). */
export function snowflake(): string {
  const now = BigInt(Date.now());
  if (now > lastMs) {
    lastMs = now;
    increment = 0n;
  } else if (++increment >= 4096n) {
    lastMs += 1n;
    increment = 0n;
  }
  return (((lastMs - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export const APP_ID = "1100000000000000001";
const GUILD_ID = "1100000000000000002";
const CHANNEL_ID = "1100000000000000003";
/** Every interaction token starts with this (base64 of "interaction:secret-token"). */
export const TOKEN_PREFIX = "aW50ZXJhY3Rpb246c2VjcmV0LXRva2Vu";

/** What a normal member (and the bot) may do in the fake guild. */
export const DEFAULT_PERMISSIONS = [
  ...(["ViewChannel", "SendMessages", "EmbedLinks", "AttachFiles", "ReadMessageHistory"] as const),
  ...(["AddReactions", "UseExternalEmojis", "UseApplicationCommands"] as const),
].reduce((all, name) => all | PermissionFlagsBits[name], 0n);

export function user(id: string = snowflake(), partial: Partial<APIUser> = {}): APIUser {
  return { id, username: `user${id.slice(-4)}`, global_name: null, discriminator: "0", avatar: null, ...partial };
}

export function member(of: APIUser, roles: string[] = [], joinedAt = new Date().toISOString()): APIGuildMember {
  const flags = 0 as GuildMemberFlags;
  return {
    user: of,
    nick: null,
    avatar: null,
    roles,
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags,
    pending: false,
  };
}

export function textChannel(id: string, guildId: string): APITextChannel {
  const type = ChannelType.GuildText;
  return { id, type, guild_id: guildId, name: "general", position: 0, permission_overwrites: [] };
}

export function dmChannel(id: string, recipient: APIUser): APIDMChannel {
  return { id, type: ChannelType.DM, name: null, recipients: [recipient], last_message_id: null };
}

const ROLE_COLORS = { primary_color: 0, secondary_color: null, tertiary_color: null };

export function role(id: string, name: string, position: number, allow: bigint, extra: Partial<APIRole> = {}): APIRole {
  const [permissions, flags] = [allow.toString(), 0 as RoleFlags];
  const unset = { color: 0, colors: ROLE_COLORS, hoist: false, managed: false, mentionable: false };
  return { id, name, position, permissions, flags, ...unset, ...extra };
}

/** A file attached to a message or passed as a command option, downloadable from `url`. */
export function attachment(args: { id?: string; filename: string; size: number; url: string; contentType?: string }) {
  const { id = snowflake(), filename, size, url } = args;
  const file: APIAttachment = { id, filename, size, url, proxy_url: url };
  if (args.contentType !== undefined) file.content_type = args.contentType;
  return file;
}

type MessageFields = "content" | "embeds" | "components" | "mentions" | "flags" | "type" | "attachments";
export type MessageArgs = Partial<Pick<APIMessage, MessageFields>> & {
  channelId?: string;
  author?: APIUser;
  mentionEveryone?: boolean;
  /** A reply: the message it answers (`message_reference` and `referenced_message`, type Reply). */
  replyTo?: APIMessage;
};

/** A message in CHANNEL_ID by a fresh user, unless told otherwise. */
export function message(args: MessageArgs = {}): APIMessage {
  const { channelId: channel_id = CHANNEL_ID, author = user(), content = "", embeds = [], components = [] } = args;
  const { mentions = [], attachments = [], replyTo } = args;
  const [type, flags] = [
    args.type ?? (replyTo ? MessageType.Reply : MessageType.Default),
    args.flags ?? (0 as MessageFlags),
  ];
  const unset = { edited_timestamp: null, tts: false, mention_roles: [], pinned: false };
  const timestamp = new Date().toISOString();
  const mention_everyone = args.mentionEveryone ?? false;
  const m: APIMessage = {
    id: snowflake(),
    channel_id,
    author,
    content,
    timestamp,
    mention_everyone,
    mentions,
    embeds,
    components,
    attachments,
    type,
    flags,
    ...unset,
  };
  if (replyTo !== undefined) {
    m.message_reference = { type: 0, message_id: replyTo.id, channel_id: replyTo.channel_id };
    m.referenced_message = replyTo;
  }
  return m;
}

interface InteractionArgs {
  applicationId: string;
  type: InteractionType | number;
  /** The interaction's `data`, as Discord sends it for that type (left out when undefined). */
  data?: JsonObject | undefined;
  user: APIUser;
  /** In a guild channel (with `member`), or else in the user's DM channel (with `user`). */
  guild?: { id: string; channelId: string } | undefined;
  dmChannelId?: string;
  /** For components and modal submits from a component: the message carrying the component. */
  message?: APIMessage | undefined;
  /** The member's permissions in the channel (guild only): DEFAULT_PERMISSIONS unless given. */
  permissions?: bigint | undefined;
  token?: string | undefined;
  /** Extra top-level fields, merged last. */
  extra?: JsonObject | undefined;
}

/**
 * An INTERACTION_CREATE payload (what Discord also POSTs to an HTTP endpoint). The fields are Discord's; `data`
 * is the caller's, so the result is typed as the APIInteraction union it belongs to.
 */
function interaction(args: InteractionArgs): APIInteraction {
  const { guild, user } = args;
  const channel = guild ? textChannel(guild.channelId, guild.id) : dmChannel(args.dmChannelId ?? snowflake(), user);
  const permissions = (args.permissions ?? DEFAULT_PERMISSIONS).toString();
  const payload: JsonObject = {
    id: snowflake(),
    application_id: args.applicationId,
    type: args.type,
    ...(args.data === undefined ? {} : { data: args.data }),
    token: args.token ?? `${TOKEN_PREFIX}.${randomBytes(16).toString("hex")}`,
    version: 1,
    channel_id: channel.id,
    channel,
    app_permissions: DEFAULT_PERMISSIONS.toString(),
    locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": guild?.id ?? "0" },
    context: guild ? InteractionContextType.Guild : InteractionContextType.BotDM,
    attachment_size_limit: 10 * 1024 * 1024,
    ...(guild
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: "en-US", features: [] },
          guild_locale: "en-US",
          member: { ...member(args.user), permissions },
        }
      : { user: args.user }),
    ...(args.message === undefined ? {} : { message: args.message }),
    ...args.extra,
  };
  return payload as unknown as APIInteraction; // shaped field by field above; `data` is the caller's
}

/** Who sends an interaction, and where (defaults: a fixed member of GUILD_ID in CHANNEL_ID, of APP_ID). */
export interface InteractionOptions {
  applicationId?: string;
  user?: APIUser;
  /** The guild and channel; `false` for the user's DM with the bot. */
  guild?: { id: string; channelId: string } | false;
  dmChannelId?: string;
  /** For a component: the message it sits on (by default a bot message with that one component). */
  message?: APIMessage;
  permissions?: bigint;
  token?: string;
  extra?: JsonObject;
}

/** The member who sends interactions unless a test names another. */
export const MEMBER = user("1100000000000000004", { global_name: "Member" });

function sent(type: InteractionType, data: JsonObject | undefined, opts: InteractionOptions = {}): APIInteraction {
  const guild = opts.guild === false ? undefined : (opts.guild ?? { id: GUILD_ID, channelId: CHANNEL_ID });
  return interaction({
    applicationId: opts.applicationId ?? APP_ID,
    type,
    data,
    user: opts.user ?? MEMBER,
    guild,
    dmChannelId: opts.dmChannelId,
    message:
      type === InteractionType.MessageComponent
        ? (opts.message ?? componentMessage(data, guild?.channelId ?? opts.dmChannelId ?? CHANNEL_ID, opts))
        : opts.message,
    permissions: opts.permissions,
    token: opts.token,
    extra: opts.extra,
  });
}

/** The bot's message a component sits on, when a test does not pass one: that one component in one row. */
function componentMessage(data: JsonObject | undefined, channelId: string, opts: InteractionOptions): APIMessage {
  const customId = typeof data?.custom_id === "string" ? data.custom_id : "";
  const component =
    data?.component_type === ComponentType.StringSelect
      ? { type: ComponentType.StringSelect, custom_id: customId, options: [{ label: "Option", value: "option" }] }
      : { type: ComponentType.Button, style: 1, label: "Button", custom_id: customId };
  const bot = user(opts.applicationId ?? APP_ID, { username: "FakeBot", bot: true });
  const components = [{ type: ComponentType.ActionRow, components: [component] }] as APIMessage["components"];
  return message({ channelId, author: bot, content: "Component message", components });
}

/** Option helpers, as Discord sends options: `{ name, type, value }`. */
export const option = {
  string: (name: string, value: string, extra: JsonObject = {}): JsonObject => ({
    name,
    type: ApplicationCommandOptionType.String,
    value,
    ...extra,
  }),
  integer: (name: string, value: number): JsonObject => ({ name, type: ApplicationCommandOptionType.Integer, value }),
  boolean: (name: string, value: boolean): JsonObject => ({ name, type: ApplicationCommandOptionType.Boolean, value }),
  /** An attachment option: its value is the attachment's id (the file itself is in `resolved.attachments`). */
  attachment: (name: string, file: APIAttachment): JsonObject => ({
    name,
    type: ApplicationCommandOptionType.Attachment,
    value: file.id,
  }),
  /** The option being typed, for autocomplete. */
  focused: (name: string, value: string): JsonObject => ({
    name,
    type: ApplicationCommandOptionType.String,
    value,
    focused: true,
  }),
};

/** `data` of a chat-input command or autocomplete interaction; attachments given as options are resolved. */
function commandData(name: string, options: JsonObject[] = [], files: APIAttachment[] = []): JsonObject {
  const resolved =
    files.length > 0 ? { resolved: { attachments: Object.fromEntries(files.map((f) => [f.id, f])) } } : {};
  const type = ApplicationCommandType.ChatInput;
  return { id: snowflake(), name, type, ...(options.length > 0 ? { options } : {}), ...resolved };
}

/** `data` of a message context-menu command targeting `target`. */
function messageCommandData(name: string, target: APIMessage): JsonObject {
  const resolved = { messages: { [target.id]: target } };
  return { id: snowflake(), name, type: ApplicationCommandType.Message, target_id: target.id, resolved };
}

/** `data` of a button click or, with `values`, a string-select choice. */
function componentData(customId: string, values?: string[]): JsonObject {
  return values === undefined
    ? { custom_id: customId, component_type: ComponentType.Button }
    : { custom_id: customId, component_type: ComponentType.StringSelect, values };
}

/** `data` of a modal submit: one text input per field, each in its own action row, as Discord sends them. */
function modalSubmitData(customId: string, fields: Record<string, string>): JsonObject {
  const rows = Object.entries(fields).map(([id, value]) => ({
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.TextInput, custom_id: id, value }],
  }));
  return { custom_id: customId, components: rows };
}

/** `/name` with `options`; attachment options need their files in `files` (they are sent resolved). */
export function slashCommand(
  name: string,
  options: JsonObject[] = [],
  opts?: InteractionOptions & { files?: APIAttachment[] },
): APIChatInputApplicationCommandInteraction {
  const data = commandData(name, options, opts?.files);
  return sent(InteractionType.ApplicationCommand, data, opts) as APIChatInputApplicationCommandInteraction;
}

/** `/ask question:<question>`, the interaction most tests send. */
export function ask(question: string, opts?: InteractionOptions): APIChatInputApplicationCommandInteraction {
  return slashCommand("ask", [option.string("question", question)], opts);
}

/** Autocomplete of `/name`; mark the option being typed with `option.focused`. */
export function autocomplete(
  name: string,
  options: JsonObject[],
  opts?: InteractionOptions,
): APIApplicationCommandAutocompleteInteraction {
  const data = commandData(name, options);
  return sent(
    InteractionType.ApplicationCommandAutocomplete,
    data,
    opts,
  ) as APIApplicationCommandAutocompleteInteraction;
}

/** The message context-menu command `name` on `target`. */
export function messageContextMenu(
  name: string,
  target: APIMessage,
  opts?: InteractionOptions,
): APIMessageApplicationCommandInteraction {
  const data = messageCommandData(name, target);
  return sent(InteractionType.ApplicationCommand, data, opts) as APIMessageApplicationCommandInteraction;
}

/** A click on the button `customId` (on `opts.message`, or on a bot message holding just that button). */
export function button(customId: string, opts?: InteractionOptions): APIMessageComponentInteraction {
  return sent(InteractionType.MessageComponent, componentData(customId), opts) as APIMessageComponentInteraction;
}

/** A choice of `values` in the string select `customId`. */
export function select(customId: string, values: string[], opts?: InteractionOptions): APIMessageComponentInteraction {
  const data = componentData(customId, values);
  return sent(InteractionType.MessageComponent, data, opts) as APIMessageComponentInteraction;
}

/** The submit of the modal `customId`, its text inputs' values by custom_id. */
export function modalSubmit(
  customId: string,
  fields: Record<string, string>,
  opts?: InteractionOptions,
): APIModalSubmitInteraction {
  return sent(InteractionType.ModalSubmit, modalSubmitData(customId, fields), opts) as APIModalSubmitInteraction;
}

/** Discord's PING, as it sends one to check an HTTP endpoint. */
export function ping(): APIPingInteraction {
  return {
    id: snowflake(),
    application_id: APP_ID,
    type: InteractionType.Ping,
    token: `${TOKEN_PREFIX}.ping`,
    version: 1,
  } as APIPingInteraction;
}
