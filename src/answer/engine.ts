/**
 * The answer engine for one pack: the pipeline (prepare → retrieve → filterByAnswerType → judge → checkPremise →
 * decide → toAnswer) and the views, over one pack's index.
 */
import type { Fact, KnowledgeBase, QaEntry, Sentence } from "../knowledge/types.js";
import { matchEntries } from "../search/entry-match.js";
import type { PackIndex } from "../search/pack-index.js";
import { buildIndex, resolveIn } from "../search/pack-index.js";
import { retrieve } from "../search/retrieve.js";
import type { Verdict } from "./decide.js";
import { decide } from "./decide.js";
import { filterByAnswerType } from "./filter-answer-type.js";
import type { Judged, JudgeModels } from "./judge.js";
import { judge } from "./judge.js";
import { MODELS } from "./models.js";
import { NameTable } from "./names.js";
import type { Prepared } from "./prepare.js";
import { prepare } from "./prepare.js";
import { checkPremise, PremiseChecker } from "./premise.js";
import { cite, summaryAnswer, toAnswer } from "./to-answer.js";
import type { Answer, Citation, FactView, QuoteView, SourceView } from "./types.js";
import { suggestFacts, suggestQuestions } from "./views/autocomplete.js";
import { contextOf, quoteView, sourceView } from "./views/article.js";
import { FactLookup } from "./views/fact-lookup.js";
import type { AnswerSource } from "./views/related.js";
import { articleQuestions, entriesCiting, relatedQuestions, sourceSentences } from "./views/related.js";
import { isSummaryRequest, summarize } from "./views/summary.js";

export { MAX_CITATIONS } from "./to-answer.js";

/** How a question fared, for routing across packs: the verdict and the confidence behind it. */
export interface Assessment {
  readonly prepared: Prepared;
  readonly judged: Judged | undefined;
  readonly verdict: Verdict;
}

/**
 * The answer engine for one pack: knowledge base in, answers out. Knows nothing about Discord or terminals;
 * every surface is an adapter over `answer()`. A question goes through the stages in order, each a pure
 * function of the one before:
 *
 *   prepare → retrieve → filterByAnswerType → judge → checkPremise → decide → toAnswer
 *
 * The views (/fact, /quote, /source, /summary, autocomplete, related questions) live in ./views and read the same
 * pack. A message that asks for a summary ("tldr", "what's the article about") is answered by the summary view.
 */
export class AnswerEngine {
  readonly index: PackIndex;
  private readonly models: JudgeModels;
  private readonly premises: PremiseChecker;
  private readonly citing: ReadonlyMap<string, readonly string[]>;
  private readonly facts: FactLookup;
  private summarySentences: readonly Sentence[] | undefined;
  private nameTable: NameTable | undefined;

  constructor(
    readonly kb: KnowledgeBase,
    index: PackIndex = buildIndex(kb),
  ) {
    this.index = index;
    this.models = MODELS;
    this.premises = new PremiseChecker(kb.concepts, kb.sentences, index.analyzer);
    this.citing = entriesCiting(kb);
    this.facts = new FactLookup(kb, index);
  }

  answer(question: string): Answer {
    return this.answerPrepared(prepare(question));
  }

  /** The pipeline for an already prepared question (the library prepares once for every pack). */
  answerPrepared(prepared: Prepared): Answer {
    if (prepared.nothing === undefined && isSummaryRequest(prepared.normalized)) return this.summary(prepared.question);
    const { judged, verdict } = this.assessPrepared(prepared);
    const hit = verdict.kind === "answered" ? verdict.entry : undefined;
    const entry = hit?.target.kind === "qa" ? this.kb.qaById.get(hit.target.id) : undefined;
    const fact = hit?.target.kind === "fact" ? this.kb.factById.get(hit.target.id) : undefined;
    return toAnswer(verdict, prepared, {
      kb: this.kb,
      spans: this.index.sentences.spans,
      suggestions: this.suggestionsFor(verdict, judged, entry),
      entry,
      fact,
      confidence: hit !== undefined ? (judged?.entry?.confidence ?? 0) : (judged?.confidence ?? 0),
    });
  }

  /** The stages up to the verdict, without composing a reply. */
  assessPrepared(prepared: Prepared): Assessment {
    if (prepared.nothing !== undefined) {
      return {
        prepared,
        judged: undefined,
        verdict: decide(prepared, undefined, undefined, { answerAt: 1, entryAnswerAt: 1 }, false),
      };
    }
    const marked = this.index.outOfScope.has(prepared.normalized);
    const retrieved = retrieve(prepared, this.index);
    const typed = filterByAnswerType(retrieved, prepared, this.index, this.kb);
    const judged = judge(typed, prepared, this.index.sentences, this.kb, this.models);
    const premise = checkPremise(
      prepared.question,
      // The question's words the article uses (exactly or misspelt): what a contradicting sentence must share.
      judged.words.filter((w) => w.via === "exact" || w.via === "corrected").map((w) => w.term),
      judged.candidates.map((c) => c.id),
      this.premises,
      this.kb.sentenceById,
    );
    const cutoffs = { answerAt: this.models.decider.answerAt, entryAnswerAt: this.models.entryDecider.answerAt };
    return { prepared, judged, verdict: decide(prepared, judged, premise, cutoffs, marked) };
  }

