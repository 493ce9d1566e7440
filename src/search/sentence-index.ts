/**
 * The sentence index's build: each sentence's terms, context, role, typed spans and meaning vectors, as BM25
 * postings.
 */
import type { Sentence } from "../knowledge/types.js";
import type { Analyzer } from "./analyzer.js";
import type { ScoringOptions } from "./scoring-options.js";
import { findSpans, knownNames, spanMask } from "./spans.js";
import type { WordVectors } from "./word-vectors.js";
import type { Posting, SentenceIndex } from "./sentence-types.js";
import { buildNeighbours, embed } from "./meaning.js";

/** A sentence that reports what someone said without naming them: a quote, or "…," she said. */
const ATTRIBUTED =
  /^["']|\b(?:he|she|they|we) (?:said|says|added|adds|told|explained|recalled|recalls|warned|admitted|insisted|argued|believes|thinks|noted|wrote)\b|\b(?:said|says|added|recalled) (?:he|she|they)\b/i;
const PRONOUN_START =
  /^(?:["'(]\s*)?(?:he|she|they|it|his|her|their|its|this|these|those|the (?:company|council|club|team|firm|group|scheme|plan|project|line|bridge|app|game|study|trial|report|court|board|authority|agency|city|town|school|university|hospital|bank|government|ministry|minister|mayor|manager|coach|player|bike|device|phone|product|ordinance|policy|rule|service|station|museum|café|cafe|charity|union|party|team's|club's|company's))\b/i;
const NAME_RUN =
  /(?:[A-Z][\p{Ll}'’]+(?:-[A-Z]?[\p{Ll}'’]+)*)(?:\s(?:(?:de|van|von|of|the)\s)?[A-Z][\p{Ll}'’]+(?:-[A-Z]?[\p{Ll}'’]+)*)+/u;

/**
 * The named subject a sentence hands to the next one: its first multi-word name (a person, a body, a place),
 * skipping a capitalised opening word. Light coreference: "Council leader Margaret Ellery-Shaw said …" /
 * "She added …" — the second is about Margaret Ellery-Shaw.
 */
function namedSubject(text: string): string | undefined {
  return NAME_RUN.exec(text.replace(/^\S+\s/, (w) => (/^[A-Z][a-z]+\s$/.test(w) ? "x " : w)))?.[0];
}

export function buildSentenceIndex(
  sentences: readonly Sentence[],
  analyzer: Analyzer,
  vectors: WordVectors | undefined,
  options: ScoringOptions,
): SentenceIndex {
  const byId = new Map(sentences.map((s) => [s.id, s]));
  const names = knownNames(sentences.map((s) => s.text));
  const textTerms: string[][] = [];
  const contextTerms: string[][] = [];
  const neighbourTerms: string[][] = [];
  const docWords: Set<string>[] = [];
  sentences.forEach((sentence, i) => {
    const own = analyzer.analyze(sentence.text, "index");
    const contextTexts = sentence.context.map((id) => byId.get(id)?.text ?? "");
    const previous = sentences[i - 1];
    if (previous !== undefined && (PRONOUN_START.test(sentence.text) || ATTRIBUTED.test(sentence.text))) {
      const subject = namedSubject(previous.text) ?? previous.context.map((id) => byId.get(id)?.text ?? "")[0];
      if (subject !== undefined) contextTexts.push(subject);
      // Who is speaking: the last person named in the three sentences before (a quote can run on).
      if (ATTRIBUTED.test(sentence.text)) {
        const speaker = sentences
          .slice(Math.max(0, i - 3), i)
          .flatMap((s) => findSpans(s.text, names).filter((x) => x.type === "person"))
          .at(-1);
        if (speaker !== undefined && speaker.text !== subject) contextTexts.push(speaker.text);
      }
    }
    const context = contextTexts.flatMap((t) => analyzer.analyze(t, "index"));
    textTerms.push(own.map((t) => t.term));
    contextTerms.push(context.map((t) => t.term));
    neighbourTerms.push(
      previous === undefined || previous.role === "title" || previous.role === "heading" || previous.role === "byline"
        ? []
        : textTerms[i - 1]!,
    );
    docWords.push(new Set([...own, ...context].filter((t) => !t.functional).map((t) => t.word)));
  });

  const n = sentences.length;
  const df = new Map<string, number>();
  const lists = new Map<string, { docs: number[]; text: number[]; context: number[]; neighbour: number[] }>();
  const lengths = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    const counts = new Map<string, { text: number; context: number; neighbour: number }>();
    const count = (t: string): { text: number; context: number; neighbour: number } =>
      counts.get(t) ?? counts.set(t, { text: 0, context: 0, neighbour: 0 }).get(t)!;
    for (const t of textTerms[d]!) count(t).text++;
    for (const t of contextTerms[d]!) count(t).context++;
    for (const t of neighbourTerms[d]!) count(t).neighbour++;
    lengths[d] = textTerms[d]!.length + options.contextWeight * contextTerms[d]!.length;
    for (const [term, c] of counts) {
      if (c.text + c.context > 0) df.set(term, (df.get(term) ?? 0) + 1);
      const list = lists.get(term) ?? lists.set(term, { docs: [], text: [], context: [], neighbour: [] }).get(term)!;
      list.docs.push(d);
      list.text.push(c.text);
      list.context.push(c.context);
      list.neighbour.push(c.neighbour);
    }
  }
  const idf = new Map<string, number>();
  let maxIdf = 0;
  for (const [term, f] of df) {
    const value = Math.log(1 + (n - f + 0.5) / (f + 0.5));
    idf.set(term, value);
    maxIdf = Math.max(maxIdf, value);
  }
  const postings = new Map<string, Posting>();
  for (const [term, l] of lists) {
    postings.set(term, {
      docs: Int32Array.from(l.docs),
      text: Float32Array.from(l.text),
      context: Float32Array.from(l.context),
      neighbour: Float32Array.from(l.neighbour),
    });
  }

  const softWords: string[] = [];
  const softRowsList: number[] = [];
  const softPosition = new Map<string, number>();
  if (vectors !== undefined) {
    for (const words of docWords) {
      for (const w of words) {
        if (softPosition.has(w)) continue;
        const row = vectors.indexOf(w);
        if (row < 0) continue;
        softPosition.set(w, softWords.length);
        softWords.push(w);
        softRowsList.push(row);
      }
    }
  }
  const spans = sentences.map((s) => findSpans(s.text, names));
  const dims = vectors?.dims ?? 0;
  const embeddings = new Float32Array(n * dims);
  if (vectors !== undefined) {
    textTerms.forEach((_, d) => {
      const words = analyzer
        .analyze(sentences[d]!.text, "index")
        .filter((t) => !t.functional)
        .map((t) => ({ word: t.word, weight: idf.get(t.term) ?? maxIdf }));
      embeddings.set(embed(words, vectors), d * dims);
    });
  }
  return {
    ids: sentences.map((s) => s.id),
    roles: sentences.map((s) => s.role),
    lengths,
    averageLength: n === 0 ? 1 : lengths.reduce((a, b) => a + b, 0) / n || 1,
    postings,
    idf,
    maxIdf: maxIdf || 1,
    softWords,
    softVectors: gatherVectors(softRowsList, vectors),
    softPosition,
    neighbours: buildNeighbours(Int32Array.from(softRowsList), vectors),
    docSoftWords: docWords.map((words) =>
      Int32Array.from([...words].flatMap((w) => (softPosition.has(w) ? [softPosition.get(w)!] : []))),
    ),
    docTerms: textTerms.map((t, d) => new Set([...t, ...contextTerms[d]!, ...neighbourTerms[d]!])),
    embeddings,
    spans,
    typeMasks: Uint16Array.from(spans.map(spanMask)),
  };
}

/** The article's words' vectors side by side (row v at v × dims), so comparing a question word with all of them reads memory in order. */
function gatherVectors(rows: readonly number[], vectors: WordVectors | undefined): Int8Array {
  if (vectors === undefined) return new Int8Array(0);
  const out = new Int8Array(rows.length * vectors.dims);
  rows.forEach((row, v) => out.set(vectors.vector(row), v * vectors.dims));
  return out;
}
