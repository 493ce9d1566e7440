import { ComponentType } from "discord-api-types/v10";
import { CUSTOM_ID } from "../core/custom-id.js";
import { deferIfSlow } from "../core/defer.js";
import { moderatorAction } from "../core/permissions.js";
import { ephemeralText } from "../core/respond.js";
import type { ComponentHandler } from "../core/types.js";
import { NOT_IN_ARTICLE, renderDecision } from "./render.js";

/**
 * /review's menu (custom_id `rev:<pack>:<question id>`, values: a sentence id or "none"): the moderator's
 * decision on that question and the similar ones pending with it. A sentence teaches the pack to answer them
 * from it; "Not in the article" marks them out of scope. Checked again for Manage Server; the reply says what
 * changed and what the bot answers now.
 */
export const reviewMenu: ComponentHandler = {
  prefix: CUSTOM_ID.review,
  execute(interaction, args, ctx) {
    const who = moderatorAction(interaction, ctx, "review questions");
    if ("response" in who) return who;
    const { owner, userId } = who;
    const [article = "", id = ""] = args;
    const data = interaction.data;
    const choice = data.component_type === ComponentType.StringSelect ? data.values[0] : undefined;
    if (choice === undefined || !/^\d{1,15}$/.test(id))
      return { response: ephemeralText("That menu is not one I know. Run /review again."), outcome: "not-answered" };
    return deferIfSlow(ctx, async () => {
      const group = await owner.review.group(Number(id));
      if (group === undefined)
        return {
          response: ephemeralText(
            "That question is no longer in the log (it expired, or the store is unavailable). Run /review again.",
          ),
          outcome: "not-answered",
        };
      const decision = { article, questions: group.questions, moderatorId: userId };
      const result =
        choice === NOT_IN_ARTICLE
          ? await owner.review.outOfScope(decision)
          : await owner.review.answer({ ...decision, sentenceId: choice });
      return {
        response: ephemeralText(renderDecision(result)),
        outcome: result.ok ? "nothing-to-answer" : "not-answered",
      };
    });
  },
};
