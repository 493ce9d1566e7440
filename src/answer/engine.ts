import Fuse from "fuse.js";
import type { Fact, KnowledgeBase, QaEntry, Sentence } from "../knowledge/types.js";
import { expectedAnswerType, offersAnswerType } from "../search/answer-type.js";
import { analyze, normalizeText } from "../search/normalize.js";
import type { SearchHit, SearchOutcome, SearchTarget } from "../search/search-index.js";
import { SearchIndex } from "../search/search-index.js";
import type { Answer, Citation, FactView, QuoteView, SourceView } from "./types.js";
import type { Decision, DecisionModel, Features } from "./decide.js";
import { DECISION_MODEL, SENTENCE_MODEL } from "./decision-model.js";
import { decide, features, probability } from "./decide.js";
import { isChat } from "../search/chat.js";
import { composeAnswer, questionType } from "./compose.js";
import type { PremiseCheck } from "./premise.js";
import { PremiseChecker } from "./premise.js";

/**
 * The match score a fact lookup by name (/fact) accepts from the answer index, and (× 0.6) what "Check
 * against article" counts as bearing on a text. Whether a question is answered is not decided by a score
 * threshold but by the calibrated decision (decide.ts).
 */
export const MATCH_THRESHOLD = 0.68;
export const MAX_CITATIONS = 3;
const MAX_SUGGESTIONS = 3;
/** Bare sentences are searched too, as a fallback for what no Q&A entry words the same way. */
const SENTENCE_WEIGHT = 0.9;

export const NOT_IN_ARTICLE = "The article doesn't say.";
export const UNSURE = "I'm not sure the article answers that. The closest passage is:";

