import nlp from "compromise";
import { escapeRegExp } from "../regexp.js";
import type { FactRecord, SentenceRecord } from "./schema.js";

/**
 * Draft fact cards for a new pack, from the named entities in its sentences: people, places and
 * organisations found by compromise (a part-of-speech tagger with a lexicon of names and places), dates and
 * times, money, percentages and numbers with their units found by pattern. Each card has its name, kind,
 * aliases (a person's surname and title + surname, an acronym given in brackets), a one-line description
 * taken from the first sentence that says who or what it is (or the first sentence that mentions it), and
 * every sentence that mentions it. Drafts: a curator keeps, merges or deletes them.
 */

type Kind = FactRecord["kind"];

interface Draft {
  name: string;
  kind: Kind;
  aliases: Set<string>;
  sentences: string[];
}

const TITLES = [
  "Mr",
  "Mrs",
  "Ms",
  "Mx",
  "Dr",
  "Prof",
  "Sir",
  "Dame",
  "Mayor",
  "President",
  "Prime Minister",
  "Minister",
  "Gen",
  "Col",
  "Capt",
  "Sen",
  "Gov",
  "Rep",
  "Judge",
  "Chancellor",
  "King",
  "Queen",
  "Pope",
  "Rev",
  "Lord",
  "Lady",
];
const TITLE = new RegExp(`^(?:(?:${TITLES.map((t) => t.replace(/ /g, "\\s")).join("|")})\\.?\\s+)+`, "u");
const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const DATE_PATTERNS = [
  new RegExp(
    `\\b(?:(?:${DAYS}),?\\s+)?(?:\\d{1,2}\\s+(?:${MONTHS})|(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?)(?:,?\\s+\\d{4})?\\b`,
    "gu",
  ),
  new RegExp(`\\b(?:(?:early|mid|late|the end of)\\s+)?(?:${MONTHS})(?:\\s+\\d{4})?\\b`, "gu"),
  new RegExp(`\\b(?:last|next|on|this)\\s+(?:${DAYS})\\b`, "gu"),
  /\b\d{1,2}(?:[.:]\d{2})?\s?(?:a\.m\.|p\.m\.)/gu,
  /\b(?:in|since|by|until|from|of|before|after)\s+((?:19|20)\d{2})\b/gu,
];
const UNIT_WORDS = "million|billion|trillion|thousand|bn|per\\s?cent|percent";
const NUMBER_PATTERNS = [
  new RegExp(`[€$£¥]\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s(?:${UNIT_WORDS}))?`, "gu"),
  /\b\d[\d,]*(?:\.\d+)?\s?%/gu,
  new RegExp(
    `\\b\\d[\\d,]*(?:\\.\\d+)?(?:\\s(?:${UNIT_WORDS}))?\\s(?:km|kilometres|kilometers|miles|metres|meters|kg|tonnes|tons|hours|minutes|days|weeks|months|years|[a-z][a-z-]+s)\\b`,
    "gu",
  ),
];
/** Plural nouns that make a poor unit ("2019 plans" is not a quantity of plans). */
const NOT_UNITS = new Set(["is", "was", "has", "as", "its", "this", "his", "us", "thus", "plus", "bus"]);

