import type { Owner } from "../../owner/index.js";
import { ephemeralText } from "../core/respond.js";
import type { HandlerResult } from "../core/types.js";
import { renderAdded } from "./render.js";

/** Adds an article from its bytes (a form's text or a file) and says what came of it, to the moderator only. */
export async function addArticle(
  owner: Owner,
  input: { readonly bytes: Uint8Array; readonly title: string | undefined; readonly addedBy: string },
): Promise<HandlerResult> {
  const result = await owner.articles.add(input);
  return { response: ephemeralText(renderAdded(result)), outcome: result.ok ? "nothing-to-answer" : "not-answered" };
}
