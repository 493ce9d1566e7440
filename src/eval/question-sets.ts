/**
 * The eval's question sets (test/eval/*.json): their schema, where each one lives, and loading one by name.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { REPO_ROOT } from "../knowledge/load.js";

const inScopeSchema = z.strictObject({
  q: z.string(),
  expect: z.array(z.string()).min(1),
  kind: z.string(),
  /** Words a correct short answer must contain (case-insensitive); "yes"/"no" first for yes/no questions. */
  answerWords: z.array(z.string().min(1)).optional(),
});
const outOfScopeSchema = z.strictObject({
  q: z.string(),
  kind: z.string(),
  /** For a false premise: the sentences that contradict it. */
  corrects: z.array(z.string()).optional(),
});
const questionSetSchema = z.strictObject({
  inScope: z.array(inScopeSchema).min(1),
  outOfScope: z.array(outOfScopeSchema).min(1),
});
export type QuestionSet = z.infer<typeof questionSetSchema>;

/**
 * The question sets, all written from the article alone, without seeing the knowledge base:
 *  - eval: used while tuning the engine (its figures are optimistic);
 *  - holdout and fresh: never used for tuning; their figures are the honest estimate of how the bot
 *    does on questions nobody tuned it for. `fresh` was frozen before the current engine was built
 *    and records the words each short answer must contain.
 *  - second: about the second article (test/fixtures/second-article.txt, a pack built by knowledge:new, never
 *    curated), written by someone who had read the article but not the code; never used for tuning.
 */
export const QUESTION_SETS = {
  eval: "test/eval/questions.json",
  holdout: "test/eval/holdout.json",
  fresh: "test/eval/fresh-holdout.json",
  second: "test/eval/second-article.json",
} as const;
export type QuestionSetName = keyof typeof QUESTION_SETS;

export function loadQuestionSet(name: QuestionSetName = "eval", root = REPO_ROOT): QuestionSet {
  return questionSetSchema.parse(JSON.parse(readFileSync(join(root, QUESTION_SETS[name]), "utf8")));
}
