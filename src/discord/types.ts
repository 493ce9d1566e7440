import type {
  APIApplicationCommandAutocompleteInteraction,
  APIChatInputApplicationCommandInteraction,
  APIInteractionResponse,
  APIMessageApplicationCommandInteraction,
  APIMessageComponentInteraction,
  ApplicationCommandType,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord.js";
import type { AnswerEngine } from "../answer/engine.js";
import type { Logger } from "../logger.js";
import type { RateLimiter } from "./rate-limit.js";

/**
 * The types the Discord layer shares: the handler context, what handlers return, and the shapes of command
 * and component modules. A leaf: it imports no other module of src/discord except the rate limiter's type, so
 * commands, components, the dispatcher and both transports can all depend on it without a cycle.
 */

type Awaitable<T> = T | Promise<T>;

/** Everything a handler needs. Built once per process (createInteractionContext) and shared by both transports. */
export interface InteractionContext {
  readonly engine: AnswerEngine;
  readonly rateLimiter: RateLimiter;
  readonly logger: Logger;
}

/** What one handler invocation reports back for the structured log line. */
export interface Outcome {
  /** Whether the user's request was answered (false for "the article doesn't say", unknown topic, ...). */
  answered: boolean | undefined;
}

/** The context a command or component handler runs with: the shared context plus this invocation's outcome. */
export interface InvocationContext extends InteractionContext {
  readonly outcome: Outcome;
}

/**
 * A command module. `data` is a function of the engine because /quote's max_value is the knowledge base's
 * last sentence index: deploy-commands and both transports build the JSON from the same engine
 * (`defaultEngine()`), so they always agree.
 */
export interface ChatInputCommand {
  readonly type: ApplicationCommandType.ChatInput;
  readonly name: string;
  data(engine: AnswerEngine): RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: APIChatInputApplicationCommandInteraction, ctx: InvocationContext): Awaitable<APIInteractionResponse>;
  autocomplete?(interaction: APIApplicationCommandAutocompleteInteraction, ctx: InvocationContext): Awaitable<APIInteractionResponse>;
}

export interface MessageCommand {
  readonly type: ApplicationCommandType.Message;
  readonly name: string;
  data(engine: AnswerEngine): RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: APIMessageApplicationCommandInteraction, ctx: InvocationContext): Awaitable<APIInteractionResponse>;
}

export type Command = ChatInputCommand | MessageCommand;

/** A message-component handler, routed by the custom_id prefix (see render/custom-id.ts). */
export interface ComponentHandler {
  readonly prefix: string;
  execute(interaction: APIMessageComponentInteraction, args: readonly string[], ctx: InvocationContext): Awaitable<APIInteractionResponse>;
}
