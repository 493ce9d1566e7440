import type { Concepts, Sentence } from "../knowledge/types.js";
import { escapeRegExp } from "../regexp.js";
import type { Analyzer } from "../search/analyzer.js";
import { normalizeText } from "../search/normalize.js";

/**
 * Stage 5, checkPremise: false premises. A question can be built on something the article contradicts: the wrong
 * actor ("Why did China veto…?" — it was Russia) or the opposite action ("Why did Russia admit…?" —
 * both denied it). Such a question matches the contradicting sentence well on everything else, so
 * the check runs on the sentences the search found, using the article's concept lexicon
 * (knowledge/concepts.json): actor names and opposite words.
 */
export interface PremiseCheck {
  /** The sentence that contradicts the question. */
  readonly sentence: Sentence;
  readonly kind: "actor" | "opposite" | "number";
  /** What the question says, and what the article says instead. */
  readonly asked: string;
  readonly article: string;
}

/** Share of the question's other topic words (not actors, not the opposite word) a sentence must contain. */
const MIN_REST_COVERAGE = 0.6;

export class PremiseChecker {
  private readonly actorPatterns: readonly { id: string; pattern: RegExp }[];
  private readonly oppositeOf = new Map<string, { id: string; side: "words" | "opposite" }>();
  private readonly sentenceWords = new Map<
    string,
    {
      normalized: string;
      words: ReadonlySet<string>;
      terms: ReadonlySet<string>;
      actors: ReadonlySet<string>;
      amounts: readonly Amount[];
    }
  >();

  constructor(
    concepts: Concepts,
    sentences: readonly Sentence[],
    private readonly analyzer: Analyzer,
  ) {
    this.actorPatterns = concepts.actors.map((a) => ({
      id: a.id,
      pattern: new RegExp(`\\b(?:${a.names.map((n) => escapeRegExp(normalizeText(n))).join("|")})\\b`),
    }));
    for (const pair of concepts.opposites) {
      for (const w of pair.words) this.oppositeOf.set(w, { id: pair.id, side: "words" });
      for (const w of pair.opposite) this.oppositeOf.set(w, { id: pair.id, side: "opposite" });
    }
    for (const s of sentences) {
      const normalized = normalizeText(s.text);
      this.sentenceWords.set(s.id, {
        normalized,
        words: new Set(normalized.split(" ")),
        terms: new Set(this.analyzer.analyzeNormalized(normalized).map((t) => t.term)),
        actors: this.actorsIn(normalized),
        amounts: amounts(s.text),
      });
    }
  }

  private actorsIn(normalized: string): Set<string> {
    return new Set(this.actorPatterns.filter((a) => a.pattern.test(normalized)).map((a) => a.id));
  }

  /**
   * The first of the candidate sentences (best first) that contradicts the question, if any.
   * `terms` are the question's resolved topic terms (misspellings already corrected).
   */
  check(question: string, terms: readonly string[], candidates: readonly Sentence[]): PremiseCheck | undefined {
    const normalized = normalizeText(question);
    const words = normalized.split(" ");
    // Most questions state no amount: then no sentence can count it differently.
    const asked = amounts(question);
    const amountsOf = (c: Sentence): readonly Amount[] => this.sentenceWords.get(c.id)?.amounts ?? amounts(c.text);
    const askedActors = this.actorsIn(normalized);
    const actorTerms = new Set(
      this.actorPatterns.flatMap((a) =>
        askedActors.has(a.id)
          ? this.analyzer.analyzeNormalized(normalized.match(a.pattern)?.[0] ?? "").map((t) => t.term)
          : [],
      ),
    );
    // A word some candidate sentence uses as the question does is no premise to correct.
    const usedSomewhere = (word: string): boolean =>
      candidates.some((c) => this.sentenceWords.get(c.id)?.words.has(word));
    for (const sentence of candidates) {
      const info = this.sentenceWords.get(sentence.id);
      if (info === undefined) continue;
      // Opposite action: the question uses a word whose opposite the sentence uses, and not the word itself.
      for (const word of words) {
        const side = this.oppositeOf.get(word);
        if (side === undefined || usedSomewhere(word)) continue;
        const said = [...info.words].find((w) => {
          const other = this.oppositeOf.get(w);
          return other !== undefined && other.id === side.id && other.side !== side.side;
        });
        if (said === undefined) continue;
        const own = new Set(this.analyzer.analyzeNormalized(word).map((t) => t.term));
        if (this.restCovered(terms, (t) => own.has(t), info.terms))
          return { sentence, kind: "opposite", asked: word, article: said };
      }
      // Wrong number: "5 years ago" where the sentence says "24 years ago" — unless another candidate states
      // the very amount asked about, and only where the sentence is about the rest of the question.
      const number = asked.length === 0 ? undefined : wrongNumber(asked, info.amounts);
      if (
        number !== undefined &&
        !candidates.some((c) => statesAmount(amountsOf(c), number.wanted)) &&
        this.restCovered(terms, (t) => /\d/.test(t), info.terms, 1)
      ) {
        return { sentence, kind: "number", asked: number.asked, article: number.article };
      }
      // Wrong actor: the question names an actor the sentence does not, and the sentence names another
      // instead. Not where the sentence opens with a pronoun ("He made his first trip…"): its subject is
      // named in an earlier sentence, and may well be the actor asked about.
      if (PRONOUN.test(sentence.text)) continue;
      const missing = [...askedActors].filter((a) => !info.actors.has(a));
      const instead = [...info.actors].filter((a) => !askedActors.has(a));
      if (
        missing.length > 0 &&
        instead.length > 0 &&
        this.restCovered(terms, (t) => actorTerms.has(t), info.terms, 2)
      ) {
        return { sentence, kind: "actor", asked: missing[0]!, article: instead[0]! };
      }
    }
    return undefined;
  }

