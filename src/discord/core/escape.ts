/**
 * Escaping: user text echoed back and the article's text made inert (no mentions, no markdown surprises).
 */
import { escapeMarkdown } from "@discordjs/formatters";

const ZWSP = "\u200b";

/**
 * Makes `@everyone` / `@here` inert by putting a zero-width space after the `@`. `allowed_mentions: {parse: []}`
 * already stops them pinging anyone; this also stops them *looking* like a ping, and stays safe if the text
 * is ever sent by a path that forgets allowed_mentions.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`);
}

/**
 * User text (a question, a topic, a message being checked) as it may be echoed in a message: on one line
 * (so it cannot start a heading, list or quote of its own), every markdown character escaped, mass mentions
 * neutralised, and cut to `max` characters.
 */
export function echoUserText(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  const short = oneLine.length > max ? `${oneLine.slice(0, max - 1).trimEnd()}…` : oneLine;
  const escaped = escapeMarkdown(short, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return neutralizeMentions(escaped);
}

/**
 * Text from the knowledge base (the article's sentences, curated answers). Trusted, but escaped anyway so an
 * asterisk or underscore in a quote renders as itself; the article currently contains none, so quotes stay
 * byte-for-byte identical to knowledge/article.txt.
 */
export function kbText(text: string): string {
  let escaped = kbTextCache.get(text);
  if (escaped === undefined) {
    escaped = neutralizeMentions(escapeMarkdown(text));
    // The knowledge base is a few thousand strings at most; the bound only guards against misuse.
    if (kbTextCache.size >= KB_TEXT_CACHE_MAX) kbTextCache.clear();
    kbTextCache.set(text, escaped);
  }
  return escaped;
}

/**
 * Knowledge-base texts are static, and escapeMarkdown is most of the time it takes to render an answer:
 * each distinct text is escaped once per process.
 */
const kbTextCache = new Map<string, string>();
const KB_TEXT_CACHE_MAX = 20_000;

/** A question as an answer embed's title shows it (echoUserText), with the markdown escaping and mention guard undone. */
export function questionFromTitle(title: string | undefined): string {
  return (title ?? "")
    .replace(/\\([\\*_`~|>#\-[\]()!.:<@])/g, "$1")
    .replace(/@\u200b/g, "@")
    .replace(/…$/, "");
}
