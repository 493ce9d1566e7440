import type { KnowledgeBase } from "../knowledge/types.js";
import type { Analyzer } from "./analyzer.js";
import { compileLexicon, createAnalyzer } from "./analyzer.js";
import type { AnalyzedText, EntryIndex, EntryTarget } from "./entry-index.js";
import { buildEntryIndex } from "./entry-index.js";
import { normalizeText } from "./normalize.js";
import type { ArticleVocabulary, ResolvedWord } from "./query-words.js";
import { articleVocabulary, resolveWords, vocabularyOf } from "./query-words.js";
import type { ScoringOptions } from "./scoring-options.js";
import { DEFAULT_SCORING } from "./scoring-options.js";
import type { SentenceIndex } from "./sentence-types.js";
import { buildSentenceIndex } from "./sentence-index.js";
import type { WordVectors } from "./word-vectors.js";
import { defaultWordVectors } from "./word-vectors.js";

/**
 * Everything search needs about one pack, built once (buildIndex) and read by pure functions: the pack's
 * analyzer (its lexicon), its sentences as a BM25 index with contexts, spans and meaning vectors, its curated
 * entries (Q&A phrasings, fact names) as a second index, and its written words for spelling correction.
 */
export interface PackIndex {
  readonly analyzer: Analyzer;
  readonly sentences: SentenceIndex;
  /** The curated Q&A entries and fact cards (empty for a pack answered from its sentences alone). */
  readonly entries: EntryIndex;
  readonly vocabulary: ArticleVocabulary;
  readonly vectors: WordVectors | undefined;
  readonly options: ScoringOptions;
  /** Questions a moderator marked out of scope, normalised. */
  readonly outOfScope: ReadonlySet<string>;
}

export interface BuildOptions {
  /**
   * Search the Q&A entries and fact cards too. Default: for a curated pack, or one with Q&A entries. A draft's
   * fact cards are machine-made: matching questions against them answered worse than its sentences do.
   */
  readonly entries?: boolean;
  readonly vectors?: WordVectors | undefined;
  readonly scoring?: ScoringOptions;
}

function entryTargets(kb: KnowledgeBase): EntryTarget[] {
  return [
    ...kb.qa.map((e) => ({ kind: "qa" as const, id: e.id, texts: [e.question, ...e.phrasings] })),
    ...kb.facts.map((f) => ({ kind: "fact" as const, id: f.id, texts: [f.name, ...f.aliases] })),
  ];
}

export function buildIndex(kb: KnowledgeBase, options: BuildOptions = {}): PackIndex {
  const vectors = "vectors" in options ? options.vectors : defaultWordVectors();
  const scoring = options.scoring ?? DEFAULT_SCORING;
  const analyzer = createAnalyzer(compileLexicon(kb.lexicon));
  const withEntries = options.entries ?? (kb.status === "curated" || kb.qa.length > 0);
  const targets = withEntries ? entryTargets(kb) : [];
  // Words of names (fact cards, and names the sentences use) are what a three-letter misspelling may become.
  const nameWords = new Set(
    kb.facts.flatMap((f) => [f.name, ...f.aliases]).flatMap((n) => analyzer.analyze(n, "index").map((t) => t.word)),
  );
  for (const s of kb.sentences) {
    for (const m of s.text.matchAll(/\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b/g)) {
      for (const t of analyzer.analyze(m[0], "index")) nameWords.add(t.word);
    }
  }
  // Every text normalised and analysed once, for the entry index and the spelling vocabulary alike: the
  // sentences, then every target's texts in order (the entry index reads them by position).
  const analyze = (text: string): AnalyzedText => {
    const normalized = normalizeText(text);
    return { normalized, terms: analyzer.analyzeNormalized(normalized, "index") };
  };
  const texts = [...kb.sentences.map((s) => s.text), ...targets.flatMap((t) => t.texts)];
  const analyses = texts.map(analyze);
  const sentenceCount = kb.sentences.length;
  return {
    analyzer,
    sentences: buildSentenceIndex(kb.sentences, analyzer, vectors, scoring),
    entries: buildEntryIndex(targets, analyzer, (_text, position) => analyses[sentenceCount + position]!),
    vocabulary: articleVocabulary(texts, analyzer, nameWords, (_text, position) => analyses[position]!.terms),
    vectors,
    options: scoring,
    outOfScope: new Set(kb.outOfScope.map((q) => normalizeText(q))),
  };
}

/** A text's words resolved against one pack (its vocabulary, sentences and word vectors): search, autocomplete, /fact. */
export function resolveIn(index: PackIndex, text: string): ResolvedWord[] {
  return resolveWords(text, index.analyzer, index.vocabulary, index.sentences, index.vectors);
}

/** A pack index as plain data, for a snapshot: no functions, no class instances (they are rebuilt on load). */
export interface PackIndexData {
  readonly sentences: SentenceIndex;
  readonly entries: EntryIndex;
  readonly frequency: ReadonlyMap<string, number>;
  readonly nameWords: ReadonlySet<string>;
  readonly options: ScoringOptions;
  readonly outOfScope: ReadonlySet<string>;
}

export function indexToData(index: PackIndex): PackIndexData {
  const { sentences, entries, vocabulary, options, outOfScope } = index;
  return { sentences, entries, frequency: vocabulary.frequency, nameWords: vocabulary.nameWords, options, outOfScope };
}

/** A pack index from its snapshot's data: the analyzer comes from the pack's lexicon, the vectors are the process's. */
export function indexFromData(
  data: PackIndexData,
  kb: KnowledgeBase,
  vectors: WordVectors | undefined = defaultWordVectors(),
): PackIndex {
  return {
    analyzer: createAnalyzer(compileLexicon(kb.lexicon)),
    sentences: data.sentences,
    entries: data.entries,
    vocabulary: vocabularyOf(data.frequency, data.nameWords),
    vectors,
    options: data.options,
    outOfScope: data.outOfScope,
  };
}
