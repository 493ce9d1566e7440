import type { SourceView } from "../../answer/types.js";
import { COLORS, type MessageParts } from "./common.js";
import { kbText } from "./escape.js";

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
