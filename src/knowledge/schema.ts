import { z } from "zod";

/** Shapes of the data files under knowledge/. Cross-file rules live in validate.ts. */

const nonEmpty = z.string().trim().min(1, "must not be empty");
const entryId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase kebab-case (a-z, 0-9, single hyphens)");
export const sentenceId = z.string().regex(/^S\d+$/, 'must look like "S0", "S1", …');

export const sentenceSchema = z.strictObject({ id: sentenceId, text: nonEmpty });

export const metaFileSchema = z.strictObject({
  title: nonEmpty,
  outlet: z.string().min(1).nullable(),
  outletNote: nonEmpty,
  writtenWhen: nonEmpty,
  covers: nonEmpty,
  sentenceIds: nonEmpty,
});

export const qaEntrySchema = z.strictObject({
  id: entryId,
  // Discord autocomplete choice names are limited to 100 characters.
  question: nonEmpty.max(100, "must be at most 100 characters (Discord autocomplete limit)"),
  phrasings: z.array(nonEmpty.max(200)).min(1, "needs at least one alternative phrasing"),
  answer: nonEmpty.max(600),
  sentences: z.array(sentenceId).min(1, "must cite at least one sentence").max(3, "cites at most 3 sentences"),
  pinned: z.boolean().optional(),
});

export const factKinds = [
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

export type ConceptsRecord = z.infer<typeof conceptsFileSchema>;
export type SentenceRecord = z.infer<typeof sentenceSchema>;
export type ArticleMeta = z.infer<typeof metaFileSchema>;
export type QaEntryRecord = z.infer<typeof qaEntrySchema>;
export type FactRecord = z.infer<typeof factSchema>;
export type FactKind = (typeof factKinds)[number];
