/**
 * Typed spans of a sentence: the times, durations, amounts of money, percentages, quantities, numbers,
 * people, organisations and places it states, each a verbatim slice of the text. Two uses: answer-type
 * evidence (a "when" question prefers a sentence that states a time) and the short answer (a "how much"
 * question is answered with the sentence's amount, in its own words, never a fragment cut mid-phrase).
 *
 * Patterns, not a statistical tagger: they run on every question's candidate sentences and must be fast and
 * predictable. Names are recognised by their shape (runs of capitalised words, with titles such as "Dr." and
 * particles such as "de"), classified as an organisation or a place by their last word ("… Council",
 * "… Street") or by the preposition before them ("in Hamburg").
 */
export type SpanType =
  "time" | "duration" | "money" | "percent" | "quantity" | "number" | "person" | "organisation" | "place" | "age";

export interface Span {
  readonly type: SpanType;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const SPAN_TYPES: readonly SpanType[] = [
  "time",
  "duration",
  "money",
  "percent",
  "quantity",
  "number",
  "person",
  "organisation",
  "place",
  "age",
];

/** A bit per span type, for masks. */
export const SPAN_BIT: Readonly<Record<SpanType, number>> = Object.fromEntries(
  SPAN_TYPES.map((t, i) => [t, 1 << i]),
) as Record<SpanType, number>;

const NUMBER_WORD =
  "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|a thousand|a dozen|dozens|hundreds|thousands|millions|half a|a half|a couple of|several|a few)";
const COMPOUND_NUMBER = `(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|${NUMBER_WORD})`;
const NUM = "(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?";
const ANY_NUM = `(?:${NUM}|${COMPOUND_NUMBER})`;
const SCALE = "(?:\\s?(?:m|bn|k|million|billion|thousand|trillion)\\b)?";
const MONTH =
  "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?";
const WEEKDAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?";
const CLOCK = `(?:\\d{1,2}[:.]\\d{2}(?:\\s?(?:a\\.m\\.|p\\.m\\.|am|pm|AM|PM))?(?:\\s?(?:UTC|GMT|BST|CET|CEST|EST|EDT|PST|PDT))?|\\d{1,2}\\s?(?:a\\.m\\.|p\\.m\\.|am|pm|AM|PM)(?:\\s?(?:UTC|GMT|BST|CET|CEST|EST|EDT|PST|PDT))?|noon|midday|midnight)`;
const DAY = "\\d{1,2}(?:st|nd|rd|th)?(?!\\d)";
const PART_OF_DAY = "(?:\\s(?:morning|afternoon|evening|night|lunchtime))?";
const FULL_MONTH = "(?:January|February|March|April|June|July|August|September|October|November|December)";
const DATE = `(?:(?:${WEEKDAY},?\\s)?(?:${DAY}\\s${MONTH}(?:,?\\s\\d{4})?|${MONTH}\\s\\d{4}|${MONTH}\\s${DAY}(?:,?\\s\\d{4})?)|${WEEKDAY}${PART_OF_DAY}|(?:early|mid|late)[- ](?:${MONTH}|\\d{4}s?)|(?:spring|summer|autumn|fall|winter)(?:\\s\\d{4})?|${FULL_MONTH})`;
const RELATIVE =
  "(?:tomorrow|yesterday|today|tonight|this (?:week|month|year|morning|afternoon|evening|season)|(?:last|next) (?:week|month|year|season|spring|summer|autumn|winter|weekend)|earlier this (?:week|month|year)|later this (?:week|month|year))";
const UNIT =
  "(?:km|kilomet(?:er|re)s?|m|met(?:er|re)s?|cm|mm|miles?|ft|feet|foot|inch(?:es)?|kg|kilos?|kilograms?|g|grams?|tonnes?|tons?|lbs?|pounds? in weight|l|litres?|liters?|ml|kWh|Wh|W|watts?|V|volts?|mph|km/h|kph|°C|°F|C|F|degrees?|hectares?|acres?|sq(?:uare)? (?:met(?:er|re)s?|feet|miles|km)|storeys?|floors?|GB|MB|TB|Hz|fps|Nm|rpm|mAh|Ah|dB|psi|bhp|hp|cc|x)";
const DURATION_UNIT =
  "(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centuries|century)";

function source(...parts: string[]): RegExp {
  return new RegExp(parts.join("|"), "g");
}

/** Number words start sentences too ("Twenty-three mature trees"). */
function anyCase(...parts: string[]): RegExp {
  return new RegExp(parts.join("|"), "gi");
}

const PATTERNS: readonly (readonly [SpanType, RegExp])[] = [
  [
    "age",
    anyCase(`\\b${ANY_NUM}[- ]years?[- ]old\\b`, `\\baged (?:${ANY_NUM})(?: (?:and|or) (?:over|under|above))?\\b`),
  ],
  [
    "money",
    source(
      `(?:[£$€¥]|US\\$|A\\$|C\\$)\\s?${NUM}${SCALE}`,
      `\\b${NUM}${SCALE}\\s?(?:pounds|dollars|euros|pence|cents|p\\b(?!\\.)|kr|kronor|SEK|NOK|DKK|CHF|yen|yuan|rupees|EUR|GBP|USD)`,
      `\\b(?:EUR|GBP|USD|SEK|NOK|DKK|CHF|JPY)\\s?${NUM}${SCALE}`,
      `\\b(?:free(?![-\\w])|half price|full price|no extra cost|no charge)`,
    ),
  ],
  [
    "percent",
    source(
      `\\b${ANY_NUM}\\s?(?:%|per ?cent(?:age points?)?)`,
      `\\b(?:half|a third|a quarter|two thirds) (?:of|the)\\b`,
    ),
  ],
  [
    "time",
    source(
      `\\b(?:(?:on|in|from|until|by|since|before|after|at|between)\\s)?${DATE}(?:\\s(?:at|from)\\s${CLOCK})?`,
      `\\b${CLOCK}`,
      `\\b(?:in |since |by |until |from |before |after )?(?:1[5-9]\\d\\d|20\\d\\d)s?\\b`,
      `\\b${RELATIVE}\\b`,
      `\\b${ANY_NUM}\\s${DURATION_UNIT}\\s(?:ago|earlier|later|before|after)\\b`,
      `\\bthe\\s\\d{1,3}(?:st|nd|rd|th)\\sminute\\b`,
      `\\b(?:stoppage|injury|added) time\\b`,
    ),
  ],
  [
    "duration",
    source(
      `\\b(?:(?:for|within|after|over|up to|at least|about|around|nearly|almost|more than|less than)\\s)?${ANY_NUM}[ -]${DURATION_UNIT}\\b`,
      `\\b${NUM}s\\b`,
      `\\b(?:an?|one)\\s(?:hour|day|week|month|year|minute|fortnight|night)\\b`,
    ),
  ],
  [
    "quantity",
    anyCase(
      `\\b${ANY_NUM}[\\s-]?${UNIT}\\b`,
      `\\b${ANY_NUM}(?:\\s(?:more|new|extra|other|additional|existing|mature|replacement|full-time|part-time|of the|of its|of their))?\\s(?:[a-z][a-z-]{2,}s|people|children|men|women|staff|police|fish|sheep|cattle|personnel|data)\\b`,
    ),
  ],
  // A number inside a name ("F-16", "Covid-19") is part of the name, not a count.
  ["number", anyCase(`(?<![\\w£$€.,]|[A-Za-z]-)${NUM}(?:st|nd|rd|th)?\\b`, `\\b${COMPOUND_NUMBER}\\b`)],
];

const TITLE =
  "(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sir|Dame|Lord|Lady|Rev|Gen|Col|Capt|Sgt|Lt|Cllr|Councillor|President|Prime Minister|Minister|Mayor|Judge|Chief|Inspector|Detective|Sister|Father|King|Queen|Prince|Princess)\\.?";
const CAP = "[A-Z][\\p{Ll}'’]+(?:[A-Z][\\p{Ll}'’]*)*(?:-[A-Z]?[\\p{Ll}'’]+)*|[A-Z]{2,}(?![a-z])|[A-Z]\\.";
const PARTICLE = "(?:de|da|del|der|van|von|la|le|bin|al|el|du|di|dos|of|the|and|&)";
// A name may end in a single letter ("Point A", "Plan B").
const NAME = new RegExp(
  `(?:${TITLE}\\s)?(?:${CAP})(?:\\s(?:${PARTICLE}\\s)?(?:${CAP}))*(?:\\s[A-Z](?![\\p{L}\\p{N}.'’]))?`,
  "gu",
);
/** A job or role written like a name ("Sports Reporter", "Head Coach"): not a person. */
const ROLE_WORD =
  /^(?:Reporter|Correspondent|Editor|Writer|Columnist|Manager|Director|Officer|Coach|Captain|Leader|Chair|Chairman|Chairwoman|Spokesperson|Spokesman|Spokeswoman|Secretary|Analyst|Producer|Designer|Engineer|Lead|Team)$/;
const ORGANISATION_WORD =
  /\b(?:Council|Committee|Board|Agency|Authority|Service|Services|Department|Ministry|Office|Bank|Group|Company|Co|Co-operative|Cooperative|Ltd|Limited|plc|Inc|Corp|GmbH|AG|SA|SpA|AB|LLC|University|College|School|Institute|Trust|Foundation|Fund|Association|Society|Union|Club|Athletic|Rovers|United|City|FC|Party|Commission|Court|Parliament|Government|Studios?|Games|Team|Network|Hospital|Clinic|NHS|Police|Journal|Review|Press|Times|News|Post|Federation|League|Premiership|Cup)\b/;
const PLACE_WORD =
  /\b(?:Street|St|Road|Rd|Lane|Avenue|Ave|Way|Square|Park|Bridge|Station|River|Lake|Bay|Hill|Mount|Valley|Island|Islands|Coast|Harbour|Harbor|Quay|Quayside|Port|Town|Village|County|Province|Region|Hall|Centre|Center|Library|Stadium|Ground|Arena|Market|Gate|Row|Place|Close|Court|Wharf|Yard|Estate|Airport|Beach|Forest|Canal|Docks?|Refinery|Square)\b/;
const NOT_A_NAME = new RegExp(
  `^(?:${MONTH}|${WEEKDAY}|The|A|An|In|On|At|It|He|She|They|We|I|You|This|That|These|Those|But|And|Or|If|When|While|After|Before|Since|As|For|From|By|With|Without|Yes|No|Q|A|New|Our|Their|His|Her|Its|All|Each|Every|Some|There|Here|What|Who|Why|How|Where|Which)$`,
);
const PLACE_PREPOSITION = /\b(?:in|at|near|from|to|into|across|around|outside|inside|towards?)\s$/;

/** Names known from elsewhere in the article: a surname met alone ("Frayne") is a person when "Callum Frayne" is one. */
export interface KnownNames {
  readonly people: ReadonlySet<string>;
}

/** The names of a sentence: runs of capitalised words, classified as person, organisation or place. */
function nameSpans(text: string, known: KnownNames | undefined): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(NAME)) {
    let value = m[0];
    let start = m.index;
    // A capitalised first word of the sentence that is a common word is not part of the name.
    const words = value.split(/\s+/);
    while (words.length > 0 && NOT_A_NAME.test(words[0]!)) {
      const dropped = words.shift()!;
      start += dropped.length + 1;
    }
    while (words.length > 0 && new RegExp(`^(?:${PARTICLE})$`).test(words.at(-1)!)) words.pop();
    if (words.length === 0) continue;
    words[words.length - 1] = words.at(-1)!.replace(/['’]s?$/, "");
    value = words.join(" ");
    if (value.length < 2 || /^[A-Z]\.$/.test(value)) continue;
    const atSentenceStart = start === 0 || /[.!?"]\s*$/.test(text.slice(0, start));
    const before = text.slice(Math.max(0, start - 14), start);
    let type: SpanType;
    if (ORGANISATION_WORD.test(value)) type = "organisation";
    else if (PLACE_WORD.test(value) || PLACE_PREPOSITION.test(before)) type = "place";
    else if (ROLE_WORD.test(words.at(-1)!)) continue;
    else if (words.length >= 2 || new RegExp(`^${TITLE}\\s`).test(value)) type = "person";
    else if (known?.people.has(value) === true) type = "person";
    else if (/^[A-Z]{2,}$/.test(value)) type = "organisation";
    else if (!atSentenceStart && /\b(?:of|in|at|from|near)\s$/.test(before)) type = "place";
    else continue;
    out.push({ type, start, end: start + value.length, text: value });
  }
  return out;
}

/** Every typed span of a text, longest first where they overlap (a money amount is not also a bare number). */
export function findSpans(text: string, known?: KnownNames): Span[] {
  const found: Span[] = [];
  for (const [type, pattern] of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      if (m[0].trim() === "") continue;
      const lead = m[0].length - m[0].trimStart().length;
      const value = m[0].trim();
      found.push({ type, start: m.index + lead, end: m.index + lead + value.length, text: value });
    }
  }
  found.push(...nameSpans(text, known));
  // Keep the longest of overlapping spans of the number family; names and numbers may overlap ("Season 7").
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Span[] = [];
  for (const span of found) {
    // A bare number inside any other span (a date, an amount, a name) is part of it.
    if (
      span.type === "number" &&
      found.some((o) => o !== span && o.type !== "number" && o.start <= span.start && span.end <= o.end)
    )
      continue;
    const clash = kept.find((k) => k.start < span.end && span.start < k.end && family(k.type) === family(span.type));
    if (clash === undefined) kept.push(span);
    else if (span.end - span.start > clash.end - clash.start) kept.splice(kept.indexOf(clash), 1, span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function family(type: SpanType): "amount" | "name" {
  // Names and amounts of time may not overlap either: "6 March" is a date, not a person.
  return type === "person" || type === "organisation" || type === "place" || type === "time" ? "name" : "amount";
}

/** The people an article names with a first name and a surname, and their surnames alone. */
export function knownNames(texts: readonly string[]): KnownNames {
  const people = new Set<string>();
  for (const text of texts) {
    for (const span of nameSpans(text, undefined)) {
      if (span.type !== "person") continue;
      const words = span.text.split(" ").filter((w) => !new RegExp(`^${TITLE}$`).test(w));
      if (words.length >= 2) people.add(words.at(-1)!);
    }
  }
  return { people };
}

export function spanMask(spans: readonly Span[]): number {
  let mask = 0;
  for (const s of spans) mask |= SPAN_BIT[s.type];
  return mask;
}
