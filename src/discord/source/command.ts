import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import { commandHelp } from "../../answer/help.js";
import { ARTICLE_OPTION, articleChoices, chosenPack } from "../core/article-option.js";
import { EVERYWHERE, chatInputCommand } from "../core/define-command.js";
import { sourceViewOf } from "../../answer/views/surfaces.js";
import { messageResponse } from "../core/respond.js";
import { renderArticles, renderSource } from "./render.js";

const help = commandHelp("source");

const data = {
  type: ApplicationCommandType.ChatInput,
  name: help.name,
  description: help.description,
  ...EVERYWHERE,
  options: [ARTICLE_OPTION],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * /source article:<pack> — the article: title, what it covers, its size, how answers are chosen. Without an
 * article and with several loaded, the list of articles (title, sentences, draft or curated).
 */
export const source = chatInputCommand({
  data,
  execute(args, ctx) {
    const { pack, refusal } = chosenPack(ctx.library, args.article);
    if (refusal !== undefined) return refusal;
    const one = pack ?? (ctx.library.packs.length === 1 ? ctx.library.first : undefined);
    if (one === undefined) return { response: messageResponse(renderArticles(ctx.library.packs)), outcome: "answered" };
    return { response: messageResponse(renderSource(sourceViewOf(one))), outcome: "answered" };
  },
  autocomplete: (focused, ctx) => articleChoices(ctx.library, focused.value),
});
