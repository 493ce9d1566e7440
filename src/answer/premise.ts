import type { Concepts, Sentence } from "../knowledge/types.js";
import { escapeRegExp } from "../regexp.js";
import { analyzeNormalized, normalizeText } from "../search/normalize.js";

/**
 * Stage: false premises. A question can be built on something the article contradicts: the wrong
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
    { normalized: string; words: ReadonlySet<string>; terms: ReadonlySet<string>; actors: ReadonlySet<string> }
  >();

  constructor(concepts: Concepts, sentences: readonly Sentence[]) {
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
        terms: new Set(analyzeNormalized(normalized).map((t) => t.term)),
        actors: this.actorsIn(normalized),
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
    const askedActors = this.actorsIn(normalized);
    const actorTerms = new Set(
      this.actorPatterns.flatMap((a) =>
        askedActors.has(a.id) ? analyzeNormalized(normalized.match(a.pattern)?.[0] ?? "").map((t) => t.term) : [],
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
        const own = new Set(analyzeNormalized(word).map((t) => t.term));
        if (this.restCovered(terms, (t) => own.has(t), info.terms))
          return { sentence, kind: "opposite", asked: word, article: said };
      }
      // Wrong number: "5 years ago" where the sentence says "24 years ago".
      const number = wrongNumber(normalized, info.normalized);
      if (number !== undefined) return { sentence, kind: "number", asked: number.asked, article: number.article };
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
const UNIT = "years?|months?|weeks?|days?|decades?|times|visits?";
const COUNTED = new RegExp(
  `\\b(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty) (${UNIT})\\b`,
  "g",
);

/** The question counts something (years, months, visits) that the sentence counts differently. */
function wrongNumber(question: string, sentence: string): { asked: string; article: string } | undefined {
  const unitOf = (u: string): string => u.replace(/s$/, "");
  const said = [...sentence.matchAll(COUNTED)].map((m) => ({ value: m[1]!, unit: unitOf(m[2]!), text: m[0] }));
  for (const m of question.matchAll(COUNTED)) {
    const same = said.filter((s) => s.unit === unitOf(m[2]!));
    if (same.length > 0 && !same.some((s) => s.value === m[1])) return { asked: m[0], article: same[0]!.text };
  }
  return undefined;
}
