import { ApplicationCommandType, SlashCommandBuilder } from "discord.js";
import type { AnswerEngine } from "../../answer/engine.js";
import { integerOption } from "./options.js";
import { messageResponse } from "../render/respond.js";
import { renderQuote } from "../render/quote.js";
import { everywhere } from "./builder.js";
import type { ChatInputCommand } from "../types.js";

/** The last sentence index: /quote's max_value, computed from the knowledge base the engine was built on. */
export function lastSentenceIndex(engine: AnswerEngine): number {
  return Math.max(0, engine.kb.sentences.length - 1);
}

/** /quote sentence:<integer 0..last> — the sentence verbatim, with the sentences before and after it. */
export const quote: ChatInputCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "quote",
  data: (engine) => {
    const last = lastSentenceIndex(engine);
    return everywhere(new SlashCommandBuilder())
      .setName("quote")
      .setDescription("Show one sentence of the article verbatim, with the sentences around it.")
      .addIntegerOption((o) =>
        o
          .setName("sentence")
          .setDescription(`Sentence number: 0 (the standfirst) to ${last}`)
          .setRequired(true)
          .setMinValue(0)
          .setMaxValue(last),
      )
      .toJSON();
  },

  execute(interaction, ctx) {
    // Discord enforces min/max, but the HTTP endpoint may see anything: quoteView says which range is valid.
    const view = ctx.engine.quoteView(integerOption(interaction, "sentence") ?? Number.NaN);
    ctx.outcome.answered = view.found;
    return messageResponse(renderQuote(view, ctx.engine), { ephemeral: !view.found });
  },
};
