import type { KnowledgeBase, Sentence, SentenceRole } from "../../knowledge/types.js";
import type { Analyzer } from "../../search/analyzer.js";

/**
 * /summary, "tldr", "what's the article about": 3–5 of the article's own sentences that cover it, in the
 * article's order, each cited. Extractive only: nothing is paraphrased, so a summary can never say what the
 * article does not.
 *
 * Two methods were measured against the first sentences alone (`npm run eval`, "Summaries"; docs/MEASUREMENTS.md):
 * TextRank over the sentences (a sentence is central when it shares words with many central sentences) and lead
 * plus coverage (the opening sentence, then greedily the sentence that adds most of the article's recurring words
 * not yet covered). On the tuning articles TextRank put more answerable questions' evidence sentences in the
 * summary, at 3 and at 5 sentences, for summaries of about the same length, so it is what `summarize` uses;
 * `leadAndCoverage` stays for the comparison the eval prints.
 */

/** Sentences a summary may quote: what the article says, not its headline, byline, headings or FAQ questions. */
const SAYS: ReadonlySet<SentenceRole> = new Set(["standfirst", "body", "item", "answer"]);

export const SUMMARY_MIN = 3;
export const SUMMARY_MAX = 5;

/** How many sentences: one per ten of the article's, within 3–5. */
export function summarySize(kb: KnowledgeBase): number {
  return Math.min(SUMMARY_MAX, Math.max(SUMMARY_MIN, Math.round(kb.sentences.length / 10)));
}

interface Candidates {
  readonly sentences: readonly Sentence[];
  /** Per candidate, its content terms (no stop or question words). */
  readonly terms: readonly ReadonlySet<string>[];
}

function candidates(kb: KnowledgeBase, analyzer: Analyzer): Candidates {
  let sentences: readonly Sentence[] = kb.sentences.filter((s) => SAYS.has(s.role));
  // An article with no body text by these roles (a list of headings) is summarised from all its sentences.
  if (sentences.length < SUMMARY_MIN) sentences = kb.sentences;
  const terms = sentences.map(
    (s) =>
      new Set(
        analyzer
          .analyze(s.text, "query")
          .filter((t) => !t.functional)
          .map((t) => t.term),
      ),
  );
  return { sentences, terms };
}

/**
 * The picked candidates, topped up to `size` from `order` when the method ran out of sentences worth adding (a
 * short article), as sentences in the article's order.
 */
function summaryOf(
  sentences: readonly Sentence[],
  picked: number[],
  order: readonly number[],
  size: number,
): Sentence[] {
  for (const i of order) {
    if (picked.length >= Math.min(size, sentences.length)) break;
    if (!picked.includes(i)) picked.push(i);
  }
  return picked.map((i) => sentences[i]!).sort((a, b) => a.index - b.index);
}

/**
 * Lead plus coverage: the first sentence that says something, then, one at a time, the sentence whose terms not
 * yet covered weigh most, a term weighing the square root of the number of other sentences that use it (a word
 * used once is no topic of the article; one used everywhere should not drown the rest).
 */
export function leadAndCoverage(kb: KnowledgeBase, analyzer: Analyzer, size = summarySize(kb)): Sentence[] {
  const { sentences, terms } = candidates(kb, analyzer);
  const uses = new Map<string, number>();
  for (const set of terms) for (const t of set) uses.set(t, (uses.get(t) ?? 0) + 1);
  const covered = new Set<string>();
  const picked: number[] = [];
  const take = (i: number): void => {
    picked.push(i);
    for (const t of terms[i]!) covered.add(t);
  };
  if (sentences.length > 0) take(0);
  while (picked.length < Math.min(size, sentences.length)) {
    let best = -1;
    let bestGain = 0;
    terms.forEach((set, i) => {
      if (picked.includes(i)) return;
      let gain = 0;
      for (const t of set) if (!covered.has(t)) gain += Math.sqrt((uses.get(t) ?? 1) - 1);
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    });
    if (best === -1) break;
    take(best);
  }
  return summaryOf(sentences, picked, [...sentences.keys()], size);
}

/** Two sentences sharing more than this share of the shorter one's terms say the same thing: one is enough. */
const REDUNDANT = 0.5;

/**
 * TextRank (Mihalcea and Tarau, 2004): sentences are nodes, two sentences are linked by the terms they share over
 * the logs of their lengths, and PageRank (damping 0.85) ranks them. The best `size` are taken in rank order,
 * skipping one that repeats a sentence already taken, and shown in the article's order.
 */
