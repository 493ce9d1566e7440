import { stemmer } from "stemmer";
import { FUNCTION_WORDS, STOP_WORDS } from "./stopwords.js";
import { normalizeText } from "./normalize.js";
import type { LexiconRecord } from "../knowledge/types.js";
import { escapeRegExp } from "../regexp.js";
import { defaultIrregular } from "./slang.js";

/**
 * Text → terms, for one pack: stop words dropped, words stemmed (Porter), and the pack's own lexicon applied
 * (lexicon.ts): multi-word names joined into one term next to their words, and words people use
 * interchangeably about that article folded onto one. A pack without a lexicon is analysed with general
 * English rules only; meaning beyond the words is the word vectors' job (sentence-index.ts).
 */
/** One word of a text after analysis. */
export interface QueryTerm {
  /** Stemmed form, the unit of matching. */
  readonly term: string;
  /** The word as written (before synonym folding and stemming): what misspellings are compared with. */
  readonly word: string;
  /** True for question/filler words ("when", "tell", "article") that shape a question but are not its topic. */
  readonly functional: boolean;
  /** True when the word was folded onto its synonym group. */
  readonly synonym: boolean;
}

export interface Analyzer {
  /** Raw text (a question, a sentence) → terms in order, without repeats. */
  analyze(text: string, mode?: AnalyzeMode): QueryTerm[];
  /** Already normalised text → terms. */
  analyzeNormalized(normalized: string, mode?: AnalyzeMode): QueryTerm[];
  /** Normalised text with the lexicon's multi-word names joined (for spelling correction, word by word). */
  joinNames(normalized: string, mode: AnalyzeMode): string;
  /** A word folded onto its synonym group's word, if it has one. */
  synonym(word: string): string | undefined;
}

/**
 * "index" keeps a name's words next to its compound term, so a misspelt name in a question ("north
 * koria") still meets the words; "query" keeps only the compound when the name is spelt right, so a
 * three-word name weighs as one topic, not three, against the rest of the question.
 */
type AnalyzeMode = "index" | "query";

export interface Lexicon {
  /** A pattern over normalised text → the words it stands for, the last being the joined name ("north korea northkorea"). */
  readonly compounds: readonly (readonly [RegExp, string])[];
  /** Word → the group word it is folded onto. */
  readonly synonyms: ReadonlyMap<string, string>;
}

const NO_LEXICON: Lexicon = { compounds: [], synonyms: new Map() };

/** A pack's lexicon file (knowledge/<pack>/lexicon.yaml) as the analyzer applies it. */
export function compileLexicon(record: LexiconRecord): Lexicon {
  const compounds = record.names.map((name): readonly [RegExp, string] => {
    // Longest spelling first, so "united states of america" is not read as "united states" + "of america".
    const spellings = [...name.spellings].sort((a, b) => b.length - a.length).map(escapeRegExp);
    return [new RegExp(`\\b(?:${spellings.join("|")})\\b`, "g"), `${name.words} ${name.term}`.trim()];
  });
  const synonyms = new Map<string, string>();
  for (const group of record.synonyms) for (const word of group) synonyms.set(word, group[0]!);
  return { compounds, synonyms };
}

/** Stems remembered per analyzer (the words of its article and of the questions asked of it). */
const MAX_STEMS = 50_000;

export function createAnalyzer(
  lexicon: Lexicon = NO_LEXICON,
  irregular: ReadonlyMap<string, string> = defaultIrregular(),
): Analyzer {
  // All the lexicon's names in one pattern (one pass over a text, not one per name); its groups say which matched.
  const named =
    lexicon.compounds.length === 0
      ? undefined
      : new RegExp(lexicon.compounds.map(([pattern]) => `(${pattern.source})`).join("|"), "g");
  const joinNames = (normalized: string, mode: AnalyzeMode): string => {
    if (named === undefined) return normalized;
    return normalized.replace(named, (...groups: unknown[]) => {
      const which = groups.findIndex((g, i) => i > 0 && typeof g === "string");
      const replacement = lexicon.compounds[which - 1]![1];
      return mode === "index" ? replacement : replacement.slice(replacement.lastIndexOf(" ") + 1);
    });
  };
  // Stems of the words met so far: the same words recur across an article's texts and questions (bounded).
  const stems = new Map<string, string>();
  const stem = (word: string): string => {
    let known = stems.get(word);
    if (known === undefined) {
      if (stems.size >= MAX_STEMS) stems.clear();
      stems.set(word, (known = stemmer(word)));
    }
    return known;
  };
  const analyzeNormalized = (normalized: string, mode: AnalyzeMode = "query"): QueryTerm[] => {
    const terms: QueryTerm[] = [];
    for (const raw of joinNames(normalized, mode).split(" ")) {
      if (raw === "" || STOP_WORDS.has(raw)) continue;
      const synonym = lexicon.synonyms.get(raw);
      const word = synonym ?? irregular.get(raw) ?? raw;
      const numeric = /\d/.test(word);
      // Lone letters are noise ("f" of a broken "f 16"); lone digits can matter.
      if (word.length === 1 && !numeric) continue;
      const functional = FUNCTION_WORDS.has(word);
      // Numbers are not stemmed ("2000" is not "200").
      const term = functional || numeric ? word : stem(word);
      // Texts are short: a linear look for a repeat costs less than a set per text.
      if (terms.some((t) => t.term === term)) continue;
      terms.push({ term, word: raw, functional, synonym: synonym !== undefined });
    }
    return terms;
  };
  return {
    analyze: (text, mode = "query") => analyzeNormalized(normalizeText(text), mode),
    analyzeNormalized,
    joinNames,
    synonym: (word) => lexicon.synonyms.get(word),
  };
}
