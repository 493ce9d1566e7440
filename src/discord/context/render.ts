import type { APIButtonComponent } from "discord-api-types/v10";
import type { AnswerEngine } from "../../answer/engine.js";
import { CUSTOM_ID, sourceButton } from "../core/custom-id.js";
import { COLORS, articleFooter, type MessageParts } from "../core/embed.js";
import { contextSentences, type AnswerSource } from "../../answer/views/surfaces.js";
import { kbText } from "../core/escape.js";

/** The "Show context" button under an answer (custom_id `ctx:<pack>:<kind>:<id>`); undefined if the id is too long. */
export function showContextButton(packId: string, source: AnswerSource): APIButtonComponent | undefined {
  return sourceButton(CUSTOM_ID.showContext, packId, source, "Show context", "📄");
}

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