  assess(question: string): Assessment {
    return this.assessPrepared(prepare(question));
  }

  private suggestionsFor(verdict: Verdict, judged: Judged | undefined, entry: QaEntry | undefined): string[] {
    const matched = (judged?.entryHits ?? []).filter((h) => h.target.kind === "qa").map((h) => h.target.id);
    if (this.kb.qa.length === 0) return verdict.kind === "answered" ? [] : articleQuestions(this.kb);
    const first = verdict.kind === "answered" ? (entry?.sentences[0] ?? verdict.candidate.id) : undefined;
    return relatedQuestions(this.kb, this.citing, matched, first, entry?.id);
  }

  /** Other answerable questions near an answer source (for "Related"). */
  relatedQuestions(source: AnswerSource): string[] {
    return relatedQuestions(
      this.kb,
      this.citing,
      [],
      this.sourceSentences(source)[0],
      source.kind === "qa" ? source.id : undefined,
    );
  }

  sourceSentences(source: AnswerSource): readonly string[] {
    return sourceSentences(this.kb, source);
  }

  pinnedQuestions(): string[] {
    return this.kb.qa.filter((e) => e.pinned).map((e) => e.question);
  }

  /** Autocomplete: knowledge-base questions ranked against what has been typed so far. */
  suggestQuestions(partial: string, limit = 25): QaEntry[] {
    return suggestQuestions(this.kb.qa, partial, (typed) => this.entriesFor(typed, "qa", 4 * limit), limit);
  }

  /** Autocomplete over fact names and aliases. */
  suggestFacts(partial: string, limit = 25): Fact[] {
    return suggestFacts(this.kb.facts, partial, (typed) => this.facts.indexed(typed, limit).map((h) => h.fact), limit);
  }

  private entriesFor(typed: string, kind: "qa", limit: number): QaEntry[] {
    const words = resolveIn(this.index, typed);
    return matchEntries(this.index.entries, this.index.analyzer, words, [], limit)
      .filter((h) => h.target.kind === kind)
      .map((h) => this.kb.qaById.get(h.target.id)!);
  }

  /** Fact lookup by name or alias: the fact when one matches clearly, otherwise the closest topics. */
  findFact(topic: string): { fact?: Fact; closest: Fact[] } {
    return this.facts.find(topic);
  }

  /** /fact: the fact card for a topic, or the closest topics when none matches. */
  factView(topic: string): FactView {
    return this.facts.view(topic, (ids) => cite(this.kb, ids));
  }

  /** The people, groups, places and things the article names (for follow-up questions), built on first use. */
  get names(): NameTable {
    this.nameTable ??= new NameTable(this.kb, this.index.sentences.spans);
    return this.nameTable;
  }

  /** /summary, "tldr": 3–5 of the article's sentences that cover it (views/summary.ts), in its order, each cited. */
  summary(question = ""): Answer {
    this.summarySentences ??= summarize(this.kb, this.index.analyzer);
    const suggestions = this.kb.qa.length > 0 ? this.pinnedQuestions().slice(0, 3) : articleQuestions(this.kb);
    return summaryAnswer(question.trim(), this.summarySentences, suggestions);
  }

  sentenceAt(index: number): Sentence | undefined {
    return this.kb.sentences[index];
  }

  context(id: string, radius = 1): Sentence[] {
    return contextOf(this.kb, id, radius);
  }

  quoteView(index: number): QuoteView {
    return quoteView(this.kb, index);
  }

  sourceView(): SourceView {
    return sourceView(this.kb);
  }

  /**
   * Which sentences bear on a piece of text (the "Check against article" context menu): the answer's own
   * citations first, then the best candidates the judge found likely.
   */
  sentencesBearingOn(text: string, limit = MAX_BEARING): { sentences: Citation[]; confidence: number } {
    const answered = this.answer(text);
    const { judged } = this.assess(text);
    const likely = (judged?.candidates ?? []).filter((c) => c.probability >= BEARING_PROBABILITY).map((c) => c.id);
    const ids = [...new Set([...(answered.answered ? answered.citations.map((c) => c.id) : []), ...likely])];
    return {
      sentences: cite(this.kb, ids.slice(0, limit)),
      confidence: answered.answered ? answered.confidence : (judged?.confidence ?? 0),
    };
  }
}

const MAX_BEARING = 3;
/** A candidate this likely (by the ranker) is shown as bearing on a claim. */
const BEARING_PROBABILITY = 0.25;
