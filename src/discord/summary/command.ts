/**
 * /summary article:<pack>: 3–5 of the article's own sentences that cover it, each cited.
 */
import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import { topicOf } from "../../answer/conversation.js";
import { commandHelp } from "../../answer/help.js";
import type { LibraryAnswer } from "../../answer/library.js";
import { renderAnswer } from "../ask/answer.js";
import { ARTICLE_OPTION, articleChoices, chosenPack } from "../core/article-option.js";
import { EVERYWHERE, chatInputCommand } from "../core/define-command.js";
import { conversationOf, placeOf } from "../core/place.js";
import { messageResponse } from "../core/respond.js";

const help = commandHelp("summary");

const data = {
  type: ApplicationCommandType.ChatInput,
  name: help.name,
  description: help.description,
  ...EVERYWHERE,
  options: [ARTICLE_OPTION],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * The question a summary answers, as its embed's title: a "which article?" button under it asks it again of its
 * article (article-pick/), and that is a request for the summary again.
 */
const SUMMARY_QUESTION = "What is the article about?";

/**
 * /summary article:<pack, autocomplete> — the article in 3 to 5 of its own sentences, each cited, in its order
 * (the engine's summary view). Which article: the one chosen, else the one the user's conversation in the channel
 * is about, else the only one; with several and none of those, the first one's, with a button per article. The
 * user's conversation then goes on about that article.
 */
export const summary = chatInputCommand({
  data,

  async execute(args, ctx, interaction) {
    const { pack, refusal } = chosenPack(ctx.library, args.article);
    if (refusal !== undefined) return refusal;
    const place = conversationOf(placeOf(interaction));
    const store = place === undefined ? undefined : ctx.conversations;
    const conversation = pack === undefined && place !== undefined ? await store?.get(place) : undefined;
    const from = pack ?? (conversation === undefined ? undefined : ctx.library.pack(conversation.article));
    const result: LibraryAnswer =
      from === undefined
        ? ctx.library.answer(SUMMARY_QUESTION)
        : { pack: from, answer: from.engine.summary(SUMMARY_QUESTION), alternatives: [] };
    if (place !== undefined) await store?.set(place, topicOf(result.pack, SUMMARY_QUESTION, result.answer));
    return {
      response: messageResponse(renderAnswer(result.answer, result.pack.engine, result.alternatives)),
      outcome: "summary",
    };
  },

  autocomplete(focused, ctx) {
    return articleChoices(ctx.library, focused.value);
  },
});
