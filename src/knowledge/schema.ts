import { z } from "zod";

/** Shapes of the data files under knowledge/. Cross-file rules live in validate.ts and the validate-*.ts checks it runs. */

const nonEmpty = z.string().trim().min(1, "must not be empty");
const entryId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase kebab-case (a-z, 0-9, single hyphens)");
const sentenceId = z.string().regex(/^S\d+$/, 'must look like "S0", "S1", …');

export { PACK_ID_PATTERN } from "./pack-dir.js";

const packStatuses = ["draft", "curated"] as const;

/**
 * What a sentence is in the article's layout (knowledge:new reads it from the pasted text, structure.ts):
 * the title, the standfirst, a byline or date line, a heading, a list item, a FAQ question or its answer, or
 * body text. Absent: body text.
 */
const sentenceRoles = ["title", "standfirst", "byline", "heading", "item", "question", "answer", "body"] as const;

export const sentenceSchema = z.strictObject({
  id: sentenceId,
  text: nonEmpty,
  role: z.enum(sentenceRoles).optional(),
  /** Earlier sentences that give this one context: the heading it sits under, for an answer its question. */
  context: z.array(sentenceId).optional(),
});

export const metaFileSchema = z.strictObject({
  title: nonEmpty,
  outlet: z.string().min(1).nullable(),
  outletNote: nonEmpty,
  writtenWhen: nonEmpty,
  covers: nonEmpty,
  sentenceIds: nonEmpty,
  /**
   * "draft": made by `knowledge:new`, may have no Q&A entries yet; "curated": every sentence is cited by a
   * Q&A entry. Absent means curated (packs written before drafts existed).
   */
  status: z.enum(packStatuses).default("curated"),
});

export const qaEntrySchema = z.strictObject({
  id: entryId,
  // Discord autocomplete choice names are limited to 100 characters.
  question: nonEmpty.max(100, "must be at most 100 characters (Discord autocomplete limit)"),
  /** Other ways people ask it; may be empty for an entry a moderator made from one question. */
  phrasings: z.array(nonEmpty.max(200)).default([]),
  answer: nonEmpty.max(600),
  sentences: z.array(sentenceId).min(1, "must cite at least one sentence").max(3, "cites at most 3 sentences"),
  pinned: z.boolean().optional(),
});

/** knowledge/<pack>/qa.yaml: the curated entries, and questions a moderator marked as out of scope. */
export const qaFileSchema = z.strictObject({
  entries: z.array(z.unknown()),
  outOfScope: z.array(nonEmpty.max(300)).default([]),
});

const factKinds = [
  "person",
  "country",
  "place",
  "organisation",
  "weapon",
  "programme",
  "date",
  "number",
  "event",
] as const;

export const factSchema = z.strictObject({
  id: entryId,
  name: nonEmpty.max(100),
  kind: z.enum(factKinds),
  aliases: z.array(nonEmpty.max(100)),
  description: nonEmpty.max(400),
  sentences: z.array(sentenceId).min(1, "must cite at least one sentence"),
  related: z.array(entryId).default([]),
});

const lexiconWord = z.string().trim().toLowerCase().min(1, "must not be empty").max(60);

/**
 * The article's concept lexicon (knowledge/concepts.json): which names stand for the same actor
 * (Moscow and the Kremlin act for Russia), and which words say the opposite of what the article
 * says (admit vs denied). Used to recognise and correct questions built on a false premise.
 */
export const conceptsFileSchema = z.strictObject({
  actors: z.array(z.strictObject({ id: entryId, names: z.array(lexiconWord).min(1, "needs at least one name") })),
  opposites: z.array(
    z.strictObject({
      id: entryId,
      words: z.array(lexiconWord).min(1, "needs at least one word"),
      opposite: z.array(lexiconWord).min(1, "needs at least one word"),
    }),
  ),
});

const lexiconPhrase = z
  .string()
  .regex(/^[a-z0-9]+(?: [a-z0-9]+)*$/, "must be lower-case words separated by single spaces (as normalised text)");

/**
 * An article's own vocabulary (knowledge/<pack>/lexicon.yaml, optional): multi-word names matched as one term,
 * and groups of words people use interchangeably about that story. General English needs no entry: word vectors
 * relate words by meaning for every article.
 */
export const lexiconFileSchema = z.strictObject({
  names: z
    .array(
      z.strictObject({
        term: z.string().regex(/^[a-z0-9]+$/, "must be one lower-case word"),
        /** Kept next to the term in the article's own texts ("" for none). */
        words: z.union([lexiconPhrase, z.literal("")]),
        spellings: z.array(lexiconPhrase).min(1, "needs at least one spelling"),
      }),
    )
    .default([]),
  synonyms: z
    .array(z.array(lexiconPhrase.refine((w) => !w.includes(" "), "must be one word")).min(2, "needs two words or more"))
    .default([]),
});

export type ConceptsRecord = z.infer<typeof conceptsFileSchema>;
export type LexiconRecord = z.infer<typeof lexiconFileSchema>;
export type SentenceRecord = z.infer<typeof sentenceSchema>;
export type ArticleMeta = z.infer<typeof metaFileSchema>;
export type QaEntryRecord = z.infer<typeof qaEntrySchema>;
export type FactRecord = z.infer<typeof factSchema>;
export type FactKind = (typeof factKinds)[number];
export type PackStatus = (typeof packStatuses)[number];
export type SentenceRole = (typeof sentenceRoles)[number];
