/**
 * The knowledge base's types: sentences, Q&A entries, fact cards, the concept lexicon, and a pack as loaded.
 */
import type { ArticleMeta, ConceptsRecord, FactKind, LexiconRecord, PackStatus, SentenceRole } from "./schema.js";

export interface Sentence {
  readonly id: string;
  /** Position in the article, 0-based (S0 is the standfirst). */
  readonly index: number;
  readonly text: string;
  /** Its place in the article's layout ("body" unless the pack says otherwise). */
  readonly role: SentenceRole;
  /** Ids of earlier sentences that give it context (its heading; for a FAQ answer, its question). */
  readonly context: readonly string[];
}

export interface QaEntry {
  readonly id: string;
  readonly question: string;
  readonly phrasings: readonly string[];
  readonly answer: string;
  /** Supporting sentence ids, most direct first. */
  readonly sentences: readonly string[];
  readonly pinned: boolean;
}

export interface Fact {
  readonly id: string;
  readonly name: string;
  readonly kind: FactKind;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly sentences: readonly string[];
  readonly related: readonly string[];
}

/** The validated, cross-linked knowledge base. Immutable once loaded. */
export interface KnowledgeBase {
  /** The pack's id: its directory under knowledge/ (e.g. "putin-north-korea-2024"). */
  readonly id: string;
  /** "draft" (made by knowledge:new, curation optional) or "curated" (every sentence cited by a Q&A entry). */
  readonly status: PackStatus;
  readonly meta: ArticleMeta;
  /** The cleaned article, the text every citation is quoted from. */
  readonly article: string;
  readonly sentences: readonly Sentence[];
  readonly qa: readonly QaEntry[];
  readonly facts: readonly Fact[];
  /** Actors and opposite words, for false-premise checks (empty when the article has no lexicon). */
  readonly concepts: Concepts;
  /** The article's own vocabulary: multi-word names and synonym groups (empty when the pack has none). */
  readonly lexicon: LexiconRecord;
  /** Questions a moderator marked as not answered by the article (normalised comparison). */
  readonly outOfScope: readonly string[];
  readonly sentenceById: ReadonlyMap<string, Sentence>;
  readonly qaById: ReadonlyMap<string, QaEntry>;
  readonly factById: ReadonlyMap<string, Fact>;
}

export type Concepts = ConceptsRecord;
export type { LexiconRecord, PackStatus, SentenceRole };
