import type { Answer, FactView, Outcome, QuoteView, SourceView } from "./types.js";

/** How each outcome is labelled wherever an answer is shown (terminal, Discord footer). */
export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = {
  answered: "answered",
  corrected: "corrected: the article says otherwise",
  unsure: "not sure: closest passage only",
  not_covered: "not covered by the article",
  summary: "summary: the article's own sentences",
};

/** Terminal formatting: colour only when writing to a TTY (and NO_COLOR is not set). */
export interface TerminalStyle {
  readonly color: boolean;
}

const codes = { bold: [1, 22], dim: [2, 22], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
type Code = keyof typeof codes;

function paint(style: TerminalStyle, code: Code, text: string): string {
  if (!style.color) return text;
  const [on, off] = codes[code];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}

/** Terminal output must not let a user's text move the cursor or recolour the screen. */
export function stripControl(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ""); // eslint-disable-line no-control-regex -- removing control characters is the point
}

function quote(style: TerminalStyle, id: string, text: string): string {
  return `  ${paint(style, "cyan", `[${id}]`)} "${text}"`;
}

export function formatAnswerForTerminal(answer: Answer, style: TerminalStyle): string {
  const lines: string[] = [];
  if (answer.followUp !== undefined) lines.push(paint(style, "dim", `${stripControl(answer.followUp.note)}:`));
  lines.push(paint(style, "bold", answer.answer));
  for (const c of answer.citations) lines.push(quote(style, c.id, c.text));
  // The closest passage of an unsure reply is shown dimmed, as a lead, never as the answer.
  for (const c of answer.closest) lines.push(paint(style, "dim", quote({ color: false }, c.id, c.text)));
  lines.push(
    paint(
      style,
      "dim",
      `  ${OUTCOME_LABEL[answer.outcome]}${answer.answered ? `, confidence ${answer.confidence.toFixed(2)}` : ""}`,
    ),
  );
  if (answer.suggestions.length > 0) {
    lines.push(paint(style, "yellow", answer.answered ? "Related questions:" : "Questions the article can answer:"));
    for (const s of answer.suggestions) lines.push(`  - ${s}`);
  }
  return lines.join("\n");
}

export function formatFactForTerminal(view: FactView, style: TerminalStyle): string {
  if (!view.found) {
    const head = `No fact card matches "${stripControl(view.topic).slice(0, 100)}".`;
    if (view.closest.length === 0) return `${head} Try /fact Putin, /fact March or /fact UN Security Council.`;
    return `${head} Did you mean: ${view.closest.map((f) => f.name).join(", ")}?`;
  }
  const { fact } = view;
  const lines = [`${paint(style, "bold", fact.name)} ${paint(style, "dim", `(${fact.kind})`)}`, fact.description];
  for (const c of view.citations) lines.push(quote(style, c.id, c.text));
  if (view.related.length > 0)
    lines.push(paint(style, "dim", `Related: ${view.related.map((f) => f.name).join(", ")}`));
  return lines.join("\n");
}

export function formatQuoteForTerminal(view: QuoteView, style: TerminalStyle): string {
  if (!view.found)
    return `There is no such sentence: pick a number from ${view.min} to ${view.max} (S${view.min}–S${view.max}).`;
  const lines: string[] = [];
  if (view.before) lines.push(paint(style, "dim", `  [${view.before.id}] ${view.before.text}`));
  lines.push(paint(style, "bold", quote(style, view.sentence.id, view.sentence.text)));
  if (view.after) lines.push(paint(style, "dim", `  [${view.after.id}] ${view.after.text}`));
  return lines.join("\n");
}

export function formatSourceForTerminal(view: SourceView, style: TerminalStyle): string {
  return [
    paint(style, "bold", view.title),
    `Outlet: ${view.outlet}`,
    `Written: ${view.writtenWhen}`,
    `Covers: ${view.covers}`,
    `Size: ${view.sentenceCount} sentences, ${view.qaCount} curated questions, ${view.factCount} fact cards.`,
    `How answers are chosen: ${view.howAnswersAreChosen}`,
  ].join("\n");
}