/** "The article doesn't mention X": names the question's topic words that the article never uses. */
function notMentioned(unknownTerms: readonly string[]): string {
  if (unknownTerms.length === 0) return `${NOT_IN_ARTICLE} It doesn't mention that.`;
  const words = unknownTerms.slice(0, 3).map((t) => `"${t}"`);
  return `The article doesn't mention ${words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`}.`;
}

export interface Judged {
  readonly outcome: SearchOutcome;
  readonly best: SearchHit | undefined;
  readonly features?: Features;
  readonly probability: number;
  readonly decision: Decision;
}

/**
 * The answer engine: knowledge base in, answers out. Knows nothing about Discord or terminals;
 * every surface (Discord gateway, HTTP interactions, CLI) is an adapter over `answer()`.
 */
export class AnswerEngine {
  readonly index: SearchIndex;
  private factFuseBuilt: Fuse<Fact> | undefined;
  /** Sentence id → Q&A entries citing it, those citing it first ahead. */
  private readonly qaCiting = new Map<string, string[]>();
  /** Sentence id → its analysed terms. */
  private readonly sentenceTerms = new Map<string, ReadonlySet<string>>();
  private readonly pinned: readonly QaEntry[];
  /** A fact's id, and its name and aliases normalised → the fact's position (the first fact wins). */
  private readonly factPosition = new Map<string, number>();

  private readonly premises: PremiseChecker;
  /** The fitted decision for this kind of base: curated, or sentences only. */
  private readonly model: DecisionModel;
  private readonly people: readonly Fact[];
  private readonly places: readonly Fact[];
  constructor(readonly kb: KnowledgeBase) {
    const targets: SearchTarget[] = [
      ...kb.qa.map((e) => ({
        kind: "qa" as const,
        id: e.id,
        texts: [e.question, ...e.phrasings],
        weight: 1,
      })),
      ...kb.facts.map((f) => ({
        kind: "fact" as const,
        id: f.id,
        texts: [f.name, ...f.aliases],
        weight: 1,
      })),
      ...kb.sentences.map((s) => ({ kind: "sentence" as const, id: s.id, texts: [s.text], weight: SENTENCE_WEIGHT })),
    ];
    this.index = new SearchIndex(targets);
    for (const position of [0, 1, 2]) {
      for (const entry of kb.qa) {
        const id = entry.sentences[position];
        if (id === undefined) continue;
        const citing = this.qaCiting.get(id);
        if (citing === undefined) this.qaCiting.set(id, [entry.id]);
        else citing.push(entry.id);
      }
    }
    this.pinned = kb.qa.filter((e) => e.pinned);
    this.premises = new PremiseChecker(kb.concepts, kb.sentences);
    this.model = kb.qa.length === 0 && kb.facts.length === 0 ? SENTENCE_MODEL : DECISION_MODEL;
    this.people = kb.facts.filter((f) => f.kind === "person");
    this.places = kb.facts.filter((f) => f.kind === "place" || f.kind === "country");
    kb.facts.forEach((fact, position) => {
      for (const key of [`id:${fact.id}`, ...[fact.name, ...fact.aliases].map((n) => `name:${normalizeText(n)}`)]) {
        if (!this.factPosition.has(key)) this.factPosition.set(key, position);
      }
    });
    for (const sentence of kb.sentences)
      this.sentenceTerms.set(sentence.id, new Set(analyze(sentence.text).map((t) => t.term)));
  }

  /** Fuse over fact names and aliases, for /fact's did-you-mean; built on first use, not at start-up. */
  private get factFuse(): Fuse<Fact> {
    this.factFuseBuilt ??= new Fuse(this.kb.facts, {
      keys: [
        { name: "name", weight: 2 },
        { name: "aliases", weight: 1 },
      ],
      threshold: 0.35,
      ignoreLocation: true,
      includeScore: true,
    });
    return this.factFuseBuilt;
  }

  answer(rawQuestion: string): Answer {
    const question = rawQuestion.trim();
    if (question === "") {
      return this.decline(question, "empty", "Ask me a question about the article, for example one of these.", 0, []);
    }
    const normalized = normalizeText(question);
    if (normalized === "") {
      return this.decline(
        question,
        "no-words",
        "I couldn't find any words to look up in that. Ask a question about the article, for example one of these.",
        0,
        [],
      );
    }
    if (isChat(normalized)) {
      return this.decline(
        question,
        "chat",
        "That doesn't look like a question about the article. Try one of these.",
        0,
        [],
      );
    }
    const judged = this.judge(question);
    const { outcome, best } = judged;
    if (!outcome.hasKnownTopic || best === undefined) {
      return this.decline(question, "no-topic", notMentioned(outcome.unknownTerms), 0, outcome.hits);
    }
    const confidence = round(judged.probability);
    const premise = this.checkPremise(question, judged);
    if (premise !== undefined) return this.corrected(question, premise, confidence, outcome.hits);
    if (judged.decision === "answer") return this.answerFrom(question, best, confidence, outcome.hits);
    // Declined: when the question's own topic words are missing from the article, say which; otherwise
    // the article may well answer it, so show the closest passage rather than claim it doesn't say.
    if (judged.decision === "decline" && outcome.unknownTerms.length > 0) {
      return this.decline(question, "no-topic", notMentioned(outcome.unknownTerms), confidence, outcome.hits);
    }
    return this.unsure(question, best, confidence, outcome.hits);
  }

  /** A false premise among the first sentences of the top matches (see premise.ts), checked whatever the decision. */
  private checkPremise(question: string, judged: Judged): PremiseCheck | undefined {
    const terms = judged.outcome.query.terms.flatMap((t) =>
      t.alternatives[0] === undefined ? [] : [t.alternatives[0].term],
    );
    const ids = unique(judged.outcome.hits.slice(0, 5).flatMap((h) => this.sourceSentences(h.target).slice(0, 1)));
    return this.premises.check(
      question,
      terms,
      ids.map((id) => this.kb.sentenceById.get(id)!),
    );
  }

  private corrected(question: string, premise: PremiseCheck, confidence: number, hits: readonly SearchHit[]): Answer {
    const { sentence } = premise;
    const lead =
      questionType(question) === "yesno" ? "No — the article says otherwise:" : "The article says otherwise:";
    return {
      question,
      outcome: "corrected",
      answered: true,
      answer: `${lead} "${sentence.text}" (${sentence.id})`,
      citations: this.cite([sentence.id]),
      closest: [],
      confidence,
      suggestions: this.nearbyQuestions(hits),
      source: { kind: "sentence", id: sentence.id },
    };
  }

  /** The search and the decision for a question, with the features the decision used (for the eval and fitting). */
  judge(question: string): Judged {
    const type = expectedAnswerType(normalizeText(question));
    const outcome = this.search(question, 10, type);
    const best = outcome.hits[0];
    if (best === undefined) return { outcome, best, probability: 0, decision: "decline" };
    const firstSentence = (h: SearchHit): string | undefined => this.sourceSentences(h.target)[0];
    const bestSentence = firstSentence(best);
    const rival = outcome.hits.find((h) => firstSentence(h) !== bestSentence);
    const topSentence = outcome.hits.find((h) => h.target.kind === "sentence");
    const f = features({
      outcome,
      best,
      rival,
      answerTypeAsked: type !== "any",
      sentenceAgrees: topSentence !== undefined && topSentence.target.id === bestSentence,
    });
    const p = probability(f, this.model);
    return { outcome, best, features: f, probability: p, decision: decide(p, this.model) };
  }

  /**
   * Ranked matches for a question, keeping only entries that can offer the kind of answer it asks
   * for (a quantity for "how many", a time for "when"…).
   */
  search(question: string, limit = 10, type = expectedAnswerType(normalizeText(question))): SearchOutcome {
    const outcome = this.index.search(question, limit * 3);
    const hits =
      type === "any" ? outcome.hits : outcome.hits.filter((h) => offersAnswerType(type, this.answerTexts(h.target)));
    return { ...outcome, hits: hits.slice(0, limit) };
  }

  /** The texts an answer from this target would show: its answer or description, and its sentences. */
  private answerTexts(target: { kind: string; id: string }): string[] {
    const sentences = this.sourceSentences(target).map((id) => this.kb.sentenceById.get(id)!.text);
    if (target.kind === "qa") return [this.kb.qaById.get(target.id)!.answer, ...sentences];
    if (target.kind === "fact") return [this.kb.factById.get(target.id)!.description, ...sentences];
    return sentences;
  }

  private answerFrom(question: string, best: SearchHit, confidence: number, hits: readonly SearchHit[]): Answer {
    const { kind, id } = best.target;
    const source = { kind, id };
    const { answer, citationIds } = this.answerContent(kind, id, question);
    return {
      question,
      outcome: "answered",
      answered: true,
      answer,
      citations: this.cite(citationIds),
      closest: [],
      confidence,
      suggestions: this.relatedQuestions(source, hits),
      source,
    };
  }

  /** Not sure: the closest passage is shown as such, never as the answer (no citations). */
  private unsure(question: string, best: SearchHit, confidence: number, hits: readonly SearchHit[]): Answer {
    const closestId = this.sourceSentences(best.target)[0];
    return {
      question,
      outcome: "unsure",
      answered: false,
      answer: UNSURE,
      citations: [],
      closest: closestId === undefined ? [] : this.cite([closestId]),
      confidence,
      suggestions: this.nearbyQuestions(hits),
      reason: "low-confidence",
    };
  }

  /** What an answer from each kind of entry says (composed for the question asked), and which sentences it quotes. */
  private answerContent(
    kind: SearchHit["target"]["kind"],
    id: string,
    question: string,
  ): { answer: string; citationIds: readonly string[] } {
    const compose = (citationIds: readonly string[], curated?: string, curatedQuestion?: string) => ({
      citationIds,
      answer: composeAnswer({
        question,
        ...(curated === undefined ? {} : { curated }),
        ...(curatedQuestion === undefined ? {} : { curatedQuestion }),
        sentences: citationIds.map((s) => this.kb.sentenceById.get(s)!),
        people: this.people,
        places: this.places,
      }),
    });
    if (kind === "qa") {
      const entry = this.kb.qaById.get(id)!;
      return compose(entry.sentences, entry.answer, entry.question);
    }
    if (kind === "fact") {
      const fact = this.kb.factById.get(id)!;
      return compose(this.rankFactSentences(fact, question), `${fact.name}: ${fact.description}`);
    }
    return compose([id]);
  }

  /** Not covered: the question is about nothing the article mentions, or is not a question. */
  private decline(
    question: string,
    reason: NonNullable<Answer["reason"]>,
    answer: string,
    confidence: number,
    hits: readonly SearchHit[],
  ): Answer {
    return {
      question,
      outcome: "not_covered",
      answered: false,
      answer,
      citations: [],
      closest: [],
      confidence,
      suggestions: this.nearbyQuestions(hits),
      reason,
    };
  }

  /** Answerable questions near a question that was not answered: the nearest Q&A entries, then pinned ones. */
  private nearbyQuestions(hits: readonly SearchHit[]): string[] {
    const near = hits.filter((h) => h.target.kind === "qa").map((h) => this.kb.qaById.get(h.target.id)!.question);
    return unique([...near, ...this.pinnedQuestions()]).slice(0, MAX_SUGGESTIONS);
  }

  /** A fact cites many sentences; the ones that also contain the question's other words go first. */
  private rankFactSentences(fact: Fact, question: string): readonly string[] {
    const own = new Set([fact.name, ...fact.aliases].flatMap((n) => analyze(n).map((t) => t.term)));
    const asked = analyze(question)
      .filter((t) => !t.functional && !own.has(t.term))
      .map((t) => t.term);
    if (asked.length === 0) return fact.sentences;
    const overlap = (id: string): number => {
      const terms = this.sentenceTerms.get(id)!;
      return asked.filter((t) => terms.has(t)).length;
    };
    return [...fact.sentences]
      .map((id, order) => ({ id, order, overlap: overlap(id) }))
      .sort((a, b) => b.overlap - a.overlap || a.order - b.order)
      .map((s) => s.id);
  }

  private cite(ids: readonly string[]): Citation[] {
    return ids.slice(0, MAX_CITATIONS).map((id) => {
      const sentence = this.kb.sentenceById.get(id)!;
      return { id: sentence.id, text: sentence.text };
    });
  }

  /** Other answerable questions near this answer: the next-best Q&A hits, then entries citing the same sentence. */
  relatedQuestions(source: { kind: string; id: string }, hits: readonly SearchHit[] = []): string[] {
    const firstSentence = this.sourceSentences(source)[0];
    const fromHits = hits.filter((h) => h.target.kind === "qa").map((h) => h.target.id);
    const citing = firstSentence === undefined ? [] : (this.qaCiting.get(firstSentence) ?? []);
    // The next-best match first (often the question the user meant), then entries about the same sentence.
    const ids = unique([...fromHits.slice(0, 2), ...citing, ...fromHits.slice(2)]).filter((id) => id !== source.id);
    return unique(ids.map((id) => this.kb.qaById.get(id)!.question)).slice(0, MAX_SUGGESTIONS);
  }

  /** The sentences an answer source rests on, for "Show context". */
  sourceSentences(source: { kind: string; id: string }): readonly string[] {
    if (source.kind === "qa") return this.kb.qaById.get(source.id)?.sentences ?? [];
    if (source.kind === "fact") return this.kb.factById.get(source.id)?.sentences ?? [];
    return this.kb.sentenceById.has(source.id) ? [source.id] : [];
  }

  pinnedQuestions(): string[] {
    return this.pinned.map((e) => e.question);
  }

  /** Autocomplete: knowledge-base questions ranked against what has been typed so far. */
  suggestQuestions(partial: string, limit = 25): QaEntry[] {
    // Runs on every keystroke and is not rate-limited, so it must stay cheap at any input length: only the
    // first 100 characters (8 distinct words) count, matched by word prefix (the question counts double,
    // its phrasings once), with the answer index (which knows misspellings) as the fallback.
    const typed = normalizeText(partial.slice(0, 100));
    if (typed === "") {
      return unique([...this.pinned, ...this.kb.qa]).slice(0, limit);
    }
    const ranked = rankByWordPrefix(
      this.kb.qa,
      typed,
      (e) => e.question,
      (e) => e.phrasings,
    );
    if (ranked.length > 0) return ranked.slice(0, limit);
    const hits = this.index.search(typed, 4 * limit).hits.filter((h) => h.target.kind === "qa");
    return hits.slice(0, limit).map((h) => this.kb.qaById.get(h.target.id)!);
  }

  /** Fact lookup by name or alias: the fact when one matches clearly, otherwise the closest topics. */
  findFact(topic: string): { fact?: Fact; closest: Fact[] } {
    const typed = normalizeText(topic);
    if (typed === "") return { closest: [] };
    const positions = [this.factPosition.get(`id:${topic.trim()}`), this.factPosition.get(`name:${typed}`)].filter(
      (p): p is number => p !== undefined,
    );
    if (positions.length > 0) return { fact: this.kb.facts[Math.min(...positions)]!, closest: [] };
    const results = this.factFuse.search(typed, { limit: 5 });
    const top = results[0];
    if (top !== undefined && (top.score ?? 1) <= 0.15) return { fact: top.item, closest: [] };
    // Fall back to the answer index, which understands misspelt multi-word topics.
    // (Q&A entries usually outrank fact cards, so look deep enough to find the cards.)
    const viaIndex = this.index
      .search(typed, 60)
      .hits.filter((h) => h.target.kind === "fact")
      .slice(0, 5);
    const indexed = viaIndex[0];
    if (indexed !== undefined && indexed.score >= MATCH_THRESHOLD) {
      return { fact: this.kb.factById.get(indexed.target.id)!, closest: [] };
    }
    const closest = unique([...results.map((r) => r.item), ...viaIndex.map((h) => this.kb.factById.get(h.target.id)!)]);
    return { closest: closest.slice(0, 5) };
  }

  /** Autocomplete over fact names and aliases. */
  suggestFacts(partial: string, limit = 25): Fact[] {
    // As suggestQuestions: the first 100 characters, word prefixes over names (double) and aliases, then
    // the answer index's fact cards as the fallback.
    const typed = normalizeText(partial.slice(0, 100));
    if (typed === "") return this.kb.facts.slice(0, limit);
    const ranked = rankByWordPrefix(
      this.kb.facts,
      typed,
      (f) => f.name,
      (f) => f.aliases,
    );
    if (ranked.length > 0) return ranked.slice(0, limit);
    const hits = this.index.search(typed, 60).hits.filter((h) => h.target.kind === "fact");
    return hits.slice(0, limit).map((h) => this.kb.factById.get(h.target.id)!);
  }

  sentenceAt(index: number): Sentence | undefined {
    return this.kb.sentences[index];
  }

  /** A sentence with its neighbours, for /quote and "Show context". */
  context(id: string, radius = 1): Sentence[] {
    const sentence = this.kb.sentenceById.get(id);
    if (sentence === undefined) return [];
    return this.kb.sentences.slice(Math.max(0, sentence.index - radius), sentence.index + radius + 1);
  }

  /**
   * Which sentences bear on a piece of text (the "Check against article" context menu): a search
   * restricted to bare sentences, with the answer's own citations first.
   */
  sentencesBearingOn(text: string, limit = MAX_CITATIONS): { sentences: Citation[]; confidence: number } {
    const hits = this.index.search(text, 40).hits.filter((h) => h.target.kind === "sentence");
    const answered = this.answer(text);
    const ids = unique([
      ...(answered.answered ? answered.citations.map((c) => c.id) : []),
      ...hits.filter((h) => h.score >= MATCH_THRESHOLD * 0.6).map((h) => h.target.id),
    ]);
    return {
      sentences: this.cite(ids.slice(0, limit)),
      confidence: answered.answered ? answered.confidence : round(hits[0]?.score ?? 0),
    };
  }

  /** /fact: the fact card for a topic, or the closest topics when none matches. */
  factView(topic: string): FactView {
    const { fact, closest } = this.findFact(topic);
    if (fact === undefined) return { found: false, topic: topic.trim(), closest };
    return {
      found: true,
      fact,
      citations: this.cite(fact.sentences),
      related: fact.related.map((id) => this.kb.factById.get(id)!),
    };
  }

  /** /quote: one sentence by its number (S0 = 0), with its neighbours. */
  quoteView(index: number): QuoteView {
    const last = this.kb.sentences.length - 1;
    const sentence = Number.isInteger(index) ? this.kb.sentences[index] : undefined;
    if (sentence === undefined) return { found: false, min: 0, max: last };
    return {
      found: true,
      sentence,
      before: this.kb.sentences[index - 1],
      after: this.kb.sentences[index + 1],
      min: 0,
      max: last,
    };
  }

  /** /source: what the article is and how answers are chosen. */
  sourceView(): SourceView {
    const { meta } = this.kb;
    return {
      title: meta.title,
      outlet: meta.outlet ?? meta.outletNote,
      writtenWhen: meta.writtenWhen,
      covers: meta.covers,
      sentenceCount: this.kb.sentences.length,
      qaCount: this.kb.qa.length,
      factCount: this.kb.facts.length,
      howAnswersAreChosen:
        `Your question is matched (with fuzzy matching for misspellings) against ${this.kb.qa.length} curated questions, ` +
        `${this.kb.facts.length} fact cards and the article's ${this.kb.sentences.length} sentences. A model fitted on ` +
        `test questions judges how likely the best match is right: likely enough and it answers; otherwise it says it is ` +
        `not sure and shows the closest passage, or that the article doesn't mention what you asked about. A question ` +
        `the article contradicts is answered with the sentence that says otherwise. Every answer quotes the article's own ` +
        `sentences, by id (${meta.sentenceIds})`,
    };
  }
}

/**
 * Autocomplete's ranking: the share of the typed words (the first 8) that begin a word of the item's
 * main text (counted double: a question, a fact's name) or, when that matches less than half, of its
 * best alternative text (phrasings, aliases); ties go to the shorter main text, then to base order.
 */
function rankByWordPrefix<T>(
  items: readonly T[],
  typed: string,
  main: (item: T) => string,
  alternatives: (item: T) => readonly string[],
): T[] {
  const words = [...new Set(typed.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== ""))].slice(0, 8).map((w) => ` ${w}`);
  const matches = (text: string): number => {
    const own = ` ${text.toLowerCase()}`;
    let n = 0;
    for (const w of words) if (own.includes(w)) n += 1;
    return n / words.length;
  };
  return items
    .map((item, position) => {
      // An alternative counts at most 1, so it can only win when the main text matches less than half.
      const own = 2 * matches(main(item));
      return {
        item,
        position,
        length: main(item).length,
        score: own >= 1 ? own : Math.max(own, ...alternatives(item).map(matches)),
      };
    })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.length - b.length || a.position - b.position)
    .map((s) => s.item);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
