import type { FactKind } from "../knowledge/schema.js";
import type { KnowledgeBase, SentenceRole } from "../knowledge/types.js";
import { normalizeText } from "../search/normalize.js";
import type { Span } from "../search/spans.js";
import { escapeRegExp } from "../regexp.js";

/**
 * The people, groups, places and things an article names, for following a conversation: which of them a
 * question, a short answer or a sentence mentions, and, for a person, whether the article calls them "he" or
 * "she". Built once per pack from its sentences' typed name spans (search/spans.ts), its capitalised words and,
 * in a curated pack, its fact cards; read by pure functions.
 */
export type NameKind = "person" | "group" | "place" | "thing";

export interface Named {
  /** As the article (or its fact card) writes it: "Kim Yo Jong", "Lusk Café". */
  readonly name: string;
  readonly kind: NameKind;
  /** For a person: how the article refers to them, when it says. */
  readonly gender: "male" | "female" | undefined;
  /** The normalised texts that name it in a question ("kim yo jong", "kim sister", "pike"). */
  readonly forms: readonly string[];
  /** How the article usually names it: the form in most of its sentences ("pellow" for Gordon Pellow). */
  readonly usual: string;
}

const FACT_KIND: Readonly<Partial<Record<FactKind, NameKind>>> = {
  person: "person",
  organisation: "group",
  country: "place",
  place: "place",
  weapon: "thing",
  programme: "thing",
  event: "thing",
};

const SPAN_KIND: Readonly<Partial<Record<Span["type"], NameKind>>> = {
  person: "person",
  organisation: "group",
  place: "place",
};

/** How strongly a source says what kind a name is: a curated card is authoritative; a group or place beats "person". */
const KIND_RANK: Readonly<Record<NameKind, number>> = { thing: 0, person: 1, place: 2, group: 2 };

const TITLE = /^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lord|lady|rev|cllr|councillor|president|minister|mayor|judge)$/;
/** Titles and family words that say "he" or "she" of the name they stand before (or that a curated alias uses). */
const MALE_WORDS = /\b(?:mr|sir|lord|king|prince|father|brother|son|husband|uncle|nephew|grandfather|boy)\b/;
const FEMALE_WORDS =
  /\b(?:mrs|ms|miss|dame|lady|queen|princess|mother|sister|daughter|wife|aunt|niece|grandmother|girl)\b/;
/** Capitalised words that name nothing: sentence openers, days, months, pronouns. */
const NOT_A_NAME =
  /^(?:The|A|An|In|On|At|It|He|She|They|We|I|You|This|That|These|Those|But|And|Or|If|When|While|After|Before|Since|As|For|From|By|With|Yes|No|Our|Their|His|Her|Its|All|Each|Every|Some|There|Here|What|Who|Why|How|Where|Which|Mr|Mrs|Ms|Dr|Will|Can|Could|Would|Should|Do|Does|Did|Is|Are|Was|Were|Has|Have|Had|Yes|No|Please|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Q|UTC|GMT)$/;

