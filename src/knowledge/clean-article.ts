/**
 * Turns the raw article (as pasted or scraped, with encoding debris) into the cleaned text every
 * citation is quoted from. Cleaning removes debris and nothing else: no word is changed.
 *
 * What counts as debris:
 * - mojibake: UTF-8 read as Windows-1252 or Latin-1 ("â€™" for "’", "Ã©" for "é", "Â " for a
 *   non-breaking space), repaired back to the characters meant;
 * - a stray "Â" (U+00C2) before a space or at the end of a line: what is left of a non-breaking space;
 * - non-breaking and other wide spaces → ordinary spaces; zero-width spaces, joiners and BOMs → removed;
 * - curly quotes and apostrophes → straight ones (articles mix ‘ and ’ for the same apostrophe);
 * - list markers ("- ", "• ", "* ") in front of a line (layout, not text);
 * - a paragraph hard-wrapped over several lines: a line that does not end a sentence, followed (with no
 *   blank line between) by one that starts in lower case, is joined to it;
 * - blank lines, runs of spaces and trailing whitespace.
 * En and em dashes inside a line are punctuation the author chose, so they stay.
 */
export function cleanArticle(raw: string): string {
  return cleanLines(raw)
    .map((l) => l.text)
    .join("\n")
    .concat("\n");
}

/** A line of the cleaned article, with the layout cleaning took away (see structure.ts). */
export interface CleanLine {
  readonly text: string;
  /** The list marker the line started with ("- ", "• ", "* "…), if any. */
  readonly bulleted: boolean;
  /** A blank line came before it in the raw text (it starts a block). */
  readonly blankBefore: boolean;
}

/** The cleaned article's lines, in order (what cleanArticle joins), with the layout they had. */
export function cleanLines(raw: string): CleanLine[] {
  const lines = repairMojibake(raw.replace(/^\uFEFF/, ""))
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => {
      const spaced = line
        .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
        .replace(/\u00C2(?=[\s\u00A0]|$)/g, "")
        .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, " ")
        .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
        .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"');
      const bulleted = /^\s*[-•*▪◦‣·]\s+/.test(spaced);
      return {
        text: spaced
          .replace(/^\s*[-•*▪◦‣·]\s+/, "")
          .replace(/ {2,}/g, " ")
          .trim(),
        bulleted,
      };
    });
  const joined: CleanLine[] = [];
  let afterBlank = true;
  for (const { text, bulleted } of lines) {
    if (text === "") {
      afterBlank = true;
      continue;
    }
    const previous = joined.at(-1);
    const wrapped =
      !afterBlank && !bulleted && previous !== undefined && !/[.!?:;"')\]]$/.test(previous.text) && /^[a-z]/.test(text);
    if (wrapped) joined[joined.length - 1] = { ...previous, text: `${previous.text} ${text}` };
    else joined.push({ text, bulleted, blankBefore: afterBlank });
    afterBlank = false;
  }
  return joined;
}

/** Windows-1252's characters for the bytes 0x80–0x9F (where it differs from Latin-1). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
const byteOf = new Map<string, number>();
for (let b = 0xa0; b <= 0xff; b++) byteOf.set(String.fromCharCode(b), b);
for (let i = 0; i < CP1252_HIGH.length; i++) byteOf.set(CP1252_HIGH[i]!, 0x80 + i);
for (let b = 0x80; b <= 0x9f; b++) byteOf.set(String.fromCharCode(b), b);
const CONTINUATION = `[\u0080-\u00BF${CP1252_HIGH.replace(/[\u0080-\u009F]/g, "")}]`;
/** A lead byte (0xC2–0xF4 read as a character) followed by continuation bytes read as characters. */
const MOJIBAKE = new RegExp(`[\u00C2-\u00F4]${CONTINUATION}{1,3}`, "g");
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Repairs text that was UTF-8, decoded as Windows-1252 (or Latin-1): each run that re-encodes to valid
 * UTF-8 is replaced by what it decodes to; anything else (a real "Ã" or "é") is left alone.
 */
export function repairMojibake(text: string): string {
  return text.replace(MOJIBAKE, (run) => {
    const bytes = [...run].map((c) => byteOf.get(c));
    if (bytes.some((b) => b === undefined)) return run;
    try {
      const decoded = strictUtf8.decode(new Uint8Array(bytes as number[]));
      // Only whole characters: a partial sequence would have thrown.
      return decoded;
    } catch {
      return run;
    }
  });
}

/**
 * Splits the cleaned article into sentences, in order. A line break always ends a sentence
 * (the article is one sentence per line); inside a line, ". " followed by a capital does too.
 */
export function splitSentences(cleaned: string): string[] {
  return cleaned
    .split("\n")
    .filter((line) => line.length > 0)
    .flatMap((line) => line.split(/(?<=[.!?]["')]?)\s+(?=["'(]?[A-Z])/))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}
