import { doubleMetaphone } from "double-metaphone";
import { similarity } from "./fuzzy-vocabulary.js";

/**
 * Words that carry no topic. Removed before searching; a question made only of these abstains.
 * Deliberately absent: "may" and "march" (months in this article), "un" (the United Nations),
 * "after"/"before" and "nobody" (they change what is asked),
 * "us" is handled in normalize.ts (upper-case "US" becomes "usa" before lower-casing).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above us again against all am an and any are aren't as at be because been being below
  between both but by can cannot could couldn't did didn't do does doesn't doing don't down during each few for
  from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
  himself his i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no
  nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's
  should shouldn't so some such than that that's the their theirs them themselves then there there's these they
  they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're
  we've were weren't what's when's where's which while who's whom why's with won't would wouldn't you you'd
  you'll you're you've your yours yourself yourselves s t d ll re ve m o y im dont doesnt didnt isnt wasnt
  will shall just also yet even really quite much many lot lots any anything something someone thing things
  right now rn ngl tldr tl dr lmao lmfao lol omg wtf smth sth nah yeah yes ok okay wait hmm um uh bro sooo
  eachother tho bc cuz coz ppl actually reportedly apparently basically literally anyone anybody someone somebody w u ur pls plz deal`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that shape a question but do not say what it is about. They count a little towards a
 * match (so "when did…" prefers the "when" phrasing) but never make a question answerable alone.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `what when where who whose why how which hi hello hey yo pls please bot tell say said says saying know
  explain mean means describe question answer happen happened happening
  thanks thank like wondering curious guys still ever make makes made`
    .split(/\s+/)
    .filter(Boolean),
);

const MISSPELLABLE = [...STOP_WORDS, ...FUNCTION_WORDS].filter((w) => w.length >= 4 && !w.includes("'"));
const misspeltCache = new Map<string, boolean>();

const MISSPELLABLE_KEYS = new Set(MISSPELLABLE.filter((w) => w.length >= 5).map((w) => doubleMetaphone(w)[0]));

/** "abot" (about), "wat" (what), "whta", "hapend" (happened): one slip, or the same sound, away from a stop or question word. */
export function isMisspeltStopWord(word: string): boolean {
  if (word.length < 3 || word.length > 9) return false;
  let known = misspeltCache.get(word);
  if (known === undefined) {
    // Same first letter, as typing slips rarely hit it: "mother" is not a misspelt "other".
    known =
      MISSPELLABLE.some(
        (w) => w[0] === word[0] && Math.abs(w.length - word.length) <= 1 && similarity(word, w) >= 0.75,
      ) ||
      (word.length >= 5 && MISSPELLABLE_KEYS.has(doubleMetaphone(word)[0]));
    if (misspeltCache.size > 5000) misspeltCache.clear();
    misspeltCache.set(word, known);
  }
  return known;
}
