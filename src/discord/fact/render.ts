import type { APIEmbed } from "discord-api-types/v10";
import type { AnswerEngine } from "../../answer/engine.js";
import type { FactView } from "../../answer/types.js";
import { COLORS, articleFooter, quoteCitation, type MessageParts } from "../core/embed.js";
import { echoUserText, kbText } from "../core/escape.js";

/** /fact: the fact card, or (not found) a "did you mean" line with the closest topics. */
export function renderFact(view: FactView, engine: AnswerEngine): MessageParts {
  if (!view.found) {
    const head = `No fact card matches "${echoUserText(view.topic, 100)}".`;
    if (view.closest.length === 0) {
      return {
        content: `${head} Try \`/fact Putin\`, \`/fact March\` or \`/fact UN Security Council\`, or ask with \`/ask\`.`,
      };
    }
    return { content: `${head} Did you mean: ${view.closest.map((f) => `**${kbText(f.name)}**`).join(", ")}?` };
  }
  const { fact } = view;
  const lines = [`*${fact.kind}* — ${kbText(fact.description)}`];
  if (view.citations.length > 0) lines.push("", ...view.citations.map(quoteCitation));
  const embed: APIEmbed = {
    title: kbText(fact.name),
    description: lines.join("\n"),
    color: COLORS.info,
    footer: articleFooter(engine, "Fact card"),
  };
  if (view.related.length > 0) {
    embed.fields = [{ name: "Related", value: view.related.map((f) => kbText(f.name)).join(" · ") }];
  }
  return { embeds: [embed] };
}
