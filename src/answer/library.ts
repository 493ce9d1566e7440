/**
 * The library of loaded articles: one engine per pack, and a question routed across packs (the best outcome wins;
 * near-ties are offered as a choice).
 */
import type { KnowledgeBase, PackStatus } from "../knowledge/types.js";
import { createAnalyzer } from "../search/analyzer.js";
import { FuzzyVocabulary } from "../search/fuzzy-vocabulary.js";
import { AnswerEngine } from "./engine.js";
import type { Assessment } from "./engine.js";
import { prepare } from "./prepare.js";
import { isSummaryRequest } from "./views/summary.js";
import type { Answer } from "./types.js";

/** One loaded article: its pack id, title, status and its own engine (with its own index). */
export interface Pack {
  readonly id: string;
  readonly title: string;
  readonly status: PackStatus;
  /** The whole pack, fact cards included. */
  readonly kb: KnowledgeBase;
  /** Answers, quotes and the article's views. */
  readonly engine: AnswerEngine;
  /** /fact and its autocomplete: the engine over the fact cards (for a curated pack, `engine` itself). */
  readonly factEngine: AnswerEngine;
}

/**
 * One engine per pack. A draft pack answers from its sentences alone (its fact cards are machine-made: matching
 * questions against them answered worse than the sentences do — on the reference article's tuning set with
 * drafted cards, top-1 9% instead of 54%); they serve /fact, through the engine's fact lookup.
 */
function packOf(source: KnowledgeBase | AnswerEngine): Pack {
  const engine = source instanceof AnswerEngine ? source : new AnswerEngine(source);
  const { kb } = engine;
  return { id: kb.id, title: kb.meta.title, status: kb.status, kb, engine, factEngine: engine };
}

/** An answer from one pack; `alternatives` (the chosen pack first) when several packs answer about equally well. */
export interface LibraryAnswer {
  readonly pack: Pack;
  readonly answer: Answer;
  /** Empty, or every pack whose answer is about as good as the chosen one's, the chosen one first: the reply shows the chosen answer and asks "which article?" with a button per pack. */
  readonly alternatives: readonly Pack[];
}

/** Two answers whose confidences are this close are "about equally good". */
const TIE_MARGIN = 0.05;
/** At most this many packs are asked a question (the ones whose words it shares most)… */
export const MAX_CANDIDATES = 3;
/** …and only those whose share of the question's words is at least this fraction of the best pack's. */
const CANDIDATE_RATIO = 0.6;

const VERDICT_RANK: Readonly<Record<Assessment["verdict"]["kind"], number>> = {
  answered: 2,
  corrected: 2,
  unsure: 1,
  "not-covered": 0,
  declined: 0,
};

function confidenceOf(a: Assessment): number {
  return a.judged?.confidence ?? 0;
}

/** Routing words across packs: general English analysis (each pack's own lexicon applies inside its engine). */
const routing = createAnalyzer();

const OUTCOME_RANK: Readonly<Record<Answer["outcome"], number>> = {
  answered: 2,
  corrected: 2,
  summary: 2,
  unsure: 1,
  not_covered: 0,
};

/**
 * Every loaded article, each with its own AnswerEngine: adding a pack builds its index and nothing else's.
 * A question for no article in particular is routed in two steps: a cheap vocabulary score picks the few
 * packs that share the question's words (misspelt words corrected against every pack's words), then each of
 * those engines answers it and the best outcome wins, by the engine's own calibrated confidence. When the two
 * best answers are within TIE_MARGIN of each other, the answer says so (`alternatives`).
 */
export class Library {
  readonly packs: readonly Pack[];
  private readonly byId: ReadonlyMap<string, Pack>;
  /** Analysed term → the positions of the packs using it. */
  private readonly termPacks = new Map<string, number[]>();
  private fuzzy: FuzzyVocabulary | undefined;
  private readonly wordPacks = new Map<string, number>();

  constructor(sources: readonly (KnowledgeBase | AnswerEngine)[]) {
    if (sources.length === 0) throw new Error("a library needs at least one pack");
    this.packs = sources.map(packOf);
    this.byId = new Map(this.packs.map((p) => [p.id, p]));
    if (this.packs.length > 1) this.packs.forEach((pack, position) => this.indexVocabulary(pack, position));
  }

  pack(id: string): Pack | undefined {
    return this.byId.get(id);
  }

  /** The pack a question goes to when nothing else says: the only one, or the first (by id). */
  get first(): Pack {
    return this.packs[0]!;
  }

