import type { KnowledgeBase } from "../knowledge/types.js";
import type { EntryHit } from "../search/entry-index.js";
import type { Retrieved } from "../search/retrieve.js";
import type { PackIndex } from "../search/pack-index.js";
import { SPAN_BIT } from "../search/spans.js";
import type { Prepared } from "./prepare.js";

/**
 * Stage 3, the answer type: a question that asks for a kind of answer ("when" → a time, "how much" → an
 * amount) can only be answered by a sentence that states one, and best by one whose span is not already in
 * the question ("who replaced Frayne?" wants a person other than Frayne). Each sentence is marked; a curated
 * entry whose answer and cited sentences offer nothing of the kind is dropped ("How old is Kim Jong Un?"
 * matches the Kim Jong Un card, but the article never gives his age).
 */
/** An age as news states it: "aged 67", "a 19-year-old", "67 years old", "Quayle, 67, runs…". */
const AGE = /\baged \d{1,3}\b|\b\d{1,3}-year-old\b|\b\d{1,3} years? old\b|\b[A-Z][\p{Ll}'’-]+,\s\d{1,3},/u;

export interface Typed extends Retrieved {
  /** Per sentence: 1 when it states a span of the asked type (always 0 when nothing in particular is asked). */
  readonly hasType: Uint8Array;
  /** Per sentence: 1 when one of those spans says something the question does not. */
  readonly newSpan: Uint8Array;
  /** For "how many X": per sentence, 1 when it counts X itself ("40 homes" for "how many homes"). */
  readonly countMatch: Uint8Array;
}

export function filterByAnswerType(
  retrieved: Retrieved,
  prepared: Prepared,
  pack: PackIndex,
  kb: KnowledgeBase,
): Typed {
  const index = pack.sentences;
  const n = index.ids.length;
  const hasType = new Uint8Array(n);
  const newSpan = new Uint8Array(n);
  const countMatch = new Uint8Array(n);
  const mask = prepared.typeMask;
  if (mask === 0) return { ...retrieved, hasType, newSpan, countMatch };
  const asked = new Set(prepared.text.split(" "));
  const counted = prepared.kind === "how-many" ? /\bhow many (\w+)/.exec(prepared.text)?.[1] : undefined;
  for (let d = 0; d < n; d++) {
    if (prepared.kind === "age" ? !AGE.test(kb.sentences[d]!.text) : (index.typeMasks[d]! & mask) === 0) continue;
    hasType[d] = 1;
    const novel = index.spans[d]!.some(
      (span) =>
        (SPAN_BIT[span.type] & mask) !== 0 &&
        !span.text
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter(Boolean)
          .every((w) => asked.has(w)),
    );
    if (novel) newSpan[d] = 1;
    if (
      counted !== undefined &&
      index.spans[d]!.some(
        (span) => span.type === "quantity" && alike(pack, span.text.split(" ").at(-1)!.toLowerCase(), counted),
      )
    )
      countMatch[d] = 1;
  }
  const position = new Map(index.ids.map((id, d) => [id, d]));
  const offers = (hit: EntryHit): boolean => {
    const cited =
      hit.target.kind === "qa" ? kb.qaById.get(hit.target.id)?.sentences : kb.factById.get(hit.target.id)?.sentences;
    return (cited ?? []).some((id) => hasType[position.get(id) ?? -1] === 1);
  };
  // The entry the question words exactly is kept: its curators wrote that question for it.
  const entryHits = retrieved.entryHits.filter((hit, i) => (i === 0 && retrieved.exactEntry) || offers(hit));
  return { ...retrieved, entryHits, hasType, newSpan, countMatch };
}

/** Two words for the same thing: the same stem, or vectors this close ("homes" ~ "houses"). */
function alike(pack: PackIndex, a: string, b: string): boolean {
  const stem = (w: string): string | undefined => pack.analyzer.analyzeNormalized(w)[0]?.term;
  if (stem(a) !== undefined && stem(a) === stem(b)) return true;
  const { vectors } = pack;
  if (vectors === undefined) return false;
  const ra = vectors.indexOf(a);
  const rb = vectors.indexOf(b);
  return ra >= 0 && rb >= 0 && vectors.cosine(ra, rb) >= SAME_THING;
}

const SAME_THING = 0.6;
