/**
 * The views the surfaces' buttons, menus and commands ask of the library: a related-questions menu, the answer
 * for a picked entry, a source's context, which article a fact or a checked message belongs to, /source's and
 * /quote's figures. Read-only, pure functions of the knowledge base: nothing about the article is decided in
 * src/discord, which renders what these return.
 */
import { MAX_CITATIONS, type AnswerEngine } from "../engine.js";
import type { Library, Pack } from "../library.js";
import type { Answer, Citation, FactView, SourceKind as TargetKind, SourceView } from "../types.js";
import type { QaEntry, Sentence } from "../../knowledge/types.js";
import type { AnswerSource } from "./related.js";

export type { AnswerSource } from "./related.js";

const SOURCE_KINDS: readonly TargetKind[] = ["qa", "fact", "sentence"];

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

/**
 * /fact's card for a topic: from the first of `packs` that has a card of that name, else the first pack's
 * "did you mean" (so the closest topics are the first article's).
 */
export function findFact(packs: readonly Pack[], topic: string): { pack: Pack; view: FactView } | undefined {
  let found: { pack: Pack; view: FactView } | undefined;
  for (const pack of packs) {
    const view = pack.factEngine.factView(topic);
    if (view.found) return { pack, view };
    found ??= { pack, view };
  }
  return found;
}

/** The last sentence index of the longest loaded article: /quote's max_value. */
export function lastSentenceIndex(library: Library): number {
  return Math.max(0, ...library.packs.map((p) => p.kb.sentences.length - 1));
}

/** /source's view of one article, counting its fact cards (a draft pack's engine answers without them). */
export function sourceViewOf(pack: Pack): SourceView {
  return { ...pack.engine.sourceView(), factCount: pack.kb.facts.length };
}

/**
 * "Check against article": the article a message is most about (the one whose answer to its first 500
 * characters wins), and that article's sentences bearing on the whole message.
 */
export function checkAgainstArticles(
  library: Library,
  text: string,
): { engine: AnswerEngine; result: { sentences: readonly Citation[]; confidence: number } } {
  const { engine } = library.answer(text.slice(0, 500)).pack;
  return { engine, result: engine.sentencesBearingOn(text) };
}
