import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { commandHelp } from "../../answer/help.js";
import type { Pack } from "../../answer/library.js";
import type { FactView } from "../../answer/types.js";
import { outcomeOf } from "../outcome.js";
import { renderFact } from "../render/fact.js";
import { LIMITS, truncate } from "../render/limits.js";
import { autocompleteResponse, messageResponse } from "../render/respond.js";
import { ARTICLE_OPTION, articleChoices, chosenPack } from "./article-option.js";
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
    const packs = pack === undefined ? ctx.library.packs : [pack];
    let found: { pack: Pack; view: FactView } | undefined;
    for (const p of packs) {
      const view = p.factEngine.factView(args.topic);
      if (view.found) {
        found = { pack: p, view };
        break;
      }
      found ??= { pack: p, view };
    }
    const { pack: from, view } = found!;
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
