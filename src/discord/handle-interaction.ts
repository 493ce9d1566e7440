import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  type APIInteraction,
  type APIInteractionResponse,
} from "discord-api-types/v10";
import { describeError } from "../logger.js";
import { outcomeLabel } from "../metrics.js";
import { echoUserText } from "./core/escape.js";
import { APOLOGY, autocompleteResponse, ephemeralText, finalizeResponse, rateLimitText } from "./core/respond.js";
import { answeredField, engineOutcomeOf, type HandlerResult, type InteractionContext } from "./core/types.js";
import { findCommand, findComponent, findModal } from "./registry.js";

type InteractionKindName = "ping" | "command" | "context-menu" | "autocomplete" | "component" | "modal" | "unknown";

/**
 * Transport-agnostic: a raw Discord API interaction payload in, the interaction response JSON out.
 * Never throws. The one seam both transports use: the gateway bot (gateway/events.ts POSTs the result to the
 * interaction callback route) and by the HTTP interactions endpoint (which returns it as the HTTP response body), so both
 * answer byte-for-byte identically.
 *
 *  - PING → PONG.
 *  - Application commands (chat input and message context menu) → the command module with that name.
 *  - Autocomplete → that command's autocomplete (not rate-limited: it fires on every keystroke).
 *  - Message components and modal submits → the handler for the custom_id prefix.
 *  - A handler's deferred response is returned at once; its follow-up is sent when ready (sendLater), and never
 *    before `responded` settles: the transport's promise that the response itself has been sent (Discord
 *    refuses the edit of a response it has not received yet).
 *  - Commands and components are rate-limited per user; unknown commands/components/types and handler
 *    errors get a short ephemeral message. Every message response has allowed_mentions {parse: []} and is
 *    fitted to Discord's limits here, once (finalizeResponse). One structured log line per interaction.
 */
export async function handleInteraction(
  interaction: APIInteraction,
  ctx: InteractionContext,
  responded: Promise<unknown> = Promise.resolve(),
): Promise<APIInteractionResponse> {
  const started = performance.now();
  const meta = safely(() => describeInteraction(interaction)) ?? {
    kind: "unknown" as const,
    command: null,
    user: null,
  };
  let result: HandlerResult;
  const limit: LimitState = { limited: false };
  let failed = false;
  try {
    result = await dispatch(interaction, ctx, limit);
  } catch (error) {
    failed = true;
    safely(() =>
      ctx.logger.error("interaction-error", {
        kind: meta.kind,
        command: meta.command,
        user: meta.user,
        error: describeError(error, safely(() => secretsOf(interaction)) ?? []),
      }),
    );
    result = {
      response: meta.kind === "autocomplete" ? autocompleteResponse([]) : ephemeralText(APOLOGY),
      outcome: "not-answered",
    };
  }
  const { response, outcome } = result;
  const final = safely(() => finalizeResponse(response)) ?? response;
  if (result.later !== undefined) void sendLater(interaction, result.later, responded, ctx);
  safely(() =>
    ctx.logger.info("interaction", {
      kind: meta.kind,
      command: meta.command,
      user: meta.user,
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      answered: answeredField(outcome),
    }),
  );
  safely(() =>
    ctx.metrics?.interactions.inc({
      command: metricsCommand(meta.kind, meta.command),
      outcome: outcomeLabel({
        answered: answeredField(outcome) ?? undefined,
        engineOutcome: engineOutcomeOf(outcome),
        rateLimited: limit.limited,
        failed,
      }),
    }),
  );
  return final;
}

/** Whether this interaction was refused by the rate limiter (for the metrics' outcome label). */
interface LimitState {
  limited: boolean;
}

/** A response that answers nothing (a refusal, a stale button, a rate-limit notice). */
function notAnswered(response: APIInteractionResponse): HandlerResult {
  return { response, outcome: "not-answered" };
}

async function dispatch(
  interaction: APIInteraction,
  ctx: InteractionContext,
  limit: LimitState,
): Promise<HandlerResult> {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { response: { type: InteractionResponseType.Pong }, outcome: "nothing-to-answer" };

    case InteractionType.ApplicationCommand: {
      const { name, type } = interaction.data;
      const command = findCommand(name, type);
      if (command === undefined) {
        return notAnswered(
          ephemeralText(
            `I don't know the command "${echoUserText(String(name), 32)}" — it may have been removed. Try /help.`,
          ),
        );
      }
      const limited = await rateLimited(interaction, ctx, limit);
      if (limited !== undefined) return limited;
      if (
        command.type === ApplicationCommandType.ChatInput &&
        interaction.data.type === ApplicationCommandType.ChatInput
      ) {
        return command.execute(interaction as Parameters<typeof command.execute>[0], ctx);
      }
      if (command.type === ApplicationCommandType.Message && interaction.data.type === ApplicationCommandType.Message) {
        return command.execute(interaction as Parameters<typeof command.execute>[0], ctx);
      }
      return notAnswered(ephemeralText("I can't handle that kind of command."));
    }

    case InteractionType.ApplicationCommandAutocomplete: {
      const command = findCommand(interaction.data.name, ApplicationCommandType.ChatInput);
      const response =
        command?.type !== ApplicationCommandType.ChatInput || command.autocomplete === undefined
          ? autocompleteResponse([])
          : await command.autocomplete(interaction, ctx);
      return { response, outcome: "nothing-to-answer" };
    }

    case InteractionType.MessageComponent:
      return routed(
        interaction,
        findComponent(interaction.data.custom_id),
        "That button or menu is from an older version of the bot and no longer works. Try /ask.",
        ctx,
        limit,
      );

    case InteractionType.ModalSubmit:
      return routed(
        interaction,
        findModal(interaction.data.custom_id),
        "That form is from an older version of the bot and no longer works. Open it again.",
        ctx,
        limit,
      );

    default:
      return notAnswered(ephemeralText("I can't handle that kind of interaction."));
  }
}

