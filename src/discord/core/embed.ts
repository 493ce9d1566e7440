/**
 * Parts of the bot's embeds: colours, quoted citations, the article footer, bullet lists.
 */
import type { APIEmbed, APIMessageTopLevelComponent } from "discord-api-types/v10";
import type { AnswerEngine } from "../../answer/engine.js";
import type { Citation } from "../../answer/types.js";
import { kbText } from "./escape.js";
import { LIMITS, truncate } from "./limits.js";

/** A rendered message, before the transport adds flags / allowed_mentions / message_reference. */
export interface MessageParts {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
}

export const COLORS = {
  answered: 0x2f9e44,
  abstained: 0x868e96,
  info: 0x1971c2,
  warning: 0xe8590c,
} as const;

/** A cited sentence as a quote block with its id: `> "text" — S4`. The text is the article's, verbatim. */
export function quoteCitation(citation: Citation): string {
  return `> "${kbText(citation.text)}" — \`${citation.id}\``;
}

/** A footer naming the article, optionally with something before it (the confidence, a position). */
export function articleFooter(engine: AnswerEngine, prefix?: string): APIEmbed["footer"] {
  const title = `From "${engine.kb.meta.title}"`;
  return { text: truncate(prefix === undefined ? title : `${prefix} · ${title}`, LIMITS.footerText) };
}

export function bulletList(items: readonly string[]): string {
  return items.map((item) => `• ${item}`).join("\n");
}
