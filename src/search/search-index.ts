import type { FuzzyMatch } from "./fuzzy-vocabulary.js";
import { FuzzyVocabulary, similarity } from "./fuzzy-vocabulary.js";
import type { QueryTerm } from "./normalize.js";
import { analyze, analyzeNormalized, normalizeText } from "./normalize.js";
import { FUNCTION_WORDS, STOP_WORDS, isMisspeltStopWord } from "./stopwords.js";
import { applyCompounds, SYNONYMS } from "./synonyms.js";

export type TargetKind = "qa" | "fact" | "sentence";

/** Something a question can match: a Q&A entry, a fact card or a bare sentence, with its searchable texts. */
export interface SearchTarget {
  readonly kind: TargetKind;
  readonly id: string;
  /** Each text is matched on its own (a phrasing, an alias); the target scores as its best text. */
  readonly texts: readonly string[];
  /** Multiplies the score: bare sentences are a fallback, so they weigh a little less. */
  readonly weight: number;
}

export interface SearchHit {
  readonly target: SearchTarget;
  /** 0..1: how well the best text explains the question and the question explains the text. */
  readonly score: number;
  /** Orders hits: the score plus small tie-breakers (see KIND_PREFERENCE, FUNCTION_BONUS). */
  readonly rank: number;
  /** Share of the question's term weight the best text matched. */
  readonly queryCoverage: number;
  /** Share of the question's term weight matched anywhere in the target's texts. */
  readonly targetCoverage: number;
  /** Share of the best text's term weight the question matched. */
  readonly textCoverage: number;
  /** The best-matching text. */
  readonly text: string;
}

export interface SearchOutcome {
  readonly hits: readonly SearchHit[];
  /** The question had at least one topic word that the knowledge base knows (exactly or misspelt). */
  readonly hasKnownTopic: boolean;
  /** Topic words of the question found nowhere in the knowledge base, as typed. */
  readonly unknownTerms: readonly string[];
  /** The resolved question the hits were scored against. */
  readonly query: ResolvedQuery;
}

/** A word the base never uses, replaced by the closest word it does use. */
export interface Correction {
  readonly original: string;
  readonly matches: readonly FuzzyMatch[];
}

export interface SpelledQuery {
  /** The normalised question with misspelt words replaced. */
  readonly text: string;
  /** Corrected word (as it now stands in `text`) → what was typed and the candidates. */
  readonly corrections: ReadonlyMap<string, Correction>;
}

export type TermResolution = "exact" | "synonym" | "folded" | "fuzzy" | "phonetic" | "functional" | "noise" | "unknown";

/** One word of the question after term resolution. */
export interface ResolvedTerm {
  /** As the user typed it. */
  readonly word: string;
  readonly term: string;
  readonly via: TermResolution;
  /** The word's share of the question: its IDF (an unknown topic word weighs like the rarest word). */
  readonly weight: number;
  /** Indexed terms it matches, best first, with how alike (1 unless corrected). */
  readonly alternatives: readonly { readonly term: string; readonly similarity: number }[];
}

export interface ResolvedQuery {
  readonly terms: readonly ResolvedTerm[];
  /** Sum of the topic words' weights: the denominator of coverage. */
  readonly queryWeight: number;
  readonly hasKnownTopic: boolean;
  readonly unknownTerms: readonly string[];
  /** The question words present, as a 64-bit mask over the index's question words. */
  readonly functionMask: readonly [number, number];
}

interface Retrieved {
  readonly touchedFields: readonly number[];
  readonly candidates: readonly number[];
}

interface Field {
  readonly target: number;
  /** Which of the target's texts this is. */
  readonly textIndex: number;
  readonly terms: readonly string[];
  /** Sum of the weights of the field's terms: the denominator of text coverage. */
  readonly weight: number;
}

