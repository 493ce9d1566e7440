import { Library } from "../answer/library.js";
import type { CorpusArticle, Split } from "./corpus.js";
import type { EvalReport, KindTally } from "./evaluate.js";
import { evaluate } from "./evaluate.js";
import { libraryAnswerer } from "./strategies.js";

/** One corpus article's figures, answered from its draft pack as a user would (the article chosen). */
export interface ArticleResult {
  readonly article: CorpusArticle;
  readonly report: EvalReport;
}

export function evaluateArticle(article: CorpusArticle): ArticleResult {
  const library = new Library([article.kb]);
  return { article, report: evaluate(article.set, libraryAnswerer(library, article.kb.id)) };
}

/** Sums several reports into one, as if their questions were one set (rates recomputed from the counts). */
function pool(reports: readonly EvalReport[]): EvalReport {
  const sum = (pick: (r: EvalReport) => number): number => reports.reduce((s, r) => s + pick(r), 0);
  const inScope = sum((r) => r.inScope);
  const outOfScope = sum((r) => r.outOfScope);
  const top1Correct = sum((r) => r.top1Correct);
  const wrongConfident = sum((r) => r.wrongConfident);
  const helpful = sum((r) => r.helpful);
  const outOfScopeHandled = sum((r) => r.outOfScopeHandled);
  const answerWordsChecked = sum((r) => r.answerWordsChecked);
  const answerWordsPresent = sum((r) => r.answerWordsPresent);
  const wrongInScope = sum((r) => r.wrongInScope);
  const falsePremises = {
    total: sum((r) => r.falsePremises.total),
    abstained: sum((r) => r.falsePremises.abstained),
    corrected: sum((r) => r.falsePremises.corrected),
  };
  const byKind: Record<string, KindTally> = {};
  for (const r of reports) {
    for (const [kind, t] of Object.entries(r.byKind)) {
      const into = (byKind[kind] ??= { total: 0, correct: 0 });
      into.total += t.total;
      into.correct += t.correct;
    }
  }
  return {
    inScope,
    outOfScope,
    top1Correct,
    inScopeUnsure: sum((r) => r.inScopeUnsure),
    helpful,
    helpfulRate: helpful / Math.max(1, inScope),
    outOfScopeHandled,
    wrongConfident,
    top1Rate: top1Correct / Math.max(1, inScope),
    abstainRate: outOfScopeHandled / Math.max(1, outOfScope),
    wrongConfidentRate: wrongConfident / Math.max(1, inScope + outOfScope),
    answeredPrecision: top1Correct / Math.max(1, top1Correct + wrongInScope),
    wrongInScope,
    wrongInScopeRate: wrongInScope / Math.max(1, inScope),
    falsePremiseRate:
      falsePremises.total === 0 ? 1 : (falsePremises.abstained + falsePremises.corrected) / falsePremises.total,
    answerWordsChecked,
    answerWordsPresent,
    answerWordsRate: answerWordsChecked === 0 ? 1 : answerWordsPresent / answerWordsChecked,
    falsePremises,
    byKind,
    misses: reports.flatMap((r) => r.misses),
  };
}

export function pooledBySplit(results: readonly ArticleResult[], split: Split): EvalReport {
  return pool(results.filter((r) => r.article.split === split).map((r) => r.report));
}
