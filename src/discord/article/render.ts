/**
 * /article's messages: the add form, what came of an added article, and the list of articles.
 */
import {
  ComponentType,
  InteractionResponseType,
  TextInputStyle,
  type APIInteractionResponse,
  type APIModalSubmitInteraction,
} from "discord-api-types/v10";
import type { AddedArticle, ArticleResult, ArticleSummary } from "../../owner/articles.js";
import { MAX_TITLE_CHARS } from "../../owner/articles.js";
import type { GuildDefaults } from "../../storage/index.js";
import { CUSTOM_ID } from "../core/custom-id.js";
import { COLORS, bulletList, type MessageParts } from "../core/embed.js";
import { echoUserText, kbText } from "../core/escape.js";
import { truncate } from "../core/limits.js";

/** Discord's limit on a text input: the most a pasted article can be (a longer one is attached as a file). */
const MODAL_TEXT_MAX = 4000;
/** The modal's text inputs. */
const FIELDS = { title: "title", text: "text" } as const;

/** /article add without a file: the form for the article's title and text (custom_id `artadd`). */
export function articleModal(title: string | undefined): APIInteractionResponse {
  return {
    type: InteractionResponseType.Modal,
    data: {
      custom_id: CUSTOM_ID.articleModal,
      title: "Add an article",
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.TextInput,
              custom_id: FIELDS.title,
              label: "Title (default: the first line)",
              style: TextInputStyle.Short,
              required: false,
              max_length: MAX_TITLE_CHARS,
              ...(title === undefined || title.trim() === "" ? {} : { value: title.slice(0, MAX_TITLE_CHARS) }),
            },
          ],
        },
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.TextInput,
              custom_id: FIELDS.text,
              label: "The article",
              style: TextInputStyle.Paragraph,
              required: true,
              min_length: 1,
              max_length: MODAL_TEXT_MAX,
              placeholder: "The headline on the first line, then the paragraphs. Longer: attach a .txt file instead.",
            },
          ],
        },
      ],
    },
  };
}

/** The title and text a moderator submitted in the form (a row with a text input, or a label around one). */
export function submittedArticle(interaction: APIModalSubmitInteraction): { title: string; text: string } {
  const values = new Map<string, string>();
  for (const component of interaction.data.components as readonly unknown[]) {
    const loose = component as { components?: unknown[]; component?: unknown };
    for (const input of [...(loose.components ?? []), loose.component]) {
      const field = input as { custom_id?: unknown; value?: unknown } | undefined;
      if (typeof field?.custom_id === "string" && typeof field.value === "string")
        values.set(field.custom_id, field.value);
    }
  }
  return { title: values.get(FIELDS.title) ?? "", text: values.get(FIELDS.text) ?? "" };
}

/** What adding an article did: its id, size and questions it answers, or why nothing was added. */
export function renderAdded(result: ArticleResult<AddedArticle>): string {
  if (!result.ok) return `Nothing was added: ${echoUserText(result.message, 1500)}.`;
  const { id, title, sentences, questions } = result.value;
  const lines = [
    `Added "${kbText(title)}" as \`${id}\`: ${sentences} sentences, answered from on every instance of the bot now.`,
    "It is a draft: it answers from its sentences; /review teaches it the questions people ask.",
  ];
  if (questions.length === 0)
    lines.push("I found no question it answers confidently yet: ask it, and teach it with /review.");
  else lines.push("", "Questions it answers:", bulletList(questions.map((q) => kbText(q))));
  lines.push("", `Ask with /ask (or /ask article:${id} to ask it alone).`);
  return lines.join("\n");
}

/** /article list: every article served, where it comes from, and this server's default articles. */
export function renderArticleList(
  articles: readonly ArticleSummary[],
  defaults: GuildDefaults | undefined,
): MessageParts {
  const lines = articles.map(
    (a) =>
      `\`${a.id}\` — ${kbText(truncate(a.title, 120))} (${a.sentences} sentences, ${a.status}, ${a.origin === "store" ? "added from Discord" : "part of the bot"})`,
  );
  const fields =
    defaults === undefined
      ? []
      : [
          {
            name: "Defaults here (/ask and mentions without an article)",
            value: [
              `This server: ${defaults.server === undefined ? "none (every article)" : `\`${defaults.server}\``}`,
              ...Object.entries(defaults.channels).map(([channel, pack]) => `<#${channel}>: \`${pack}\``),
            ].join("\n"),
          },
        ];
  return { embeds: [{ title: "Articles", description: lines.join("\n"), color: COLORS.info, fields }] };
}