/** Weight of question words ("when", "who") inside a text, for text coverage: a "when" phrasing fits a "when" question better. */
const FUNCTION_WEIGHT = 0.5;
/** Added to the rank of a text that shares a question word with the question: a tie-breaker. */
const FUNCTION_BONUS = 0.02;
/** Question words considered per search (the rest of a very long input is ignored). */
const MAX_QUERY_WORDS = 32;
const KIND_PREFERENCE: Readonly<Record<TargetKind, number>> = { qa: 0.002, fact: 0.001, sentence: 0 };
/** How much question coverage counts against text coverage in the combined score (geometric mean). */
const QUERY_COVERAGE_EXPONENT = 0.9;

/**
 * An inverted index over stemmed terms with IDF weights, plus a fuzzy vocabulary for misspellings.
 * Candidate texts come from the posting lists of the question's terms, so a search touches only
 * texts that share a word with the question, not the whole base: this is what keeps it fast as the
 * base grows, where plain Fuse compares the question with every text.
 */
export class SearchIndex {
  private readonly fields: Field[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  private readonly functional = new Set<string>();
  /** Question word → its bit; each field's question words as a 64-bit mask (two 32-bit words). */
  private readonly functionBit = new Map<string, number>();
  private readonly fieldFunctionWords: Uint32Array;
  private readonly unknownWeight: number;
  /** A misspelling found in the knowledge base's own texts → the term it misspells. */
  private readonly canonical: ReadonlyMap<string, string>;
  readonly vocabulary: FuzzyVocabulary;
  /** Per-search working memory, allocated once and reset after each search (searches are synchronous). */
  private readonly scratch: {
    fieldQuery: Float64Array;
    fieldText: Float64Array;
    fieldMask: Uint32Array;
    targetCredit: Float64Array;
    targetMatched: Float64Array;
    /** target weight × coverage^QUERY_COVERAGE_EXPONENT, once per target per search (the same for all its texts). */
    targetFactor: Float64Array;
    bestRank: Float64Array;
    bestField: Int32Array;
    bestScore: Float64Array;
    bestQueryCoverage: Float64Array;
    bestTextCoverage: Float64Array;
    /** 1 when the target's best text shares a question word with the question. */
    bestShares: Uint8Array;
  };

  constructor(readonly targets: readonly SearchTarget[]) {
    // 1. Analyse every text, noting how many targets use each term (to find misspellings by rarity).
    const analyzedFields: { target: number; textIndex: number; terms: string[] }[] = [];
    const rawFrequency = new Map<string, number>();
    const writtenFrequency = new Map<string, number>();
    /** Words of fact names and aliases: the only targets of a three-letter correction ("ill" → "il"). */
    const nameWords = new Set<string>();
    targets.forEach((target, targetIndex) => {
      const targetTerms = new Set<string>();
      const targetWords = new Set<string>();
      target.texts.forEach((text, textIndex) => {
        const analyzed = analyze(text, "index");
        for (const t of analyzed) {
          targetTerms.add(t.term);
          if (t.functional) this.functional.add(t.term);
          else targetWords.add(t.word);
        }
        analyzedFields.push({ target: targetIndex, textIndex, terms: analyzed.map((t) => t.term) });
      });
      for (const term of targetTerms) rawFrequency.set(term, (rawFrequency.get(term) ?? 0) + 1);
      for (const word of targetWords) writtenFrequency.set(word, (writtenFrequency.get(word) ?? 0) + 1);
      if (target.kind === "fact") for (const word of targetWords) nameWords.add(word);
    });

    // 2. Fold the base's own misspellings onto the words they misspell, then index the folded terms.
    this.canonical = foldMisspellings(rawFrequency, this.functional);
    const fold = (term: string): string => this.canonical.get(term) ?? term;
    // A folded misspelling's targets count towards the word it misspells (a target using both counts twice).
    const documentFrequency = new Map<string, number>();
    for (const [term, df] of rawFrequency)
      documentFrequency.set(fold(term), (documentFrequency.get(fold(term)) ?? 0) + df);
    for (const { target, textIndex, terms: rawTerms } of analyzedFields) {
      const terms = [...new Set(rawTerms.map(fold))];
      const fieldIndex = this.fields.length;
      this.fields.push({ target, textIndex, terms, weight: 0 });
      for (const term of terms) {
        // Question words are common to hundreds of texts: they are matched by bit masks instead.
        if (this.functional.has(term)) continue;
        let list = this.postings.get(term);
        if (list === undefined) this.postings.set(term, (list = []));
        list.push(fieldIndex);
      }
    }

    const n = Math.max(targets.length, 1);
    for (const [term, df] of documentFrequency) {
      this.idf.set(term, this.functional.has(term) ? FUNCTION_WEIGHT : Math.log(1 + n / df));
    }
    // A topic word the base has never seen weighs like the rarest word: asking about it is asking
    // about something the article does not mention, which should pull the match down.
    this.unknownWeight = Math.log(1 + n / 0.5);
    for (let i = 0; i < this.fields.length; i++) {
      const field = this.fields[i]!;
      this.fields[i] = { ...field, weight: field.terms.reduce((sum, t) => sum + this.termWeight(t), 0) };
    }
    this.vocabulary = new FuzzyVocabulary(writtenFrequency, nameWords);
    const fieldCount = this.fields.length;
    if (this.functional.size > 64)
      throw new Error("SearchIndex: more than 64 question words (stopwords.ts FUNCTION_WORDS)");
    [...this.functional].forEach((term, bit) => this.functionBit.set(term, bit));
    this.fieldFunctionWords = new Uint32Array(fieldCount * 2);
    this.fields.forEach((field, i) => {
      for (const term of field.terms) {
        const bit = this.functionBit.get(term);
        if (bit !== undefined) this.fieldFunctionWords[i * 2 + (bit >> 5)]! |= 1 << (bit & 31);
      }
    });
    this.scratch = {
      fieldQuery: new Float64Array(fieldCount),
      fieldText: new Float64Array(fieldCount),
      fieldMask: new Uint32Array(fieldCount),
      targetCredit: new Float64Array(targets.length * MAX_QUERY_WORDS),
      targetMatched: new Float64Array(targets.length),
      targetFactor: new Float64Array(targets.length),
      bestRank: new Float64Array(targets.length).fill(-1),
      bestField: new Int32Array(targets.length),
      bestScore: new Float64Array(targets.length),
      bestQueryCoverage: new Float64Array(targets.length),
      bestTextCoverage: new Float64Array(targets.length),
      bestShares: new Uint8Array(targets.length),
    };
  }

  private termWeight(term: string): number {
    return this.idf.get(term) ?? this.unknownWeight;
  }

  /**
   * The search, as named stages: normalise → correct spelling → analyse → resolve terms → retrieve
   * candidates → score. Each stage is a method of its own (and normalise/analyse are pure functions
   * in normalize.ts), so each can be tested and measured alone.
   */
  search(question: string, limit = 10): SearchOutcome {
    const spelled = this.correctSpelling(normalizeText(question));
    // Long inputs are cut to their first words: no question about the article needs more, and it
    // bounds the work per question (and lets a 32-bit mask track which words a text matched).
    const terms = analyzeNormalized(spelled.text).slice(0, MAX_QUERY_WORDS);
    const query = this.resolveTerms(terms, spelled.corrections);
    return this.score(query, this.retrieve(query), limit);
  }

  /**
   * Stage: spelling. Words the base never uses are replaced by the closest word it does use (by
   * spelling or by sound), before names are joined, so that "north corea" becomes the name "north
   * korea" and not "north" plus a guess. Stop words, question words, synonyms and numbers are left alone.
   */
  correctSpelling(normalized: string): SpelledQuery {
    const corrections = new Map<string, Correction>();
    const words = applyCompounds(normalized, "query").split(" ");
    let changed = false;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (
        word === "" ||
        this.vocabulary.has(word) ||
        STOP_WORDS.has(word) ||
        FUNCTION_WORDS.has(word) ||
        SYNONYMS.has(word)
      )
        continue;
      const matches = this.vocabulary.correct(word);
      const best = matches[0];
      if (best === undefined) continue;
      words[i] = best.word;
      changed = true;
      corrections.set(best.word, { original: word, matches });
    }
    return { text: changed ? words.join(" ") : normalized, corrections };
  }