  /** Whether the sentence contains enough of the question's other topic terms (at least `min` of them). */
  private restCovered(
    terms: readonly string[],
    excluded: (t: string) => boolean,
    sentenceTerms: ReadonlySet<string>,
    min = 1,
  ): boolean {
    const rest = terms.filter((t) => !excluded(t));
    if (rest.length < min) return false;
    const found = rest.filter((t) => sentenceTerms.has(t)).length;
    return found >= min && found / rest.length >= MIN_REST_COVERAGE;
  }
}

const PRONOUN = /\b(?:he|she|they|him|his|her|them)\b/i;
const NUMBER_WORDS: Readonly<Record<string, string>> = {
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
  eleven: "11",
  twelve: "12",
  twenty: "20",
  thirty: "30",
  forty: "40",
  fifty: "50",
  hundred: "100",
};
/** An amount: a currency sign or a number, and the word it counts ("5,000 people", "£420,000", "24 years"). */
const COUNTED = new RegExp(
  `([£$€])?\\s?\\b(\\d[\\d,]*(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS).join("|")})\\b(?:\\s?(%|per ?cent|m\\b|bn\\b|million|billion|[a-z]{3,}))?`,
  "gi",
);
/** Words after a number that are not what it counts. */
const NOT_A_UNIT = new Set([
  "and",
  "the",
  "for",
  "from",
  "with",
  "was",
  "were",
  "are",
  "that",
  "than",
  "per",
  "ago",
  "more",
  "less",
]);

interface Amount {
  readonly value: string;
  readonly unit: string;
  readonly text: string;
}

function amounts(text: string): Amount[] {
  const out: Amount[] = [];
  for (const m of text.matchAll(COUNTED)) {
    const unitWord = (m[3] ?? "").toLowerCase();
    // What a number counts is a plural noun or a unit ("24 years", "5,000 people", "3 km"), not a verb ("18 need").
    const counts =
      /^(?:%|per ?cent|m|bn|million|billion|people|children|staff)$|s$|^(?:year|month|week|day|hour|minute|second|night|mile|km|kg|metre|meter|foot|inch|pound|euro|dollar|time|point|goal|seat|vote)$/;
    const noun = NOT_A_UNIT.has(unitWord) || !counts.test(unitWord) ? "" : unitWord.replace(/s$/, "");
    // Money is compared with money of the same kind: "£25 charge" is not "£10 admin fee".
    const unit = m[1] !== undefined ? `${m[1]}${noun}` : noun;
    if (unit === "") continue;
    const raw = m[2]!.toLowerCase();
    out.push({ value: NUMBER_WORDS[raw] ?? raw.replace(/,/g, ""), unit, text: m[0].trim() });
  }
  return out;
}

/** Whether a sentence's amounts include one (same value, same unit). */
function statesAmount(said: readonly Amount[], wanted: Amount): boolean {
  return said.some((a) => a.value === wanted.value && a.unit === wanted.unit);
}

/** The question counts something (people, years, pounds) that the sentence counts differently. */
function wrongNumber(
  askedAmounts: readonly Amount[],
  said: readonly Amount[],
): { asked: string; article: string; wanted: Amount } | undefined {
  for (const asked of askedAmounts) {
    const same = said.filter((s) => s.unit === asked.unit);
    if (same.length > 0 && !same.some((s) => s.value === asked.value))
      return { asked: asked.text, article: same[0]!.text, wanted: asked };
  }
  return undefined;
}

/** Candidates the premise check reads: the best few sentences the judge ranked. */
const PREMISE_CANDIDATES = 5;

/**
 * Stage 5, the premise: the first of the best candidate sentences that contradicts what the question assumes,
 * if any. Only sentences that match the question well on everything else are read (see PremiseChecker).
 */
export function checkPremise(
  question: string,
  terms: readonly string[],
  candidateIds: readonly string[],
  checker: PremiseChecker,
  sentenceById: ReadonlyMap<string, Sentence>,
): PremiseCheck | undefined {
  const sentences = candidateIds.slice(0, PREMISE_CANDIDATES).flatMap((id) => {
    const s = sentenceById.get(id);
    return s === undefined ? [] : [s];
  });
  return checker.check(question, terms, sentences);
}
