import type { AnswerEngine } from "../../answer/engine.js";
import { contextSentences, type AnswerSource } from "../engine-helpers.js";
import { COLORS, articleFooter, type MessageParts } from "./common.js";
import { kbText } from "./escape.js";

/** "Show context": the cited sentences (quoted, bold id) with the sentences before and after them. */
export function renderContext(engine: AnswerEngine, source: AnswerSource): MessageParts {
  const rows = contextSentences(engine, source);
  if (rows.length === 0) return { content: "That answer has no sentences to show context for." };
  const lines = rows.map(({ sentence, cited }) =>
    cited ? `> **\`${sentence.id}\`** "${kbText(sentence.text)}"` : `\`${sentence.id}\` ${kbText(sentence.text)}`,
  );
  return {
    embeds: [
      {
        title: "In context",
        description: lines.join("\n\n"),
        color: COLORS.info,
        footer: articleFooter(engine, "the cited sentences are the quoted ones"),
      },
    ],
  };
}