export function draftFacts(sentences: readonly SentenceRecord[]): FactRecord[] {
  const drafts = new Map<string, Draft>();
  /** Alias (lower case) → the key of the draft that owns it. */
  const owner = new Map<string, string>();
  const add = (kind: Kind, name: string, sentenceId: string, aliases: readonly string[] = []): void => {
    const clean = name
      .replace(/^[\s"'(]+|[\s"'),;:]+$/g, "")
      .replace(/(?<!\b[ap]\.m)\.$/, "")
      .replace(/'s$/, "")
      .replace(/^on\s+/, "");
    if (clean.length < 3 || clean.length > 100) return;
    // Names of people, places and organisations start with a capital; a tagger's guess that does not is noise.
    if ((kind === "person" || kind === "place" || kind === "organisation") && !/^[\p{Lu}\d]/u.test(clean)) return;
    const key = owner.get(clean.toLowerCase()) ?? `${kind}:${clean.toLowerCase()}`;
    let draft = drafts.get(key);
    if (draft === undefined) {
      draft = { name: clean, kind, aliases: new Set(), sentences: [] };
      drafts.set(key, draft);
      owner.set(clean.toLowerCase(), key);
    }
    for (const alias of aliases) {
      const a = alias.trim();
      if (a === "" || a.toLowerCase() === draft.name.toLowerCase() || owner.has(a.toLowerCase())) continue;
      draft.aliases.add(a);
      owner.set(a.toLowerCase(), key);
    }
    if (!draft.sentences.includes(sentenceId)) draft.sentences.push(sentenceId);
  };

  for (const { id, text } of sentences) {
    // Acronyms given in brackets name the words before them: "Metropolitan Transit Board (MTB)".
    for (const m of text.matchAll(
      /((?:\p{Lu}[\p{L}&'.-]*\s+(?:(?:of|the|and|for|on)\s+)*)+\p{Lu}[\p{L}&'.-]*)\s+\((\p{Lu}{2,6})\)/gu,
    )) {
      add("organisation", m[1]!.replace(/^(?:The|A|An)\s+/, ""), id, [m[2]!]);
    }
    const doc = nlp(text);
    for (const person of doc.people().json() as { text: string }[]) {
      const full = person.text.replace(/[,.;:]+$/, "").replace(/'s$/, "");
      const title = TITLE.exec(full)?.[0]?.trim();
      const name = full.replace(TITLE, "").trim();
      if (name === "") continue;
      const parts = name.split(/\s+/);
      const surname = parts.length > 1 ? parts.at(-1)! : undefined;
      // "Mr. Wójcik" after "Mr. Tomasz Wójcik": the same person, by surname.
      const known = owner.get(name.toLowerCase()) ?? (parts.length === 1 ? owner.get(name.toLowerCase()) : undefined);
      const aliases = [
        surname,
        title !== undefined && surname !== undefined ? `${title} ${surname}` : undefined,
      ].filter((a): a is string => a !== undefined);
      if (known === undefined && parts.length === 1 && title !== undefined) {
        // A title and a surname alone: keep it only as a mention of someone already named.
        const byTitle = owner.get(`${title} ${name}`.toLowerCase()) ?? owner.get(name.toLowerCase());
        if (byTitle !== undefined) add("person", drafts.get(byTitle)!.name, id);
        else add("person", `${title} ${name}`, id);
        continue;
      }
      add("person", name, id, aliases);
    }
    for (const place of doc.places().json() as { text: string }[]) add("place", place.text, id);
    for (const org of doc.organizations().json() as { text: string }[])
      add("organisation", org.text.replace(/^(?:the|a|an)\s+/i, ""), id);
    // Dates: the longest match wins where matches overlap ("Saturday, March 3", not also "March").
    const spans: { start: number; end: number; text: string }[] = [];
    for (const pattern of DATE_PATTERNS) {
      for (const m of text.matchAll(pattern)) {
        const found = m[1] ?? m[0];
        const start = m.index + m[0].indexOf(found);
        spans.push({ start, end: start + found.length, text: found });
      }
    }
    spans.sort((a, b) => b.end - b.start - (a.end - a.start));
    const taken: { start: number; end: number }[] = [];
    for (const span of spans) {
      if (taken.some((t) => span.start < t.end && t.start < span.end)) continue;
      taken.push(span);
      add("date", span.text, id);
    }
    for (const pattern of NUMBER_PATTERNS) {
      for (const m of text.matchAll(pattern)) {
        const lastWord = m[0].split(/\s+/).at(-1)!.toLowerCase();
        if (NOT_UNITS.has(lastWord) || /^(?:19|20)\d{2}\s/.test(m[0])) continue;
        add("number", m[0], id);
      }
    }
  }

  // Later mentions by an alias alone (a surname, an acronym) are mentions too.
  const facts: FactRecord[] = [];
  const usedIds = new Set<string>();
  for (const draft of drafts.values()) {
    const names = [draft.name, ...draft.aliases];
    for (const { id, text } of sentences) {
      if (!draft.sentences.includes(id) && names.some((n) => mentions(text, n))) draft.sentences.push(id);
    }
    draft.sentences.sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    let slug = draft.name
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/€/g, "eur-")
      .replace(/\$/g, "usd-")
      .replace(/£/g, "gbp-")
      .replace(/%/g, "-percent")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "");
    if (slug === "") slug = draft.kind;
    let id = slug;
    for (let n = 2; usedIds.has(id); n++) id = `${slug}-${n}`;
    usedIds.add(id);
    facts.push({
      id,
      name: draft.name,
      kind: draft.kind,
      aliases: [...draft.aliases],
      description: describe(draft, sentences),
      sentences: draft.sentences,
      related: [],
    });
  }
  return facts;
}

function mentions(text: string, name: string): boolean {
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, "u").test(text);
}

/**
 * A one-line description from the article's own words: the clause that says who or what it is
 * ("X, who leads…", "X, a U.S. firm…", "the board's chief executive, X"), or else the first sentence that
 * mentions it.
 */
function describe(draft: Draft, sentences: readonly SentenceRecord[]): string {
  const texts = draft.sentences.map((id) => sentences.find((s) => s.id === id)!.text);
  const names = [draft.name, ...draft.aliases].sort((a, b) => b.length - a.length);
  if (draft.kind === "person" || draft.kind === "organisation" || draft.kind === "place") {
    for (const text of texts) {
      for (const name of names) {
        const at = text.indexOf(name);
        if (at === -1) continue;
        const after = /^(?:\s*\([^)]*\))?,\s+((?:who|which|a|an|the|one of)\s[^,."]+)/u.exec(
          text.slice(at + name.length),
        );
        if (after !== undefined && after !== null) return truncate(`${draft.name}: ${after[1]!.trim()}`);
        const before = /(?:^|,\s+|\bthe\s+)((?:the\s+)?[\p{L}'’ -]+?),\s+(?:\p{Lu}[\p{L}.]*\s+)?$/u.exec(
          text.slice(0, at),
        );
        if (before !== null && before[1]!.split(/\s+/).length <= 8 && /\p{Ll}/u.test(before[1]!)) {
          return truncate(`${draft.name}: ${before[1]!.trim()}`);
        }
      }
    }
  }
  return truncate(texts[0] ?? draft.name);
}

function truncate(text: string): string {
  return text.length <= 400 ? text : `${text.slice(0, 399).trimEnd()}…`;
}
