/**
 * Writing the fitted models: src/answer/models.ts, generated as TypeScript with its weights rounded to four
 * places and the features each model reads.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { format, resolveConfig } from "prettier";
import type { DecisionModel, RankingModel } from "../answer/features.js";
import { CANDIDATE_FEATURES, DECISION_FEATURES, ENTRY_FEATURES } from "../answer/features.js";
import { REPO_ROOT } from "../knowledge/load.js";

const round = (x: number): number => Math.round(x * 10000) / 10000;
const list = (xs: readonly number[]): string => `[${xs.map(round).join(", ")}]`;
const decider = (m: DecisionModel): string => `{
    weights: ${list(m.weights)},
    mean: ${list(m.mean)},
    scale: ${list(m.scale)},
    bias: ${round(m.bias)},
    answerAt: ${m.answerAt},
  }`;

/**
 * Writes src/answer/models.ts from the sentence models (ranker and decider) and the entry decider, formatted as
 * the rest of the tree (Prettier, with the project's configuration), so `npm test`'s format check passes on it.
 */
export async function writeModels(
  sentenceModels: { readonly ranker: RankingModel; readonly decider: DecisionModel },
  entryDecider: DecisionModel,
): Promise<void> {
  const file = join(REPO_ROOT, "src/answer/models.ts");
  const text = `import type { JudgeModels } from "./judge.js";

/**
 * Written by \`npm run eval:fit\` (src/eval/fit-models.ts) from the corpus's tuning articles and the reference
 * article's tuning set. Do not edit by hand.
 * Ranker features: ${CANDIDATE_FEATURES.join(", ")}.
 * Decider features: ${DECISION_FEATURES.join(", ")}.
 * Entry decider features: ${ENTRY_FEATURES.join(", ")}.
 */
export const MODELS: JudgeModels = {
  ranker: {
    weights: ${list(sentenceModels.ranker.weights)},
    mean: ${list(sentenceModels.ranker.mean)},
    scale: ${list(sentenceModels.ranker.scale)},
    noneBias: ${round(sentenceModels.ranker.noneBias)},
  },
  decider: ${decider(sentenceModels.decider)},
  entryDecider: ${decider(entryDecider)},
};
`;
  writeFileSync(file, await format(text, { ...((await resolveConfig(file)) ?? {}), filepath: file }));
  console.log(`wrote ${file}`);
}
