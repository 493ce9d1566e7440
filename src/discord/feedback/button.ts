import { CUSTOM_ID } from "../core/custom-id.js";
import { deferIfSlow } from "../core/defer.js";
import { placeOf } from "../core/place.js";
import { ephemeralText } from "../core/respond.js";
import type { ComponentHandler, HandlerResult } from "../core/types.js";

const notAnswered = (content: string): HandlerResult => ({ response: ephemeralText(content), outcome: "not-answered" });

/**
 * 👍/👎 under an answer (custom_id `vote:<ref>:<up|down>`): the voter's vote on the logged question, one per
 * person (voting again changes it), counted in articleqa_feedback_total{vote}. The reply is for the voter only.
 */
export const vote: ComponentHandler = {
  prefix: CUSTOM_ID.vote,
  execute(interaction, args, ctx) {
    const [ref = "", choice] = args;
    const { userId } = placeOf(interaction);
    if ((choice !== "up" && choice !== "down") || ref === "" || userId === undefined)
      return notAnswered("That button is not a vote I know. Try /ask again.");
    const owner = ctx.owner;
    if (owner === undefined) return notAnswered("This bot does not record votes.");
    return deferIfSlow(ctx, async () => {
      const result = await owner.questions.vote({ ref, userId, vote: choice });
      if (result.ok) {
        ctx.metrics?.feedback.inc({ vote: choice });
        const thanks =
          choice === "up"
            ? "Thanks — your 👍 is recorded."
            : "Thanks — your 👎 is recorded. Moderators see the questions people 👎 in /review, and can teach the bot the answer.";
        return { response: ephemeralText(`${thanks} Voting again changes your vote.`), outcome: "nothing-to-answer" };
      }
      switch (result.reason) {
        case "not_found":
          return notAnswered(
            `That answer is no longer in the bot's log (questions are kept ${owner.store.questions.policy.days} days), so the vote can't be recorded.`,
          );
        case "disabled":
          return notAnswered("This bot keeps no question log, so votes are not recorded.");
        default:
          return notAnswered(
            "I couldn't record your vote just now (the bot's storage is unavailable). Please try again later.",
          );
      }
    });
  },
};
