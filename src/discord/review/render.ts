/**
 * /review's messages: the questions waiting for a decision, each with a menu of its closest sentences, and what a
 * decision did.
 */
import { ComponentType, type APIActionRowComponent, type APIStringSelectComponent } from "discord-api-types/v10";
import type { ReviewItem } from "../../owner/review-pending.js";
import type { ReviewResult } from "../../owner/review-result.js";
import { CUSTOM_ID, encodeCustomId } from "../core/custom-id.js";
import { COLORS, quoteCitation, type MessageParts } from "../core/embed.js";
import { echoUserText, kbText } from "../core/escape.js";
import { LIMITS, truncate } from "../core/limits.js";

/** The menu value for "Not in the article" (sentence ids are S<n>, so it cannot be one). */
export const NOT_IN_ARTICLE = "none";
/** At most this many questions per /review (one menu each, and Discord allows five rows). */
export const REVIEW_PAGE = 5;

const WHY: Readonly<Record<ReviewItem["outcome"], string>> = {
  not_covered: "not answered",
  unsure: "unsure",
  downvoted: "👎 on the answer",
};

/**
 * /review: the pending questions, most asked first, each with how often and why it is pending, its article, and
 * a menu (custom_id `rev:<pack>:<question id>`) of the sentences that may answer it plus "Not in the article".
 */
export function renderReview(items: readonly ReviewItem[], pendingMore: boolean): MessageParts {
  if (items.length === 0) {
    return {
      content:
        "Nothing to review: every question asked so far was answered (or already decided). Questions the bot could not answer, was unsure about, or got a 👎 for appear here.",
    };
  }
  const lines = items.map((item, i) => {
    const others = item.questions.length > 1 ? ` (+${item.questions.length - 1} similar)` : "";
    return `**${i + 1}.** "${echoUserText(item.question, 200)}"${others} — asked ${item.count}×, ${WHY[item.outcome]} · ${kbText(truncate(item.title, 80))}`;
  });
  const rows = items.flatMap((item, i) => {
    const menu = sentenceMenu(item, i + 1);
    return menu === undefined ? [] : [menu];
  });
  return {
    embeds: [
      {
        title: "Questions to review",
        description: [
          ...lines,
          "",
          "Pick, for each, the sentence that answers it (the bot learns to answer it from that sentence), or **Not in the article**.",
          ...(pendingMore ? ["More are waiting: run /review again after these."] : []),
        ].join("\n"),
        color: COLORS.warning,
      },
    ],
    components: rows,
  };
}

function sentenceMenu(item: ReviewItem, position: number): APIActionRowComponent<APIStringSelectComponent> | undefined {
  const customId = encodeCustomId(CUSTOM_ID.review, item.article, String(item.questionId));
  if (customId === undefined) return undefined;
  const options = item.closest.slice(0, LIMITS.selectOptions - 1).map((c) => ({
    label: truncate(`${c.id} · ${c.text}`, LIMITS.selectOptionLabel),
    value: c.id,
  }));
  options.push({ label: "Not in the article", value: NOT_IN_ARTICLE });
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: customId,
        placeholder: truncate(`${position}. Which sentence answers "${item.question}"?`, LIMITS.selectPlaceholder),
        min_values: 1,
        max_values: 1,
        options,
      },
    ],
  };
}

/** What a decision did: the pack taught (and the bot's answer now), or why nothing changed. */
export function renderDecision(result: ReviewResult): string {
  if (!result.ok) return `Nothing changed: ${echoUserText(result.message, 1500)}.`;
  const t = result.value;
  const asked = `"${echoUserText(t.questions[0] ?? "", 200)}"${t.questions.length > 1 ? ` and ${t.questions.length - 1} similar` : ""}`;
  const lines: string[] = [];
  switch (t.kind) {
    case "entry":
      lines.push(
        `Taught "${kbText(t.title)}": ${asked} now answered from \`${t.sentenceId}\` (new entry \`${t.entryId}\`).`,
      );
      break;
    case "phrasing":
      lines.push(
        `Taught "${kbText(t.title)}": ${asked} added to entry \`${t.entryId}\`, which answers from \`${t.sentenceId}\`.`,
      );
      break;
    case "out_of_scope":
      lines.push(`Marked ${asked} as not in "${kbText(t.title)}": the bot now says the article doesn't say.`);
      break;
    case "known":
      lines.push(`"${kbText(t.title)}" already had ${asked}; nothing needed changing. Decision recorded.`);
      break;
  }
  const citation = t.answer.citations[0];
  lines.push(
    citation === undefined
      ? `Asked again now: ${kbText(t.answer.answer)}`
      : `Asked again now: ${kbText(t.answer.answer)}\n${quoteCitation(citation)}`,
  );
  for (const s of t.skipped)
    lines.push(`Not taught: "${echoUserText(s.question, 100)}" (${echoUserText(s.problem, 200)}).`);
  if (t.decisionNotStored !== undefined)
    lines.push(
      "The pack is taught, but the decision could not be stored (the bot's storage is unavailable): the question may show again in /review.",
    );
  return lines.join("\n");
}
