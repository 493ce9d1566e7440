import { stemmer } from "stemmer";
import { FUNCTION_WORDS, STOP_WORDS } from "./stopwords.js";
import type { AnalyzeMode } from "./synonyms.js";
import { applyCompounds, SYNONYMS } from "./synonyms.js";

/** Questions longer than this are cut before searching: no article question needs more, and it bounds latency. */
export const MAX_SEARCH_CHARS = 500;

/**
 * Cleans what a user typed (in Discord or a terminal) into plain lower-case words separated by
 * single spaces: Discord mention tokens, markdown, URLs, control characters, emoji, diacritics,
 * curly quotes and dashes are all removed or folded.
 */
export function normalizeText(input: string): string {
  // A question is normalised by several stages (search, answer type, premise check, composition), and
  // the knowledge base's own questions and names again and again: remember recent results.
  const known = normalized.get(input);
  if (known !== undefined) return known;
  const result = normalizeUncached(input);
  if (normalized.size >= MAX_REMEMBERED) normalized.clear();
  normalized.set(input, result);
  return result;
}

// Small on purpose: enough for one question's stages and the names it meets, not a cache of past questions.
const MAX_REMEMBERED = 64;
const normalized = new Map<string, string>();

function normalizeUncached(input: string): string {
  return (
    input
      .slice(0, MAX_SEARCH_CHARS * 2)
      // Discord tokens: <@123> <@!123> <@&123> <#123> </cmd:123> <:emoji:123> <t:123:R>, and mass mentions.
      .replace(/<(?:@[!&]?|#|\/[\w -]+:|a?:\w+:|t:)\d+(?::\w)?>/g, " ")
      .replace(/@(?:everyone|here)\b/gi, " ")
      .replace(/https?:\/\/\S+/gi, " ")
      // Markdown links keep their text; other markdown punctuation is dropped below with the rest.
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      // "US"/"U.S." is the country, not the pronoun: mark it before case is lost.
      .replace(/\bU\.?S\.?A?\b\.?/g, " usa ")
      .toLowerCase()
      // "the us" is the country too: nobody writes "the us" for the pronoun.
      .replace(/\bthe us\b/g, "the usa")
      .replace(/[\u2018\u2019\u201B\u2032`´]/g, "'")
      // Letter-digit hyphens join (F-16 → f16); other hyphens and dashes separate words.
      .replace(/([a-z])[-\u2010-\u2015]+(\d)/g, "$1$2")
      .replace(/'s\b/g, "")
      .replace(/'/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim()
      .slice(0, MAX_SEARCH_CHARS)
      .trim()
  );
}

export interface QueryTerm {
  /** Stemmed form, the unit of matching. */
  readonly term: string;
  /** The word as written (before synonym folding and stemming): what misspellings are compared with. */
  readonly word: string;
  /** True for question/filler words ("when", "tell", "article") that shape a question but are not its topic. */
  readonly functional: boolean;
  /** True when the word was folded onto its synonym group ("ammo" → "weapon"). */
  readonly synonym: boolean;
}

/** Raw text → stemmed terms, stop words removed, in order, without repeats. */
export function analyze(input: string, mode: AnalyzeMode = "query"): QueryTerm[] {
  return analyzeNormalized(normalizeText(input), mode);
}

/** Already normalised text (normalizeText's output) → stemmed terms. */
export function analyzeNormalized(normalized: string, mode: AnalyzeMode = "query"): QueryTerm[] {
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  for (const raw of applyCompounds(normalized, mode).split(" ")) {
    if (raw === "" || STOP_WORDS.has(raw)) continue;
    const word = SYNONYMS.get(raw) ?? raw;
    // Lone letters are noise ("f" of a broken "f 16"); lone digits can matter.
    if (word.length === 1 && !/\d/.test(word)) continue;
    const functional = FUNCTION_WORDS.has(word);
    const term = functional ? word : stemmer(word);
    if (seen.has(term)) continue;
    seen.add(term);
    terms.push({ term, word: raw, functional, synonym: word !== raw });
  }
  return terms;
}
