import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { commandHelp } from "../../answer/help.js";
import { ARTICLE_OPTION, articleChoices, chosenPack } from "../core/article-option.js";
import { EVERYWHERE, chatInputCommand } from "../core/define-command.js";
import { autocompleteResponse, messageResponse } from "../core/respond.js";
import { placeOf, surfaceOf } from "../core/place.js";
import { askQuestion, QUESTION_MAX_LENGTH } from "./answer.js";

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
    ARTICLE_OPTION,
    {
      type: ApplicationCommandOptionType.Boolean,
      name: "private",
      description: "Only you see the answer (default: everyone in the channel)",
      required: false,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * /ask question:<string, autocomplete> article:<pack, autocomplete> private:<boolean> — the answer embed
 * (naming the article it quotes), ephemeral when private. Without an article, the channel's default article,
 * else the server's, else the pack whose answer wins; when several answer about equally well, the embed says so
 * with a button per article. It continues the user's conversation in the channel (a follow-up such as "what did
 * she say?" after their last question). Logged, with 👍/👎 under it.
 */
export const ask = chatInputCommand({
  data,

  async execute(args, ctx, interaction) {
    const { pack, refusal } = chosenPack(ctx.library, args.article);
    if (refusal !== undefined) return refusal;
    const { reply, outcome } = await askQuestion(ctx, {
      question: args.question,
      articleId: pack?.id,
      surface: surfaceOf(ctx, "slash"),
      place: placeOf(interaction),
    });
    return { response: messageResponse(reply, { ephemeral: args.private === true }), outcome };
  },

  /**
   * The question: the curated questions ranked against what has been typed (pinned ones first when empty), of
   * the chosen article or of every article; the article: the loaded articles' titles.
   */
  autocomplete(focused, ctx, args) {
    if (focused.name === "article") return articleChoices(ctx.library, focused.value);
    const { pack } = chosenPack(ctx.library, args.article);
    const packs = pack === undefined ? ctx.library.packs : [pack];
    const questions = packs.flatMap((p) => p.engine.suggestQuestions(focused.value, 25).map((e) => e.question));
    return autocompleteResponse(questions.slice(0, 25).map((q) => ({ name: q, value: q })));
  },
});