  /**
   * Stage: term resolution. Each analysed word becomes a tagged term: found as written ("exact"),
   * through a synonym group ("synonym"), as a misspelling the base itself contains ("folded"), through
   * spelling correction ("fuzzy"/"phonetic", with the alternatives it may have meant), or not at all:
   * a question word ("functional"), a misspelt stop word ("noise") or a topic the base never mentions ("unknown").
   */
  resolveTerms(terms: readonly QueryTerm[], corrections: ReadonlyMap<string, Correction> = new Map()): ResolvedQuery {
    const resolved: ResolvedTerm[] = [];
    let queryWeight = 0;
    let hasKnownTopic = false;
    const unknownTerms: string[] = [];
    const functionMask: [number, number] = [0, 0];
    for (const { term: written, word, functional, synonym } of terms) {
      const term = this.canonical.get(written) ?? written;
      const correction = corrections.get(word);
      let via: TermResolution;
      let alternatives: { term: string; similarity: number }[] = [];
      if (functional) {
        via = "functional";
        const bit = this.functionBit.get(term);
        if (bit !== undefined) functionMask[bit >> 5]! |= 1 << (bit & 31);
      } else if (this.idf.has(term)) {
        via =
          correction !== undefined
            ? correction.matches[0]!.via
            : term !== written
              ? "folded"
              : synonym
                ? "synonym"
                : "exact";
        alternatives = [{ term, similarity: correction?.matches[0]!.similarity ?? 1 }];
        // A corrected word may have meant one of the other close words too; each is credited at its likeness.
        for (const other of correction?.matches.slice(1) ?? []) {
          const otherTerm = this.termOfWord(other.word);
          if (otherTerm !== undefined && !alternatives.some((a) => a.term === otherTerm)) {
            alternatives.push({ term: otherTerm, similarity: other.similarity });
          }
        }
      } else if (isMisspeltStopWord(word)) {
        via = "noise";
      } else {
        via = "unknown";
        unknownTerms.push(correction?.original ?? word);
      }
      const weight =
        via === "functional" || via === "noise" ? 0 : via === "unknown" ? this.unknownWeight : this.termWeight(term);
      if (alternatives.length > 0) hasKnownTopic = true;
      queryWeight += weight;
      resolved.push({ word: correction?.original ?? word, term, via, weight, alternatives });
    }
    return { terms: resolved, queryWeight, hasKnownTopic, unknownTerms, functionMask };
  }

