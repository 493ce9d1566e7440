import type { Sentence } from "../knowledge/types.js";
import type { QuestionKind } from "../search/question-type.js";
import type { Span, SpanType } from "../search/spans.js";

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
  age: ["quantity", "number", "duration"],
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

/**
 * The span that answers: of the kind asked (best type first), saying something the question does not (none of
 * its words in the question, titles aside), and of those the one nearest the question's own words in the
 * sentence ("£1.5 million from the district council's reserves" for a question about the reserves). A change
 * "from 8s to 10s" or "62 → 55" answers with what it is now.
 */
export function answerSpan(kind: QuestionKind, spans: readonly Span[], question: string, text = ""): Span | undefined {
  const asked = new Set(wordsOf(question));
  const NAMES: ReadonlySet<SpanType> = new Set(["person", "organisation", "place"]);
  // A name is new when none of its words is asked about; an amount when its number is not the one asked about.
  const novel = (s: Span): boolean =>
    NAMES.has(s.type)
      ? !wordsOf(s.text).some((w) => asked.has(w) && !TITLE_WORDS.has(w) && w.length > 2)
      : !wordsOf(s.text).some((w) => asked.has(w) && /\d/.test(w)) || !wordsOf(s.text).every((w) => asked.has(w));
  const lower = text.toLowerCase();
  const anchors = [...asked]
    .filter((w) => w.length > 3)
    .flatMap((w) =>
      [...lower.matchAll(new RegExp(`\\b${w.replace(/[^\p{L}\p{N}]/gu, "")}`, "gu"))].map((m) => m.index),
    );
  const distance = (s: Span): number =>
    anchors.length === 0 ? s.start : Math.min(...anchors.map((a) => Math.abs(a - s.start)));
  for (const type of PREFERENCE[kind] ?? []) {
    let found = spans.filter((s) => s.type === type && novel(s));
    if (found.length === 0) continue;
    // "from X to Y", "X → Y": the value it changed to.
    found = found.filter(
      (s) => !found.some((t) => t.start > s.end && /^\s*(?:to|→|->|–>)\s*$/.test(text.slice(s.end, t.start))),
    );
    return [...found].sort((x, y) => distance(x) - distance(y) || x.start - y.start)[0];
  }
  return undefined;
}

/** "Who is X?" when X is in the sentence: X with the role the sentence gives them ("council leader X", "X, the striker,"). */
function described(sentence: string, spans: readonly Span[], question: string): string | undefined {
  const asked = new Set(wordsOf(question));
  const named = spans.find(
    (s) =>
      (s.type === "person" || s.type === "organisation") && wordsOf(s.text).some((w) => asked.has(w) && w.length > 2),
  );
  if (named === undefined) return undefined;
  const after = /^,\s+((?:the|a|an|who|whose|which|[a-z][\w-]*)\b[^,.;"]{3,80})[,.;]/.exec(sentence.slice(named.end));
  if (after !== undefined && after !== null) return `${named.text}, ${after[1]}`;
  const before = /((?:[A-Za-z-]+\s){1,4})$/.exec(sentence.slice(0, named.start));
  if (before !== null) {
    const role = before[1]!.trim().split(/\s+/);
    // Keep the role words right before the name ("council leader", "striker"), not a verb or a determiner.
    const kept: string[] = [];
    for (let i = role.length - 1; i >= 0; i--) {
      const w = role[i]!;
      if (
        /^(?:the|a|an|by|of|and|said|says|to|from|with|for|in|on|at|as|when|where|while|that|which|who|is|was|were|are|has|had|have)$/i.test(
          w,
        )
      )
        break;
      kept.unshift(w);
    }
    if (kept.length > 0) return `${kept.join(" ")} ${named.text}`;
  }
  return undefined;
}

/** "Yes" unless the sentence says otherwise: a different number for the same thing, or the opposite polarity. */
export function polarity(question: string, sentence: string): "yes" | "no" {
  const q = question.toLowerCase();
  const s = sentence.toLowerCase();
  const COUNT = /\b(\d[\d,.]*)\s*(%|per ?cent|[a-z]+)/g;
  const said = new Map<string, Set<string>>();
  for (const m of s.matchAll(COUNT))
    (said.get(m[2]!) ?? said.set(m[2]!, new Set()).get(m[2]!)!).add(m[1]!.replace(/,/g, ""));
  for (const m of q.matchAll(COUNT)) {
    const values = said.get(m[2]!);
    if (values !== undefined && !values.has(m[1]!.replace(/,/g, ""))) return "no";
  }
  // The question's own negation in its opening auxiliary ("didn't they…", "isn't it…") asks the same as the positive.
  const core = q.replace(
    /^(?:\w+\s)?(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)n'?t\b/,
    "",
  );
  const negated = (t: string): boolean =>
    /\b(?:not|never|no longer|none|nobody|nothing|cannot|can't|won't|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|hasn't|haven't|no)\b/.test(
      t,
    );
  return negated(core) !== negated(s) ? "no" : "yes";
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
