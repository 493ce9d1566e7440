/**
 * A draft pack built from an article's text: cleaned, split into sentences, structured, with draft fact cards, as
 * `knowledge:new` writes it.
 */
import { checkPackId, NewPackError, slugify } from "./article-text.js";
import { cleanArticle, cleanLines } from "./clean-article.js";
import { draftFacts } from "./draft-facts.js";
import type { FactRecord, SentenceRecord } from "./schema.js";

const MIN_SENTENCES = 3;
import { splitNewsSentences } from "./split-sentences.js";
import { structureLines } from "./structure.js";
import type { KnowledgeBase } from "./types.js";
import { PACK_FILE_NAMES, validateKnowledge } from "./validate.js";

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
      [PACK_FILE_NAMES.qa]:
        "# Curated questions and answers (see knowledge/putin-north-korea-2024/qa.yaml for the format).\nentries: []\n",
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
      meta:
        qa === undefined ? json(PACK_FILE_NAMES.meta) : { ...(json(PACK_FILE_NAMES.meta) as object), status: "draft" },
      sentences: json(PACK_FILE_NAMES.sentences),
      qa: qa ?? pack.files[PACK_FILE_NAMES.qa]!,
      facts: json(PACK_FILE_NAMES.facts),
    },
    id,
  );
}
