import type { Sentence } from "../knowledge/types.js";
import type { QuestionKind } from "../search/question-type.js";
import type { Span, SpanType } from "../search/spans.js";
import { polarity } from "./polarity.js";

/**
 * Short answers as typed spans of the cited sentence, in its own words: who → the person or body, when → the
 * date or time, how much / how many → the amount with its unit or noun, where → the place, why → the reason
 * clause, yes/no → "Yes —"/"No —" with the sentence. A span is a whole phrase by construction (spans.ts), so an
 * answer never breaks mid-phrase; when the sentence holds no span of the kind asked, the answer is the sentence.
 */
const PREFERENCE: Partial<Record<QuestionKind, readonly SpanType[]>> = {
  who: ["person", "organisation"],
  when: ["time", "duration"],
  "how-long": ["duration", "time"],
  money: ["money", "quantity", "number"],
  "how-much": ["money", "percent", "quantity", "number"],
  "how-many": ["quantity", "number", "percent", "money"],
  percent: ["percent", "number"],
  age: ["age", "quantity", "number", "duration"],
  measure: ["quantity", "number", "duration"],
  where: ["place", "organisation"],
};

/** Reason clauses: from the cue to the end of the sentence. */
const REASON_CUE =
  /\b(?:because(?: of)?|due to|so that|in order to|as a result of|thanks to|amid|since|as|after|to (?=protect|stop|avoid|reduce|keep|make|help|give|allow|ensure|prevent|improve|meet|secure|monitor|cut|save|cover|fund|pay|support|encourage|bring|free|deal|tackle|address|replace|test|see|find|check))\b/i;

/** Words of a span or question, lower-cased, for "does the question already say this?". */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

/** The sentence without a FAQ line's "A:" or "Q:" marker. */
export function bodyOf(text: string): string {
  return text.replace(/^(?:Q|A)(?:[:.)]|\s*[-–—])\s*/i, "");
}

function sentenceCase(text: string): string {
  const t = text.trim().replace(/[,;:]$/, "");
  return t === "" ? t : t[0]!.toUpperCase() + t.slice(1);
}

function finish(text: string): string {
  const t = sentenceCase(text);
  return /[.!?"')]$/.test(t) ? t : `${t}.`;
}

const TITLE_WORDS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "sir",
  "president",
  "minister",
  "mayor",
  "councillor",
  "cllr",
]);

/** Does the question use this word, or a misspelling or other form of it ("Voltried" — "Voltreid")? */
function askedWord(asked: ReadonlySet<string>, word: string): boolean {
  if (asked.has(word)) return true;
  if (word.length < 5) return false;
  for (const a of asked)
    if (a.length >= 5 && a.slice(0, 4) === word.slice(0, 4) && Math.abs(a.length - word.length) <= 2) return true;
  return false;
}

/** Where the question's words stand in the sentence: each word's first letters (up to five), so "torqe" finds "torque". */
function anchorsOf(asked: ReadonlySet<string>, lower: string): number[] {
  const out: number[] = [];
  for (const w of asked) {
    if (w.length <= 3) continue;
    const head = w.slice(0, Math.min(5, w.length - 1)).replace(/[^\p{L}\p{N}]/gu, "");
    if (head === "") continue;
    for (const m of lower.matchAll(new RegExp(`\\b${head}`, "gu"))) out.push(m.index);
  }
  return out;
}

/** The parts of a sentence between commas, semicolons and "and"s, as [start, end) offsets. */
function segmentsOf(text: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const m of text.matchAll(/[,;:]\s+|\s(?:and|but|while)\s/g)) {
    out.push([from, m.index]);
    from = m.index + m[0].length;
  }
  out.push([from, text.length]);
  return out;
}

/** "How much health did it have before the patch?": the value a change started from. */
const ASKS_BEFORE = /\b(?:before|previously|used to|originally|old|formerly|prior)\b/;

