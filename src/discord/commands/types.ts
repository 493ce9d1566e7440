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
import type { AnswerEngine } from "../../answer/engine.js";
import type { InteractionContext } from "../interactions/handle-interaction.js";

type Awaitable<T> = T | Promise<T>;

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

/** A message-component handler, routed by the custom_id prefix (see components/custom-id.ts). */
export interface ComponentHandler {
  readonly prefix: string;
  execute(interaction: APIMessageComponentInteraction, args: readonly string[], ctx: InvocationContext): Awaitable<APIInteractionResponse>;
}
