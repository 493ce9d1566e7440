import type { Fact, Sentence } from "../knowledge/types.js";
import { escapeRegExp } from "../regexp.js";
import { normalizeText } from "../search/normalize.js";

/**
 * Stage: the short answer. A curated answer is used when it answers the kind of question asked;
 * otherwise the answer is drawn from the cited sentence's own words: who → the person, when → the
 * time phrase, how many → the quantity, where → the place, why → the reason, yes/no → "Yes —"/"No —"
 * with the settling fact. Nothing is invented: every phrase drawn comes verbatim from the sentence.
 */
export type QuestionType = "who" | "when" | "where" | "why" | "quantity" | "yesno" | "action" | "other";

const AUX = "is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|isnt|wasnt|didnt|doesnt|arent|hasnt";
const LEAD = "(?:so|wait|but|and|ok|okay|hey|yo|bot|um|hmm|like|also|then|lol|bro|ngl|tbh|real quick|quick q)";
/** A yes/no question opens with an auxiliary, perhaps after chat filler ("so is nk…"). */
const YES_NO = new RegExp(`^(?:${LEAD} )*(?:${AUX})\\b`);

export function questionType(question: string): QuestionType {
  const q = normalizeText(question);
  if (/\bhow (?:many|much)\b|\bnumber of\b/.test(q)) return "quantity";
  if (/\b(?:when|what (?:year|month|date|day|time)|how long)\b/.test(q)) return "when";
  if (/\bwho(?:se|m)?\b/.test(q)) return "who";
  if (/\bwhere\b/.test(q)) return "where";
  if (/\bwhy\b|\bwhat for\b|\bhow come\b|\breason\b/.test(q)) return "why";
  if (YES_NO.test(q)) return "yesno";
  if (ACTION.test(q)) return "action";
  return "other";
}

const NUMBER =
  "\\d[\\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundreds?|thousands?|millions?|dozens?|multiple|numerous|several|a string of|second|both";
const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
const TIME = new RegExp(
  `\\b(?:(?:in|since|until|by|from) )?(?:(?:just )?(?:${NUMBER}) (?:years?|months?|weeks?|days?|decades?) (?:ago|after|before|later|earlier)|` +
    `(?:last|next|this) (?:week|month|year)|earlier this year|for decades|tomorrow|today|yesterday|` +
    `(?:in )?(?:${MONTHS})(?: \\d{4})?|(?:in )?\\d{4}|(?:almost|nearly|about)? ?a quarter century)\\b`,
  "i",
);
const QUANTITY = new RegExp(
  `\\b(?:${NUMBER})(?:[ -][\\w-]+){0,4}?\\b(?=[,.;:–]|$| (?:and|in|on|at|for|with|of|into|since|to|from|according)\\b)`,
  "i",
);
/** "what did Russia do (in March)": the subject is the group. */
const ACTION = /\bwhat (?:did|does|do|has|have|had|is|are|was|were) ([\w ]+?) (?:do|doing|done|did)\b/;
const REASON_CUE =
  /\b(?:amid|because|due to|suspicion|in order to|to secure|in return|so that|reason|aims?|seeking|wants?)\b/i;
const REASON =
  /\b(?:amid|because(?: of)?|due to|as|in order to|in preparation for|for use in|in return|to (?=secure|consolidate|meet|end))\b/i;

/** Whether a text already answers a question of this type (so a curated answer can stand). */
function fitsType(type: QuestionType, text: string, people: readonly Fact[], question: string): boolean {
  switch (type) {
    case "who": {
      // A person other than the one asked about: "who is Kim Jong Un's father" wants Kim Jong Il.
      const asked = normalizeText(question);
      const said = normalizeText(text);
      return people.some((p) =>
        namesOf(p).some((name) => wordPattern(name).test(said) && !wordPattern(name).test(asked)),
      );
    }
    case "why":
      return REASON_CUE.test(text);
    case "action":
      // A bare time or place ("In March.") says when, not what was done.
      return text.split(" ").length > 4;
    case "when":
      return TIME.test(text);
    case "quantity":
      return QUANTITY.test(text) || /\b\d/.test(text);
    case "yesno":
      return /^(?:yes|no)\b/i.test(text.trim());
    default:
      return true;
  }
}

export interface ComposeInput {
  readonly question: string;
  /** The curated answer or fact card description, if the match has one. */
  readonly curated?: string;
  /** The curated entry's own question, to tell whether it asks the same kind of thing. */
  readonly curatedQuestion?: string;
  /** The cited sentences, best first. */
  readonly sentences: readonly Sentence[];
  /** Known people and places (fact names), for who/where answers; empty without fact cards. */
  readonly people: readonly Fact[];
  readonly places: readonly Fact[];
}