  /** A written word's indexed term (its stem, folded), if the base has it. */
  private termOfWord(word: string): string | undefined {
    const [analyzed] = analyzeNormalized(word);
    if (analyzed === undefined) return undefined;
    const term = this.canonical.get(analyzed.term) ?? analyzed.term;
    return this.idf.has(term) ? term : undefined;
  }

  /**
   * Stage: candidate retrieval. Walks the posting lists of the resolved terms only, accumulating in
   * typed scratch arrays how much of the question each text and each target matched.
   */
  private retrieve(query: ResolvedQuery): Retrieved {
    const { fieldQuery, fieldText, fieldMask, targetCredit, targetMatched } = this.scratch;
    const touchedFields: number[] = [];
    const touchedTargets: number[] = [];
    const termsSeen = new Set<string>();
    query.terms.forEach(({ weight, alternatives }, wordIndex) => {
      const bit = 1 << wordIndex;
      // Alternatives come best first, so the first one to reach a field is the one it is credited with.
      for (const alternative of alternatives) {
        const countText = !termsSeen.has(alternative.term);
        termsSeen.add(alternative.term);
        const textWeight = this.termWeight(alternative.term) * alternative.similarity;
        for (const field of this.postings.get(alternative.term) ?? []) {
          if (fieldMask[field] === 0 && fieldText[field] === 0) touchedFields.push(field);
          if (countText) fieldText[field]! += textWeight;
          if ((fieldMask[field]! & bit) !== 0) continue;
          fieldMask[field]! |= bit;
          fieldQuery[field]! += weight * alternative.similarity;
          const slot = this.fields[field]!.target * MAX_QUERY_WORDS + wordIndex;
          if (targetCredit[slot] === 0) touchedTargets.push(slot);
          if (targetCredit[slot]! < alternative.similarity) targetCredit[slot] = alternative.similarity;
        }
      }
    });
    // Per target: the share of the question's weight matched anywhere in its texts.
    const candidates: number[] = [];
    for (const slot of touchedTargets) {
      const target = Math.floor(slot / MAX_QUERY_WORDS);
      if (targetMatched[target] === 0) candidates.push(target);
      targetMatched[target]! += query.terms[slot % MAX_QUERY_WORDS]!.weight * targetCredit[slot]!;
      targetCredit[slot] = 0;
    }
    return { touchedFields, candidates };
  }