export function textRank(kb: KnowledgeBase, analyzer: Analyzer, size = summarySize(kb)): Sentence[] {
  const { sentences, terms } = candidates(kb, analyzer);
  const n = sentences.length;
  const shared = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
    let count = 0;
    for (const t of a) if (b.has(t)) count++;
    return count;
  };
  const weight: number[][] = terms.map((a, i) =>
    terms.map((b, j) =>
      i === j || a.size < 2 || b.size < 2 ? 0 : shared(a, b) / (Math.log(a.size) + Math.log(b.size)),
    ),
  );
  const out = weight.map((row) => row.reduce((s, w) => s + w, 0));
  let rank = new Array<number>(n).fill(1 / Math.max(1, n));
  for (let iteration = 0; iteration < 50; iteration++) {
    rank = rank.map((_, i) => {
      let sum = 0;
      for (let j = 0; j < n; j++) if (out[j]! > 0) sum += (weight[j]![i]! / out[j]!) * rank[j]!;
      return 0.15 / n + 0.85 * sum;
    });
  }
  const picked: number[] = [];
  const order = [...rank.keys()].sort((a, b) => rank[b]! - rank[a]! || a - b);
  for (const i of order) {
    if (picked.length >= size) break;
    const repeats = picked.some(
      (j) => shared(terms[i]!, terms[j]!) > REDUNDANT * Math.min(terms[i]!.size, terms[j]!.size),
    );
    if (!repeats) picked.push(i);
  }
  return summaryOf(sentences, picked, order, size);
}

/** The summary the engine gives: TextRank (the better of the two measured). */
export function summarize(kb: KnowledgeBase, analyzer: Analyzer): Sentence[] {
  return textRank(kb, analyzer);
}

/** Words around a request that do not change it: "ok so tldr pls", "can you give me a quick summary". */
const LEADING =
  /^(?:(?:ok|okay|so|hey|yo|hi|bot|articlebot|pls|please|plz|can you|could you|can u|could u|would you|will you|just|and|but|um|hmm|lol|bro|quick|quickly|then|now|i need|i want|id like|i would like) )+/;
const TRAILING = / (?:pls|please|plz|lol|thanks|thx|ty|bot|real quick|quickly|for me|then|again|briefly|in short)$/;

const ARTICLE =
  "(?:the |this |that |ur |your )?(?:article|story|piece|news|text|post|page|report|link|thing|whole thing)";
const IT = `(?:${ARTICLE}|it|this|that)`;
const ASKED =
  "(?:summary|summarise|summarize|summarisation|summarization|recap|overview|synopsis|gist|rundown|tl dr|tldr|short version|main points?|key points?|key takeaways?|takeaways|highlights|cliff ?notes|cliffs notes)";
const SUMMARY_REQUEST = new RegExp(
  [
    `^(?:(?:give|show|tell|send|get) (?:me |us )?)?(?:an? |the )?(?:quick |short |brief |little )?${ASKED}(?: (?:of|for|on|from) ${IT}| ${IT})?$`,
    `^(?:summarise|summarize|sum up|recap|condense) ${IT}(?: up)?$`,
    `^sum ${IT} up$`,
    `^(?:so )?(?:what|whats|wat|wats) (?:is |was |s )?${IT} (?:even |all |actually )?about$`,
    `^(?:what|whats) (?:is |s )?${IT} (?:about )?in (?:short|brief|a nutshell|a sentence|one sentence|a few sentences)$`,
    `^what (?:does|did) ${ARTICLE} (?:say|cover|talk about)$`,
    `^(?:what|whats) (?:is |s )?(?:the )?(?:main point|point|gist|story|news|rundown|short version)(?: of ${IT})?$`,
  ].join("|"),
);

/**
 * Whether a whole message asks for a summary of the article: "tldr", "summary", "summarize this", "what is this
 * about", "what's the article about", "give me the gist". A question that only starts so ("tldr when did kim go
 * to russia", "summary of the september meeting") is a question, not a request for a summary. `normalized` is
 * the question as normalizeText leaves it ("what's" is "what", "tl;dr" is "tl dr").
 */
export function isSummaryRequest(normalized: string): boolean {
  let text = normalized;
  for (let before = ""; before !== text;) {
    before = text;
    text = text.replace(LEADING, "").replace(TRAILING, "");
  }
  return SUMMARY_REQUEST.test(text);
}
