import { cleanArticle } from "./clean-article.js";
import { draftFacts } from "./draft-facts.js";
import { PACK_ID_PATTERN, type FactRecord, type SentenceRecord } from "./schema.js";
import { splitNewsSentences } from "./split-sentences.js";
import { PACK_FILE_NAMES } from "./validate.js";

/** The biggest article `knowledge:new` takes (a long feature is ~40 KB). */
export const MAX_ARTICLE_BYTES = 200 * 1024;
export const MIN_SENTENCES = 3;
/** Pack ids travel in custom_ids (100 characters), so they stay short. */
export const MAX_PACK_ID_LENGTH = 40;

/** Why an input was refused; nothing has been written. */
export class NewPackError extends Error {
  override name = "NewPackError";
}

export interface NewPack {
  readonly id: string;
  /** File name inside the pack's directory → contents. */
  readonly files: Readonly<Record<string, string>>;
  readonly sentences: readonly SentenceRecord[];
  readonly facts: readonly FactRecord[];
  readonly title: string;
}

/** Checks the input bytes: not empty, not too big, UTF-8 text (not binary). Returns the text. */
export function decodeArticle(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_ARTICLE_BYTES) {
    throw new NewPackError(`the article is ${Math.ceil(bytes.byteLength / 1024)} KB; the limit is ${MAX_ARTICLE_BYTES / 1024} KB`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new NewPackError("the input is not UTF-8 text (save the article as UTF-8 plain text)");
  }
  // NUL and other control characters (but tab, line feed, carriage return and form feed) mean a binary file.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text)) throw new NewPackError("the input looks like a binary file, not plain text");
  if (text.trim() === "") throw new NewPackError("the input is empty");
  return text;
}

/** An id from a title: lowercase words joined by hyphens, at most MAX_PACK_ID_LENGTH characters. */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, MAX_PACK_ID_LENGTH).replace(/-+$/, "") || "article";
}

export function checkPackId(id: string): void {
  if (!PACK_ID_PATTERN.test(id) || id.length > MAX_PACK_ID_LENGTH) {
    throw new NewPackError(`the id "${id.slice(0, 60)}" is not a lowercase slug of at most ${MAX_PACK_ID_LENGTH} characters (a-z, 0-9, single hyphens), e.g. "tram-opening-2024"`);
  }
}

/**
 * A draft pack from a pasted article: the raw text kept as article.raw.txt, the cleaned text, its
 * sentences (S0 the headline, S1 the standfirst when there is one), draft fact cards, meta.json with
 * status "draft" and an empty qa.json. Throws NewPackError for text that cannot make a pack.
 */
export function buildPack(raw: string, options: { id?: string; title?: string } = {}): NewPack {
  const cleaned = cleanArticle(raw);
  const texts = splitNewsSentences(cleaned);
  if (texts.length < MIN_SENTENCES) {
    throw new NewPackError(`the text has ${texts.length} sentence${texts.length === 1 ? "" : "s"}; a pack needs at least ${MIN_SENTENCES}`);
  }
  const sentences = texts.map((text, i) => ({ id: `S${i}`, text }));
  const headline = sentences[0]!.text;
  const title = (options.title ?? headline).replace(/\s+/g, " ").trim().slice(0, 200);
  if (title === "") throw new NewPackError("the title is empty");
  const id = options.id ?? slugify(title);
  checkPackId(id);

  // The standfirst: a second line in the headline's block (no blank line between them), if it is one sentence.
  const rawLines = raw.replace(/\r\n?/g, "\n").split("\n").map((l) => l.trim());
  const firstBlank = rawLines.findIndex((l, i) => i > 0 && l === "");
  const headBlock = rawLines.slice(0, firstBlank === -1 ? rawLines.length : firstBlank).filter((l) => l !== "");
  const cleanedLines = cleaned.split("\n");
  const hasStandfirst = headBlock.length === 2 && sentences[1]?.text === cleanedLines[1];

  const facts = draftFacts(sentences);
  const dates = facts.filter((f) => f.kind === "date").map((f) => f.name);
  const last = sentences.length - 1;
  const meta = {
    title,
    outlet: null,
    outletNote: "The article text does not name the outlet that published it, so the bot does not guess.",
    writtenWhen:
      dates.length === 0
        ? "The text gives no date of its own."
        : `The text gives no publication date; the dates it mentions include ${dates.slice(0, 5).join(", ")}.`,
    covers: hasStandfirst ? sentences[1]!.text : headline,
    sentenceIds: hasStandfirst
      ? `S0 is the headline, S1 the standfirst; S2 to S${last} are the article's sentences in order.`
      : `S0 is the headline; S1 to S${last} are the article's sentences in order.`,
    status: "draft",
  };
  const json = (data: unknown): string => `${JSON.stringify(data, null, 2)}\n`;
  return {
    id,
    title,
    sentences,
    facts,
    files: {
      [PACK_FILE_NAMES.rawArticle]: raw,
      [PACK_FILE_NAMES.article]: cleaned,
      [PACK_FILE_NAMES.sentences]: json({ sentences }),
      [PACK_FILE_NAMES.meta]: json(meta),
      [PACK_FILE_NAMES.qa]: json({ entries: [] }),
      [PACK_FILE_NAMES.facts]: json({ facts }),
    },
  };
}
