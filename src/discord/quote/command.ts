/**
 * /quote n:<sentence> article:<pack>: one sentence of the article, verbatim, between its neighbours.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { commandHelp } from "../../answer/help.js";
import { ARTICLE_OPTION, articleChoices, chosenPack } from "../core/article-option.js";
import { EVERYWHERE, chatInputCommand } from "../core/define-command.js";
import { lastSentenceIndex } from "../../answer/views/surfaces.js";
import { ephemeralText, messageResponse } from "../core/respond.js";
import { outcomeOf } from "../core/types.js";
import { renderQuote } from "./render.js";

const help = commandHelp("quote");

/** The definition when the longest article's last sentence is S<last>. */
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
        description: `Sentence number: 0 (the first line) to ${last}`,
        required: true,
        min_value: 0,
        max_value: last,
      },
      ARTICLE_OPTION,
    ],
  }) as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * /quote sentence:<integer> article:<pack> — the sentence verbatim, with the sentences before and after it.
 * With one article loaded the article is optional; with several, a quote needs one.
 */
export const quote = chatInputCommand({
  name: help.name,
  data: (library) => data(lastSentenceIndex(library)),

  execute(args, ctx) {
    const { pack: chosen, refusal } = chosenPack(ctx.library, args.article);
    if (refusal !== undefined) return refusal;
    const pack = chosen ?? (ctx.library.packs.length === 1 ? ctx.library.first : undefined);
    if (pack === undefined) {
      const list = ctx.library.packs.map((p) => `\`${p.id}\``).join(", ");
      return {
        response: ephemeralText(`Which article? Add the article option: one of ${list}.`),
        outcome: "not-answered",
      };
    }
    // Discord enforces min/max, but the HTTP endpoint may see anything: quoteView says which range is valid.
    const view = pack.engine.quoteView(args.sentence);
    return {
      response: messageResponse(renderQuote(view, pack.engine), { ephemeral: !view.found }),
      outcome: outcomeOf(view.found),
    };
  },

  autocomplete: (focused, ctx) => articleChoices(ctx.library, focused.value),
});
