import type { APIInteraction } from "discord-api-types/v10";
import type { Surface } from "../../storage/index.js";
import type { ConversationKey } from "./conversations.js";
import type { InteractionContext } from "./types.js";

/** Who asked, and where: what the question log keeps of an interaction (the user id is hashed by the store). */
export interface Place {
  readonly userId: string | undefined;
  readonly guildId: string | undefined;
  readonly channelId: string | undefined;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** The invoking user (`member.user` in a server, `user` in a DM), the server and the channel of an interaction. */
export function placeOf(interaction: APIInteraction): Place {
  const loose = interaction as {
    member?: { user?: { id?: unknown } };
    user?: { id?: unknown };
    guild_id?: unknown;
    channel_id?: unknown;
    channel?: { id?: unknown };
  };
  return {
    userId: text(loose.member?.user?.id) ?? text(loose.user?.id),
    guildId: text(loose.guild_id),
    channelId: text(loose.channel?.id) ?? text(loose.channel_id),
  };
}

/** The question log's surface for an interaction: `http` over the HTTP endpoint, else what asked it. */
export function surfaceOf(ctx: InteractionContext, asked: Extract<Surface, "slash" | "button" | "menu">): Surface {
  return ctx.transport === "http" ? "http" : asked;
}

/** The conversation a place belongs to: its user in its channel (or DM); none without both. */
export function conversationOf({ userId, channelId }: Place): ConversationKey | undefined {
  return userId === undefined || channelId === undefined ? undefined : { user: userId, channel: channelId };
}
