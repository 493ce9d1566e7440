import type {
  APIApplicationCommandAutocompleteInteraction,
  APIChatInputApplicationCommandInteraction,
  APIInteractionResponse,
  APIInteractionResponseCallbackData,
  APIMessageApplicationCommandInteraction,
  APIMessageComponentInteraction,
  APIModalSubmitInteraction,
  ApplicationCommandType,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { Library } from "../../answer/library.js";
import type { Outcome as AnswerOutcome } from "../../answer/types.js";
import type { Logger } from "../../logger.js";
import type { Metrics } from "../../metrics.js";
import type { ConversationStore } from "./conversations.js";
import type { Owner } from "../../owner/index.js";
import type { UserRateLimiter } from "./rate-limit.js";

/**
 * What every handler shares: the context it runs in, what it returns (a response and how the request ended),
 * and the shapes of command and component modules. Imports no other module of src/discord but the rate
 * limiter's and the conversation store's types, so every feature, the dispatcher and both transports depend on it without a cycle.
 */

export type Awaitable<T> = T | Promise<T>;

/** Everything a handler needs. Built once per process (createInteractionContext) and shared by both transports. */
export interface InteractionContext {
  /** Every loaded article, each with its own engine (with an owner: the library served now; read it once per request). */
  readonly library: Library;
  readonly rateLimiter: UserRateLimiter;
  /**
   * Where conversations are remembered (follow-up questions: core/conversations.ts). Without one, every question
   * stands alone.
   */
  readonly conversations?: ConversationStore;
  readonly logger: Logger;
  /** Counters and histograms for /metrics; absent in tests that do not look at them. */
  readonly metrics?: Metrics;
  /**
   * The store and what rests on it: the question log and votes, default articles, the review, articles added
   * from Discord. Absent (tests of the answers alone): nothing is logged and the moderators' commands say so.
   */
  readonly owner?: Owner;
  /** How interactions arrive, for the question log's surface: over the gateway (default) or the HTTP endpoint. */
  readonly transport?: "gateway" | "http";
  /** Sends the message that replaces a deferred response (see HandlerResult.later). */
  readonly followUp?: FollowUp;
  /** A moderator's action still working after this long is deferred (default 1.5 s: Discord allows 3 s). */
  readonly deferAfterMs?: number;
}

/** Edits the original response of an interaction (a deferred one) with its final message. */
export type FollowUp = (
  interaction: { readonly application_id: string; readonly token: string },
  data: APIInteractionResponseCallbackData,
) => Promise<void>;

/**
 * How one request ended, for its structured log line and the metrics: the engine's own outcomes for a
 * question (answered, corrected, a summary, unsure, not covered), not answered (a missing fact card, a stale button,
 * a rate limit, an error), or nothing to answer (a ping, an autocomplete, /help). A new ending is added here only.
 */
export type Outcome =
  "answered" | "corrected" | "summary" | "unsure" | "not-covered" | "not-answered" | "nothing-to-answer";

/** What a command or component handler returns: the interaction response, and how the request ended. */
export interface HandlerResult {
  readonly response: APIInteractionResponse;
  readonly outcome: Outcome;
  /**
   * With a deferred response (type 5, "thinking…"): the result that replaces it once the work is done, sent by
   * the dispatcher through the context's `followUp` (the message of its response is what is sent).
   */
  readonly later?: Promise<HandlerResult>;
}

/**
 * A chat-input command, as the dispatcher sees it (core/define-command.ts builds one from a typed definition).
 * `name` is fixed; `data` is a function of the library because /quote's max_value is the longest article's last
 * sentence index: deploy-commands and both transports build the JSON from the same library, so they agree.
 */
export interface ChatInputCommand {
  readonly type: ApplicationCommandType.ChatInput;
  readonly name: string;
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
  readonly name: string;
  data(library: Library): RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: APIMessageApplicationCommandInteraction, ctx: InteractionContext): Awaitable<HandlerResult>;
}

export type Command = ChatInputCommand | MessageCommand;

/** A message-component handler, routed by the custom_id prefix (see core/custom-id.ts). */
export interface ComponentHandler {
  readonly prefix: string;
  execute(
    interaction: APIMessageComponentInteraction,
    args: readonly string[],
    ctx: InteractionContext,
  ): Awaitable<HandlerResult>;
}

/** A modal-submit handler, routed by the modal's custom_id prefix (see core/custom-id.ts). */
export interface ModalHandler {
  readonly prefix: string;
  execute(
    interaction: APIModalSubmitInteraction,
    args: readonly string[],
    ctx: InteractionContext,
  ): Awaitable<HandlerResult>;
}

export function outcomeOf(answered: boolean): Outcome {
  return answered ? "answered" : "not-answered";
}

/** The outcome of a question the engine answered (or not). */
export function outcomeOfAnswer(answer: { readonly outcome: AnswerOutcome }): Outcome {
  return answer.outcome === "not_covered" ? "not-covered" : answer.outcome;
}

/** The log line's `answered` field: true, false, or null when there was nothing to answer. */
export function answeredField(outcome: Outcome): boolean | null {
  switch (outcome) {
    case "answered":
    case "corrected":
    case "summary":
      return true;
    case "unsure":
    case "not-covered":
    case "not-answered":
      return false;
    case "nothing-to-answer":
      return null;
  }
}

/** The engine's outcome, for the metrics' label, when the request was a question. */
export function engineOutcomeOf(outcome: Outcome): AnswerOutcome | undefined {
  switch (outcome) {
    case "answered":
    case "corrected":
    case "summary":
    case "unsure":
      return outcome;
    case "not-covered":
      return "not_covered";
    default:
      return undefined;
  }
}
