import { askQuestion, QUESTION_MAX_LENGTH } from "../ask/answer.js";
import { CUSTOM_ID, packFromArgs } from "../core/custom-id.js";
import { questionFromTitle } from "../core/escape.js";
import { placeOf, surfaceOf } from "../core/place.js";
import { ephemeralText, messageResponse } from "../core/respond.js";
import { answeredField, outcomeOf, type ComponentHandler } from "../core/types.js";

/**
 * A "which article?" button (custom_id `art:<pack>`): the question of the message it sits under (the
 * embed's title) answered from that article, as a new ephemeral message.
 */
export const articlePick: ComponentHandler = {
  prefix: CUSTOM_ID.article,
  async execute(interaction, args, ctx) {
    const pack = args[0] === undefined ? undefined : packFromArgs(ctx.library, args);
    if (pack === undefined)
      return {
        response: ephemeralText("That article is no longer loaded. Try /source to see the articles."),
        outcome: "not-answered",
      };
    const question = questionFromTitle(interaction.message.embeds[0]?.title).slice(0, QUESTION_MAX_LENGTH);
    if (question.trim() === "")
      return {
        response: ephemeralText("I can't find the question on that message. Ask again with /ask."),
        outcome: "not-answered",
      };
    const { reply, outcome } = await askQuestion(ctx, {
      question,
      articleId: pack.id,
      surface: surfaceOf(ctx, "button"),
      place: placeOf(interaction),
      // Asked again of another article: as it stands, not as a follow-up of the conversation.
      thread: { kind: "none" },
    });
    // A button's log line says only whether it answered ("not-answered" for an unsure reply too).
    return {
      response: messageResponse(reply, { ephemeral: true }),
      outcome: outcomeOf(answeredField(outcome) === true),
    };
  },
};
