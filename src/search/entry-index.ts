import type { Analyzer, QueryTerm } from "./analyzer.js";
import { similarity } from "./fuzzy-vocabulary.js";
import { GroupCounts } from "./group-counts.js";
import { normalizeText } from "./normalize.js";

/**
 * A curated pack's entries as a search index: each Q&A entry (its question and phrasings) and each fact card
 * (its name and aliases) is a target with several texts, and scores as its best text. Built once per pack
 * (buildEntryIndex, plain data); searched by a pure function (matchEntries).
 *
 * The score is how much of the question's term weight the target covers (its best text, and the target as a
 * whole) combined with how much of that text the question covers: a phrasing that says exactly what was asked
 * scores 1. Only the posting lists of the question's terms are walked, so a search touches only texts that
 * share a word with the question, however large the base.
 */
export type EntryKind = "qa" | "fact";

/** Weight of question words ("when", "who") inside a text, for text coverage: a "when" phrasing fits a "when" question better. */
export const FUNCTION_WEIGHT = 0.5;

export interface EntryTarget {
  readonly kind: EntryKind;
  readonly id: string;
  /** Each text is matched on its own (a phrasing, an alias); the target scores as its best text. */
  readonly texts: readonly string[];
}

export interface EntryIndex {
  readonly targets: readonly EntryTarget[];
  /** Per field (one text of one target): its target, which text, and its terms' total weight. */
  readonly fieldTarget: Int32Array;
  readonly fieldText: Int32Array;
  readonly fieldWeight: Float64Array;
  /** Per field, the question words it contains, as a 64-bit mask over `functionBit` (two 32-bit words). */
  readonly fieldFunctionWords: Uint32Array;
  readonly postings: ReadonlyMap<string, Int32Array>;
  readonly idf: ReadonlyMap<string, number>;
  readonly functionBit: ReadonlyMap<string, number>;
  /** A misspelling found in the base's own texts → the term it misspells. */
  readonly canonical: ReadonlyMap<string, string>;
  /** What a topic word the base has never seen weighs (like the rarest word). */
  readonly unknownWeight: number;
  /** A text, normalised → the first target with that very text: a question asked as the base words it. */
  readonly exact: ReadonlyMap<string, number>;
}

export interface EntryHit {
  readonly target: EntryTarget;
  /** 0..1: how well the best text explains the question and the question explains the text. */
  readonly score: number;
  /** Orders hits: the score plus small tie-breakers (a shared question word, a Q&A entry over a fact card). */
  readonly rank: number;
  /** Share of the question's term weight the best text matched. */
  readonly queryCoverage: number;
  /** Share of the best text's term weight the question matched. */
  readonly textCoverage: number;
  /** The best-matching text. */
  readonly text: string;
}

/** A text normalised and analysed once, for the indexes built from it. */
export interface AnalyzedText {
  readonly normalized: string;
  readonly terms: readonly QueryTerm[];
}

/**
 * `analyzed` gives each text's analysis, by the text and its position among all the targets' texts in order
 * (buildIndex analyses every text of a pack once, for this index and the spelling vocabulary alike); without it
 * the texts are analysed here.
 */