/**
 * A deferred response's follow-up: the handler's later result, fitted to Discord's limits like every response,
 * replaces the "thinking…" message (ctx.followUp). A failure (the work threw, Discord refused the edit) is
 * logged without the interaction token; when the work threw, the apology is sent instead.
 */
async function sendLater(
  interaction: APIInteraction,
  later: Promise<HandlerResult>,
  responded: Promise<unknown>,
  ctx: InteractionContext,
): Promise<void> {
  const secrets = safely(() => secretsOf(interaction)) ?? [];
  let result: HandlerResult;
  try {
    result = await later;
  } catch (error) {
    ctx.logger.error("interaction-error", { kind: "follow-up", error: describeError(error, secrets) });
    result = { response: ephemeralText(APOLOGY), outcome: "not-answered" };
  }
  await responded.catch(() => undefined);
  const final = finalizeResponse(result.response);
  // The message replaces the deferred one, whose visibility (flags) was set when it was deferred.
  const { flags: _deferred, ...message } =
    final.type === InteractionResponseType.ChannelMessageWithSource ? (final.data ?? {}) : { content: APOLOGY };
  try {
    if (ctx.followUp === undefined) throw new Error("no way to send a follow-up");
    await ctx.followUp(interaction, { ...message, allowed_mentions: { parse: [] } });
    ctx.logger.info("interaction-follow-up", { answered: answeredField(result.outcome) });
  } catch (error) {
    ctx.logger.warn("interaction-follow-up-failed", { error: describeError(error, secrets) });
  }
}

/** A component or a form, to the handler its custom_id's prefix names (rate-limited), or `stale` when none does. */
async function routed<I extends APIInteraction>(
  interaction: I,
  found:
    | {
        handler: {
          execute(i: I, args: readonly string[], ctx: InteractionContext): HandlerResult | Promise<HandlerResult>;
        };
        args: string[];
      }
    | undefined,
  stale: string,
  ctx: InteractionContext,
  limit: LimitState,
): Promise<HandlerResult> {
  if (found === undefined) return notAnswered(ephemeralText(stale));
  const limited = await rateLimited(interaction, ctx, limit);
  if (limited !== undefined) return limited;
  return found.handler.execute(interaction, found.args, ctx);
}

async function rateLimited(
  interaction: APIInteraction,
  ctx: InteractionContext,
  limit: LimitState,
): Promise<HandlerResult | undefined> {
  const result = await ctx.rateLimiter.check(userIdOf(interaction) ?? "unknown");
  if (result.allowed) return undefined;
  limit.limited = true;
  return notAnswered(ephemeralText(rateLimitText(result.retryAt)));
}

/**
 * The `command` label: a command or component this bot has, or the kind of interaction. Never the raw name
 * from the payload (anyone can send any name; labels must stay a small set).
 */
function metricsCommand(kind: InteractionKindName, command: string | null): string {
  if (kind === "command" || kind === "context-menu" || kind === "autocomplete") {
    const type = kind === "context-menu" ? ApplicationCommandType.Message : ApplicationCommandType.ChatInput;
    const name = (command === null ? undefined : findCommand(command, type)?.name) ?? "unknown";
    return kind === "autocomplete" ? `${name}:autocomplete` : name;
  }
  if (kind === "component")
    return command !== null && findComponent(`${command}:`) !== undefined
      ? `component:${command}`
      : "component:unknown";
  return kind;
}

/** The invoking user's id: `member.user` in a guild, `user` in DMs. */
function userIdOf(interaction: APIInteraction): string | undefined {
  const loose = interaction as { member?: { user?: { id?: unknown } }; user?: { id?: unknown } };
  const id = loose.member?.user?.id ?? loose.user?.id;
  return typeof id === "string" ? id : undefined;
}

function describeInteraction(interaction: APIInteraction): {
  kind: InteractionKindName;
  command: string | null;
  user: string | null;
} {
  const user = safely(() => userIdOf(interaction)) ?? null;
  const data = (interaction as { data?: { name?: unknown; custom_id?: unknown; type?: unknown } }).data;
  switch (interaction.type) {
    case InteractionType.Ping:
      return { kind: "ping", command: null, user };
    case InteractionType.ApplicationCommand:
      return {
        kind: data?.type === ApplicationCommandType.ChatInput ? "command" : "context-menu",
        command: typeof data?.name === "string" ? data.name : null,
        user,
      };
    case InteractionType.ApplicationCommandAutocomplete:
      return { kind: "autocomplete", command: typeof data?.name === "string" ? data.name : null, user };
    case InteractionType.MessageComponent:
      // The prefix names the component; the rest of the custom_id is data, not worth a log field.
      return {
        kind: "component",
        command: typeof data?.custom_id === "string" ? (data.custom_id.split(":")[0] ?? null) : null,
        user,
      };
    case InteractionType.ModalSubmit:
      return { kind: "modal", command: null, user };
    default:
      return { kind: "unknown", command: null, user };
  }
}

/** The interaction token is a secret (it allows posting as the bot for 15 minutes): never log it. */
function secretsOf(interaction: APIInteraction): string[] {
  const token = (interaction as { token?: unknown }).token;
  return typeof token === "string" && token.length > 0 ? [token] : [];
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
