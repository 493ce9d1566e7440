/**
 * Query and index expansion, applied identically to the knowledge base and to questions:
 *
 * - COMPOUNDS add one term for a multi-word name next to its words: "north korea" gains "northkorea", which
 *   "south korea" does not share, so the name outweighs the shared word "korea"; a misspelt name
 *   ("north koria") still matches through its words.
 * - SYNONYMS fold words people use interchangeably about this story onto one term, the way a search
 *   engine's synonym filter does. Groups are general English for this topic (trip/visit/journey,
 *   arms/weapons/munitions…), not copied from any test question; a word in a group means the same as
 *   every other word in it for matching purposes.
 */
export const COMPOUNDS: readonly (readonly [RegExp, string])[] = [
  [/\bnorth(?:ern)? kore(?:a|an|ans)\b|\bdprk\b|\bnk\b|\bnorthkorea\b/g, "north korea northkorea"],
  [/\bsouth kore(?:a|an|ans)\b|\brok\b|\bsk\b|\bsouthkorea\b/g, "south korea southkorea"],
  [/\bunited states(?: of america)?\b|\bamerica\b|\bamerican\b/g, "united states usa"],
  [/\bunited nations\b/g, "united nations un"],
  [/\bsecurity council\b/g, "security council securitycouncil"],
  [/\bfar east\b/g, "far east fareast"],
  [/\bsaudi arabia\b/g, "saudi arabia saudi"],
  [/\bunited arab emirates\b|\bemirates\b/g, "united arab emirates uae"],
  // Not "un": that is the United Nations' term, and "head of the UN" must not find Kim Jong Un.
  [/\bkim jong ?un\b|\bkim jongun\b/g, "kim jong kimjongun"],
  [/\bkim jong ?il\b/g, "kim jong il kimjongil"],
  [/\bkim yo ?jong?\b/g, "kim yo jon kimyojon"],
  [/\bpyong ?yang\b/g, "pyongyang"],
  [/\bquarter (?:of a )?century\b/g, "quarter century quartercentury"],
  [/\bprime minister\b/g, "prime minister primeminister"],
  [/\bcomrades in arms\b/g, "comrades in arms comradesinarms"],
  [/\bfighter jets?\b/g, "fighter jet fighterjet"],
];

const GROUPS: readonly (readonly string[])[] = [
  [
    "visit",
    "trip",
    "journey",
    "travel",
    "travelling",
    "traveling",
    "traveller",
    "traveler",
    "tour",
    "touring",
    "go",
    "goes",
    "going",
    "gone",
    "went",
    "come",
    "comes",
    "coming",
  ],
  [
    "weapon",
    "weapons",
    "arms",
    "arming",
    "armed",
    "munition",
    "munitions",
    "ammunition",
    "ammo",
    "armament",
    "armaments",
    "weaponry",
  ],
  ["gift", "gifts", "gifted", "present", "presents", "gave", "swap", "swapped"],
  ["leader", "leaders", "boss", "ruler", "head"],
  [
    "power",
    "rule",
    "ruled",
    "ruling",
    "run",
    "running",
    "runs",
    "lead",
    "led",
    "leading",
    "govern",
    "governed",
    "charge",
    "office",
  ],
  ["country", "countries", "nation", "nations", "state", "states"],
  [
    "detain",
    "detained",
    "detention",
    "arrest",
    "arrested",
    "jail",
    "jailed",
    "imprisoned",
    "custody",
    "captured",
    "held",
  ],
  ["spy", "spying", "espionage", "spies"],
  ["sanction", "sanctions", "penalty", "penalties", "punish", "punished", "punishment"],
  [
    "relationship",
    "relationships",
    "tie",
    "ties",
    "relations",
    "relation",
    "friendship",
    "bond",
    "bonds",
    "partnership",
  ],
  ["help", "helped", "helping", "assist", "assisted", "assistance"],
  ["satellite", "satellites", "space", "spacecraft", "orbit"],
  ["reclusive", "isolated", "isolation", "closed", "secretive", "hermit", "secluded"],
  ["deny", "denied", "denies", "denial", "reject", "rejected", "rejects"],
  ["accuse", "accused", "accuses", "accusation", "accusations", "blame", "blamed", "allege", "alleged"],
  ["strained", "strain", "tense", "tension", "tensions", "soured", "sour", "worsened", "deteriorated", "damaged"],
  ["fighterjet", "jet", "jets", "warplane", "warplanes", "plane", "planes", "aircraft"],
  ["missionary", "missionaries", "preacher", "pastor", "religious"],
  ["escape", "escaped", "flee", "fled", "fleeing", "defect", "defected"],
  ["war", "invasion", "offensive", "conflict", "fighting"],
  ["force", "forces", "troops", "troop", "soldiers", "army", "armies"],
  ["ally", "allies", "allied", "friends", "partners"],
  ["covid", "pandemic", "coronavirus", "covid19"],
  ["monitoring", "monitor", "monitored", "oversight", "watchdog", "supervision", "checks"],
  ["missile", "missiles", "rocket", "rockets"],
  ["shell", "shells", "artillery"],
  ["food", "hunger", "famine", "starving"],
  ["praise", "praised", "compliment", "complimented", "flattered", "lavished"],
  ["victory", "win", "winning", "triumph"],
  ["russia", "ru"],
  ["ukraine", "ukr"],
  ["president", "prez", "pres"],
  ["receive", "receives", "received", "get", "gets", "got", "getting", "gain", "gains", "obtain", "obtained"],
  ["want", "wants", "wanted", "seek", "seeks", "seeking", "sought"],
];

/** word → the group's first word. */
export const SYNONYMS: ReadonlyMap<string, string> = new Map(
  GROUPS.flatMap((group) => group.map((word) => [word, group[0]!] as const)),
);

/**
 * "index" keeps a name's words next to its compound term, so a misspelt name in a question ("north
 * koria") still meets the words; "query" keeps only the compound when the name is spelt right, so a
 * three-word name weighs as one topic, not three, against the rest of the question.
 */
export type AnalyzeMode = "index" | "query";

export function applyCompounds(normalized: string, mode: AnalyzeMode): string {
  let text = normalized;
  for (const [pattern, replacement] of COMPOUNDS) {
    text = text.replace(pattern, mode === "index" ? replacement : replacement.slice(replacement.lastIndexOf(" ") + 1));
  }
  return text;
}
