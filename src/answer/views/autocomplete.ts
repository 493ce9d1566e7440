import type { Fact, QaEntry } from "../../knowledge/types.js";
import { normalizeText } from "../../search/normalize.js";

/**
 * Autocomplete, on every keystroke and not rate-limited, so it must stay cheap at any input length: only the
 * first 100 characters (8 distinct words) count, matched by word prefix (the question or name counts double,
 * its phrasings or aliases once). `fallback` (the answer index, which knows misspellings) is asked only when
 * no prefix matches.
 */
export function suggestQuestions(
  qa: readonly QaEntry[],
  partial: string,
  fallback: (typed: string) => readonly QaEntry[],
  limit = 25,
): QaEntry[] {
  const typed = normalizeText(partial.slice(0, 100));
  if (typed === "") return [...new Set([...qa.filter((e) => e.pinned), ...qa])].slice(0, limit);
  const ranked = rankByWordPrefix(
    qa,
    typed,
    (e) => e.question,
    (e) => e.phrasings,
  );
  return (ranked.length > 0 ? ranked : fallback(typed)).slice(0, limit);
}

export function suggestFacts(
  facts: readonly Fact[],
  partial: string,
  fallback: (typed: string) => readonly Fact[],
  limit = 25,
): Fact[] {
  const typed = normalizeText(partial.slice(0, 100));
  if (typed === "") return facts.slice(0, limit);
  const ranked = rankByWordPrefix(
    facts,
    typed,
    (f) => f.name,
    (f) => f.aliases,
  );
  return (ranked.length > 0 ? ranked : fallback(typed)).slice(0, limit);
}

/**
 * The share of the typed words (the first 8) that begin a word of the item's main text (counted double: a
 * question, a fact's name) or, when that matches less than half, of its best alternative text (phrasings,
 * aliases); ties go to the shorter main text, then to base order.
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
