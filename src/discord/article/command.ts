/**
 * /article add | list | remove | default (Manage Server): articles added from Discord, and the default article of
 * a server or channel.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIAttachment,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { MAX_ARTICLE_BYTES } from "../../knowledge/article-text.js";
import { packChoice } from "../core/article-option.js";
import { subcommandCommand } from "../core/subcommand-command.js";
import { deferIfSlow } from "../core/defer.js";
import { echoUserText, kbText } from "../core/escape.js";
import { MODERATORS_ONLY, moderatorAction } from "../core/permissions.js";
import { placeOf } from "../core/place.js";
import { NO_STORE, autocompleteResponse, ephemeralText, messageResponse } from "../core/respond.js";
import type { HandlerResult } from "../core/types.js";
import { addArticle } from "./add.js";
import { downloadFile } from "./download.js";
import { articleModal, renderArticleList } from "./render.js";

/** The `article` value that clears a default. */
const NONE = "none";

const data = {
  type: ApplicationCommandType.ChatInput,
  name: "article",
  description: "Moderators: add, list and remove articles, and choose the default one",
  ...MODERATORS_ONLY,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "add",
      description: "Add an article: paste it in a form, or attach it as a .txt file",
      options: [
        {
          type: ApplicationCommandOptionType.Attachment,
          name: "file",
          description: `The article as a .txt file, up to ${MAX_ARTICLE_BYTES / 1024} KB (without it, a form opens)`,
          required: false,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: "title",
          description: "Its title (default: its first line)",
          required: false,
          max_length: 200,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "list",
      description: "The articles the bot answers from, and this server's default articles",
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "remove",
      description: "Remove an article added from Discord",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "article",
          description: "The article to remove",
          required: true,
          max_length: 100,
          autocomplete: true,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "default",
      description: "The article /ask and mentions answer from when none is named",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: "article",
          description: 'The article, or "none" to answer from every article',
          required: true,
          max_length: 100,
          autocomplete: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: "for",
          description: "This server (the default) or only this channel",
          required: false,
          choices: [
            { name: "this server", value: "server" },
            { name: "this channel", value: "channel" },
          ],
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const reply = (content: string, answered = true): HandlerResult => ({
  response: ephemeralText(content),
  outcome: answered ? "nothing-to-answer" : "not-answered",
});

/** What is wrong with an attached file before downloading it, or undefined. */
function attachmentProblem(file: APIAttachment): string | undefined {
  const name = `"${echoUserText(file.filename, 80)}"`;
  const text = /\.txt$/i.test(file.filename) || (file.content_type ?? "").toLowerCase().startsWith("text/plain");
  if (!text) return `${name} is not a .txt file: save the article as plain text (UTF-8) and attach that`;
  if (file.size === 0) return `${name} is empty`;
  if (file.size > MAX_ARTICLE_BYTES) return tooBig(file.filename, file.size);
  return undefined;
}

function tooBig(filename: string, size: number): string {
  const shown = size >= 1024 * 1024 ? `${(size / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(size / 1024)} KB`;
  return `"${echoUserText(filename, 80)}" is ${shown}; the limit is ${MAX_ARTICLE_BYTES / 1024} KB (a long article is about 40 KB)`;
}

/**
 * /article (Manage Server, checked again on use): `add` (a form, or an attached .txt file: the pack is built
 * like `knowledge:new` builds one, stored, and served by every instance), `list`, `remove` (articles added
 * from Discord), `default` (the article /ask and mentions use in this server or channel). Replies are for the
 * moderator only.
 */
export const article = subcommandCommand({
  data,
  unknown: () => reply("I don't know that /article command. Try /article list.", false),
  run: {
    add(args, ctx, interaction) {
      const who = moderatorAction(interaction, ctx, "add articles");
      if ("response" in who) return who;
      if (args.file === undefined) return { response: articleModal(args.title), outcome: "nothing-to-answer" };
      const file = interaction.data.resolved?.attachments?.[args.file];
      if (file === undefined)
        return reply("Nothing was added: I could not find the attached file. Attach it again.", false);
      const problem = attachmentProblem(file);
      if (problem !== undefined) return reply(`Nothing was added: ${problem}.`, false);
      return deferIfSlow(ctx, async () => {
        const download = await downloadFile(file.url, MAX_ARTICLE_BYTES, tooBig(file.filename, MAX_ARTICLE_BYTES + 1));
        if (!download.ok) return reply(`Nothing was added: ${download.message}.`, false);
        return addArticle(who.owner, { bytes: download.bytes, title: args.title, addedBy: who.userId });
      });
    },

    async list(_args, ctx, interaction) {
      if (ctx.owner === undefined) return reply(NO_STORE, false);
      const { guildId } = placeOf(interaction);
      const defaults = guildId === undefined ? undefined : await ctx.owner.defaults.fresh(guildId);
      return {
        response: messageResponse(renderArticleList(ctx.owner.articles.list(), defaults), { ephemeral: true }),
        outcome: "nothing-to-answer",
      };
    },

    remove(args, ctx, interaction) {
      const who = moderatorAction(interaction, ctx, "remove articles");
      if ("response" in who) return who;
      return deferIfSlow(ctx, async () => {
        const removed = await who.owner.articles.remove(args.article.trim());
        return removed.ok
          ? reply(
              `Removed "${kbText(removed.value.title)}" (\`${removed.value.id}\`): no instance of the bot answers from it any more.`,
            )
          : reply(`Nothing was removed: ${echoUserText(removed.message, 500)}.`, false);
      });
    },

    default(args, ctx, interaction) {
      const who = moderatorAction(interaction, ctx, "choose the default article");
      if ("response" in who) return who;
      const { guildId, channelId } = placeOf(interaction);
      if (guildId === undefined) return reply("Default articles are set in a server.", false);
      const place = args.for === "channel" ? { guildId, channelId } : { guildId };
      const where = args.for === "channel" ? "this channel" : "this server";
      const chosen = args.article.trim();
      const pack = ctx.library.pack(chosen);
      if (chosen.toLowerCase() !== NONE && pack === undefined)
        return reply(`There is no article "${echoUserText(chosen, 100)}". Pick one from the list (or "none").`, false);
      return deferIfSlow(ctx, async () => {
        const written =
          pack === undefined
            ? await who.owner.store.settings.clearDefaultArticle(place)
            : await who.owner.store.settings.setDefaultArticle({ ...place, article: pack.id });
        if (!written.ok)
          return reply("The default could not be saved (the bot's storage is unavailable); nothing changed.", false);
        await who.owner.defaults.fresh(guildId);
        return reply(
          pack === undefined
            ? `No default article for ${where}: questions are answered from whichever article answers them best.`
            : `/ask and mentions in ${where} now answer from "${kbText(pack.title)}" (\`${pack.id}\`) unless another article is named.`,
        );
      });
    },
  },

  /** remove: the articles added from Discord; default: "none", then every article. */
  autocomplete(subcommand, focused, ctx) {
    const packs = ctx.library.suggestPacks(focused.value);
    if (subcommand === "remove")
      return autocompleteResponse(packs.filter((p) => ctx.owner?.live.origin(p.id) === "store").map(packChoice));
    if (subcommand !== "default") return autocompleteResponse([]);
    return autocompleteResponse([{ name: "none — answer from every article", value: NONE }, ...packs.map(packChoice)]);
  },
});
