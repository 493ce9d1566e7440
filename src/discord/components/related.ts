import { outcomeOf } from "../outcome.js";
import { ephemeralText, messageResponse } from "../render/respond.js";
import { questionPicker } from "../render/answer.js";
import type { ComponentHandler } from "../types.js";
import { entriesForQuestions, relatedEntries } from "../engine-helpers.js";
import { CUSTOM_ID, sourceFromArgs } from "../render/custom-id.js";

/**
 * "Related" button (custom_id `rel:<kind>:<id>`): a select menu of related questions (custom_id `relq`,
 * option values = Q&A entry ids). Answered as a new ephemeral message, like every component here.
 */
export const related: ComponentHandler = {
  prefix: CUSTOM_ID.related,
  execute(_interaction, args, ctx) {
    const source = sourceFromArgs(ctx.engine, args);
    const entries = source === undefined ? [] : relatedEntries(ctx.engine, source, 10);
    const picker =
      questionPicker(entries, "Pick a related question…") ??
      questionPicker(entriesForQuestions(ctx.engine, ctx.engine.pinnedQuestions()), "Pick a question…");
    const outcome = outcomeOf(entries.length > 0);
    if (picker === undefined) return { response: ephemeralText("I have no related questions for that answer. Try /ask."), outcome };
    const content = entries.length > 0 ? "Related questions the article can answer:" : "Nothing closely related; some questions the article can answer:";
    return { response: messageResponse({ content, components: [picker] }, { ephemeral: true }), outcome };
  },
};
