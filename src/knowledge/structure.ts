import type { CleanLine } from "./clean-article.js";
import type { SentenceRole } from "./schema.js";

/**
 * The layout of a pasted article, read from its cleaned lines: what each line is (the title, a standfirst,
 * a byline or date line, a heading, a list item, a FAQ question or its answer, or body text) and which
 * earlier line gives it context (the heading it sits under; for an answer, its question). The engine uses
 * both: a list item under "Kessa (Marksman)" is about Kessa even though it never names her, and a FAQ's
 * answer line is what gets cited, never the question line above it.
 *
 * Heuristics, in order, for each line after the title:
 *  - "Q:"/"A:" (or "Q."/"A.") prefixes: a question and its answer;
 *  - a line of up to 25 words ending in "?", followed by a line that is not a question: a question, and the
 *    lines after it up to the next blank line its answer;
 *  - in the head block (the lines before the first blank line) and the block after it: the line after the
 *    title is the standfirst when it reads as a sentence; "By …", "Published …", date-only lines and
 *    "Version … | Released …" are bylines;
 *  - a list marker ("- ", "• ") or a number ("1. ", "2) ") before sentence text: a list item;
 *  - a short line (at most 10 words, 80 characters) with no closing punctuation and few digits, followed by
 *    another line: a heading ("1. Definitions", "What you'll need:", "**Rules**", "## Maps" included).
 */
export interface StructuredLine {
  readonly text: string;
  readonly role: SentenceRole;
  /** Indexes of earlier lines that give this one context: its heading, and for an answer its question. */
  readonly context: readonly number[];
}

const QA_PREFIX = /^(Q|A)(?:[:.)]|\s*[-–—])\s*/i;
const BYLINE =
  /^(?:by|written by|words by|reporting by|posted by|published|updated|last updated|posted)\b|^(?:version|patch|v)\s*\d[\w.]*\s*[|–—-]/i;
const MONTH =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const DATE_ONLY = new RegExp(
  `^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?(?:\\d{1,2}(?:st|nd|rd|th)? (?:${MONTH})|(?:${MONTH}) \\d{1,2}(?:st|nd|rd|th)?,?) \\d{4}$`,
  "i",
);
const NUMBERED = /^\(?\d{1,2}[.)]\s+/;

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function looksLikeHeading(text: string): boolean {
  const bare = text
    .replace(/^#{1,6}\s+/, "")
    .replace(/^\*\*(.+)\*\*:?$/, "$1")
    .replace(NUMBERED, "");
  if (bare === "" || words(bare) > 10 || bare.length > 80) return false;
  if (/[.!?,;]["')\]]?$/.test(bare)) return false;
  return (bare.match(/\d/g) ?? []).length <= 2;
}

function isQuestionLine(text: string): boolean {
  return /\?["')\]]?$/.test(text) && words(text) <= 25;
}

export function structureLines(lines: readonly CleanLine[]): StructuredLine[] {
  const out: StructuredLine[] = [];
  // The head block: the title's block, and the block right after it when it is only bylines and dates.
  const firstBreak = lines.findIndex((l, i) => i > 0 && l.blankBefore);
  const headEnd = firstBreak === -1 ? lines.length : firstBreak;
  let heading: number | undefined;
  let question: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text;
    const next = lines[i + 1];
    const push = (role: SentenceRole, context: (number | undefined)[] = []): void => {
      out.push({ text, role, context: context.filter((c): c is number => c !== undefined) });
    };
    if (line.blankBefore) question = undefined;
    if (i === 0) {
      push("title");
      continue;
    }
    const prefix = QA_PREFIX.exec(text)?.[1]?.toUpperCase();
    if (prefix === "Q") {
      question = i;
      push("question", [heading]);
      continue;
    }
    if (prefix === "A" || (question !== undefined && !line.blankBefore && !isQuestionLine(text))) {
      push("answer", [question, heading]);
      continue;
    }
    if (BYLINE.test(text) || DATE_ONLY.test(text)) {
      push("byline");
      continue;
    }
    if (i === 1 && i < headEnd && !looksLikeHeading(text)) {
      push("standfirst");
      continue;
    }
    if (i < headEnd) {
      push("byline");
      continue;
    }
    if (isQuestionLine(text) && next !== undefined && !next.blankBefore && !isQuestionLine(next.text)) {
      question = i;
      push("question", [heading]);
      continue;
    }
    if (line.bulleted || (NUMBERED.test(text) && !looksLikeHeading(text))) {
      push("item", [heading]);
      continue;
    }
    if (next !== undefined && looksLikeHeading(text)) {
      heading = i;
      push("heading");
      continue;
    }
    push("body", [heading]);
  }
  return out;
}
