import type { QuestionKind } from "../search/question-type.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { EntryHit } from "../search/entry-index.js";
import type { SentenceIndex } from "../search/sentence-types.js";
import type { DecisionModel, RankingModel } from "./features.js";
import { candidateFeatures, confidence, decisionFeatures, entryFeatures, rank } from "./features.js";
import type { Typed } from "./filter-answer-type.js";
import type { Prepared } from "./prepare.js";

/**
 * Stage 4, judge: every sentence is a candidate answer, weighed by the ranker (features.ts) on how it matches
 * the question; the best come out ranked with their probabilities, and the decider turns how clearly the best
 * stands out into a confidence that it is right. Both were fitted across many articles.
 *
 * In a curated pack the best matching entry is judged too: a question that says what an entry's phrasing says
 * is answered by that entry, with a confidence of its own (the entry decider, fitted on the curated article).
 */
export interface Candidate {
  /** The sentence's position in the article (its id is S<position>). */
  readonly position: number;
  readonly id: string;
  /** The ranker's probability that this sentence answers the question. */
  readonly probability: number;
  /** Its features, in CANDIDATE_FEATURES order. */
  readonly features: readonly number[];
}

interface EntryJudgement {
  readonly hit: EntryHit;
  /** In ENTRY_FEATURES order. */
  readonly features: readonly number[];
  /** P(the entry answers the question), by the entry decider. */
  readonly confidence: number;
}

export interface Judged extends Typed {
  /** The best candidates, best first (at most MAX_CANDIDATES). */
  readonly candidates: readonly Candidate[];
  /** The ranker's probability that no sentence answers it. */
  readonly none: number;
  /** In DECISION_FEATURES order. */
  readonly decisionFeatures: readonly number[];
  /** P(the best candidate is right), by the decider. */
  readonly confidence: number;
  /** The best curated entry, judged (curated packs only). */
  readonly entry: EntryJudgement | undefined;
  /** The sentence that entry answers from first. */
  readonly entryFirstSentence: string | undefined;
}

export interface JudgeModels {
  readonly ranker: RankingModel;
  readonly decider: DecisionModel;
  /** For curated packs: whether the best entry answers. */
  readonly entryDecider: DecisionModel;
}

const MAX_CANDIDATES = 10;

/** The sentence an entry answers from first (a Q&A entry's first citation; a fact card's first sentence). */
export function firstSentenceOf(kb: KnowledgeBase, hit: EntryHit): string | undefined {
  return hit.target.kind === "qa"
    ? kb.qaById.get(hit.target.id)?.sentences[0]
    : kb.factById.get(hit.target.id)?.sentences[0];
}

/** The ranked candidates and the decision features, without the deciders (fitting uses this too). */
function rankCandidates(
  typed: Typed,
  prepared: Prepared,
  index: SentenceIndex,
  kb: KnowledgeBase,
  ranker: RankingModel,
): { candidates: Candidate[]; probabilities: Float64Array; none: number; decisionFeatures: number[] } {
  const rows = candidateFeatures(typed, prepared, index, kb.sentences);
  const { probabilities, none } = rank(rows, ranker);
  const order = [...probabilities.keys()].sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
  const candidates = order.slice(0, MAX_CANDIDATES).map((d) => ({
    position: d,
    id: index.ids[d]!,
    probability: probabilities[d]!,
    features: rows[d]!,
  }));
  const features = decisionFeatures(
    candidates.map((c) => c.probability),
    none,
    candidates[0]?.features ?? [],
    typed,
    prepared,
  );
  return { candidates, probabilities, none, decisionFeatures: features };
}

/** The entry features for the best entry, given the sentence ranking (undefined without an entry). */
export function entryEvidence(
  typed: Typed,
  kb: KnowledgeBase,
  probabilities: Float64Array,
  topId: string | undefined,
  kind: QuestionKind,
): { hit: EntryHit; features: number[] } | undefined {
  const hit = typed.entryHits[0];
  if (hit === undefined) return undefined;
  const first = firstSentenceOf(kb, hit);
  const at = first === undefined ? -1 : Number(first.slice(1));
  const features = entryFeatures(typed, (h) => firstSentenceOf(kb, h), probabilities[at] ?? 0, first === topId, kind);
  return features === undefined ? undefined : { hit, features };
}

export function judge(
  typed: Typed,
  prepared: Prepared,
  index: SentenceIndex,
  kb: KnowledgeBase,
  models: JudgeModels,
): Judged {
  const ranked = rankCandidates(typed, prepared, index, kb, models.ranker);
  const top = ranked.candidates[0];
  const evidence = entryEvidence(typed, kb, ranked.probabilities, top?.id, prepared.kind);
  return {
    ...typed,
    candidates: ranked.candidates,
    none: ranked.none,
    decisionFeatures: ranked.decisionFeatures,
    confidence: top === undefined ? 0 : confidence(ranked.decisionFeatures, models.decider),
    entry:
      evidence === undefined
        ? undefined
        : { ...evidence, confidence: confidence(evidence.features, models.entryDecider) },
    entryFirstSentence: evidence === undefined ? undefined : firstSentenceOf(kb, evidence.hit),
  };
}
