import { PACK_ID_PATTERN } from "./schema.js";

/**
 * What `knowledge:new` checks of an article before building a pack from it, apart from the pack-building
 * pipeline (new-pack.ts, whose fact drafting loads a 45 MB tagger): the bot checks an uploaded article with
 * these in its main thread and builds the pack in a worker.
 */

/** The biggest article `knowledge:new` takes (a long feature is ~40 KB). */
export const MAX_ARTICLE_BYTES = 200 * 1024;
/** Pack ids travel in custom_ids (100 characters), so they stay short. */
const MAX_PACK_ID_LENGTH = 40;

/** Why an input was refused; nothing has been written. */
export class NewPackError extends Error {
  override name = "NewPackError";
}

/** Checks the input bytes: not empty, not too big, UTF-8 text (not binary). Returns the text. */
export function decodeArticle(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_ARTICLE_BYTES) {
    throw new NewPackError(
      `the article is ${Math.ceil(bytes.byteLength / 1024)} KB; the limit is ${MAX_ARTICLE_BYTES / 1024} KB`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new NewPackError("the input is not UTF-8 text (save the article as UTF-8 plain text)");
  }
  // NUL and other control characters (but tab, line feed, carriage return and form feed) mean a binary file.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
  if (/[\u0000-\u0008\u000E-\u001F]/.test(text))
    throw new NewPackError("the input looks like a binary file, not plain text");
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
    throw new NewPackError(
      `the id "${id.slice(0, 60)}" is not a lowercase slug of at most ${MAX_PACK_ID_LENGTH} characters (a-z, 0-9, single hyphens), e.g. "tram-opening-2024"`,
    );
  }
}