  /**
   * Answers a question from one article (`articleId`) or, without one, from the pack whose answer wins.
   * An unknown articleId is answered from every pack (the surfaces check ids before asking).
   */
  answer(question: string, articleId?: string): LibraryAnswer {
    // Normalised once, whatever the number of packs asked.
    const prepared = prepare(question);
    const chosen = articleId === undefined ? undefined : this.byId.get(articleId);
    if (chosen !== undefined) return { pack: chosen, answer: chosen.engine.answerPrepared(prepared), alternatives: [] };
    if (this.packs.length === 1)
      return { pack: this.first, answer: this.first.engine.answerPrepared(prepared), alternatives: [] };
    // "tldr" of no article in particular: one article's summary is no better than another's, so the first one's,
    // with the choice of article offered (a button per article answers it from that one).
    if (prepared.nothing === undefined && isSummaryRequest(prepared.normalized))
      return { pack: this.first, answer: this.first.engine.summary(prepared.question), alternatives: this.packs };
    // Beyond two candidates, each is judged first (the search and the decision, without composing an
    // answer) and only the two best are answered: the rest cannot win.
    let candidates = this.candidates(prepared.text);
    if (candidates.length > 2) {
      candidates = candidates
        .map((pack, order) => ({ pack, order, assessed: pack.engine.assessPrepared(prepared) }))
        .sort(
          (x, y) =>
            VERDICT_RANK[y.assessed.verdict.kind] - VERDICT_RANK[x.assessed.verdict.kind] ||
            confidenceOf(y.assessed) - confidenceOf(x.assessed) ||
            x.order - y.order,
        )
        .slice(0, 2)
        .map((c) => c.pack);
    }
    const ranked = candidates
      .map((pack, order) => ({ pack, order, answer: pack.engine.answerPrepared(prepared) }))
      .sort(
        (a, b) =>
          OUTCOME_RANK[b.answer.outcome] - OUTCOME_RANK[a.answer.outcome] ||
          b.answer.confidence - a.answer.confidence ||
          a.order - b.order,
      );
    const best = ranked[0]!;
    const close = best.answer.answered
      ? ranked.filter((r) => r.answer.answered && best.answer.confidence - r.answer.confidence <= TIE_MARGIN)
      : [];
    return { pack: best.pack, answer: best.answer, alternatives: close.length > 1 ? close.map((r) => r.pack) : [] };
  }

  /** Packs ranked for a question by the weight of the question's words they use (every pack when there are few). */
  candidates(question: string): Pack[] {
    if (this.packs.length <= MAX_CANDIDATES) return [...this.packs];
    const score = new Float64Array(this.packs.length);
    const n = this.packs.length;
    for (const { term, word, functional } of routing.analyze(question)) {
      if (functional) continue;
      let using = this.termPacks.get(term);
      if (using === undefined) {
        this.fuzzy ??= new FuzzyVocabulary(this.wordPacks);
        const corrected = this.fuzzy.correct(word)[0];
        const stem = corrected === undefined ? undefined : routing.analyzeNormalized(corrected.word)[0]?.term;
        using = stem === undefined ? undefined : this.termPacks.get(stem);
      }
      if (using === undefined) continue;
      const idf = Math.log(1 + n / using.length);
      for (const position of using) score[position]! += idf;
    }
    const ranked = this.packs
      .map((pack, position) => ({ pack, position, score: score[position]! }))
      .sort((a, b) => b.score - a.score || a.position - b.position)
      .slice(0, MAX_CANDIDATES);
    const top = ranked[0]!.score;
    return ranked.filter((r, i) => i === 0 || r.score >= CANDIDATE_RATIO * top).map((r) => r.pack);
  }

  /** Autocomplete over the packs' titles (and ids), by word prefix; every pack when nothing is typed. */
  suggestPacks(partial: string, limit = 25): Pack[] {
    const words = partial
      .slice(0, 100)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== "");
    if (words.length === 0) return this.packs.slice(0, limit);
    const matches = (pack: Pack): number => {
      const own = ` ${`${pack.title} ${pack.id.replace(/-/g, " ")}`.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ")}`;
      return words.filter((w) => own.includes(` ${w}`)).length;
    };
    return this.packs
      .map((pack, position) => ({ pack, position, score: matches(pack) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.position - b.position)
      .slice(0, limit)
      .map((s) => s.pack);
  }

  private indexVocabulary(pack: Pack, position: number): void {
    const { kb } = pack;
    const texts = [
      kb.meta.title,
      ...kb.sentences.map((s) => s.text),
      ...kb.qa.map((e) => e.question),
      ...kb.facts.flatMap((f) => [f.name, ...f.aliases]),
    ];
    const terms = new Set<string>();
    const words = new Set<string>();
    for (const text of texts) {
      for (const t of routing.analyze(text)) {
        if (t.functional) continue;
        terms.add(t.term);
        words.add(t.word);
      }
    }
    for (const term of terms) {
      const using = this.termPacks.get(term);
      if (using === undefined) this.termPacks.set(term, [position]);
      else using.push(position);
    }
    for (const word of words) this.wordPacks.set(word, (this.wordPacks.get(word) ?? 0) + 1);
  }
}

/** A library from one engine (one pack) or the library itself: what the surfaces accept. */
export function asLibrary(source: Library | AnswerEngine): Library {
  return source instanceof Library ? source : new Library([source]);
}
