import { ApplicationCommandType, SlashCommandBuilder } from "discord.js";
import { booleanOption, focusedOption, stringOption } from "./options.js";
import { autocompleteResponse, messageResponse } from "../render/respond.js";
import { renderAnswer } from "../render/answer.js";
import { everywhere } from "./builder.js";
import type { ChatInputCommand } from "../types.js";

export const QUESTION_MAX_LENGTH = 300;

/** /ask question:<string, autocomplete> private:<boolean> — the answer embed, ephemeral when private. */
export const ask: ChatInputCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "ask",
  data: () =>
    everywhere(new SlashCommandBuilder())
      .setName("ask")
      .setDescription("Ask a question about the article; the answer quotes the article's own sentences.")
      .addStringOption((o) =>
        o
          .setName("question")
          .setDescription("Your question, e.g. When did Putin first visit North Korea?")
          .setRequired(true)
          .setMaxLength(QUESTION_MAX_LENGTH)
          .setAutocomplete(true),
      )
      .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer (default: everyone in the channel)"))
      .toJSON(),

  execute(interaction, ctx) {
    const question = (stringOption(interaction, "question") ?? "").slice(0, QUESTION_MAX_LENGTH);
    const answer = ctx.engine.answer(question);
    ctx.outcome.answered = answer.answered;
    return messageResponse(renderAnswer(answer, ctx.engine), { ephemeral: booleanOption(interaction, "private") === true });
  },

  /** The knowledge base's questions ranked against what has been typed (pinned ones first when empty). */
  autocomplete(interaction, ctx) {
    const focused = focusedOption(interaction);
    if (focused?.name !== "question") return autocompleteResponse([]);
    return autocompleteResponse(ctx.engine.suggestQuestions(focused.value, 25).map((e) => ({ name: e.question, value: e.question })));
  },
};
