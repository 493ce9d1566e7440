/**
 * Scoring one question set: each question asked of an answering strategy, its answer judged against the
 * expected sentences and answer words, and the tallies gathered into a report.
 */
import type { QuestionSet } from "./question-sets.js";

type EvalOutcome = "answered" | "unsure" | "not_covered" | "corrected" | "summary";

/** What the evaluation needs from any answering strategy. */
interface EvalAnswer {
  readonly outcome: EvalOutcome;
  /** Cited ids in order (empty unless answered or corrected). */
  readonly citationIds: readonly string[];
  /** The short answer text, for the answer-words check. */
  readonly answer: string;
  /** For "unsure": the closest passages shown, in order (for the "helpful" figure). */
  readonly closestIds?: readonly string[];
}
export type Answerer = (question: string) => EvalAnswer;

interface Miss {
  readonly q: string;
  readonly kind: string;
  readonly expected: readonly string[];
  /** The outcome and first cited id. */
  readonly got: string;
  /** For a wrong short answer: what it said. */
  readonly answer?: string;
}

export interface KindTally {
  total: number;
  correct: number;
}

export interface EvalReport {
  readonly inScope: number;
  readonly outOfScope: number;
  /** In-scope questions answered with one of the expected sentences first. */
  readonly top1Correct: number;
  /** In-scope questions the engine was unsure about (not counted as wrong). */
  readonly inScopeUnsure: number;
  /** In-scope questions answered right, or unsure with an expected sentence among the closest passages shown. */
  readonly helpful: number;
  readonly helpfulRate: number;
  /** Out of scope: not answered (unsure or not covered), or for a false premise corrected with the right sentence. */
  readonly outOfScopeHandled: number;
  /** Answered with a wrong first citation (in scope) or answered at all (out of scope, but a right correction). */
  readonly wrongConfident: number;
  readonly top1Rate: number;
  readonly abstainRate: number;
  /** Over all questions. */
  readonly wrongConfidentRate: number;
  /** Of the in-scope questions it answered, the share whose first citation is right. */
  readonly answeredPrecision: number;
  /** In-scope questions answered with a wrong first citation, and their share of the in-scope questions. */
  readonly wrongInScope: number;
  readonly wrongInScopeRate: number;
  /** False premises handled (corrected with a contradicting sentence, or not answered), as a share of them. */
  readonly falsePremiseRate: number;
  /** Answered in-scope questions that record answer words, and those whose short answer contains them all. */
  readonly answerWordsChecked: number;
  readonly answerWordsPresent: number;
  readonly answerWordsRate: number;
  /** False premises: total, abstained, corrected with a contradicting sentence. */
  readonly falsePremises: { readonly total: number; readonly abstained: number; readonly corrected: number };
  readonly byKind: Readonly<Record<string, KindTally>>;
  readonly misses: readonly Miss[];
}

/** Case- and accent-insensitive containment of a recorded answer word in a short answer. */
export function containsAnswerWords(answer: string, words: readonly string[]): boolean {
  const fold = (s: string): string =>
    s
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[^\p{L}\p{N}']+/gu, " ")
      .trim();
  const text = ` ${fold(answer)} `;
  return words.every((word, i) => {
    const w = fold(word);
    // A yes/no answer must start with it; other words may stand anywhere.
    if (i === 0 && (w === "yes" || w === "no")) return text.trimStart().startsWith(`${w} `);
    return text.includes(` ${w}`) || text.includes(w);
  });
}

/** A summary rests on its citations like an answer: asked of an in-scope question, its first citation is judged. */
const answeredOutcomes: ReadonlySet<EvalOutcome> = new Set(["answered", "corrected", "summary"]);

export function evaluate(set: QuestionSet, answerer: Answerer): EvalReport {
  const misses: Miss[] = [];
  const byKind: Record<string, KindTally> = {};
  let top1Correct = 0;
  let inScopeUnsure = 0;
  let helpful = 0;
  let wrongConfident = 0;
  let wrongInScope = 0;
  let answerWordsChecked = 0;
  let answerWordsPresent = 0;
  for (const { q, expect, kind, answerWords } of set.inScope) {
    const result = answerer(q);
    const first = result.citationIds[0];
    const answered = answeredOutcomes.has(result.outcome);
    const correct = answered && first !== undefined && expect.includes(first);
    const tally = (byKind[kind] ??= { total: 0, correct: 0 });
    tally.total++;
    if (result.outcome === "unsure") inScopeUnsure++;
    if (correct || (result.outcome === "unsure" && (result.closestIds ?? []).some((id) => expect.includes(id))))
      helpful++;
    if (answered && answerWords !== undefined) {
      answerWordsChecked++;
      if (containsAnswerWords(result.answer, answerWords)) answerWordsPresent++;
      else if (correct)
        misses.push({
          q,
          kind: `${kind}/answer-words`,
          expected: answerWords,
          got: `${result.outcome} ${first}`,
          answer: result.answer,
        });
    }
    if (correct) {
      top1Correct++;
      tally.correct++;
      continue;
    }
    if (answered) {
      wrongConfident++;
      wrongInScope++;
    }
    misses.push({
      q,
      kind,
      expected: expect,
      got: answered ? `${result.outcome} ${first ?? "no citation"}` : result.outcome,
    });
  }
  let outOfScopeHandled = 0;
  const falsePremises = { total: 0, abstained: 0, corrected: 0 };
  for (const { q, kind, corrects } of set.outOfScope) {
    const result = answerer(q);
    const tally = (byKind[`out-of-scope/${kind}`] ??= { total: 0, correct: 0 });
    tally.total++;
    const first = result.citationIds[0];
    const isFalsePremise = corrects !== undefined;
    if (isFalsePremise) falsePremises.total++;
    const rightCorrection =
      isFalsePremise && result.outcome === "corrected" && first !== undefined && corrects.includes(first);
    const handled = !answeredOutcomes.has(result.outcome) || rightCorrection;
    if (handled) {
      outOfScopeHandled++;
      tally.correct++;
      if (isFalsePremise) {
        if (rightCorrection) falsePremises.corrected++;
        else falsePremises.abstained++;
      }
    } else {
      wrongConfident++;
      misses.push({
        q,
        kind: `out-of-scope/${kind}`,
        expected: corrects ?? [],
        got: `${result.outcome} ${first ?? ""}`.trim(),
      });
    }
  }
  const total = set.inScope.length + set.outOfScope.length;
  return {
    inScope: set.inScope.length,
    outOfScope: set.outOfScope.length,
    top1Correct,
    inScopeUnsure,
    helpful,
    helpfulRate: helpful / set.inScope.length,
    outOfScopeHandled,
    wrongConfident,
    top1Rate: top1Correct / set.inScope.length,
    abstainRate: outOfScopeHandled / set.outOfScope.length,
    wrongConfidentRate: wrongConfident / total,
    answeredPrecision: top1Correct / Math.max(1, top1Correct + wrongInScope),
    wrongInScope,
    wrongInScopeRate: wrongInScope / set.inScope.length,
    falsePremiseRate:
      falsePremises.total === 0 ? 1 : (falsePremises.abstained + falsePremises.corrected) / falsePremises.total,
    answerWordsChecked,
    answerWordsPresent,
    answerWordsRate: answerWordsChecked === 0 ? 1 : answerWordsPresent / answerWordsChecked,
    falsePremises,
    byKind,
    misses,
  };
}
