import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import type { AnswerEngine } from "../../answer/engine.js";
import { commandHelp } from "../../answer/help.js";
import { outcomeOf } from "../outcome.js";
import { renderQuote } from "../render/quote.js";
import { messageResponse } from "../render/respond.js";
import { EVERYWHERE, chatInputCommand } from "./define.js";

/** The last sentence index: /quote's max_value, computed from the knowledge base the engine was built on. */
export function lastSentenceIndex(engine: AnswerEngine): number {
  return Math.max(0, engine.kb.sentences.length - 1);
}

const help = commandHelp("quote");

/** The definition for a knowledge base whose last sentence is S<last>. */
export const data = (last: number) =>
  ({
    type: ApplicationCommandType.ChatInput,
    name: help.name,
    description: help.description,
    ...EVERYWHERE,
    options: [
      {
        type: ApplicationCommandOptionType.Integer,
        name: help.argument,
        description: `Sentence number: 0 (the standfirst) to ${last}`,
        required: true,
        min_value: 0,
        max_value: last,
      },
    ],
  }) as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** /quote sentence:<integer 0..last> — the sentence verbatim, with the sentences before and after it. */
export const quote = chatInputCommand({
  data: (engine) => data(lastSentenceIndex(engine)),

  execute(args, ctx) {
    // Discord enforces min/max, but the HTTP endpoint may see anything: quoteView says which range is valid.
    const view = ctx.engine.quoteView(args.sentence);
    return { response: messageResponse(renderQuote(view, ctx.engine), { ephemeral: !view.found }), outcome: outcomeOf(view.found) };
  },
});
