import { ComponentType } from "discord-api-types/v10";
import { recordQuestion, renderAnswer } from "../ask/answer.js";
import { CUSTOM_ID, packFromArgs } from "../core/custom-id.js";
import { answerForEntry } from "../../answer/views/surfaces.js";
import { placeOf, surfaceOf } from "../core/place.js";
import { ephemeralText, messageResponse } from "../core/respond.js";
import type { ComponentHandler } from "../core/types.js";

/**
 * The related-questions select menu (custom_id `relq:<pack>`, values = that pack's Q&A entry ids): answers
 * the chosen question with the full /ask embed, as a new ephemeral message (so picking again gives another
 * answer, and the menu stays usable). Logged like every question, with 👍/👎 under it.
 */
export const relatedMenu: ComponentHandler = {
  prefix: CUSTOM_ID.relatedSelect,
  execute(interaction, args, ctx) {
    const data = interaction.data;
    const id = data.component_type === ComponentType.StringSelect ? data.values[0] : undefined;
    const pack = packFromArgs(ctx.library, args);
    const answer = id === undefined || pack === undefined ? undefined : answerForEntry(pack.engine, id);
    if (answer === undefined || pack === undefined) {
      return {
        response: ephemeralText("That question is no longer in the knowledge base. Try /ask."),
        outcome: "not-answered",
      };
    }
    const ref = recordQuestion(ctx, surfaceOf(ctx, "menu"), placeOf(interaction), answer.question, {
      pack,
      answer,
      alternatives: [],
    });
    return {
      response: messageResponse(renderAnswer(answer, pack.engine, [], ref), { ephemeral: true }),
      outcome: "answered",
    };
  },
};