/** A place named with the place it is in or on ("the Library on Station Road", "City Hall, 200 Tolland St."). */
function widenPlace(span: Span, spans: readonly Span[], text: string): Span {
  let start = span.start;
  let end = span.end;
  for (const other of spans) {
    if (other.type !== "place" && other.type !== "organisation") continue;
    if (other.end <= start && /^(?:\s(?:on|in|at)\s|,\s(?:\d+\s)?)$/.test(text.slice(other.end, start)))
      start = other.start;
    if (other.start >= end && /^(?:\s(?:on|in|at)\s|,\s(?:\d+\s)?)$/.test(text.slice(end, other.start)))
      end = other.end;
  }
  return start === span.start && end === span.end ? span : { ...span, start, end, text: text.slice(start, end) };
}

/**
 * The span that answers: of the kind asked (best type first), saying something the question does not (none of
 * its words in the question, titles aside), and of those the one nearest the question's own words in the
 * sentence ("£1.5 million from the district council's reserves" for a question about the reserves). A change
 * "from 8s to 10s" or "62 → 55" answers with what it is now, or with what it was when the question asks "before".
 */
export function answerSpan(kind: QuestionKind, spans: readonly Span[], question: string, text = ""): Span | undefined {
  const asked = new Set(wordsOf(question));
  const NAMES: ReadonlySet<SpanType> = new Set(["person", "organisation", "place"]);
  // A name is new when none of its words is asked about; an amount when its number is not the one asked about.
  const novel = (s: Span): boolean => {
    const words = wordsOf(s.text);
    if (NAMES.has(s.type)) return !words.some((w) => askedWord(asked, w) && !TITLE_WORDS.has(w) && w.length > 2);
    const digits = words.filter((w) => /\d/.test(w));
    if (digits.length > 0 && digits.every((w) => asked.has(w))) return false;
    return !words.every((w) => askedWord(asked, w));
  };
  const anchors = anchorsOf(asked, text.toLowerCase());
  const distance = (s: Span): number =>
    anchors.length === 0 ? s.start : Math.min(...anchors.map((a) => Math.abs(a - s.start)));
  // How many of the question's words stand in the span's own part of the sentence (between commas and "and"s).
  const segments = segmentsOf(text);
  const near = (s: Span): number => {
    const seg = segments.find(([from, to]) => s.start >= from && s.start < to);
    return seg === undefined ? 0 : new Set(anchors.filter((a) => a >= seg[0] && a < seg[1])).size;
  };
  const before = ASKS_BEFORE.test(question);
  for (const type of PREFERENCE[kind] ?? []) {
    let found = spans.filter((s) => s.type === type && novel(s));
    if (found.length === 0) continue;
    // "from X to Y", "X → Y": the value it changed to (or from, when asked what it was before).
    const changedTo = (s: Span, t: Span): boolean =>
      t.start > s.end && /^\s*(?:to|→|->|–>)\s*$/.test(text.slice(s.end, t.start));
    const olds = found.filter((s) => found.some((t) => changedTo(s, t)));
    if (olds.length > 0) found = before ? olds : found.filter((s) => !olds.includes(s));
    const best = [...found].sort((x, y) => near(y) - near(x) || distance(x) - distance(y) || x.start - y.start)[0]!;
    // "What does it do now, and what was it before?": the whole change.
    if (before && /\bnow\b/.test(question)) {
      const to = spans.find((t) => t.type === best.type && changedTo(best, t));
      if (to !== undefined) return { ...best, end: to.end, text: text.slice(best.start, to.end) };
    }
    return kind === "where" ? widenPlace(best, spans, text) : best;
  }
  return undefined;
}

/** Words that end a role read backwards from a name: verbs, prepositions, determiners. */
const NOT_ROLE =
  /^(?:the|a|an|by|of|and|said|says|to|from|with|for|in|on|at|as|when|where|while|that|which|who|is|was|were|are|has|had|have|its|his|her|their|our|chaired|led|run|according)$/i;

