import { cleanArticle, cleanLines } from "./clean-article.js";
import { draftFacts } from "./draft-facts.js";
import { PACK_ID_PATTERN, type FactRecord, type SentenceRecord } from "./schema.js";
import { splitNewsSentences } from "./split-sentences.js";
import { structureLines } from "./structure.js";
import type { KnowledgeBase } from "./types.js";
import { PACK_FILE_NAMES, validateKnowledge } from "./validate.js";

/** The biggest article `knowledge:new` takes (a long feature is ~40 KB). */
export const MAX_ARTICLE_BYTES = 200 * 1024;
const MIN_SENTENCES = 3;
/** Pack ids travel in custom_ids (100 characters), so they stay short. */
const MAX_PACK_ID_LENGTH = 40;

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

/**
 * The article's sentences in order, each with its role in the layout and the earlier sentences that give it
 * context (structure.ts): every line of the cleaned article is split on its own, and a line's role and
 * context pass to each of its sentences.
 */
export function structuredSentences(raw: string): SentenceRecord[] {
  const lines = structureLines(cleanLines(raw));
  const firstOfLine: number[] = [];
  const lastOfLine: number[] = [];
  const out: SentenceRecord[] = [];
  lines.forEach((line, i) => {
    firstOfLine[i] = out.length;
    const context = line.context.flatMap((c) => {
      // A heading or a question is cited by its last sentence (a one-line heading is one sentence).
      const at = lastOfLine[c];
      return at === undefined ? [] : [`S${at}`];
    });
    for (const text of splitNewsSentences(line.text)) {
      out.push({
        id: `S${out.length}`,
        text,
        ...(line.role === "body" ? {} : { role: line.role }),
        ...(context.length === 0 ? {} : { context }),
      });
    }
    lastOfLine[i] = out.length - 1;
  });
  return out;
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
 * status "draft" and an empty qa.yaml. Throws NewPackError for text that cannot make a pack.
 */
export function buildPack(raw: string, options: { id?: string; title?: string } = {}): NewPack {
  const cleaned = cleanArticle(raw);
  const sentences = structuredSentences(raw);
  if (sentences.length < MIN_SENTENCES) {
    throw new NewPackError(
      `the text has ${sentences.length} sentence${sentences.length === 1 ? "" : "s"}; a pack needs at least ${MIN_SENTENCES}`,
    );
  }
  const headline = sentences[0]!.text;
  const title = (options.title ?? headline).replace(/\s+/g, " ").trim().slice(0, 200);
  if (title === "") throw new NewPackError("the title is empty");
  const id = options.id ?? slugify(title);
  checkPackId(id);
  const hasStandfirst = sentences[1]?.role === "standfirst";

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
      [PACK_FILE_NAMES.qa]: "# Curated questions and answers (see knowledge/putin-north-korea-2024/qa.yaml for the format).\nentries: []\n",
      [PACK_FILE_NAMES.facts]: json({ facts }),
    },
  };
}

/**
 * The pack `knowledge:new` makes of an article, validated like a pack read from disk, without touching disk
 * (the eval's corpus, tests). `qa` replaces the empty qa.yaml, to build a curated pack.
 */
export function packFromText(raw: string, id: string, qa?: string): KnowledgeBase {
  const pack = buildPack(raw, { id });
  const json = (name: string): unknown => JSON.parse(pack.files[name]!);
  return validateKnowledge(
    {
      rawArticle: pack.files[PACK_FILE_NAMES.rawArticle]!,
      article: pack.files[PACK_FILE_NAMES.article]!,
      meta: qa === undefined ? json(PACK_FILE_NAMES.meta) : { ...(json(PACK_FILE_NAMES.meta) as object), status: "draft" },
      sentences: json(PACK_FILE_NAMES.sentences),
      qa: qa ?? pack.files[PACK_FILE_NAMES.qa]!,
      facts: json(PACK_FILE_NAMES.facts),
    },
    id,
  );
}
