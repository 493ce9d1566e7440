/**
 * Deferred replies: a moderator's action still working after a moment answers "thinking…" and follows up with its
 * result.
 */
import { deferredEphemeral } from "./respond.js";
import type { HandlerResult, InteractionContext } from "./types.js";

/** Discord allows 3 s for the first response; past this a slow action answers "thinking…" and follows up. */
const DEFER_AFTER_MS = 1_500;

/**
 * Answers with the work's result when it is ready within the context's `deferAfterMs`, else with a deferred
 * ephemeral response whose follow-up is the result (the dispatcher sends it). For the moderators' actions and
 * votes, which wait on the store (or, adding an article, on a worker thread): a slow database or a long article
 * never costs the interaction. The result must be ephemeral: a deferral's visibility is decided up front.
 */
export async function deferIfSlow(ctx: InteractionContext, work: () => Promise<HandlerResult>): Promise<HandlerResult> {
  const running = work();
  const waitMs = ctx.deferAfterMs ?? DEFER_AFTER_MS;
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
  });
  try {
    const quick = await Promise.race([running, slow]);
    if (quick !== undefined) return quick;
  } finally {
    clearTimeout(timer);
  }
  return { response: deferredEphemeral(), outcome: "nothing-to-answer", later: running };
}
