import type { Analyzer, QueryTerm } from "./analyzer.js";
import { similarity } from "./fuzzy-vocabulary.js";
import { normalizeText } from "./normalize.js";
import type { ResolvedWord } from "./query-words.js";

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
type EntryKind = "qa" | "fact";

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

/** Weight of question words ("when", "who") inside a text, for text coverage: a "when" phrasing fits a "when" question better. */
const FUNCTION_WEIGHT = 0.5;
/** Added to the rank of a text that shares a question word with the question: a tie-breaker. */
const FUNCTION_BONUS = 0.02;
const KIND_PREFERENCE: Readonly<Record<EntryKind, number>> = { qa: 0.002, fact: 0.001 };
/** Added to the rank of the target whose own text the question is, word for word. */
const EXACT_BONUS = 1;
/** How much question coverage counts against text coverage in the combined score (geometric mean). */
const QUERY_COVERAGE_EXPONENT = 0.9;
/** Question words considered per search. */
const MAX_QUERY_WORDS = 32;

/** A text normalised and analysed once, for the indexes built from it. */
export interface AnalyzedText {
  readonly normalized: string;
  readonly terms: readonly QueryTerm[];
}

/**
 * `analyzed` gives each text's analysis (buildIndex analyses every text of a pack once, for this index and the
 * spelling vocabulary alike); without it the texts are analysed here.
 */
