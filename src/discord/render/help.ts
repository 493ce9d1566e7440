import { ABOUT, COMMAND_HELP, EXAMPLE_QUESTIONS } from "../../answer/help.js";
import { COLORS, bulletList, type MessageParts } from "./common.js";

/** The context-menu command's name, shown in /help (and registered by commands/check-against-article.ts). */
export const CHECK_COMMAND_NAME = "Check against article";

/** /help: what the bot does, its commands (same list as the terminal's /help), the context menu and mentions. */
export function renderHelp(botUserId?: string): MessageParts {
  const me = botUserId === undefined ? "@bot" : `<@${botUserId}>`;
  return {
    embeds: [
      {
        title: "How to use this bot",
        description: ABOUT,
        color: COLORS.info,
        fields: [
          { name: "Commands", value: COMMAND_HELP.map((c) => `\`${c.usage}\` — ${c.description}`).join("\n") },
          {
            name: CHECK_COMMAND_NAME,
            value: `Right-click (or long-press) any message → **Apps** → **${CHECK_COMMAND_NAME}**: which sentences of the article bear on what it says. Only you see the result.`,
          },
          {
            name: "Mentions and DMs",
            value: `Mention me with a question — ${me} when did Putin first visit North Korea? — and I reply to your message. In a DM, just type the question.`,
          },
          { name: "Buttons", value: "Under an answer: **Show context** (the sentences around the quotes) and **Related** (more questions to ask)." },
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