export function composeAnswer({ question, curated, curatedQuestion, sentences, people, places }: ComposeInput): string {
  const type = questionType(question);
  const first = sentences[0];
  const sameKind = curatedQuestion === undefined || sameQuestionKind(type, questionType(curatedQuestion));
  const drawn = first === undefined ? undefined : draw(type, question, first, people, places);
  // "Who is Kim Jong Un's father?": the person the sentence names besides those asked about leads.
  if (type === "who" && drawn !== undefined && curated !== undefined && sameKind) {
    return curated.includes(drawn) ? curated : `${drawn} — ${lowerFirst(curated)}`;
  }
  if (curated !== undefined && sameKind && fitsType(type, curated, people, question)) return curated;
  if (first === undefined) return curated ?? "";
  if (type === "yesno") {
    const settling = curated !== undefined && sameKind ? curated : quoteOf(first);
    return `Yes — ${lowerFirst(settling)}`;
  }
  if (drawn !== undefined && (type === "why" || type === "action")) return drawn.endsWith(".") ? drawn : `${drawn}.`;
  if (drawn !== undefined) return curated !== undefined && sameKind ? `${drawn} — ${lowerFirst(curated)}` : `${drawn}.`;
  return curated !== undefined && sameKind ? curated : `The article says: ${quoteOf(first)}`;
}

function sameQuestionKind(asked: QuestionType, entry: QuestionType): boolean {
  if (asked === "other" || asked === "yesno") return true;
  return asked === entry || entry === "other";
}

/** The phrase of the sentence that answers the question type, verbatim, or undefined. */
function draw(
  type: QuestionType,
  question: string,
  sentence: Sentence,
  people: readonly Fact[],
  places: readonly Fact[],
): string | undefined {
  const text = sentence.text;
  const asked = normalizeText(question);
  switch (type) {
    case "who":
      return nameIn(text, asked, people) ?? capitalisedName(text, asked);
    case "where":
      return nameIn(text, asked, places);
    case "when":
      return capitalise(text.match(TIME)?.[0]);
    case "quantity":
      return capitalise(text.match(QUANTITY)?.[0]);
    case "why": {
      const at = text.search(REASON);
      return at < 0 ? undefined : capitalise(text.slice(at).replace(/[.]$/, ""));
    }
    case "action": {
      // From the subject on: "Russia used its UN Security Council veto to effectively end UN monitoring…".
      const subject = asked
        .match(ACTION)?.[1]
        ?.split(" ")
        .filter((w) => w.length > 2 && w !== "the");
      if (subject === undefined || subject.length === 0) return undefined;
      const at = text.search(new RegExp(`\\b${subject[0]}`, "i"));
      return at < 0 ? undefined : capitalise(text.slice(at));
    }
    default:
      return undefined;
  }
}

/** A known name (fact name or alias) that the sentence uses and the question does not. */
function nameIn(text: string, asked: string, facts: readonly Fact[]): string | undefined {
  const lower = normalizeText(text);
  for (const fact of facts) {
    const names = namesOf(fact);
    const used = names.find((n) => wordPattern(n).test(lower));
    if (used !== undefined && !names.some((n) => wordPattern(n).test(asked))) return fact.name;
  }
  return undefined;
}

/** Without fact cards: the first run of two or more capitalised words the question does not contain. */
function capitalisedName(text: string, asked: string): string | undefined {
  for (const m of text.matchAll(/\b(?:[A-Z][\w'-]+)(?: [A-Z][\w'-]+)+/g)) {
    if (m.index === 0 && !/ /.test(m[0].slice(m[0].indexOf(" ") + 1))) continue;
    if (!asked.includes(normalizeText(m[0]))) return m[0];
  }
  return undefined;
}

const patterns = new Map<string, RegExp>();
const factNames = new WeakMap<Fact, readonly string[]>();

/** A fact's name and aliases, normalised once per fact, not on every question. */
function namesOf(fact: Fact): readonly string[] {
  let names = factNames.get(fact);
  if (names === undefined) {
    factNames.set(
      fact,
      (names = [fact.name, ...fact.aliases].map((n) => normalizeText(n)).filter((n) => n.length > 2)),
    );
  }
  return names;
}

/** A whole-word pattern for a normalised name, compiled once (names come from the knowledge base). */
function wordPattern(name: string): RegExp {
  let pattern = patterns.get(name);
  if (pattern === undefined) patterns.set(name, (pattern = new RegExp(`\\b${escapeRegExp(name)}\\b`)));
  return pattern;
}

function quoteOf(sentence: Sentence): string {
  return `"${sentence.text}" (${sentence.id})`;
}

function capitalise(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const t = text.trim();
  return t[0]!.toUpperCase() + t.slice(1);
}

/** Lower-cases a leading common word ("The", "In") after a dash; names and quotes stay as written. */
function lowerFirst(text: string): string {
  return /^(?:The|In|It|He|She|They|A|An|Both|According|Last|Earlier|Since|Yes|No)\b/.test(text)
    ? text[0]!.toLowerCase() + text.slice(1)
    : text;
}
