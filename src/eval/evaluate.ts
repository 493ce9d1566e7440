import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { REPO_ROOT } from "../knowledge/load.js";

const questionSetSchema = z.strictObject({
  inScope: z.array(z.strictObject({ q: z.string(), expect: z.array(z.string()).min(1), kind: z.string() })).min(1),
  outOfScope: z.array(z.strictObject({ q: z.string(), kind: z.string() })).min(1),
});
export type QuestionSet = z.infer<typeof questionSetSchema>;

/**
 * The eval set (used while tuning the engine) and the held-out set (written separately, by someone
 * who saw neither the knowledge base nor the eval set, and never used for tuning): the held-out
 * figures are the honest estimate of how the bot does on questions nobody tuned it for.
 */
export const QUESTION_SETS = {
  eval: "test/eval/questions.json",
  holdout: "test/eval/holdout.json",
} as const;
export type QuestionSetName = keyof typeof QUESTION_SETS;

export function loadQuestionSet(name: QuestionSetName = "eval", root = REPO_ROOT): QuestionSet {
  return questionSetSchema.parse(JSON.parse(readFileSync(join(root, QUESTION_SETS[name]), "utf8")));
}

/** What the evaluation needs from any answering strategy: answered or not, and the cited ids in order. */
export interface EvalAnswer {
  readonly answered: boolean;
  readonly citationIds: readonly string[];
}
export type Answerer = (question: string) => EvalAnswer;

export interface Miss {
  readonly q: string;
  readonly kind: string;
  readonly expected: readonly string[];
  /** The first cited id, or "abstained". */
  readonly got: string;
}

export interface EvalReport {
  readonly inScope: number;
  readonly outOfScope: number;
  /** In-scope questions whose first citation is one of the expected sentences. */
  readonly top1Correct: number;
  readonly outOfScopeAbstained: number;
  /** Answered with a wrong first citation (in scope) or answered at all (out of scope). */
  readonly wrongConfident: number;
  readonly top1Rate: number;
  readonly abstainRate: number;
  /** Over all questions. */
  readonly wrongConfidentRate: number;
  /** Of the in-scope questions it answered, the share whose first citation is right. */
  readonly answeredPrecision: number;
  readonly byKind: Readonly<Record<string, { total: number; correct: number }>>;
  readonly misses: readonly Miss[];
}

/** The targets issue 2 sets. */
export const TARGETS = { top1Rate: 0.95, abstainRate: 0.9, wrongConfidentRate: 0.03 } as const;

/**
 * What the engine achieves today (README "Quality"), asserted by test/eval.test.ts so that a change
 * that lowers quality fails CI. They are below TARGETS for top-1 and wrong-confident: raise them
 * as the engine improves, never lower them to make a change pass.
 */
export const FLOORS = {
  eval: { top1Rate: 0.9, abstainRate: 0.93, wrongConfidentRate: 0.036 },
  holdout: { top1Rate: 0.76, abstainRate: 0.96, wrongConfidentRate: 0.02 },
} as const;

export function evaluate(set: QuestionSet, answerer: Answerer): EvalReport {
  const misses: Miss[] = [];
  const byKind: Record<string, { total: number; correct: number }> = {};
  let top1Correct = 0;
  let wrongConfident = 0;
  let wrongInScope = 0;
  for (const { q, expect, kind } of set.inScope) {
    const result = answerer(q);
    const first = result.citationIds[0];
    const correct = result.answered && first !== undefined && expect.includes(first);
    const tally = (byKind[kind] ??= { total: 0, correct: 0 });
    tally.total++;
    if (correct) {
      top1Correct++;
      tally.correct++;
    } else {
      if (result.answered) {
        wrongConfident++;
        wrongInScope++;
      }
      misses.push({ q, kind, expected: expect, got: result.answered ? (first ?? "no citation") : "abstained" });
    }
  }
  let outOfScopeAbstained = 0;
  for (const { q, kind } of set.outOfScope) {
    const result = answerer(q);
    const tally = (byKind[`out-of-scope/${kind}`] ??= { total: 0, correct: 0 });
    tally.total++;
    if (!result.answered) {
      outOfScopeAbstained++;
      tally.correct++;
    } else {
      wrongConfident++;
      misses.push({ q, kind: `out-of-scope/${kind}`, expected: [], got: result.citationIds[0] ?? "answered" });
    }
  }
  const total = set.inScope.length + set.outOfScope.length;
  return {
    inScope: set.inScope.length,
    outOfScope: set.outOfScope.length,
    top1Correct,
    outOfScopeAbstained,
    wrongConfident,
    top1Rate: top1Correct / set.inScope.length,
    abstainRate: outOfScopeAbstained / set.outOfScope.length,
    wrongConfidentRate: wrongConfident / total,
    answeredPrecision: top1Correct / Math.max(1, top1Correct + wrongInScope),
    byKind,
    misses,
  };
}

export function meetsTargets(report: EvalReport): boolean {
  return (
    report.top1Rate >= TARGETS.top1Rate &&
    report.abstainRate >= TARGETS.abstainRate &&
    report.wrongConfidentRate <= TARGETS.wrongConfidentRate
  );
}
