import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import { commandHelp } from "../../answer/help.js";
import { outcomeOf } from "../outcome.js";
import { renderFact } from "../render/fact.js";
import { autocompleteResponse, messageResponse } from "../render/respond.js";
import { EVERYWHERE, chatInputCommand } from "./define.js";

const help = commandHelp("fact");

export const data = {
  type: ApplicationCommandType.ChatInput,
  name: help.name,
  description: help.description,
  ...EVERYWHERE,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: help.argument,
      description: "Who or what, e.g. Kim Yo Jong, March, UN Security Council",
      required: true,
      max_length: 100,
      autocomplete: true,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** /fact topic:<string, autocomplete> — the fact card; an unknown topic gets "did you mean", ephemeral. */
export const fact = chatInputCommand({
  data,

  execute(args, ctx) {
    const view = ctx.engine.factView(args.topic);
    return { response: messageResponse(renderFact(view, ctx.engine), { ephemeral: !view.found }), outcome: outcomeOf(view.found) };
  },

  /** Fact names; matching runs over names and aliases. The value is the name, which /fact finds exactly. */
  autocomplete(focused, ctx) {
    return autocompleteResponse(ctx.engine.suggestFacts(focused.value, 25).map((f) => ({ name: `${f.name} (${f.kind})`, value: f.name })));
  },
});
