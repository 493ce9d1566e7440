import { CUSTOM_ID } from "../core/custom-id.js";
import { deferIfSlow } from "../core/defer.js";
import { moderatorsOnly } from "../core/permissions.js";
import { placeOf } from "../core/place.js";
import { NO_STORE, ephemeralText } from "../core/respond.js";
import type { ModalHandler } from "../core/types.js";
import { addArticle } from "./add.js";
import { submittedArticle } from "./render.js";

/**
 * /article add's form (custom_id `artadd`): the article's title and text, made into a pack the way
 * `knowledge:new` makes one (in a worker thread; deferred when it takes long). Checked again for Manage Server.
 */
export const articleModal: ModalHandler = {
  prefix: CUSTOM_ID.articleModal,
  execute(interaction, _args, ctx) {
    const refusal = moderatorsOnly(interaction, "add articles");
    if (refusal !== undefined) return refusal;
    const owner = ctx.owner;
    const { userId } = placeOf(interaction);
    if (owner === undefined || userId === undefined)
      return { response: ephemeralText(NO_STORE), outcome: "not-answered" };
    const { title, text } = submittedArticle(interaction);
    const bytes = Buffer.from(text, "utf8");
    return deferIfSlow(ctx, () =>
      addArticle(owner, { bytes, title: title.trim() === "" ? undefined : title, addedBy: userId }),
    );
  },
};
