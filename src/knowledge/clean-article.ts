/**
 * Turns the raw article (as scraped, with encoding debris) into the cleaned text every
 * citation is quoted from. Cleaning removes debris and nothing else: no word is changed.
 *
 * What counts as debris (decided once, documented in the README):
 * - a stray "Â" (U+00C2): UTF-8 bytes of a non-breaking space read as Latin-1, left after
 *   several sentences;
 * - non-breaking spaces (U+00A0) inside sentences → ordinary spaces;
 * - curly quotes → straight quotes (the article mixes ‘ and ’ for the same apostrophe);
 * - the "- " list marker in front of the standfirst (layout, not text);
 * - runs of spaces and trailing whitespace.
 * En dashes (–) are punctuation the author chose, so they stay.
 */
export function cleanArticle(raw: string): string {
  return raw
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) =>
      line
        .replace(/\u00C2(?=[\s\u00A0]|$)/g, "")
        .replace(/\u00A0/g, " ")
        .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
        .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
        .replace(/^\s*[-•*]\s+/, "")
        .replace(/ {2,}/g, " ")
        .trim(),
    )
    .filter((line) => line.length > 0)
    .join("\n")
    .concat("\n");
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
