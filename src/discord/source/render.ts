import type { Pack } from "../../answer/library.js";
import type { SourceView } from "../../answer/types.js";
import { COLORS, type MessageParts } from "../core/embed.js";
import { kbText } from "../core/escape.js";
import { LIMITS, truncate } from "../core/limits.js";

/** /source: what the article is, what it covers, and how answers are chosen. */
export function renderSource(view: SourceView): MessageParts {
  return {
    embeds: [
      {
        title: kbText(view.title),
        description: kbText(view.covers),
        color: COLORS.info,
        fields: [
          { name: "Outlet", value: kbText(view.outlet) },
          { name: "Written", value: kbText(view.writtenWhen) },
          {
            name: "Size",
            value: `${view.sentenceCount} sentences, ${view.qaCount} curated questions, ${view.factCount} fact cards.`,
          },
          { name: "How answers are chosen", value: kbText(view.howAnswersAreChosen) },
        ],
      },
    ],
  };
}

/** /source with several articles loaded: each one's title, id, size and status (at most 25, Discord's field limit). */
export function renderArticles(packs: readonly Pack[]): MessageParts {
  return {
    embeds: [
      {
        title: `${packs.length} articles loaded`,
        description:
          "Ask about any of them with /ask (add `article` to pick one); `/source article:<id>` describes one.",
        color: COLORS.info,
        fields: packs.slice(0, 25).map((p) => ({
          name: truncate(kbText(p.title), LIMITS.fieldName),
          value: `\`${p.id}\` · ${p.kb.sentences.length} sentences · ${p.status === "draft" ? "draft (not curated yet)" : "curated"} · ${p.kb.qa.length} curated questions, ${p.kb.facts.length} fact cards`,
        })),
      },
    ],
  };
}
