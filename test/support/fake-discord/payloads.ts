/**
 * Discord-shaped payloads, built in one place and typed with discord-api-types (re-exported by discord.js):
 * users, members, channels, messages and interactions. The fake Discord sends these over its gateway, and
 * the HTTP endpoint's tests and the shared handler's unit tests post them, so every test speaks the same
 * payloads.
 */
import { randomBytes } from "node:crypto";
import { ApplicationCommandType, ChannelType, ComponentType, InteractionContextType } from "discord.js";
import { InteractionType, MessageType, PermissionFlagsBits } from "discord.js";
import type { GuildMemberFlags, MessageFlags, RoleFlags, APIDMChannel, APIGuildMember } from "discord.js";
import type { APIInteraction, APIMessage, APIRole, APITextChannel, APIUser } from "discord.js";
import type { JsonObject } from "./validation.js";

export type { JsonObject };

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

type MessageFields = "content" | "embeds" | "components" | "mentions" | "flags" | "type";
export type MessageArgs = Partial<Pick<APIMessage, MessageFields>> & {
  channelId: string;
  author: APIUser;
  mentionEveryone?: boolean;
};

export function message(args: MessageArgs): APIMessage {
  const { channelId: channel_id, author, content = "", embeds = [], components = [], mentions = [] } = args;
  const [type, flags] = [args.type ?? MessageType.Default, args.flags ?? (0 as MessageFlags)];
  const unset = { edited_timestamp: null, tts: false, mention_roles: [], attachments: [], pinned: false };
  const timestamp = new Date().toISOString();
  const mention_everyone = args.mentionEveryone ?? false;
  return {
    id: snowflake(),
    channel_id,
    author,
    content,
    timestamp,
    mention_everyone,
    mentions,
    embeds,
    components,
    type,
    flags,
    ...unset,
  };
}

export interface InteractionArgs {
  applicationId: string;
  type: InteractionType | number;
  /** The interaction's `data`, as Discord sends it for that type (left out when undefined). */
  data?: JsonObject | undefined;
  user: APIUser;
  /** In a guild channel (with `member`), or else in the user's DM channel (with `user`). */
  guild?: { id: string; channelId: string } | undefined;
  dmChannelId?: string;
  /** For components: the message carrying the component. */
  message?: APIMessage | undefined;
  token?: string;
  /** Extra top-level fields, merged last. */
  extra?: JsonObject;
}

/**
 * An INTERACTION_CREATE payload (what Discord also POSTs to an HTTP endpoint). The fields are Discord's; `data`
 * is the caller's, so the result is typed as the APIInteraction union it belongs to.
 */
export function interaction(args: InteractionArgs): APIInteraction {
  const { guild, user } = args;
  const channel = guild ? textChannel(guild.channelId, guild.id) : dmChannel(args.dmChannelId ?? snowflake(), user);
  const payload: JsonObject = {
    id: snowflake(),
    application_id: args.applicationId,
    type: args.type,
    ...(args.data === undefined ? {} : { data: args.data }),
    token: args.token ?? `fake-interaction-token-${randomBytes(16).toString("hex")}`,
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
          member: { ...member(args.user), permissions: DEFAULT_PERMISSIONS.toString() },
        }
      : { user: args.user }),
    ...(args.message === undefined ? {} : { message: args.message }),
    ...args.extra,
  };
  return payload as unknown as APIInteraction; // shaped field by field above; `data` is the caller's
}

/** `data` of a chat-input command or autocomplete interaction. */
export function commandData(name: string, options: JsonObject[] = [], id = snowflake()): JsonObject {
  return { id, name, type: ApplicationCommandType.ChatInput, ...(options.length > 0 ? { options } : {}) };
}

/** `data` of a message context-menu command targeting `target`. */
export function messageCommandData(name: string, target: APIMessage, id = snowflake()): JsonObject {
  const resolved = { messages: { [target.id]: target } };
  return { id, name, type: ApplicationCommandType.Message, target_id: target.id, resolved };
}

/** `data` of a button click or, with `values`, a string-select choice. */
export function componentData(customId: string, values?: string[]): JsonObject {
  return values === undefined
    ? { custom_id: customId, component_type: ComponentType.Button }
    : { custom_id: customId, component_type: ComponentType.StringSelect, values };
}