/** The role words right before a name ("council leader", "striker"), or before an appositive comma ("the compliance manager, X"). */
function roleBefore(sentence: string, start: number): string | undefined {
  const appositive = /,\s*$/.test(sentence.slice(0, start));
  const head = sentence.slice(0, start).replace(/,\s*$/, " ");
  const before = /((?:[A-Za-z-]+\s){1,4})$/.exec(head);
  if (before === null) return undefined;
  const role = before[1]!.trim().split(/\s+/);
  const kept: string[] = [];
  for (let i = role.length - 1; i >= 0; i--) {
    // After a comma only a lower-case role counts ("the compliance manager, X", not "In March, X").
    if (NOT_ROLE.test(role[i]!) || (appositive && /^[A-Z]/.test(role[i]!))) break;
    kept.unshift(role[i]!);
  }
  return kept.length > 0 ? kept.join(" ") : undefined;
}

/** A role written with capitals after a name ("X, Communications Manager,"). */
const CAPITALISED_ROLE =
  /^(?:[A-Z][\w&-]*\s){0,3}(?:Reporter|Correspondent|Editor|Manager|Director|Officer|Coach|Captain|Leader|Chair|Spokesperson|Secretary|Founder|Co-founder|President|Analyst|Engineer|Designer|Producer|Head)$/;

/**
 * A description after the name: ", the striker," / ", who founded it in 2019," / ", area flood risk manager at
 * the Agency," / ", Communications Manager,". Not a clause that goes on with the sentence (", and residents…",
 * ", meets monthly…"): a lower-case description may not open with a conjunction or a verb-like word ending in -s or -ed.
 */
function descriptionAfter(sentence: string, end: number): string | undefined {
  const after = /^,\s+([^,.;"]{3,80})(?=[,.;]|$)/.exec(sentence.slice(end));
  if (after === null) return undefined;
  const text = after[1]!.trim();
  if (CAPITALISED_ROLE.test(text)) return text;
  const first = /^[a-z][\w-]*/.exec(text)?.[0];
  if (first === undefined) return undefined;
  if (
    /^(?:and|but|or|so|then|said|says|told|adding|while|when|where|if|as|is|was|are|were|has|had|have|will|would|can|could)$/.test(
      first,
    )
  )
    return undefined;
  if (/(?:[^s]s|ed)$/.test(first) && !/^(?:the|a|an|who|whose|one|its|his|her|their)$/.test(first)) return undefined;
  return text;
}

/** "Who is X?" when X is in the sentence: X with the role and description the sentence gives them. */
function described(sentence: string, spans: readonly Span[], question: string): string | undefined {
  const asked = new Set(wordsOf(question));
  const named = spans.find(
    (s) =>
      (s.type === "person" || s.type === "organisation") &&
      wordsOf(s.text).some((w) => askedWord(asked, w) && w.length > 2),
  );
  if (named === undefined) return undefined;
  const role = roleBefore(sentence, named.start);
  const description = descriptionAfter(sentence, named.end);
  if (role === undefined && description === undefined) return undefined;
  return `${role === undefined ? "" : `${role} `}${named.text}${description === undefined ? "" : `, ${description}`}`;
}

export interface SpanAnswerInput {
  readonly kind: QuestionKind;
  /** The question, normalised (what it already says). */
  readonly question: string;
  readonly sentence: Sentence;
  readonly spans: readonly Span[];
}

export function spanAnswer({ kind, question, sentence, spans }: SpanAnswerInput): string {
  const text = bodyOf(sentence.text);
  if (kind === "yesno") {
    // A sentence that opens with its own "Yes," or "No," is the answer as it stands.
    if (/^(?:yes|no)\b/i.test(text)) return finish(text);
    const lead = polarity(question, text) === "yes" ? "Yes" : "No";
    return `${lead} — ${text}`;
  }
  if (kind === "why") {
    const at = text.search(REASON_CUE);
    return at < 0 ? finish(text) : finish(text.slice(at).replace(/[.]$/, ""));
  }
  if (kind === "who") {
    const who = /\bwho (?:is|was|are|were)\b/.test(question) ? described(text, spans, question) : undefined;
    if (who !== undefined) return finish(who);
  }
  const span = answerSpan(kind, spans, question, text);
  if (span !== undefined) return finish(span.text);
  return finish(text);
}
