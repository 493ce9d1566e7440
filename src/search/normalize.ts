/**
 * Text normalised for search: Discord tokens, URLs, markdown and emoji removed, case, diacritics and punctuation
 * folded.
 */
/** Lower-case ASCII words separated by single spaces: what normalizeText returns, unchanged by it. */
const PLAIN = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** Questions longer than this are cut before searching: no article question needs more, and it bounds latency. */
export const MAX_SEARCH_CHARS = 500;

/**
 * Cleans what a user typed (in Discord or a terminal) into plain lower-case words separated by
 * single spaces: Discord mention tokens, markdown, URLs, control characters, emoji, diacritics,
 * curly quotes and dashes are all removed or folded.
 */
export function normalizeText(input: string): string {
  // Already plain words (most curated phrasings): nothing to fold.
  if (PLAIN.test(input) && input.length <= MAX_SEARCH_CHARS && !input.includes("the us")) return input;
  return (
    input
      .slice(0, MAX_SEARCH_CHARS * 2)
      // Discord tokens: <@123> <@!123> <@&123> <#123> </cmd:123> <:emoji:123> <t:123:R>, and mass mentions.
      .replace(/<(?:@[!&]?|#|\/[\w -]+:|a?:\w+:|t:)\d+(?::\w)?>/g, " ")
      // Mass mentions, and a name addressed as "@ArticleBot" (typed, not a mention token): not part of the question.
      .replace(/(^|\s)@[\w.-]+/g, "$1 ")
      .replace(/https?:\/\/\S+/gi, " ")
      // Markdown links keep their text; other markdown punctuation is dropped below with the rest.
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      // "US"/"U.S." is the country, not the pronoun: mark it before case is lost.
      .replace(/\bU\.?S\.?A?\b\.?/g, " usa ")
      .toLowerCase()
      // "the us" is the country too: nobody writes "the us" for the pronoun.
      .replace(/\bthe us\b/g, "the usa")
      .replace(/[\u2018\u2019\u201B\u2032`´]/g, "'")
      // Letter-digit hyphens join (F-16 → f16); other hyphens and dashes separate words.
      .replace(/([a-z])[-\u2010-\u2015]+(\d)/g, "$1$2")
      .replace(/'s\b/g, "")
      .replace(/'/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
      .slice(0, MAX_SEARCH_CHARS)
      .trim()
  );
}
