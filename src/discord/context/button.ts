import { CUSTOM_ID, sourceFromArgs } from "../core/custom-id.js";
import { ephemeralText, messageResponse } from "../core/respond.js";
import type { ComponentHandler } from "../core/types.js";
import { renderContext } from "./render.js";

/**
 * "Show context" button (custom_id `ctx:<pack>:<kind>:<id>`): the answer's cited sentences with their
 * neighbours. Answered as a NEW EPHEMERAL message (not an update): the answer under which the button sits may
 * be someone else's public reply, and it stays as it was for everyone; only the person who clicked sees the
 * context.
 */
export const showContext: ComponentHandler = {
  prefix: CUSTOM_ID.showContext,
  execute(_interaction, args, ctx) {
    const found = sourceFromArgs(ctx.library, args);
    if (found === undefined) {
      return {
        response: ephemeralText(
          "That answer is no longer in the knowledge base, so I can't show its context. Ask again with /ask.",
        ),
        outcome: "not-answered",
      };
    }
    return {
      response: messageResponse(renderContext(found.pack.engine, found.source), { ephemeral: true }),
      outcome: "answered",
    };
  },
};
