import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { commandHelp } from "../../answer/help.js";
import { ARTICLE_OPTION, articleChoices, chosenPack } from "../core/article-option.js";
import { EVERYWHERE, chatInputCommand } from "../core/define-command.js";
import { findFact } from "../../answer/views/surfaces.js";
import { LIMITS, truncate } from "../core/limits.js";
import { autocompleteResponse, messageResponse } from "../core/respond.js";
import { outcomeOf } from "../core/types.js";
import { renderFact } from "./render.js";

const help = commandHelp("fact");

const data = {
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
    ARTICLE_OPTION,
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * /fact topic:<string, autocomplete> article:<pack> — the fact card (from the chosen article, or the first
 * article with a card of that name); an unknown topic gets "did you mean", ephemeral.
 */
export const fact = chatInputCommand({
  data,

  execute(args, ctx) {
    const { pack, refusal } = chosenPack(ctx.library, args.article);
    if (refusal !== undefined) return refusal;
    // A library always has a pack, so there is always a view (a card, or "did you mean").
    const { pack: from, view } = findFact(pack === undefined ? ctx.library.packs : [pack], args.topic)!;
    return {
      response: messageResponse(renderFact(view, from.factEngine), { ephemeral: !view.found }),
      outcome: outcomeOf(view.found),
    };
  },

  /** Fact names of every article (or the chosen one), labelled by article; the value is the name, which /fact finds exactly. */
  autocomplete(focused, ctx, args) {
    if (focused.name === "article") return articleChoices(ctx.library, focused.value);
    const { pack } = chosenPack(ctx.library, args.article);
    const packs = pack === undefined ? ctx.library.packs : [pack];
    const labelled = packs.length > 1;
    const choices = packs.flatMap((p) =>
      p.factEngine.suggestFacts(focused.value, 25).map((f) => ({
        name: truncate(labelled ? `${f.name} (${f.kind}) — ${p.title}` : `${f.name} (${f.kind})`, LIMITS.choiceName),
        value: f.name,
      })),
    );
    return autocompleteResponse(choices.slice(0, 25));
  },
});