export function buildEntryIndex(
  targets: readonly EntryTarget[],
  analyzer: Analyzer,
  analyzed: (text: string, position: number) => AnalyzedText = (text) => {
    const normalized = normalizeText(text);
    return { normalized, terms: analyzer.analyzeNormalized(normalized, "index") };
  },
): EntryIndex {
  const fields = analyzeFields(targets, analyzed);
  const functional = new Set(fields.flatMap((f) => f.functional));
  const firstDf = documentFrequency(fields);
  const canonical = foldMisspellings(firstDf, functional);
  const fold = (t: string): string => canonical.get(t) ?? t;
  // Folding changes only the fields that hold a folded misspelling.
  const folded =
    canonical.size === 0
      ? fields
      : fields.map((f) =>
          f.terms.some((t) => canonical.has(t)) ? { ...f, terms: [...new Set(f.terms.map(fold))] } : f,
        );
  // Without a folded misspelling the fields, and so their document frequencies, are the ones counted above.
  const df = canonical.size === 0 ? firstDf : documentFrequency(folded);
  const n = Math.max(targets.length, 1);
  const idf = new Map<string, number>();
  for (const [term, count] of df) idf.set(term, functional.has(term) ? FUNCTION_WEIGHT : Math.log(1 + n / count));
  const unknownWeight = Math.log(1 + n / 0.5);
  const weightOf = (t: string): number => idf.get(t) ?? unknownWeight;
  if (functional.size > 64) throw new Error("entry index: more than 64 question words (stopwords.ts FUNCTION_WORDS)");
  const functionBit = new Map([...functional].map((t, bit) => [t, bit]));
  const fieldFunctionWords = new Uint32Array(folded.length * 2);
  const lists = new Map<string, number[]>();
  folded.forEach((field, i) => {
    for (const term of field.terms) {
      const bit = functionBit.get(term);
      if (bit !== undefined) fieldFunctionWords[i * 2 + (bit >> 5)]! |= 1 << (bit & 31);
      // Question words are common to hundreds of texts: they are matched by bit masks instead.
      else (lists.get(term) ?? lists.set(term, []).get(term)!).push(i);
    }
  });
  const exact = new Map<string, number>();
  for (const f of fields) if (f.normalized !== "" && !exact.has(f.normalized)) exact.set(f.normalized, f.target);
  return {
    exact,
    targets,
    fieldTarget: Int32Array.from(folded.map((f) => f.target)),
    fieldText: Int32Array.from(folded.map((f) => f.textIndex)),
    fieldWeight: Float64Array.from(folded.map((f) => f.terms.reduce((s, t) => s + weightOf(t), 0))),
    fieldFunctionWords,
    postings: new Map([...lists].map(([t, l]) => [t, Int32Array.from(l)])),
    idf,
    functionBit,
    canonical,
    unknownWeight,
  };
}

interface AnalyzedField {
  readonly target: number;
  readonly textIndex: number;
  readonly normalized: string;
  readonly terms: readonly string[];
  readonly functional: readonly string[];
}

const NONE: readonly string[] = [];

function analyzeFields(
  targets: readonly EntryTarget[],
  analyzed: (text: string, position: number) => AnalyzedText,
): AnalyzedField[] {
  const out: AnalyzedField[] = [];
  targets.forEach((target, t) => {
    target.texts.forEach((text, textIndex) => {
      const { normalized, terms } = analyzed(text, out.length);
      const words: string[] = new Array<string>(terms.length);
      let functional: string[] | undefined;
      for (let i = 0; i < terms.length; i++) {
        const term = terms[i]!;
        words[i] = term.term;
        if (term.functional) (functional ??= []).push(term.term);
      }
      out.push({ target: t, textIndex, normalized, terms: words, functional: functional ?? NONE });
    });
  });
  return out;
}

/** Term → how many targets use it. */
function documentFrequency(fields: readonly AnalyzedField[]): Map<string, number> {
  // A target's fields are consecutive: each target is one group.
  const counts = new GroupCounts();
  for (const f of fields) for (const t of f.terms) counts.add(t, f.target);
  return counts.toMap();
}

/** One of the question's words as the entry index weighs it: the terms it may stand for, best first. */
/** Only words this long are folded: short words are too close to each other ("baek", "back"). */
const MIN_FOLD_LENGTH = 5;
const MIN_FOLD_SIMILARITY = 0.8;
/** A word is taken for a misspelling only if it is rare and the word it resembles is used far more. */
const MAX_MISSPELLING_FREQUENCY = 3;
const FOLD_FREQUENCY_RATIO = 3;

/**
 * Curated phrasings can include misspellings ("cheif", "missionery") so that users who type them are
 * understood. Indexed as they are, each would be a rare term of its own, matching only the entry that lists
 * it; folded onto the word it misspells, it strengthens that word instead.
 */
function foldMisspellings(df: ReadonlyMap<string, number>, functional: ReadonlySet<string>): Map<string, string> {
  const folded = new Map<string, string>();
  const byLength = new Map<number, string[]>();
  for (const term of df.keys()) {
    if (functional.has(term)) continue;
    (byLength.get(term.length) ?? byLength.set(term.length, []).get(term.length)!).push(term);
  }
  for (const [term, count] of df) {
    if (term.length < MIN_FOLD_LENGTH || count > MAX_MISSPELLING_FREQUENCY || functional.has(term)) continue;
    let best: { term: string; df: number } | undefined;
    for (let length = term.length - 2; length <= term.length + 2; length++) {
      for (const other of byLength.get(length) ?? []) {
        const otherDf = df.get(other)!;
        // Typing slips rarely hit the first letter; requiring it keeps "along" from becoming "long".
        if (other === term || other[0] !== term[0] || otherDf < count * FOLD_FREQUENCY_RATIO) continue;
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
