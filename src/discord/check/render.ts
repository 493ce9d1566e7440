import type { AnswerEngine } from "../../answer/engine.js";
import type { Citation } from "../../answer/types.js";
import { COLORS, articleFooter, quoteCitation, type MessageParts } from "../core/embed.js";
import { echoUserText } from "../core/escape.js";

/** "Check against article": which sentences bear on a message, or that the article says nothing about it. */
export function renderCheck(
  engine: AnswerEngine,
  messageText: string,
  result: { sentences: readonly Citation[]; confidence: number },
): MessageParts {
  const head = `**Message:** "${echoUserText(messageText, 300)}"`;
  const found = result.sentences.length > 0;
  const body = found
    ? ["", "The article says:", ...result.sentences.map(quoteCitation)]
    : ["", "The article says nothing about this."];
  return {
    embeds: [
      {
        title: "Checked against the article",
        description: [head, ...body].join("\n"),
        color: found ? COLORS.answered : COLORS.abstained,
        footer: articleFooter(engine, found ? `match ${result.confidence.toFixed(2)}` : "no matching sentence"),
      },
    ],
  };
}
