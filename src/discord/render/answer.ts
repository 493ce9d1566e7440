import {
  ButtonStyle,
  ComponentType,
  type APIButtonComponent,
  type APIEmbed,
  type APIMessageTopLevelComponent,
} from "discord-api-types/v10";
import type { AnswerEngine } from "../../answer/engine.js";
import type { Pack } from "../../answer/library.js";
import { OUTCOME_LABEL } from "../../answer/format-terminal.js";
import type { Answer } from "../../answer/types.js";
import type { QaEntry } from "../../knowledge/types.js";
import { CUSTOM_ID, encodeCustomId, sourceCustomId } from "./custom-id.js";
import { entriesForQuestions, relatedEntries } from "../engine-helpers.js";
import { COLORS, articleFooter, bulletList, quoteCitation, type MessageParts } from "./common.js";
import { echoUserText, kbText } from "./escape.js";
import { LIMITS, truncate } from "./limits.js";

/**
 * The /ask embed (also used for mention replies, DMs, and answers picked from the "Related" menu):
 *  - title: the user's question (escaped),
 *  - description: the short answer, then each cited sentence as a quote block with its id,
 *  - a field of related questions (after an answer) or of questions the article can answer (after an abstention),
 *  - footer: the confidence and the article's title.
 * Under an answer: "Show context" and "Related" buttons. Under an abstention: a menu of the suggested questions.
 * When other articles answer about equally well (`alternatives`, this one first), a "Which article?" field
 * says so and a row of buttons answers the question from each article.
 */
export function renderAnswer(answer: Answer, engine: AnswerEngine, alternatives: readonly Pack[] = []): MessageParts {
  const packId = engine.kb.id;
  const title =
    answer.question === "" ? "Ask me about the article" : echoUserText(answer.question, LIMITS.embedTitle - 10);
  const lines = [kbText(answer.answer)];
  if (answer.citations.length > 0) lines.push("", ...answer.citations.map(quoteCitation));
  // An unsure reply's closest passage is quoted as such (the answer line says so), never as an answer.
  if (answer.closest.length > 0) lines.push("", ...answer.closest.map(quoteCitation));
  const label = OUTCOME_LABEL[answer.outcome];
  const embed: APIEmbed = {
    title,
    description: lines.join("\n"),
    color: answer.answered ? COLORS.answered : COLORS.abstained,
    footer: articleFooter(engine, answer.answered ? `${label} · confidence ${answer.confidence.toFixed(2)}` : label),
  };
  if (answer.suggestions.length > 0) {
    embed.fields = [
      {
        name: answer.answered ? "Related questions" : "Questions the article can answer",
        value: bulletList(answer.suggestions.map((s) => kbText(s))),
      },
    ];
  }
  if (alternatives.length > 1) {
    embed.fields = [
      {
        name: "Which article?",
        value: truncate(
          `${alternatives.length} articles answer this about equally well. This answer quotes "${kbText(engine.kb.meta.title)}"; ` +
            "the buttons below answer from each.",
          LIMITS.fieldValue,
        ),
      },
      ...(embed.fields ?? []),
    ];
  }
  const components: APIMessageTopLevelComponent[] = [];
  const articleButtons = alternatives.length > 1 ? articlePicker(alternatives) : undefined;
  if (articleButtons !== undefined) components.push(articleButtons);
  if (answer.answered && answer.source !== undefined) {
    const buttons: APIButtonComponent[] = [];
    const contextId = sourceCustomId(CUSTOM_ID.showContext, packId, answer.source);
    if (contextId !== undefined) {
      buttons.push({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: "Show context",
        custom_id: contextId,
        emoji: { name: "📄" },
      });
    }
    const relatedId = sourceCustomId(CUSTOM_ID.related, packId, answer.source);
    if (relatedId !== undefined && relatedEntries(engine, answer.source, 1).length > 0) {
      buttons.push({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: "Related",
        custom_id: relatedId,
        emoji: { name: "🔎" },
      });
    }
    if (buttons.length > 0) components.push({ type: ComponentType.ActionRow, components: buttons });
  } else if (!answer.answered) {
    const picker = questionPicker(packId, entriesForQuestions(engine, answer.suggestions), "Ask one of these instead…");
    if (picker !== undefined) components.push(picker);
  }
  return { embeds: [embed], components };
}

/** One button per article (custom_id `art:<pack>`, at most 5), each answering the message's question from that article. */
export function articlePicker(packs: readonly Pack[]): APIMessageTopLevelComponent | undefined {
  const buttons: APIButtonComponent[] = packs.slice(0, 5).flatMap((pack) => {
    const customId = encodeCustomId(CUSTOM_ID.article, pack.id);
    return customId === undefined
      ? []
      : [
          {
            type: ComponentType.Button as const,
            style: ButtonStyle.Primary as const,
            label: truncate(pack.title, LIMITS.buttonLabel),
            custom_id: customId,
          },
        ];
  });
  return buttons.length === 0 ? undefined : { type: ComponentType.ActionRow, components: buttons };
}

/** A select menu of a pack's Q&A entries (custom_id `relq:<pack>`, option values = entry ids); undefined when there are none. */
export function questionPicker(
  packId: string,
  entries: readonly QaEntry[],
  placeholder: string,
): APIMessageTopLevelComponent | undefined {
  const options = entries.slice(0, LIMITS.selectOptions).map((e) => ({
    label: truncate(e.question, LIMITS.selectOptionLabel),
    value: e.id,
  }));
  if (options.length === 0) return undefined;
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: encodeCustomId(CUSTOM_ID.relatedSelect, packId) ?? CUSTOM_ID.relatedSelect,
        placeholder,
        min_values: 1,
        max_values: 1,
        options,
      },
    ],
  };
}