/** Headings and titles name sections ("Bug Fixes", "Known Issues"), not people or things. */
const LABELS: ReadonlySet<SentenceRole> = new Set(["title", "heading", "byline"]);
/** A capitalised word after a word that is not, and before one that is not: "… ranked Kessa's …", "… and Belgium." */
const STANDALONE_CAPITAL =
  /(?<=[\p{L}\p{N},;:]\s)(?<!\p{Lu}[\p{L}'’.-]*\s)\p{Lu}\p{Ll}[\p{L}'’-]*(?![\p{L}'’-])(?!\s\p{Lu})/gu;

interface Draft {
  name: string;
  kind: NameKind;
  rank: number;
  forms: Set<string>;
}

export class NameTable {
  readonly names: readonly Named[];
  private readonly byForm: ReadonlyMap<string, Named>;
  private readonly pattern: RegExp | undefined;
  private readonly bySentence: ReadonlyMap<string, readonly Named[]>;

  constructor(kb: KnowledgeBase, spans: readonly (readonly Span[])[]) {
    const drafts = new Map<string, Draft>();
    const add = (name: string, kind: NameKind, rank: number, forms: readonly string[] = []): void => {
      const key = normalizeText(name);
      if (key === "" || /^\d/.test(key)) return;
      const draft = drafts.get(key) ?? drafts.set(key, { name, kind, rank, forms: new Set([key]) }).get(key)!;
      if (rank > draft.rank) Object.assign(draft, { name, kind, rank });
      for (const f of forms) {
        const form = normalizeText(f);
        if (form !== "") draft.forms.add(form);
      }
    };
    const curated = kb.status === "curated";
    for (const fact of kb.facts) {
      const kind = FACT_KIND[fact.kind];
      if (kind !== undefined) add(fact.name, kind, curated ? 10 : KIND_RANK[kind], curated ? fact.aliases : []);
    }
    // A curated pack's fact cards name what it is about; the shapes of words add only noise there ("US and South
    // Korea" as a person). A draft's cards are machine-made: the sentences' names complete them.
    spans.forEach((list, position) => {
      if (curated || LABELS.has(kb.sentences[position]?.role ?? "body")) return;
      for (const span of list) {
        const kind = SPAN_KIND[span.type];
        if (kind !== undefined) add(span.text, kind, KIND_RANK[kind]);
      }
    });
    // A person's surname and first name name them too, when no other person shares it; "Mrs Pike" is Sandra Pike.
    const people = [...drafts.values()].filter((d) => d.kind === "person");
    const words = (d: Draft): string[] =>
      normalizeText(d.name)
        .split(" ")
        .filter((w) => !TITLE.test(w));
    const partOf = new Map<string, Draft[]>();
    for (const d of people) {
      const w = words(d);
      if (w.length >= 2) for (const p of new Set([w[0]!, w.at(-1)!])) partOf.set(p, [...(partOf.get(p) ?? []), d]);
    }
    for (const [part, owners] of partOf) if (part.length >= 3 && owners.length === 1) owners[0]!.forms.add(part);
    for (const [key, d] of drafts) {
      const w = words(d);
      const owner = w.length === 1 && d.kind === "person" ? partOf.get(w[0]!) : undefined;
      if (owner?.length !== 1 || owner[0] === d) continue;
      for (const f of d.forms) owner[0]!.forms.add(f);
      drafts.delete(key);
    }
    // A capitalised word standing alone inside a sentence ("Kessa", "Tidebreaker", "Belgium") names something.
    const known = new Set([...drafts.values()].flatMap((d) => [...d.forms]));
    for (const s of kb.sentences) {
      if (curated || LABELS.has(s.role)) continue;
      for (const m of s.text.matchAll(STANDALONE_CAPITAL)) {
        const word = m[0].replace(/['’]s?$/, "");
        if (!NOT_A_NAME.test(word) && !known.has(normalizeText(word))) add(word, "thing", 0);
      }
    }

    const article = kb.sentences.map((s) => s.text);
    const named: Named[] = [...drafts.values()].map((d) => {
      const evidence = d.kind === "thing" || d.kind === "person" ? genderOf(d.forms, article) : undefined;
      // A thing the article plainly calls "he" or "she" is a person (a game's hero, a pet).
      const kind = d.kind === "thing" && evidence?.strong === true ? "person" : d.kind;
      const forms = [...d.forms];
      return {
        name: d.name,
        kind,
        gender: kind === "person" ? evidence?.gender : undefined,
        forms,
        usual: usualForm(forms, article),
      };
    });
    const byForm = new Map<string, Named>();
    // A form two names share names neither (unless one is a curated card's).
    const shared = new Set<string>();
    for (const n of named) {
      for (const f of n.forms) {
        const other = byForm.get(f);
        if (other === undefined) byForm.set(f, n);
        else if (other !== n) shared.add(f);
      }
    }
    for (const f of shared) byForm.delete(f);
    this.names = named;
    this.byForm = byForm;
    const forms = [...byForm.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = forms.length === 0 ? undefined : new RegExp(`(?<= |^)(?:${forms.join("|")})(?= |$)`, "g");
    this.bySentence = new Map(kb.sentences.map((s) => [s.id, this.find(normalizeText(s.text))]));
  }

  /** The names a normalised text mentions, in the order it first mentions them. */
  find(normalized: string): Named[] {
    if (this.pattern === undefined) return [];
    const out: Named[] = [];
    for (const m of normalized.matchAll(this.pattern)) {
      const n = this.byForm.get(m[0]);
      if (n !== undefined && !out.includes(n)) out.push(n);
    }
    return out;
  }

  /** The names a sentence mentions (none for an unknown id). */
  inSentence(id: string): readonly Named[] {
    return this.bySentence.get(id) ?? [];
  }
}

/** The form the most sentences use (the longer of two as common). */
function usualForm(forms: readonly string[], sentences: readonly string[]): string {
  const folded = sentences.map((s) => ` ${normalizeText(s)} `);
  let best = forms[0] ?? "";
  let bestCount = -1;
  for (const form of forms) {
    const count = folded.filter((s) => s.includes(` ${form} `)).length;
    if (count > bestCount || (count === bestCount && form.length > best.length)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}

/**
 * "he" or "she", from how the article refers to someone: the pronouns after each mention in its sentence and in
 * the next, titles ("Mrs Pike") and family words ("Kim's sister Kim Yo Jong") next to it. Undefined when the
 * article does not say, or says both as often.
 */
function genderOf(
  forms: ReadonlySet<string>,
  sentences: readonly string[],
): { gender: "male" | "female"; strong: boolean } | undefined {
  let male = 0;
  let female = 0;
  for (const f of forms) {
    if (MALE_WORDS.test(f)) male += 2;
    if (FEMALE_WORDS.test(f)) female += 2;
  }
  const pattern = new RegExp(
    `\\b(?:${[...forms].map((f) => f.split(" ").map(escapeRegExp).join("[\\s'’-]+")).join("|")})\\b`,
    "i",
  );
  sentences.forEach((text, i) => {
    const m = pattern.exec(text);
    if (m === null) return;
    const sentence = text.toLowerCase();
    const before = sentence.slice(Math.max(0, m.index - 30), m.index);
    const count = (part: string, words: RegExp): number => part.match(new RegExp(words.source, "g"))?.length ?? 0;
    const lastWords = before.split(/\s+/).slice(-3).join(" ");
    male += 2 * count(lastWords, MALE_WORDS);
    female += 2 * count(lastWords, FEMALE_WORDS);
    // The pronouns after it are its own only when it is the sentence's first name (no capitalised word before it
    // but the first): "Joel Mbeki, who runs the Lusk Café, said he …" is about Joel Mbeki, not the café.
    // (Capitalised words just before it are its title: "Council leader Sam Okoro".)
    const earlier =
      text
        .slice(0, m.index)
        .split(/\s+/)
        .slice(0, -3)
        .join(" ")
        .match(/\p{Lu}[\p{L}'’-]*/gu) ?? [];
    if (earlier.some((w) => !NOT_A_NAME.test(w.replace(/['’]s$/, "")))) return;
    // After the name in its sentence, "he"/"she" and "his" (an object "her" is as often someone else: "offered
    // her"); the next sentence when it opens with one.
    // her"); the next sentence when it opens with one, or names nobody else.
    const after = sentence.slice(m.index + m[0].length);
    const nextText = sentences[i + 1] ?? "";
    const next = nextText.toLowerCase();
    const namesNobody = (nextText.match(/\p{Lu}[\p{L}'’-]*/gu) ?? []).every((w) =>
      NOT_A_NAME.test(w.replace(/['’]s$/, "")),
    );
    const follows = (subject: RegExp): number =>
      subject.test(next.replace(/^[^a-z]+/, "").split(" ")[0] ?? "")
        ? 2
        : namesNobody
          ? Math.min(1, count(next, subject))
          : 0;
    male += count(after, /\b(?:he|his|himself)\b/) + follows(/\b(?:he|his)\b/);
    female += count(after, /\b(?:she|hers|herself)\b/) + follows(/\b(?:she|her)\b/);
  });
  // Strong: at least three times, and at least three times as often as the other.
  const strong = (a: number, b: number): boolean => a >= 3 && a >= 3 * b;
  if (male > female) return { gender: "male", strong: strong(male, female) };
  if (female > male) return { gender: "female", strong: strong(female, male) };
  return undefined;
}
