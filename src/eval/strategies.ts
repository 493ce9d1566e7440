import Fuse from "fuse.js";
import type { IFuseOptions } from "fuse.js";
import { AnswerEngine } from "../answer/engine.js";
import type { Library } from "../answer/library.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { Answerer } from "./evaluate.js";

/**
 * The answering strategies compared by `npm run eval -- --compare`. The baselines search the same
 * texts as the engine (Q&A phrasings, fact names and aliases, sentences) and cite the matched
 * entry's sentences, so only the matching differs.
 */
export function engineAnswerer(kb: KnowledgeBase): Answerer {
  const engine = new AnswerEngine(kb);
  return (q) => {
    const a = engine.answer(q);
    return {
      outcome: a.outcome,
      citationIds: a.citations.map((c) => c.id),
      answer: a.answer,
      closestIds: a.closest.map((c) => c.id),
    };
  };
}

/**
 * The library's answer across every pack (or from one, with `articleId`): the answer the reply presents
 * (when two packs answer about equally well, the best one's, with buttons for the others). An answer from
 * another pack than `expectPack` is wrong whatever its ids (they are another article's sentences).
 */
export function libraryAnswerer(library: Library, articleId?: string, expectPack?: string): Answerer {
  return (q) => {
    const { pack, answer } = library.answer(q, articleId);
    const foreign = expectPack !== undefined && pack.id !== expectPack;
    return {
      outcome: answer.outcome,
      citationIds: answer.citations.map((c) => (foreign ? `${pack.id}:${c.id}` : c.id)),
      answer: answer.answer,
      closestIds: answer.closest.map((c) => (foreign ? `${pack.id}:${c.id}` : c.id)),
    };
  };
}

/** The engine over the article's sentences alone: no Q&A entries, no fact cards (what a new article starts with). */
export function sentencesOnly(kb: KnowledgeBase): KnowledgeBase {
  return { ...kb, qa: [], facts: [], qaById: new Map(), factById: new Map() };
}

interface Doc {
  readonly texts: readonly string[];
  readonly cites: readonly string[];
}

export function searchDocs(kb: KnowledgeBase): Doc[] {
  return [
    ...kb.qa.map((e) => ({ texts: [e.question, ...e.phrasings], cites: e.sentences })),
    ...kb.facts.map((f) => ({ texts: [f.name, ...f.aliases], cites: f.sentences })),
    ...kb.sentences.map((s) => ({ texts: [s.text], cites: [s.id] })),
  ];
}

/**
 * Plain Fuse over the texts. Returns a function from an answer cut-off to an answerer that answers
 * when the best score is at most the cut-off (0 = perfect); Fuse is asked once per question, so
 * trying many cut-offs costs one search each.
 */
export function fuseAnswerers(kb: KnowledgeBase, options: IFuseOptions<Doc> = {}): (maxScore: number) => Answerer {
  const fuse = new Fuse(searchDocs(kb), { keys: ["texts"], includeScore: true, ...options });
  const cache = new Map<string, { score: number; cites: readonly string[] } | undefined>();
  const best = (q: string) => {
    if (!cache.has(q)) {
      const top = fuse.search(q.slice(0, 500), { limit: 1 })[0];
      cache.set(q, top === undefined ? undefined : { score: top.score ?? 1, cites: top.item.cites });
    }
    return cache.get(q);
  };
  return (maxScore) => (q) => {
    const top = best(q);
    if (top === undefined || top.score > maxScore) return { outcome: "not_covered", citationIds: [], answer: "" };
    return { outcome: "answered", citationIds: top.cites.slice(0, 3), answer: "" };
  };
}

export const BASELINES: Readonly<Record<string, IFuseOptions<Doc>>> = {
  "fuse (defaults)": {},
  "fuse (ignoreLocation)": { ignoreLocation: true },
  "fuse (useTokenSearch)": { useTokenSearch: true },
};
