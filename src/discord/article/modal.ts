import { CUSTOM_ID } from "../core/custom-id.js";
import { deferIfSlow } from "../core/defer.js";
import { moderatorAction } from "../core/permissions.js";
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
    const who = moderatorAction(interaction, ctx, "add articles");
    if ("response" in who) return who;
    const { owner, userId } = who;
    const { title, text } = submittedArticle(interaction);
    const bytes = Buffer.from(text, "utf8");
    return deferIfSlow(ctx, () =>
      addArticle(owner, { bytes, title: title.trim() === "" ? undefined : title, addedBy: userId }),
    );
  },
};
