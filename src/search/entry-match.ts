import type { Analyzer } from "./analyzer.js";
import type { EntryHit, EntryIndex, EntryKind } from "./entry-index.js";
import { FUNCTION_WEIGHT } from "./entry-index.js";
import type { ResolvedWord } from "./query-words.js";

/** Searching a curated pack's entry index (entry-index.ts builds it): the pure matchEntries. */

/** Added to the rank of a text that shares a question word with the question: a tie-breaker. */
const FUNCTION_BONUS = 0.02;
const KIND_PREFERENCE: Readonly<Record<EntryKind, number>> = { qa: 0.002, fact: 0.001 };
/** Added to the rank of the target whose own text the question is, word for word. */
const EXACT_BONUS = 1;
/** How much question coverage counts against text coverage in the combined score (geometric mean). */
const QUERY_COVERAGE_EXPONENT = 0.9;
/** Ranks this close are a tie (as topByRank compares them). */
const TIE = 1e-9;
/** Texts of the rarest question word scored before the walk, to set the bar early. */
const SEED_TEXTS = 64;
/** Question words considered per search. */
const MAX_QUERY_WORDS = 32;

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
  const all = entryWords(words, index, analyzer);
  const query = all.filter((w) => w.weight > 0);
  const queryWeight = all.reduce((s, w) => s + w.weight, 0);
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

  // Words by weight, lightest first: the lightest ones become non-essential first as the bar rises. Their
  // posting lists are laid out flat (word k's lists are start[k] .. start[k+1]) so the walk allocates nothing.
  const order = query.slice().sort((x, y) => x.weight - y.weight);
  const start = new Int32Array(order.length + 1);
  const postings: Int32Array[] = [];
  const textWeight: number[] = [];
  const likeness: number[] = [];
  order.forEach((w, k) => {
    for (const a of w.alternatives) {
      // A term two alternatives share counts once towards the text.
      const repeated = w.alternatives.indexOf(a) !== w.alternatives.findIndex((b) => b.term === a.term);
      postings.push(index.postings.get(a.term) ?? EMPTY);
      textWeight.push(repeated ? 0 : (index.idf.get(a.term) ?? 0) * a.likeness);
      likeness.push(a.likeness);
    }
    start[k + 1] = postings.length;
  });
  const weight = order.map((w) => w.weight);
  const prefix = new Float64Array(order.length + 1);
  order.forEach((w, k) => (prefix[k + 1] = prefix[k]! + w.weight));
  const cursor = new Int32Array(postings.length);
  const bonus = FUNCTION_BONUS + KIND_PREFERENCE.qa;
  // The weight a text must match to reach the bar (the `limit`-th best target's rank).
  let needed = 0;
  const topRanks: number[] = [];
  const raiseBar = (): void => {
    if (topRanks.length < limit) return;
    const bar = topRanks[limit - 1]! - bonus;
    needed = bar <= TIE ? 0 : Math.min(1, bar - TIE) ** (1 / QUERY_COVERAGE_EXPONENT) * queryWeight;
  };
  // Words [0, split) are non-essential: together they cannot lift a text to the bar.
  let split = 0;
  const updateSplit = (): void => {
    while (split < order.length && prefix[split + 1]! < needed) split++;
  };

  /** A text whose matched weight and text weight are known: kept if it is among the best, raising the bar. */
  const consider = (field: number, matched: number, text: number): void => {
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
    // Below the bar a text changes nothing: the `limit` best targets are all that is returned. A tie with the
    // bar is kept (topByRank breaks ties by id, so the result never depends on the order texts are walked).
    if (topRanks.length >= limit && rank < topRanks[limit - 1]! - TIE) return;
    const previous = best.get(target);
    if (previous !== undefined && rank <= previous.rank) return;
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
  };

  // Seed the bar from the texts holding the rarest word (scored in full, by bisection): the common words'
  // long lists then become non-essential sooner.
  let rarest = order.length - 1;
  while (rarest >= 0 && postings.slice(start[rarest], start[rarest + 1]).every((p) => p.length === 0)) rarest--;
  if (rarest >= 0) {
    for (let l = start[rarest]!; l < start[rarest + 1]!; l++) {
      const posting = postings[l]!;
      for (let at = 0; at < Math.min(posting.length, SEED_TEXTS); at++) {
        const field = posting[at]!;
        let matched = 0;
        let text = 0;
        for (let k = 0; k < order.length; k++) {
          let like = 0;
          for (let m = start[k]!; m < start[k + 1]!; m++) {
            if (!contains(postings[m]!, field)) continue;
            text += textWeight[m]!;
            if (likeness[m]! > like) like = likeness[m]!;
          }
          matched += weight[k]! * like;
        }
        if (matched >= needed) consider(field, matched, text);
      }
    }
  }

  for (;;) {
    // The next text any essential word's list holds.
    let field = Infinity;
    for (let l = start[split]!; l < postings.length; l++) {
      const at = cursor[l]!;
      const posting = postings[l]!;
      if (at < posting.length && posting[at]! < field) field = posting[at]!;
    }
    if (field === Infinity) break;
    let matched = 0;
    let text = 0;
    for (let k = split; k < order.length; k++) {
      let like = 0;
      for (let l = start[k]!; l < start[k + 1]!; l++) {
        const at = cursor[l]!;
        const posting = postings[l]!;
        if (at < posting.length && posting[at] === field) {
          cursor[l] = at + 1;
          text += textWeight[l]!;
          if (likeness[l]! > like) like = likeness[l]!;
        }
      }
      matched += weight[k]! * like;
    }
    // The non-essential words, heaviest first, while the text can still reach the bar.
    for (let k = split - 1; k >= 0; k--) {
      if (matched + prefix[k + 1]! < needed) break;
      let like = 0;
      for (let l = start[k]!; l < start[k + 1]!; l++) {
        if (!contains(postings[l]!, field)) continue;
        text += textWeight[l]!;
        if (likeness[l]! > like) like = likeness[l]!;
      }
      matched += weight[k]! * like;
    }
    if (matched < needed) continue;
    consider(field, matched, text);
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
    if (Math.abs(a.rank - b.rank) > TIE) return a.rank > b.rank;
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