  /**
   * Stage: scoring. Each target scores as its best text: how much of the question's weight the
   * target covers (a topic word the article never uses counts heavily against) combined with how
   * much of that text the question covers. Resets the scratch arrays for the next search.
   */
  private score(query: ResolvedQuery, { touchedFields, candidates }: Retrieved, limit: number): SearchOutcome {
    const {
      fieldQuery,
      fieldText,
      fieldMask,
      targetMatched,
      targetFactor,
      bestRank,
      bestField,
      bestScore,
      bestQueryCoverage,
      bestTextCoverage,
      bestShares,
    } = this.scratch;
    const { queryWeight, functionMask } = query;
    if (queryWeight > 0) {
      for (const index of candidates) {
        targetFactor[index] =
          this.targets[index]!.weight * Math.min(1, targetMatched[index]! / queryWeight) ** QUERY_COVERAGE_EXPONENT;
      }
    }
    for (const fieldIndex of touchedFields) {
      const matched = fieldQuery[fieldIndex]!;
      const sharedFunctionWords =
        popcount(this.fieldFunctionWords[fieldIndex * 2]! & functionMask[0]) +
        popcount(this.fieldFunctionWords[fieldIndex * 2 + 1]! & functionMask[1]);
      const matchedText = fieldText[fieldIndex]! + sharedFunctionWords * FUNCTION_WEIGHT;
      fieldQuery[fieldIndex] = 0;
      fieldText[fieldIndex] = 0;
      fieldMask[fieldIndex] = 0;
      if (matched === 0 || queryWeight === 0) continue;
      const field = this.fields[fieldIndex]!;
      const textCoverage = Math.min(1, matchedText / field.weight);
      const shares = sharedFunctionWords > 0 ? 1 : 0;
      // A text that covers no more of itself than the target's best so far, and shares no more question
      // words, cannot rank higher (the score grows with text coverage): skip the arithmetic.
      if (
        bestRank[field.target]! >= 0 &&
        textCoverage <= bestTextCoverage[field.target]! &&
        shares <= bestShares[field.target]!
      )
        continue;
      const target = this.targets[field.target]!;
      const score = Math.min(1, targetFactor[field.target]! * textCoverage ** (1 - QUERY_COVERAGE_EXPONENT));
      // Ties are common (a question fully covered by several entries): a shared question word, then
      // a curated answer over a fact card over a bare sentence, decide them; the reported score stays.
      const rank = score + (shares === 1 ? FUNCTION_BONUS : 0) + KIND_PREFERENCE[target.kind];
      if (rank > bestRank[field.target]!) {
        bestRank[field.target] = rank;
        bestField[field.target] = fieldIndex;
        bestScore[field.target] = score;
        bestQueryCoverage[field.target] = Math.min(1, matched / queryWeight);
        bestTextCoverage[field.target] = textCoverage;
        bestShares[field.target] = shares;
      }
    }

    const hits: SearchHit[] = [];
    for (const index of candidates) {
      if (bestRank[index]! >= 0) {
        const target = this.targets[index]!;
        hits.push({
          target,
          score: bestScore[index]!,
          rank: bestRank[index]!,
          queryCoverage: bestQueryCoverage[index]!,
          targetCoverage: Math.min(1, targetMatched[index]! / queryWeight),
          textCoverage: bestTextCoverage[index]!,
          text: target.texts[this.fields[bestField[index]!]!.textIndex] ?? "",
        });
      }
      targetMatched[index] = 0;
      bestRank[index] = -1;
    }
    return {
      hits: topByRank(hits, limit),
      hasKnownTopic: query.hasKnownTopic,
      unknownTerms: query.unknownTerms,
      query,
    };
  }
}

