import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import { commandHelp } from "../../answer/help.js";
import { outcomeOfAnswer } from "../outcome.js";
import { renderAnswer } from "../render/answer.js";
import { autocompleteResponse, messageResponse } from "../render/respond.js";
import { EVERYWHERE, chatInputCommand } from "./define.js";

export const QUESTION_MAX_LENGTH = 300;

const help = commandHelp("ask");

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: help.name,
  description: help.description,
  ...EVERYWHERE,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: help.argument,
      description: "Your question, e.g. When did Putin first visit North Korea?",
      required: true,
      max_length: QUESTION_MAX_LENGTH,
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: "private",
      description: "Only you see the answer (default: everyone in the channel)",
      required: false,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** /ask question:<string, autocomplete> private:<boolean> — the answer embed, ephemeral when private. */
export const ask = chatInputCommand({
  data,

  execute(args, ctx) {
    const answer = ctx.engine.answer(args.question.slice(0, QUESTION_MAX_LENGTH));
    return {
      response: messageResponse(renderAnswer(answer, ctx.engine), { ephemeral: args.private === true }),
      outcome: outcomeOfAnswer(answer),
    };
  },

  /** The knowledge base's questions ranked against what has been typed (pinned ones first when empty). */
  autocomplete(focused, ctx) {
    return autocompleteResponse(ctx.engine.suggestQuestions(focused.value, 25).map((e) => ({ name: e.question, value: e.question })));
  },
});
