/**
 * The fitting data: each question of a set asked of a pack, as the candidate features of every sentence, which
 * sentences answer it, and what the deciders need later (the retrieval, the premise check's verdict).
 */
import { filterByAnswerType } from "../answer/filter-answer-type.js";
import { candidateFeatures } from "../answer/features.js";
import { checkPremise, PremiseChecker } from "../answer/premise.js";
import { prepare } from "../answer/prepare.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import { buildIndex } from "../search/pack-index.js";
import { retrieve } from "../search/retrieve.js";
import type { QuestionSet } from "./question-sets.js";

export interface Group {
  /** The fold it belongs to: an article, or a fold of the curated article's questions. */
  readonly fold: string;
  readonly rows: number[][];
  /** 1 for a sentence that answers it; all 0 for an out-of-scope question. */
  readonly labels: number[];
  readonly inScope: boolean;
  readonly prepared: ReturnType<typeof prepare>;
  readonly typed: ReturnType<typeof filterByAnswerType>;
  readonly kb: KnowledgeBase;
  readonly expect: readonly string[];
  /**
   * A false premise: left out of the ranker's fitting (its best sentence is the one to correct it with), kept for
   * the deciders as a question not to answer as asked.
   */
  readonly premise: boolean;
  /** A false premise the premise check corrects: handled whatever the deciders say. */
  readonly corrected: boolean;
}

export function groupsOf(kb: KnowledgeBase, set: QuestionSet, fold: (i: number) => string, entries: boolean): Group[] {
  const index = buildIndex(kb, { entries });
  const checker = new PremiseChecker(kb.concepts, kb.sentences, index.analyzer);
  const position = new Map(kb.sentences.map((s, i) => [s.id, i]));
  const items = [
    ...set.inScope.map((q) => ({ q: q.q, expect: q.expect, premise: false })),
    ...set.outOfScope.map((q) => ({ q: q.q, expect: [] as readonly string[], premise: q.corrects !== undefined })),
  ];
  const out: Group[] = [];
  items.forEach((item, i) => {
    const prepared = prepare(item.q);
    if (prepared.nothing !== undefined) return;
    const typed = filterByAnswerType(retrieve(prepared, index), prepared, index, kb);
    const rows = candidateFeatures(typed, prepared, index.sentences, kb.sentences);
    const labels = new Array<number>(rows.length).fill(0);
    for (const id of item.expect) {
      const at = position.get(id);
      if (at !== undefined) labels[at] = 1;
    }
    // Whether the premise check corrects it (it reads the best-scoring sentences, before any decision).
    const order = [...typed.scores.score.keys()].sort((a, b) => typed.scores.score[b]! - typed.scores.score[a]!);
    const corrected =
      item.premise &&
      checkPremise(
        prepared.question,
        typed.words.filter((w) => w.via === "exact" || w.via === "corrected").map((w) => w.term),
        order.slice(0, 5).map((d) => kb.sentences[d]!.id),
        checker,
        kb.sentenceById,
      ) !== undefined;
    out.push({
      fold: fold(i),
      rows,
      labels,
      inScope: item.expect.length > 0,
      prepared,
      typed,
      kb,
      expect: item.expect,
      premise: item.premise,
      corrected,
    });
  });
  return out;
}
