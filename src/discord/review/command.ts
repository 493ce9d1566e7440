import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord-api-types/v10";
import { chatInputCommand } from "../core/define-command.js";
import { deferIfSlow } from "../core/defer.js";
import { MODERATORS_ONLY, moderatorAction } from "../core/permissions.js";
import { ephemeralText, messageResponse } from "../core/respond.js";
import { REVIEW_PAGE, renderReview } from "./render.js";

const data = {
  type: ApplicationCommandType.ChatInput,
  name: "review",
  description: "Moderators: the questions the bot could not answer, to teach it the answers",
  ...MODERATORS_ONLY,
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * /review (Manage Server): the most asked questions the bot could not answer, was unsure about or got a 👎 for
 * (the store groups similar ones), each with a menu of the sentences that may answer it and "Not in the
 * article"; picking one teaches the pack (menu.ts). Only the moderator sees it.
 */
export const review = chatInputCommand({
  data,
  execute(_args, ctx, interaction) {
    const who = moderatorAction(interaction, ctx, "review questions");
    if ("response" in who) return who;
    const { owner } = who;
    return deferIfSlow(ctx, async () => {
      const items = await owner.review.pending(REVIEW_PAGE + 1);
      if (items === undefined)
        return {
          response: ephemeralText(
            "I can't read the questions to review just now (the bot's storage is unavailable). Try again later.",
          ),
          outcome: "not-answered",
        };
      const reply = renderReview(items.slice(0, REVIEW_PAGE), items.length > REVIEW_PAGE);
      return { response: messageResponse(reply, { ephemeral: true }), outcome: "nothing-to-answer" };
    });
  },
});
