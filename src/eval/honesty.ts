import { AnswerEngine } from "../answer/engine.js";
import type { KnowledgeBase } from "../knowledge/types.js";

/**
 * A curated pack's honesty about its own questions: every curated question and phrasing should be answered by
 * its own entry, and none told "the article says otherwise" (a curated phrasing is a true question).
 */
export interface Honesty {
  readonly total: number;
  /** Asked questions not answered by their own entry. */
  readonly byOtherEntry: number;
  readonly corrected: number;
  /** A few of them, for the report. */
  readonly examples: readonly string[];
}

export function curatedHonesty(kb: KnowledgeBase, engine = new AnswerEngine(kb)): Honesty {
  let byOtherEntry = 0;
  let corrected = 0;
  const examples: string[] = [];
  let total = 0;
  for (const entry of kb.qa) {
    for (const q of [entry.question, ...entry.phrasings]) {
      total++;
      const a = engine.answer(q);
      if (a.outcome === "corrected") corrected++;
      if (!(a.outcome === "answered" && a.source?.kind === "qa" && a.source.id === entry.id)) {
        byOtherEntry++;
        if (examples.length < 10) examples.push(q);
      }
    }
  }
  return { total, byOtherEntry, corrected, examples };
}
