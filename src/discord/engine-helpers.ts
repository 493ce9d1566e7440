import { MAX_CITATIONS, type AnswerEngine } from "../answer/engine.js";
import type { Answer } from "../answer/types.js";
import type { QaEntry, Sentence } from "../knowledge/types.js";
import type { SourceKind as TargetKind } from "../answer/types.js";

/**
 * Small read-only functions over the engine that only the Discord layer needs (the engine itself is owned by
 * src/answer and is not edited from here). Pure functions of the engine's knowledge base.
 */

export type AnswerSource = { readonly kind: TargetKind; readonly id: string };

export const SOURCE_KINDS: readonly TargetKind[] = ["qa", "fact", "sentence"];

export function isSourceKind(value: string): value is TargetKind {
  return (SOURCE_KINDS as readonly string[]).includes(value);
}

/** Whether the knowledge base still has this answer source (custom_ids can outlive a knowledge-base edit). */
export function sourceExists(engine: AnswerEngine, source: AnswerSource): boolean {
  if (source.kind === "qa") return engine.kb.qaById.has(source.id);
  if (source.kind === "fact") return engine.kb.factById.has(source.id);
  return engine.kb.sentenceById.has(source.id);
}

/**
 * Per knowledge base, built on first use: question text → entry, and the related entries of each answer
 * source. Both are pure functions of the base, and rendering an answer needs them on every request.
 */
interface HelperTables {
  readonly byQuestion: Map<string, QaEntry>;
  readonly related: Map<string, readonly QaEntry[]>;
}
const tables = new WeakMap<object, HelperTables>();

function tablesFor(engine: AnswerEngine): HelperTables {
  let t = tables.get(engine.kb);
  if (t === undefined) {
    t = { byQuestion: new Map(engine.kb.qa.map((e) => [e.question, e])), related: new Map() };
    tables.set(engine.kb, t);
  }
  return t;
}

/** Q&A entries for question texts (as the engine returns suggestions), in order, skipping unknown ones. */
export function entriesForQuestions(engine: AnswerEngine, questions: readonly string[]): QaEntry[] {
  const { byQuestion } = tablesFor(engine);
  const out: QaEntry[] = [];
  for (const q of questions) {
    const entry = byQuestion.get(q);
    if (entry !== undefined && !out.includes(entry)) out.push(entry);
  }
  return out;
}

/**
 * Questions related to an answer source, for the "Related" select menu: the engine's own related questions
 * first, then every other entry citing one of the same sentences, then entries citing a neighbouring sentence.
 */
export function relatedEntries(engine: AnswerEngine, source: AnswerSource, limit = 10): QaEntry[] {
  const { related } = tablesFor(engine);
  const key = `${source.kind}:${source.id}`;
  let all = related.get(key);
  if (all === undefined) {
    all = computeRelated(engine, source);
    related.set(key, all);
  }
  return all.slice(0, limit);
}

/** Every related entry of a source, in order (relatedEntries caches and cuts this). */
function computeRelated(engine: AnswerEngine, source: AnswerSource): QaEntry[] {
  const own = new Set(engine.sourceSentences(source));
  const neighbours = new Set<string>();
  for (const id of own) for (const s of engine.context(id, 1)) neighbours.add(s.id);
  const others = engine.kb.qa.filter((e) => !(source.kind === "qa" && e.id === source.id));
  const ordered = [
    ...entriesForQuestions(engine, engine.relatedQuestions(source)),
    ...others.filter((e) => e.sentences.some((s) => own.has(s))),
    ...others.filter((e) => e.sentences.some((s) => neighbours.has(s))),
  ];
  return [...new Set(ordered)].filter((e) => !(source.kind === "qa" && e.id === source.id));
}

/**
 * The answer for a Q&A entry picked from a menu. The user chose the entry itself, so it is answered from that
 * entry directly (confidence 1: an exact match), not re-searched.
 */
export function answerForEntry(engine: AnswerEngine, id: string): Answer | undefined {
  const entry = engine.kb.qaById.get(id);
  if (entry === undefined) return undefined;
  const source = { kind: "qa" as const, id: entry.id };
  return {
    question: entry.question,
    outcome: "answered",
    answered: true,
    answer: entry.answer,
    citations: entry.sentences.slice(0, MAX_CITATIONS).flatMap((sid) => {
      const s = engine.kb.sentenceById.get(sid);
      return s === undefined ? [] : [{ id: s.id, text: s.text }];
    }),
    closest: [],
    confidence: 1,
    suggestions: engine.relatedQuestions(source),
    source,
  };
}

/** "Show context": the cited sentences of a source with their neighbours, in article order, cited ones marked. */
export function contextSentences(
  engine: AnswerEngine,
  source: AnswerSource,
  radius = 1,
): { sentence: Sentence; cited: boolean }[] {
  const cited = new Set(engine.sourceSentences(source).slice(0, MAX_CITATIONS));
  const byId = new Map<string, Sentence>();
  for (const id of cited) for (const s of engine.context(id, radius)) byId.set(s.id, s);
  return [...byId.values()]
    .sort((a, b) => a.index - b.index)
    .map((sentence) => ({ sentence, cited: cited.has(sentence.id) }));
}
