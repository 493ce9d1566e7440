import { ComponentType } from "discord-api-types/v10";
import { ephemeralText, messageResponse } from "../render/respond.js";
import { renderAnswer } from "../render/answer.js";
import type { ComponentHandler } from "../types.js";
import { answerForEntry } from "../engine-helpers.js";
import { CUSTOM_ID } from "../render/custom-id.js";

/**
 * The related-questions select menu (custom_id `relq`, values = Q&A entry ids): answers the chosen question
 * with the full /ask embed, as a new ephemeral message (so picking again gives another answer, and the menu
 * stays usable).
 */
export const relatedSelect: ComponentHandler = {
  prefix: CUSTOM_ID.relatedSelect,
  execute(interaction, _args, ctx) {
    const data = interaction.data;
    const id = data.component_type === ComponentType.StringSelect ? data.values[0] : undefined;
    const answer = id === undefined ? undefined : answerForEntry(ctx.engine, id);
    if (answer === undefined) {
      return { response: ephemeralText("That question is no longer in the knowledge base. Try /ask."), outcome: "not-answered" };
    }
    return { response: messageResponse(renderAnswer(answer, ctx.engine), { ephemeral: true }), outcome: "answered" };
  },
};
