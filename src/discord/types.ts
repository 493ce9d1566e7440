import type {
  APIApplicationCommandAutocompleteInteraction,
  APIChatInputApplicationCommandInteraction,
  APIInteractionResponse,
  APIMessageApplicationCommandInteraction,
  APIMessageComponentInteraction,
  ApplicationCommandType,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { Library } from "../answer/library.js";
import type { Logger } from "../logger.js";
import type { Outcome } from "./outcome.js";
import type { Metrics } from "../metrics.js";
import type { UserRateLimiter } from "./rate-limit.js";

/**
 * The types the Discord layer shares: the handler context, what handlers return, and the shapes of command
 * and component modules. A leaf: it imports no other module of src/discord but the outcome and the rate
 * limiter's type, so commands, components, the dispatcher and both transports depend on it without a cycle.
 */

export type Awaitable<T> = T | Promise<T>;

export type { Outcome } from "./outcome.js";

/** Everything a handler needs. Built once per process (createInteractionContext) and shared by both transports. */
export interface InteractionContext {
  /** Every loaded article, each with its own engine. */
  readonly library: Library;
  readonly rateLimiter: UserRateLimiter;
  readonly logger: Logger;
  /** Counters and histograms for /metrics; absent in tests that do not look at them. */
  readonly metrics?: Metrics;
}

/** What a command or component handler returns: the interaction response, and how the request ended. */
export interface HandlerResult {
  readonly response: APIInteractionResponse;
  readonly outcome: Outcome;
}

/**
 * A chat-input command, as the dispatcher sees it (commands/define.ts builds one from a typed definition).
 * `data` is a function of the library because /quote's max_value is the longest article's last sentence index:
 * deploy-commands and both transports build the JSON from the same library (`defaultLibrary()`), so they agree.
 */
export interface ChatInputCommand {
  readonly type: ApplicationCommandType.ChatInput;
  data(library: Library): RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: APIChatInputApplicationCommandInteraction, ctx: InteractionContext): Awaitable<HandlerResult>;
  /** Choices for the option being typed (never rate-limited; there is nothing to answer yet). */
  autocomplete?(
    interaction: APIApplicationCommandAutocompleteInteraction,
    ctx: InteractionContext,
  ): Awaitable<APIInteractionResponse>;
}

export interface MessageCommand {
  readonly type: ApplicationCommandType.Message;
  data(library: Library): RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: APIMessageApplicationCommandInteraction, ctx: InteractionContext): Awaitable<HandlerResult>;
}

export type Command = ChatInputCommand | MessageCommand;

/** A message-component handler, routed by the custom_id prefix (see render/custom-id.ts). */
export interface ComponentHandler {
  readonly prefix: string;
  execute(
    interaction: APIMessageComponentInteraction,
    args: readonly string[],
    ctx: InteractionContext,
  ): Awaitable<HandlerResult>;
}
