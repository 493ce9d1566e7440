import Fuse from "fuse.js";
import type { Fact, KnowledgeBase, QaEntry, Sentence } from "../knowledge/types.js";
import { expectedAnswerType, offersAnswerType } from "../search/answer-type.js";
import { analyze, normalizeText } from "../search/normalize.js";
import type { SearchHit, SearchOutcome, SearchTarget } from "../search/search-index.js";
import { SearchIndex } from "../search/search-index.js";
import type { Answer, Citation, FactView, QuoteView, SourceView } from "./types.js";

/**
 * The lowest match score that is answered; below it the engine abstains. Chosen with
 * `npm run eval -- --sweep` on test/eval/questions.json, then checked on the held-out set: lower
 * answers more but makes more confident mistakes, higher abstains on paraphrases it gets right.
 */
export const ANSWER_THRESHOLD = 0.68;
export const MAX_CITATIONS = 3;
const MAX_SUGGESTIONS = 3;
/** Bare sentences are searched too, as a fallback for what no Q&A entry words the same way. */
const SENTENCE_WEIGHT = 0.9;

export const NOT_IN_ARTICLE = "The article doesn't say.";

/**
 * The answer engine: knowledge base in, answers out. Knows nothing about Discord or terminals;
 * every surface (Discord gateway, HTTP interactions, CLI) is an adapter over `answer()`.
 */
export class AnswerEngine {
  readonly index: SearchIndex;
  private readonly questionFuse: Fuse<QaEntry>;
  private readonly factFuse: Fuse<Fact>;
  /** Sentence id → Q&A entries citing it, those citing it first ahead. */
  private readonly qaCiting = new Map<string, string[]>();
  /** Sentence id → its analysed terms. */
  private readonly sentenceTerms = new Map<string, ReadonlySet<string>>();
  private readonly pinned: readonly QaEntry[];
  /** A fact's id, and its name and aliases normalised → the fact's position (the first fact wins). */
  private readonly factPosition = new Map<string, number>();

  /** Lowest match score that is answered; an option only so the eval can sweep it. */
  readonly threshold: number;

  constructor(
    readonly kb: KnowledgeBase,
    options: { threshold?: number } = {},
  ) {
    this.threshold = options.threshold ?? ANSWER_THRESHOLD;
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
    kb.facts.forEach((fact, position) => {
      for (const key of [`id:${fact.id}`, ...[fact.name, ...fact.aliases].map((n) => `name:${normalizeText(n)}`)]) {
        if (!this.factPosition.has(key)) this.factPosition.set(key, position);
      }
    });
    for (const sentence of kb.sentences) this.sentenceTerms.set(sentence.id, new Set(analyze(sentence.text).map((t) => t.term)));
    // Autocomplete matches what has been typed so far against short strings: Bitap's strength.
    this.questionFuse = new Fuse(kb.qa, {
      keys: [
        { name: "question", weight: 2 },
        { name: "phrasings", weight: 1 },
      ],
      threshold: 0.4,
      ignoreLocation: true,
      includeScore: true,
    });
    this.factFuse = new Fuse(kb.facts, {
      keys: [
        { name: "name", weight: 2 },
        { name: "aliases", weight: 1 },
      ],
      threshold: 0.35,
      ignoreLocation: true,
      includeScore: true,
    });
  }

  answer(rawQuestion: string): Answer {
    const question = rawQuestion.trim();
    if (question === "") {
      return this.abstain(question, "empty", "Ask me a question about the article, for example one of these.", 0, []);
    }
    if (normalizeText(question) === "") {
      return this.abstain(
        question,
        "no-words",
        "I couldn't find any words to look up in that. Ask a question about the article, for example one of these.",
        0,
        [],
      );
    }
    const outcome = this.search(question);
    const best = outcome.hits[0];
    if (!outcome.hasKnownTopic || best === undefined) {
      return this.abstain(question, "no-topic", `${NOT_IN_ARTICLE} It doesn't mention that.`, 0, outcome.hits);
    }
    const confidence = round(best.score);
    if (best.score < this.threshold) {
      return this.abstain(question, "low-confidence", NOT_IN_ARTICLE, confidence, outcome.hits);
    }
    return this.answerFrom(question, best, confidence, outcome.hits);
  }

