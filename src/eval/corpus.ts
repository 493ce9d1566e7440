import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { REPO_ROOT } from "../knowledge/load.js";
import { packFromText } from "../knowledge/new-pack.js";
import type { KnowledgeBase, Sentence } from "../knowledge/types.js";
import type { QuestionSet } from "./question-sets.js";

/**
 * The article corpus (test/corpus/): articles of the kinds Discord servers share, each written for the
 * project, each with a question set written from that article alone by someone who had seen neither the
 * engine, the knowledge base nor the other sets. Answers are marked as exact substrings of the article
 * (`evidence`), not sentence ids, so the sets do not depend on how the article is split: each substring is
 * mapped here to the sentences of the pack that `knowledge:new` makes, which every sentence it overlaps
 * counts as right.
 *
 * The split is by article, fixed in test/corpus/manifest.json before the engine was changed: `tune` articles
 * are what the engine and its decision are fitted and tuned on; `holdout` articles are never tuned on and
 * their figures are reported apart.
 */
const CORPUS_DIR = "test/corpus";

const manifestSchema = z.strictObject({
  articles: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
        kind: z.string().min(1),
        split: z.enum(["tune", "holdout"]),
      }),
    )
    .min(1),
});

const exact = z.string().min(1);
const inScopeSchema = z.strictObject({
  q: z.string(),
  kind: z.string(),
  evidence: z.array(exact).min(1),
  answerWords: z.array(z.string().min(1)).optional(),
});
const outOfScopeSchema = z.strictObject({
  q: z.string(),
  kind: z.string(),
  corrects: z.array(exact).optional(),
});
const turnSchema = z.strictObject({
  q: z.string(),
  kind: z.string().optional(),
  evidence: z.array(exact).min(1),
  answerWords: z.array(z.string().min(1)).optional(),
});
const corpusQuestionsSchema = z.strictObject({
  inScope: z.array(inScopeSchema).min(1),
  outOfScope: z.array(outOfScopeSchema).min(1),
  conversations: z.array(z.strictObject({ turns: z.array(turnSchema).min(2) })).default([]),
});
type CorpusQuestions = z.infer<typeof corpusQuestionsSchema>;

export type Split = "tune" | "holdout";

/** A follow-up conversation: each turn's question with the sentence ids that answer it as meant. */
interface Conversation {
  readonly turns: readonly {
    readonly q: string;
    readonly kind: string;
    readonly expect: readonly string[];
    readonly answerWords?: readonly string[];
  }[];
}

export interface CorpusArticle {
  readonly id: string;
  readonly kind: string;
  readonly split: Split;
  /** The article as pasted. */
  readonly raw: string;
  /** The draft pack `knowledge:new` makes of it. */
  readonly kb: KnowledgeBase;
  /** The questions, with evidence mapped to the pack's sentence ids. */
  readonly set: QuestionSet;
  readonly conversations: readonly Conversation[];
  /** Evidence strings that span more than one of the pack's sentences (the splitter cut the writer's sentence). */
  readonly splitEvidence: number;
}

class CorpusError extends Error {
  override name = "CorpusError";
}

/** The manifest's articles, in order, optionally only one split. */
function corpusManifest(root = REPO_ROOT): z.infer<typeof manifestSchema>["articles"] {
  const path = join(root, CORPUS_DIR, "manifest.json");
  return manifestSchema.parse(JSON.parse(readFileSync(path, "utf8"))).articles;
}

/** Loads every corpus article (or one split), builds its draft pack and maps its questions. */
export function loadCorpus(split?: Split, root = REPO_ROOT): CorpusArticle[] {
  return corpusManifest(root)
    .filter((a) => split === undefined || a.split === split)
    .map((a) => loadCorpusArticle(a.id, a.kind, a.split, root));
}

function loadCorpusArticle(id: string, kind: string, split: Split, root = REPO_ROOT): CorpusArticle {
  const dir = join(root, CORPUS_DIR, id);
  const raw = readFileSync(join(dir, "article.txt"), "utf8");
  const file = `${CORPUS_DIR}/${id}/questions.json`;
  const parsed = corpusQuestionsSchema.safeParse(JSON.parse(readFileSync(join(dir, "questions.json"), "utf8")));
  if (!parsed.success)
    throw new CorpusError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const kb = packFromText(raw, id);
  const { set, conversations, splitEvidence } = mapQuestions(parsed.data, kb, file);
  return { id, kind, split, raw, kb, set, conversations, splitEvidence };
}

/** Folds what cleaning folds (curly quotes, wide spaces), so an evidence string copied from the raw article matches the cleaned one. */
function asCleaned(text: string): string {
  return text
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, " ")
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/ {2,}/g, " ");
}

/** The sentences an exact substring of the article overlaps, in order. */
function sentencesOf(evidence: string, kb: KnowledgeBase): Sentence[] {
  const wanted = asCleaned(evidence).trim();
  // Inside one sentence (the common case).
  const inside = kb.sentences.filter((s) => s.text.includes(wanted));
  if (inside.length > 0) return inside;
  // Across sentences: locate it in the article and take every sentence whose span it overlaps.
  const at = kb.article.indexOf(wanted);
  if (at === -1) return [];
  const end = at + wanted.length;
  const out: Sentence[] = [];
  let cursor = 0;
  for (const s of kb.sentences) {
    const start = kb.article.indexOf(s.text, cursor);
    if (start === -1) continue;
    cursor = start + s.text.length;
    if (start < end && cursor > at) out.push(s);
  }
  return out;
}

function mapQuestions(
  data: CorpusQuestions,
  kb: KnowledgeBase,
  file: string,
): { set: QuestionSet; conversations: Conversation[]; splitEvidence: number } {
  const problems: string[] = [];
  let splitEvidence = 0;
  const ids = (strings: readonly string[], where: string): string[] => {
    const out: string[] = [];
    for (const e of strings) {
      const found = sentencesOf(e, kb);
      if (found.length === 0) problems.push(`${where}: ${JSON.stringify(e)} is not in the article`);
      if (found.length > 1 && !found.every((s) => s.text.includes(asCleaned(e).trim()))) splitEvidence++;
      for (const s of found) if (!out.includes(s.id)) out.push(s.id);
    }
    return out;
  };
  const set: QuestionSet = {
    inScope: data.inScope.map((x, i) => ({
      q: x.q,
      kind: x.kind,
      expect: ids(x.evidence, `inScope[${i}]`),
      ...(x.answerWords === undefined ? {} : { answerWords: x.answerWords }),
    })),
    outOfScope: data.outOfScope.map((x, i) => ({
      q: x.q,
      kind: x.kind,
      ...(x.corrects === undefined ? {} : { corrects: ids(x.corrects, `outOfScope[${i}]`) }),
    })),
  };
  const conversations = data.conversations.map((c, i) => ({
    turns: c.turns.map((t, j) => ({
      q: t.q,
      kind: t.kind ?? (j === 0 ? "first" : "follow-up"),
      expect: ids(t.evidence, `conversations[${i}].turns[${j}]`),
      ...(t.answerWords === undefined ? {} : { answerWords: t.answerWords }),
    })),
  }));
  if (problems.length > 0) throw new CorpusError(`${file}:\n  ${problems.join("\n  ")}`);
  return { set, conversations, splitEvidence };
}
