import {
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { Owner } from "../../owner/index.js";
import { placeOf } from "./place.js";
import { NO_STORE, ephemeralText } from "./respond.js";
import type { HandlerResult, InteractionContext } from "./types.js";

/**
 * The moderators' commands (/review, /article): registered for members with Manage Server only
 * (`default_member_permissions`), in servers only. A server's admins can give the command to others in its
 * integration settings, so every use is checked again against the member's own permissions.
 */
export const MODERATORS_ONLY: Pick<
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  "default_member_permissions" | "contexts" | "integration_types"
> = {
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

/** Whether the member who sent the interaction may manage the server (Manage Server, or Administrator). */
function canManageServer(interaction: APIInteraction): boolean {
  const permissions = (interaction as { member?: { permissions?: unknown } }).member?.permissions;
  if (typeof permissions !== "string" || !/^\d{1,40}$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n;
}

/** The refusal for a member who may not manage the server (or for a use outside a server), else undefined. */
function moderatorsOnly(interaction: APIInteraction, what: string): HandlerResult | undefined {
  if (canManageServer(interaction)) return undefined;
  const inServer = typeof (interaction as { guild_id?: unknown }).guild_id === "string";
  return {
    response: ephemeralText(
      inServer
        ? `Only moderators (members with the Manage Server permission) can ${what}.`
        : `That only works in a server, for its moderators (Manage Server).`,
    ),
    outcome: "not-answered",
  };
}

/**
 * What a moderator's action needs: the owner (the store and what rests on it) and the moderator's id; or the
 * reply that refuses it (not a moderator, not in a server, or a bot without its store).
 */
export function moderatorAction(
  interaction: APIInteraction,
  ctx: InteractionContext,
  what: string,
): { readonly owner: Owner; readonly userId: string } | HandlerResult {
  const refusal = moderatorsOnly(interaction, what);
  if (refusal !== undefined) return refusal;
  const { userId } = placeOf(interaction);
  if (ctx.owner === undefined || userId === undefined)
    return { response: ephemeralText(NO_STORE), outcome: "not-answered" };
  return { owner: ctx.owner, userId };
}
