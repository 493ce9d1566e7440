import { Library } from "../answer/library.js";
import { defaultKnowledge } from "../knowledge/load.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { CorpusArticle } from "./corpus.js";
import { loadCorpus } from "./corpus.js";
import type { ArticleResult } from "./corpus-report.js";
import { evaluateArticle, pooledBySplit } from "./corpus-report.js";
import type { EvalReport } from "./evaluate.js";
import { evaluate } from "./evaluate.js";
import type { QuestionSetName } from "./question-sets.js";
import { loadQuestionSet, QUESTION_SETS } from "./question-sets.js";
import type { RunName } from "./targets.js";
import { SECOND_PACK, secondArticlePack } from "./second-article.js";
import { engineAnswerer, libraryAnswerer, sentencesOnly } from "./strategies.js";

/**
 * The evaluation's runs, each a question set asked of a pack the way a user would ask it:
 *  - reference, referenceHoldout, referenceFresh: the reference article's three sets, of its curated pack;
 *  - sentencesOnly: the fresh set, of the reference article's sentences alone (what a new article starts with);
 *  - second: the second article's set, of its pack as `knowledge:new` makes it;
 *  - corpusTune, corpusHoldout: the corpus's articles, each of its own draft pack, pooled by split.
 * The held-out sets and articles are never used for tuning or fitting; their figures are the honest estimate.
 */
export interface Run {
  readonly name: RunName;
  readonly label: string;
  readonly report: EvalReport;
  /** For the corpus runs: each article's own figures. */
  readonly articles?: readonly ArticleResult[];
}

export interface Runs {
  readonly runs: readonly Run[];
  readonly reference: KnowledgeBase;
  readonly second: KnowledgeBase;
  readonly corpus: readonly CorpusArticle[];
}

const REFERENCE_SETS: readonly { name: RunName; set: QuestionSetName; label: string }[] = [
  { name: "reference", set: "eval", label: "reference article, tuning set" },
  { name: "referenceHoldout", set: "holdout", label: "reference article, held-out set" },
  { name: "referenceFresh", set: "fresh", label: "reference article, fresh held-out set" },
];

export function evaluateRuns(): Runs {
  const reference = defaultKnowledge();
  const second = secondArticlePack();
  const corpus = loadCorpus();
  const curated = engineAnswerer(reference);
  const runs: Run[] = REFERENCE_SETS.map(({ name, set, label }) => ({
    name,
    label: `${label} (${QUESTION_SETS[set]})`,
    report: evaluate(loadQuestionSet(set), curated),
  }));
  runs.push({
    name: "sentencesOnly",
    label: "reference article's sentences alone, fresh set",
    report: evaluate(loadQuestionSet("fresh"), engineAnswerer(sentencesOnly(reference))),
  });
  runs.push({
    name: "second",
    label: `second article, pack "${SECOND_PACK}" as knowledge:new makes it`,
    report: evaluate(loadQuestionSet("second"), libraryAnswerer(new Library([second]), SECOND_PACK)),
  });
  const results = corpus.map(evaluateArticle);
  for (const split of ["tune", "holdout"] as const) {
    runs.push({
      name: split === "tune" ? "corpusTune" : "corpusHoldout",
      label: `corpus, ${split === "tune" ? "tuning" : "held-out"} articles as draft packs, pooled`,
      report: pooledBySplit(results, split),
      articles: results.filter((r) => r.article.split === split),
    });
  }
  return { runs, reference, second, corpus };
}
