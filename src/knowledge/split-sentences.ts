/**
 * Sentences of a cleaned article (see clean-article.ts), for packs made by `knowledge:new`: each line
 * (a headline, a standfirst, a paragraph) is split with Intl.Segmenter, then the places where its rules
 * go wrong on news text are mended:
 *  - titles and abbreviations that never end a sentence (Mr., Dr., Gen., No. 4, approx., e.g., Fig. 2);
 *  - initials (J. K. Rowling);
 *  - a "sentence" that starts in lower case, with a digit or with closing punctuation, which continues the
 *    one before ("Is it?" he asked. / U.S. officials at 9 a.m. said);
 *  - a piece that is only a closing quote or bracket.
 * Decimals and units (11.6 km, €2.1 million) are never split by the segmenter. A line break always ends a
 * sentence, so a headline or standfirst without a full stop is a sentence of its own. Every sentence is a
 * verbatim, trimmed piece of the text: pieces are merged with the spaces between them.
 */

/** Abbreviations after which a sentence never ends (lower-cased, without the final full stop). */
const NEVER_FINAL = new Set([
  "mr",
  "mrs",
  "ms",
  "mx",
  "dr",
  "prof",
  "st",
  "mt",
  "ft",
  "gen",
  "gov",
  "sen",
  "rep",
  "col",
  "capt",
  "cpt",
  "lt",
  "sgt",
  "maj",
  "cpl",
  "adm",
  "cmdr",
  "brig",
  "rev",
  "hon",
  "pres",
  "supt",
  "det",
  "insp",
  "fr",
  "sr",
  "messrs",
  "no",
  "nos",
  "nr",
  "vol",
  "fig",
  "figs",
  "pp",
  "approx",
  "vs",
  "cf",
  "e.g",
  "i.e",
  "viz",
  "ca",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);

let segmenter: Intl.Segmenter | undefined;

export function splitNewsSentences(cleaned: string): string[] {
  segmenter ??= new Intl.Segmenter("en", { granularity: "sentence" });
  const out: string[] = [];
  for (const line of cleaned.split("\n")) {
    if (line.trim() === "") continue;
    const pieces: string[] = [];
    for (const { segment } of segmenter.segment(line)) {
      const previous = pieces.at(-1);
      if (previous !== undefined && continues(previous, segment)) pieces[pieces.length - 1] = previous + segment;
      else pieces.push(segment);
    }
    for (const piece of pieces) {
      const sentence = piece.trim();
      if (sentence !== "") out.push(sentence);
    }
  }
  return out;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/** Whether `next` continues the sentence `previous` instead of starting one. */
function continues(previous: string, next: string): boolean {
  const start = next.trimStart();
  if (start === "") return true;
  // Only closing punctuation, or a continuation in lower case / a number / a closing mark.
  if (/^["')\]]+(\s|$)/.test(start) && start.replace(/["')\]\s]/g, "") === "") return true;
  if (/^[\p{Ll}\d,;:)\]%]/u.test(start)) return true;
  const tail = previous.trimEnd();
  // A list number ("1.", "12)") opens the line: the sentence is what follows it.
  if (/^\(?\d{1,3}[.)]$/.test(tail)) return true;
  // Inside brackets: "(5:00 a.m. to 8:30 a.m. EDT)" is one sentence whatever the abbreviations.
  if (count(tail, "(") > count(tail, ")")) return true;
  const last = /(?:^|[\s("'])([\p{L}.]+)\.$/u.exec(tail)?.[1];
  if (last === undefined) return false;
  // An initial (a single capital, "J."), before a name.
  if (/^\p{Lu}$/u.test(last) && /^\p{Lu}/u.test(start)) return true;
  return NEVER_FINAL.has(last.toLowerCase());
}
