import { ApplicationCommandType, SlashCommandBuilder } from "discord.js";
import { focusedOption, stringOption } from "./options.js";
import { autocompleteResponse, messageResponse } from "../render/respond.js";
import { renderFact } from "../render/fact.js";
import { everywhere } from "./builder.js";
import type { ChatInputCommand } from "../types.js";

/** /fact topic:<string, autocomplete> — the fact card; an unknown topic gets "did you mean", ephemeral. */
export const fact: ChatInputCommand = {
  type: ApplicationCommandType.ChatInput,
  name: "fact",
  data: () =>
    everywhere(new SlashCommandBuilder())
      .setName("fact")
      .setDescription("Quick fact lookup: a person, place, organisation, weapon, date or number in the article.")
      .addStringOption((o) =>
        o
          .setName("topic")
          .setDescription("Who or what, e.g. Kim Yo Jong, March, UN Security Council")
          .setRequired(true)
          .setMaxLength(100)
          .setAutocomplete(true),
      )
      .toJSON(),

  execute(interaction, ctx) {
    const view = ctx.engine.factView(stringOption(interaction, "topic") ?? "");
    ctx.outcome.answered = view.found;
    return messageResponse(renderFact(view, ctx.engine), { ephemeral: !view.found });
  },

  /** Fact names; matching runs over names and aliases. The value is the name, which /fact finds exactly. */
  autocomplete(interaction, ctx) {
    const focused = focusedOption(interaction);
    if (focused?.name !== "topic") return autocompleteResponse([]);
    return autocompleteResponse(
      ctx.engine.suggestFacts(focused.value, 25).map((f) => ({ name: `${f.name} (${f.kind})`, value: f.name })),
    );
  },
};
