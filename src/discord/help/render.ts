import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandOption,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import { ABOUT, EXAMPLE_QUESTIONS } from "../../answer/help.js";
import { COLORS, bulletList, type MessageParts } from "../core/embed.js";

/**
 * `/ask <question> [private]`: required options in angle brackets, optional ones in square brackets; a command
 * made of subcommands as `/article add | list | remove | default`.
 */
function usage(name: string, options: readonly APIApplicationCommandOption[] = []): string {
  const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subcommands.length > 0) return `/${name} ${subcommands.map((o) => o.name).join(" | ")}`;
  return [`/${name}`, ...options.map((o) => (o.required === true ? `<${o.name}>` : `[${o.name}]`))].join(" ");
}

/**
 * /help: what the bot does, then its commands and context menu generated from the definitions it registers
 * (so the help cannot drift from what Discord shows), then mentions, buttons and example questions.
 */
export function renderHelp(
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
  botUserId?: string,
): MessageParts {
  const me = botUserId === undefined ? "@bot" : `<@${botUserId}>`;
  const lines: string[] = [];
  const contextMenus: { name: string; value: string }[] = [];
  for (const d of definitions) {
    if (d.type === ApplicationCommandType.Message) {
      contextMenus.push({
        name: d.name,
        value: `Right-click (or long-press) any message → **Apps** → **${d.name}**: which sentences of the article bear on what it says. Only you see the result.`,
      });
    } else if (d.type === undefined || d.type === ApplicationCommandType.ChatInput) {
      lines.push(`\`${usage(d.name, d.options)}\` — ${d.description}`);
    }
  }
  return {
    embeds: [
      {
        title: "How to use this bot",
        description: ABOUT,
        color: COLORS.info,
        fields: [
          { name: "Commands", value: lines.join("\n") },
          ...contextMenus,
          {
            name: "Mentions and DMs",
            value:
              `Mention me with a question — ${me} when did Putin first visit North Korea? — and I reply to your message. In a DM, just type the question. ` +
              `Follow-ups ("what did she say?", "and when?") go on from your last question for 5 minutes, or from any answer of mine you reply to; "tldr" gets a summary.`,
          },
          {
            name: "Buttons",
            value:
              "Under an answer: **Show context** (the sentences around the quotes), **Related** (more questions to ask), and 👍 / 👎 to say whether it helped (moderators see the 👎 in /review).",
          },
          { name: "Try", value: bulletList(EXAMPLE_QUESTIONS) },
        ],
      },
    ],
  };
}

/** The short help for a mention with no question. */
export function shortHelp(botUserId: string): string {
  return `Ask me about the article: <@${botUserId}> ${EXAMPLE_QUESTIONS[0]} — or use \`/ask\`. \`/help\` lists everything.`;
}
