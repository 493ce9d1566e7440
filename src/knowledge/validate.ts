/**
 * Validation of a whole pack: every file parsed and checked (by the validate-*.ts modules), then the
 * cross-references between them, all problems reported together. Returns the linked knowledge base.
 */
import { cleanArticle } from "./clean-article.js";
import type { KnowledgeProblem } from "./errors.js";
import { KnowledgeError } from "./errors.js";
import type { PackFiles } from "./pack-dir.js";
import { packFiles } from "./pack-dir.js";
import { conceptsFileSchema, factSchema, metaFileSchema, sentenceSchema } from "./schema.js";
import type { Concepts, Fact, KnowledgeBase, QaEntry, Sentence } from "./types.js";
import { checkFacts } from "./validate-facts.js";
import { parseEntries, parseWhole } from "./validate-parse.js";
import { checkPhrasings, parseQaFile } from "./validate-qa.js";
import { checkCitations, checkSentences, uncitedSentences } from "./validate-sentences.js";
import { checkConcepts, NO_LEXICON, parseLexicon } from "./validate-vocabulary.js";

export { PACK_FILE_NAMES } from "./pack-dir.js";

/** The knowledge files' contents, before validation: text and YAML files as strings, JSON already parsed. */
export interface KnowledgeSources {
  readonly rawArticle: string;
  readonly article: string;
  readonly meta: unknown;
  readonly sentences: unknown;
  /** qa.yaml's text. */
  readonly qa: string;
  readonly facts: unknown;
  /** Optional: an article without a concept lexicon has none (undefined). */
  readonly concepts?: unknown;
  /** Optional: lexicon.yaml's text. */
  readonly lexicon?: string;
}

/**
 * Validates every file and every cross-reference, collecting all problems before failing, so one
 * `npm run knowledge:check` shows everything to fix. Returns the linked knowledge base.
 */
export function validateKnowledge(sources: KnowledgeSources, packId: string): KnowledgeBase {
  const problems: KnowledgeProblem[] = [];
  const KNOWLEDGE_FILES = packFiles(packId);

  const meta = parseWhole(KNOWLEDGE_FILES.meta, metaFileSchema, sources.meta, problems);
  // A draft pack (made by knowledge:new) is valid before anyone has written a Q&A entry or a fact card.
  const draft = meta?.status === "draft";
  const sentenceRecords = parseEntries(
    KNOWLEDGE_FILES.sentences,
    "sentences",
    sentenceSchema,
    sources.sentences,
    problems,
  );
  const qaFile = parseQaFile(KNOWLEDGE_FILES.qa, sources.qa, problems, draft ? 0 : 1);
  const qaRecords = qaFile.entries;
  const factRecords = parseEntries(KNOWLEDGE_FILES.facts, "facts", factSchema, sources.facts, problems, draft ? 0 : 1);

  const article = sources.article;
  if (article !== cleanArticle(sources.rawArticle)) {
    problems.push({
      file: KNOWLEDGE_FILES.article,
      problem: `is not the cleaned form of ${KNOWLEDGE_FILES.rawArticle}; regenerate it with \`npm run knowledge:clean\``,
    });
  }

  const sentences: Sentence[] = sentenceRecords.map((s, index) => ({
    id: s.id,
    index,
    text: s.text,
    role: s.role ?? "body",
    context: s.context ?? [],
  }));
  checkSentences(KNOWLEDGE_FILES, sentences, article, problems);
  const sentenceById = new Map(sentences.map((s) => [s.id, s]));

  const qa: QaEntry[] = qaRecords.map((e) => ({ ...e, pinned: e.pinned ?? false }));
  const facts: Fact[] = factRecords;
  checkIds(KNOWLEDGE_FILES, qa, facts, problems);
  checkCitations(KNOWLEDGE_FILES.qa, qa, sentenceById, problems, qaFile.lineOfEntry);
  checkPhrasings(KNOWLEDGE_FILES.qa, qa, qaFile.outOfScope, problems, qaFile.lineOfEntry);
  checkCitations(KNOWLEDGE_FILES.facts, facts, sentenceById, problems);
  checkFacts(KNOWLEDGE_FILES, facts, problems);
  // Every sentence cited by an entry is what "curated" means; for a draft, the uncited ones are hints (knowledge:check).
  if (!draft) {
    for (const id of uncitedSentences(sentences, qa)) {
      problems.push({
        file: KNOWLEDGE_FILES.sentences,
        entry: id,
        problem: `is not cited by any entry of ${KNOWLEDGE_FILES.qa}`,
      });
    }
  }
  const concepts: Concepts =
    sources.concepts === undefined
      ? { actors: [], opposites: [] }
      : (parseWhole(KNOWLEDGE_FILES.concepts, conceptsFileSchema, sources.concepts, problems) ?? {
          actors: [],
          opposites: [],
        });
  checkConcepts(KNOWLEDGE_FILES, concepts, problems);
  const lexicon =
    sources.lexicon === undefined ? NO_LEXICON : parseLexicon(KNOWLEDGE_FILES.lexicon, sources.lexicon, problems);

  if (problems.length > 0 || meta === undefined) throw new KnowledgeError(problems, packId);
  return {
    id: packId,
    status: meta.status,
    meta,
    article,
    sentences,
    qa,
    facts,
    concepts,
    lexicon,
    outOfScope: qaFile.outOfScope,
    sentenceById,
    qaById: new Map(qa.map((e) => [e.id, e])),
    factById: new Map(facts.map((f) => [f.id, f])),
  };
}

function checkIds(
  KNOWLEDGE_FILES: PackFiles,
  qa: readonly QaEntry[],
  facts: readonly Fact[],
  problems: KnowledgeProblem[],
): void {
  const seen = new Map<string, string>();
  const note = (file: string, id: string): void => {
    const first = seen.get(id);
    if (first !== undefined) problems.push({ file, entry: id, problem: `duplicate id (already used in ${first})` });
    else seen.set(id, file);
  };
  qa.forEach((e) => note(KNOWLEDGE_FILES.qa, e.id));
  facts.forEach((f) => note(KNOWLEDGE_FILES.facts, f.id));
}