function popcount(x: number): number {
  let n = x >>> 0;
  let count = 0;
  while (n !== 0) {
    n &= n - 1;
    count++;
  }
  return count;
}

/** The `limit` best hits, best first, without sorting every candidate (a large base has thousands). */
function topByRank(hits: Iterable<SearchHit>, limit: number): SearchHit[] {
  const top: SearchHit[] = [];
  // Ranks are compared to 1e-9 so that float noise in "score + bonus" cannot decide; on equal rank
  // the higher score wins, then the id, so results never depend on insertion order.
  const before = (a: SearchHit, b: SearchHit): boolean => {
    if (Math.abs(a.rank - b.rank) > 1e-9) return a.rank > b.rank;
    if (a.score !== b.score) return a.score > b.score;
    return a.target.id < b.target.id;
  };
  for (const hit of hits) {
    if (top.length === limit && !before(hit, top[top.length - 1]!)) continue;
    let at = top.length;
    while (at > 0 && before(hit, top[at - 1]!)) at--;
    top.splice(at, 0, hit);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** Only words this long are folded: short words are too close to each other ("baek", "back"). */
const MIN_FOLD_LENGTH = 5;
const MIN_FOLD_SIMILARITY = 0.8;
/** A word is taken for a misspelling only if it is rare and the word it resembles is used far more. */
const MAX_MISSPELLING_FREQUENCY = 3;
const FOLD_FREQUENCY_RATIO = 3;

/**
 * Curated phrasings deliberately include misspellings ("cheif", "missionery") so that users who
 * type them are understood. Indexed as they are, each would be a rare term of its own, matching
 * only the entry that happens to list it; folded onto the word it misspells, it strengthens that
 * word instead, and a user's misspelling reaches every entry about it.
 */
function foldMisspellings(
  documentFrequency: ReadonlyMap<string, number>,
  functional: ReadonlySet<string>,
): Map<string, string> {
  const folded = new Map<string, string>();
  const byLength = new Map<number, string[]>();
  for (const term of documentFrequency.keys()) {
    if (functional.has(term)) continue;
    const list = byLength.get(term.length) ?? [];
    list.push(term);
    byLength.set(term.length, list);
  }
  for (const [term, df] of documentFrequency) {
    if (term.length < MIN_FOLD_LENGTH || df > MAX_MISSPELLING_FREQUENCY || functional.has(term)) continue;
    let best: { term: string; df: number } | undefined;
    for (let length = term.length - 2; length <= term.length + 2; length++) {
      for (const other of byLength.get(length) ?? []) {
        const otherDf = documentFrequency.get(other)!;
        // Typing slips rarely hit the first letter; requiring it keeps "along" from becoming "long".
        if (other === term || other[0] !== term[0] || otherDf < df * FOLD_FREQUENCY_RATIO) continue;
        if (similarity(term, other) >= MIN_FOLD_SIMILARITY && (best === undefined || otherDf > best.df))
          best = { term: other, df: otherDf };
      }
    }
    if (best !== undefined) folded.set(term, best.term);
  }
  // Follow chains (a → b → c) so every misspelling points at a word that is itself kept.
  for (const [rare, common] of folded) {
    let target = common;
    const seen = new Set([rare]);
    while (folded.has(target) && !seen.has(target)) {
      seen.add(target);
      target = folded.get(target)!;
    }
    folded.set(rare, target);
  }
  return folded;
}