export function buildEntryIndex(
  targets: readonly EntryTarget[],
  analyzer: Analyzer,
  analyzed: (text: string) => AnalyzedText = (text) => {
    const normalized = normalizeText(text);
    return { normalized, terms: analyzer.analyzeNormalized(normalized, "index") };
  },
): EntryIndex {
  const fields = analyzeFields(targets, analyzed);
  const functional = new Set(fields.flatMap((f) => f.functional));
  const canonical = foldMisspellings(documentFrequency(fields), functional);
  const fold = (t: string): string => canonical.get(t) ?? t;
  // Folding changes only the fields that hold a folded misspelling.
  const folded =
    canonical.size === 0
      ? fields
      : fields.map((f) =>
          f.terms.some((t) => canonical.has(t)) ? { ...f, terms: [...new Set(f.terms.map(fold))] } : f,
        );
  const df = documentFrequency(folded);
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

function analyzeFields(targets: readonly EntryTarget[], analyzed: (text: string) => AnalyzedText): AnalyzedField[] {
  const out: AnalyzedField[] = [];
  targets.forEach((target, t) => {
    target.texts.forEach((text, textIndex) => {
      const { normalized, terms } = analyzed(text);
      out.push({
        target: t,
        textIndex,
        normalized,
        terms: terms.map((a) => a.term),
        functional: terms.filter((a) => a.functional).map((a) => a.term),
      });
    });
  });
  return out;
}

/** Term → how many targets use it. */
function documentFrequency(fields: readonly AnalyzedField[]): Map<string, number> {
  // A target's fields are consecutive: a term counts once per target by remembering the last target it was in.
  const df = new Map<string, number>();
  const lastTarget = new Map<string, number>();
  for (const f of fields) {
    for (const t of f.terms) {
      if (lastTarget.get(t) === f.target) continue;
      lastTarget.set(t, f.target);
      df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  return df;
}

/** One of the question's words as the entry index weighs it: the terms it may stand for, best first. */
interface EntryQueryWord {
  readonly weight: number;
  readonly alternatives: readonly { readonly term: string; readonly likeness: number }[];
}

/** The question's words against the entry index: misspellings the base itself contains folded, weights from its idf. */
function entryWords(words: readonly ResolvedWord[], index: EntryIndex, analyzer: Analyzer): EntryQueryWord[] {
  return words.slice(0, MAX_QUERY_WORDS).map((w) => {
    const term = index.canonical.get(w.term) ?? w.term;
    if (w.via === "noise") return { weight: 0, alternatives: [] };
    if (!index.idf.has(term)) return { weight: index.unknownWeight, alternatives: [] };
    const alternatives = [{ term, likeness: w.likeness }];
    for (const other of w.alternatives) {
      const t = analyzer.analyzeNormalized(other.word)[0]?.term;
      const folded = t === undefined ? undefined : (index.canonical.get(t) ?? t);
      if (folded !== undefined && index.idf.has(folded) && !alternatives.some((a) => a.term === folded))
        alternatives.push({ term: folded, likeness: other.similarity });
    }
    return { weight: index.idf.get(term)!, alternatives };
  });
}

/**
 * The targets that best match a question, best first. `functionWords` are the question's question words
 * ("when", "who"), which break ties between otherwise equal texts.
 *
 * Each text (field) is scored on its own: the share of the question's weight it matches (coverage), combined
 * with the share of its own weight the question matches. The walk is MaxScore, document at a time, so a large
 * base stays fast: the posting lists of the question's words are merged in field order, but only those of the
 * "essential" words — the ones a text must contain to reach the `limit`-th best target found so far — are walked;
 * the other words are looked up by bisection for each text the walk reaches, and a text that cannot reach the
 * bar even with all of them is skipped. As better texts are found the bar rises and more words become
 * non-essential.
 */
export function matchEntries(
  index: EntryIndex,
  analyzer: Analyzer,
  words: readonly ResolvedWord[],
  functionWords: readonly string[],
  limit: number,
  normalizedQuestion?: string,
): EntryHit[] {
  const query = entryWords(words, index, analyzer).filter((w) => w.weight > 0);
  const queryWeight = entryWords(words, index, analyzer).reduce((s, w) => s + w.weight, 0);
  const exactTarget = normalizedQuestion === undefined ? undefined : index.exact.get(normalizedQuestion);
  // A question asked word for word as a target's text is that target's, even with no topic word ("why now").
  const exactHit = (): EntryHit => ({
    target: index.targets[exactTarget!]!,
    score: 1,
    rank: 1 + EXACT_BONUS,
    queryCoverage: 1,
    textCoverage: 1,
    text: normalizedQuestion!,
  });
  const best = new Map<number, EntryHit>();
  if (exactTarget !== undefined) best.set(exactTarget, exactHit());
  if (queryWeight === 0) return [...best.values()];
  const mask: [number, number] = [0, 0];
  for (const f of functionWords) {
    const bit = index.functionBit.get(f);
    if (bit !== undefined) mask[bit >> 5]! |= 1 << (bit & 31);
  }

  // Words by weight, lightest first: the lightest ones become non-essential first as the bar rises.
  const order = query
    .map((w, i) => ({
      w,
      i,
      lists: w.alternatives.map((a) => ({ ...a, posting: index.postings.get(a.term) ?? EMPTY })),
    }))
    .sort((x, y) => x.w.weight - y.w.weight);
  const prefix = new Float64Array(order.length + 1);
  order.forEach((o, k) => (prefix[k + 1] = prefix[k]! + o.w.weight));
  const bonus = FUNCTION_BONUS + KIND_PREFERENCE.qa;
  // The weight a text must match to reach the bar (the `limit`-th best target's rank).
  let needed = 0;
  const topRanks: number[] = [];
  const raiseBar = (): void => {
    if (topRanks.length < limit) return;
    const bar = topRanks[limit - 1]! - bonus;
    needed = bar <= 0 ? 0 : Math.min(1, bar) ** (1 / QUERY_COVERAGE_EXPONENT) * queryWeight;
  };
  // Words [0, split) are non-essential: together they cannot lift a text to the bar.
  let split = 0;
  const updateSplit = (): void => {
    while (split < order.length && prefix[split + 1]! < needed) split++;
  };
  const cursors = order.map((o) => o.lists.map(() => 0));

  for (;;) {
    // The next text any essential word's list holds.
    let field = Infinity;
    for (let k = split; k < order.length; k++) {
      order[k]!.lists.forEach((l, j) => {
        const at = cursors[k]![j]!;
        if (at < l.posting.length && l.posting[at]! < field) field = l.posting[at]!;
      });
    }
    if (field === Infinity) break;
    let matched = 0;
    let text = 0;
    const credit = (k: number, present: (l: { posting: Int32Array }, j: number) => boolean): void => {
      let likeness = 0;
      const lists = order[k]!.lists;
      for (let j = 0; j < lists.length; j++) {
        const l = lists[j]!;
        if (!present(l, j)) continue;
        // A term two alternatives share counts once towards the text.
        let repeated = false;
        for (let i = 0; i < j; i++) if (lists[i]!.term === l.term) repeated = true;
        if (!repeated) text += (index.idf.get(l.term) ?? 0) * l.likeness;
        likeness = Math.max(likeness, l.likeness);
      }
      matched += order[k]!.w.weight * likeness;
    };
    for (let k = split; k < order.length; k++) {
      credit(k, (l, j) => {
        const at = cursors[k]![j]!;
        if (at < l.posting.length && l.posting[at] === field) {
          cursors[k]![j] = at + 1;
          return true;
        }
        return false;
      });
    }
    // The non-essential words, heaviest first, while the text can still reach the bar.
    for (let k = split - 1; k >= 0; k--) {
      if (matched + prefix[k + 1]! < needed) break;
      credit(k, (l) => contains(l.posting, field));
    }
    if (matched < needed) continue;
    const shared =
      popcount(index.fieldFunctionWords[field * 2]! & mask[0]) +
      popcount(index.fieldFunctionWords[field * 2 + 1]! & mask[1]);
    const textCoverage = Math.min(1, (text + shared * FUNCTION_WEIGHT) / (index.fieldWeight[field]! || 1));
    const coverage = Math.min(1, matched / queryWeight);
    const score = Math.min(1, coverage ** QUERY_COVERAGE_EXPONENT * textCoverage ** (1 - QUERY_COVERAGE_EXPONENT));
    const target = index.fieldTarget[field]!;
    const t = index.targets[target]!;
    const rank =
      score + (shared > 0 ? FUNCTION_BONUS : 0) + KIND_PREFERENCE[t.kind] + (target === exactTarget ? EXACT_BONUS : 0);
    // Below the bar a text changes nothing: the `limit` best targets are all that is returned.
    if (topRanks.length >= limit && rank <= topRanks[limit - 1]!) continue;
    const previous = best.get(target);
    if (previous !== undefined && rank <= previous.rank) continue;
    best.set(target, {
      target: t,
      score,
      rank,
      queryCoverage: coverage,
      textCoverage,
      text: t.texts[index.fieldText[field]!] ?? "",
    });
    // The bar: the `limit`-th best rank among distinct targets (the best `limit` kept, best first).
    if (previous !== undefined) {
      const was = topRanks.indexOf(previous.rank);
      if (was >= 0) topRanks.splice(was, 1);
    }
    let at = topRanks.length;
    while (at > 0 && topRanks[at - 1]! < rank) at--;
    if (at < limit) {
      topRanks.splice(at, 0, rank);
      if (topRanks.length > limit) topRanks.pop();
      raiseBar();
      updateSplit();
    }
  }
  return topByRank(best.values(), limit);
}

const EMPTY = new Int32Array(0);

/** Whether a posting list (ascending field numbers) contains a field: bisection. */
function contains(posting: Int32Array, field: number): boolean {
  let lo = 0;
  let hi = posting.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = posting[mid]!;
    if (v === field) return true;
    if (v < field) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
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
function topByRank(hits: Iterable<EntryHit>, limit: number): EntryHit[] {
  const top: EntryHit[] = [];
  // Ranks are compared to 1e-9 so that float noise in "score + bonus" cannot decide; on equal rank
  // the higher score wins, then the id, so results never depend on insertion order.
  const before = (a: EntryHit, b: EntryHit): boolean => {
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
