/**
 * `npm run eval:fit` — fits the judge's two models and writes src/answer/models.ts:
 *  - the ranker (a conditional logit over every sentence of the article, plus "none"), and
 *  - the decider (P(the ranker's best sentence is right), from how clearly it stands out), with the answer
 *    cut-off set where wrong answers stay at MAX_WRONG of the answerable questions and out-of-scope questions
 *    answered at MAX_OUT_OF_SCOPE.
 *
 * Two pairs: for draft packs (answered from their sentences alone), fitted on the corpus's tuning articles and
 * the reference article's tuning set asked of its sentences alone, cross-validated by article (each article's
 * figures come from models fitted without it); and for curated packs, the same plus the reference pack with its
 * curated entries, whose questions are cross-validated in five folds (it is the one curated article).
 * Held-out articles and held-out question sets are never read here. False premises are left out of the ranker
 * (the premise check corrects them with the sentence it ranks first) but not of the deciders: one the premise
 * check misses should not be answered as asked.
 *
 * The steps: fit-data.ts turns questions into features, fit-train.ts fits the models, fit-cross-validate.ts
 * fits them fold by fold and sets the cut-offs (the budgets live there), fit-write.ts writes the file.
 */
import { defaultKnowledge } from "../knowledge/load.js";
import { loadCorpus } from "./corpus.js";
import { entryExample, fitEntryDecider, fitSentenceModels } from "./fit-cross-validate.js";
import { groupsOf } from "./fit-data.js";
import { writeModels } from "./fit-write.js";
import type { QuestionSet } from "./question-sets.js";
import { loadQuestionSet } from "./question-sets.js";
import { sentencesOnly } from "./strategies.js";

const reference = defaultKnowledge();
const tuning = loadCorpus("tune");
process.stderr.write(`Building features for ${tuning.length} tuning articles and the reference article…\n`);
const corpusGroups = tuning.flatMap((a) => groupsOf(a.kb, a.set, () => a.id, false));
const referenceSet = loadQuestionSet("eval");
const referenceBare = groupsOf(sentencesOnly(reference), referenceSet, () => "reference", false);
const sentenceModels = fitSentenceModels([...corpusGroups, ...referenceBare]);

// The entry decider: the reference pack with its entries, its eval questions in five folds, and its own
// phrasings (each answered by its entry: what an exact match looks like) with every fold's training.
const referenceRanker = sentenceModels.rankerWithout("reference");
const curatedGroups = groupsOf(reference, referenceSet, (i) => `reference-fold-${i % 5}`, true);
const phrasingSet: QuestionSet = {
  inScope: reference.qa.flatMap((e) =>
    [e.question, ...e.phrasings].map((q) => ({ q, expect: [...e.sentences.slice(0, 1)], kind: "phrasing" })),
  ),
  outOfScope: [{ q: "-", kind: "none" }],
};
const phrasingGroups = groupsOf(reference, phrasingSet, () => "phrasings", true).filter((g) => g.inScope);
const entryExamples = [
  ...curatedGroups.flatMap((g) => entryExample(g, referenceRanker, true) ?? []),
  ...phrasingGroups.flatMap((g) => entryExample(g, referenceRanker, false) ?? []),
];
const entryDecider = fitEntryDecider(entryExamples);

await writeModels(sentenceModels, entryDecider);