  /**
   * Ranked matches for a question, keeping only entries that can offer the kind of answer it asks
   * for (a quantity for "how many", a time for "when"…).
   */
  search(question: string, limit = 10): SearchOutcome {
    const outcome = this.index.search(question, limit * 3);
    const type = expectedAnswerType(normalizeText(question));
    const hits = type === "any" ? outcome.hits : outcome.hits.filter((h) => offersAnswerType(type, this.answerTexts(h.target)));
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
      answered: true,
      answer,
      citations: this.cite(citationIds),
      confidence,
      suggestions: this.relatedQuestions(source, hits),
      source,
    };
  }

  /** What an answer from each kind of entry says, and which sentences it quotes. */
  private answerContent(kind: SearchHit["target"]["kind"], id: string, question: string): { answer: string; citationIds: readonly string[] } {
    if (kind === "qa") {
      const entry = this.kb.qaById.get(id)!;
      return { answer: entry.answer, citationIds: entry.sentences };
    }
    if (kind === "fact") {
      const fact = this.kb.factById.get(id)!;
      return { answer: `${fact.name}: ${fact.description}`, citationIds: this.rankFactSentences(fact, question) };
    }
    return { answer: `The article says so in ${id} (quoted below).`, citationIds: [id] };
  }

  private abstain(
    question: string,
    reason: NonNullable<Answer["reason"]>,
    answer: string,
    confidence: number,
    hits: readonly SearchHit[],
  ): Answer {
    const near = hits.filter((h) => h.target.kind === "qa").map((h) => this.kb.qaById.get(h.target.id)!.question);
    const suggestions = unique([...near, ...this.pinnedQuestions()]).slice(0, MAX_SUGGESTIONS);
    return { question, answered: false, answer, citations: [], confidence, suggestions, reason };
  }

  /** A fact cites many sentences; the ones that also contain the question's other words go first. */
  private rankFactSentences(fact: Fact, question: string): readonly string[] {
    const own = new Set([fact.name, ...fact.aliases].flatMap((n) => analyze(n).map((t) => t.term)));
    const asked = analyze(question).filter((t) => !t.functional && !own.has(t.term)).map((t) => t.term);
    if (asked.length === 0) return fact.sentences;
    const overlap = (id: string): number => {
      const terms = this.sentenceTerms.get(id)!;
      return asked.filter((t) => terms.has(t)).length;
    };
    return [...fact.sentences].map((id, order) => ({ id, order, overlap: overlap(id) }))
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
    // first 100 characters count, matched by word prefix (the question counts double, its phrasings once),
    // with the answer index (which knows misspellings) as the fallback when no word matches.
    const typed = normalizeText(partial.slice(0, 100));
    if (typed === "") {
      return unique([...this.pinned, ...this.kb.qa]).slice(0, limit);
    }
    const words = [...new Set(typed.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== ""))].slice(0, 12).map((w) => ` ${w}`);
    const matches = (text: string): number => {
      const own = ` ${text.toLowerCase()}`;
      let n = 0;
      for (const w of words) if (own.includes(w)) n += 1;
      return n / words.length;
    };
    const scored = this.kb.qa
      .map((entry, position) => ({ entry, position, score: Math.max(2 * matches(entry.question), ...entry.phrasings.map(matches)) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.entry.question.length - b.entry.question.length || a.position - b.position);
    if (scored.length > 0) return scored.slice(0, limit).map((s) => s.entry);
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
    const viaIndex = this.index.search(typed, 60).hits.filter((h) => h.target.kind === "fact").slice(0, 5);
    const indexed = viaIndex[0];
    if (indexed !== undefined && indexed.score >= this.threshold) {
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
    const words = [...new Set(typed.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== ""))].slice(0, 12).map((w) => ` ${w}`);
    const matches = (text: string): number => {
      const own = ` ${text.toLowerCase()}`;
      let n = 0;
      for (const w of words) if (own.includes(w)) n += 1;
      return n / words.length;
    };
    const scored = this.kb.facts
      .map((fact, position) => ({ fact, position, score: Math.max(2 * matches(fact.name), ...fact.aliases.map(matches)) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.fact.name.length - b.fact.name.length || a.position - b.position);
    if (scored.length > 0) return scored.slice(0, limit).map((s) => s.fact);
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
   * restricted to bare sentences, with the same threshold as answers.
   */
  sentencesBearingOn(text: string, limit = MAX_CITATIONS): { sentences: Citation[]; confidence: number } {
    const hits = this.index.search(text, 40).hits.filter((h) => h.target.kind === "sentence");
    const answered = this.answer(text);
    const ids = unique([
      ...(answered.answered ? answered.citations.map((c) => c.id) : []),
      ...hits.filter((h) => h.score >= this.threshold * 0.6).map((h) => h.target.id),
    ]);
    return { sentences: this.cite(ids.slice(0, limit)), confidence: answered.answered ? answered.confidence : round(hits[0]?.score ?? 0) };
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
        `${this.kb.facts.length} fact cards and the article's ${this.kb.sentences.length} sentences. The best match must score at ` +
        `least ${this.threshold} out of 1, or the bot says the article doesn't say. Every answer quotes the article's own ` +
        `sentences, by id (${meta.sentenceIds})`,
    };
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
