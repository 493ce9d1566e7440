import type { AnswerEngine } from "../../answer/engine.js";
import type { QuoteView } from "../../answer/types.js";
import { COLORS, articleFooter, quoteCitation, type MessageParts } from "../core/embed.js";
import { kbText } from "../core/escape.js";

/** /quote: the sentence verbatim as a quote block, between its neighbours. */
export function renderQuote(view: QuoteView, engine: AnswerEngine): MessageParts {
  if (!view.found) {
    return {
      content: `There is no such sentence: pick a number from ${view.min} to ${view.max} (S${view.min}–S${view.max}).`,
    };
  }
  const lines: string[] = [];
  if (view.before !== undefined) lines.push(`\`${view.before.id}\` ${kbText(view.before.text)}`, "");
  lines.push(quoteCitation(view.sentence));
  if (view.after !== undefined) lines.push("", `\`${view.after.id}\` ${kbText(view.after.text)}`);
  return {
    embeds: [
      {
        title: `Sentence ${view.sentence.id}${view.sentence.index === 0 ? " (the standfirst)" : ""}`,
        description: lines.join("\n"),
        color: COLORS.info,
        footer: articleFooter(engine, `S${view.min}–S${view.max}`),
      },
    ],
  };
}
