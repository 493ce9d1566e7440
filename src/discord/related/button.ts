import { CUSTOM_ID, packFromArgs, sourceFromArgs } from "../core/custom-id.js";
import { entriesForQuestions, relatedEntries } from "../../answer/views/surfaces.js";
import { ephemeralText, messageResponse } from "../core/respond.js";
import { outcomeOf, type ComponentHandler } from "../core/types.js";
import { questionPicker } from "./render.js";

/**
 * "Related" button (custom_id `rel:<pack>:<kind>:<id>`): a select menu of related questions of that pack
 * (custom_id `relq:<pack>`, option values = Q&A entry ids). Answered as a new ephemeral message, like every
 * component here.
 */
export const related: ComponentHandler = {
  prefix: CUSTOM_ID.related,
  execute(_interaction, args, ctx) {
    const found = sourceFromArgs(ctx.library, args);
    const pack = found?.pack ?? packFromArgs(ctx.library, args) ?? ctx.library.first;
    const { engine } = pack;
    const entries = found === undefined ? [] : relatedEntries(engine, found.source, 10);
    const picker =
      questionPicker(pack.id, entries, "Pick a related question…") ??
      questionPicker(pack.id, entriesForQuestions(engine, engine.pinnedQuestions()), "Pick a question…");
    const outcome = outcomeOf(entries.length > 0);
    if (picker === undefined)
      return { response: ephemeralText("I have no related questions for that answer. Try /ask."), outcome };
    const content =
      entries.length > 0
        ? "Related questions the article can answer:"
        : "Nothing closely related; some questions the article can answer:";
    return { response: messageResponse({ content, components: [picker] }, { ephemeral: true }), outcome };
  },
};
