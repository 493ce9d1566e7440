/**
 * How review tells questions apart and groups similar ones.
 */
/**
 * How review tells questions apart. Deliberately simple and independent of the search layer (which may
 * change how it analyses questions without changing what is stored): a question's key is its text folded
 * to lower case, without accents, punctuation or repeated spaces; two questions are similar when most of
 * their content words are shared.
 */

/** At most this many characters of a question are stored (a Discord message holds 2,000, 4,000 with Nitro). */
const MAX_QUESTION_CHARS = 4000;

/** The text as stored: NUL (which PostgreSQL's text type refuses) and other C0 controls but tab and newline removed, capped. */
export function storableText(text: string, max = MAX_QUESTION_CHARS): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "").slice(0, max);
}

/** "Who is  Kim Yo-Jong?" → "who is kim yo jong". */
export function questionKey(question: string): string {
  return question
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .slice(0, MAX_QUESTION_CHARS);
}

const STOP_WORDS = new Set(
  (
    "a an the is are was were be been am do does did has have had what whats who whos whom which when where why how " +
    "of to in on at for from by with about as and or but if than that this these those it its there their they " +
    "he she his her him i me my we us our you your can could would should will shall may might must please tell " +
    "know say says said article"
  ).split(" "),
);

/** The content words of a key, with a plural or possessive "s" dropped ("visits" meets "visit"). */
export function contentWords(key: string): Set<string> {
  const words = key.split(" ").filter((w) => w !== "" && !STOP_WORDS.has(w));
  return new Set(words.map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w)));
}

/** Shared words over all words (Jaccard). Two keys with no content words are similar only when equal. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Questions whose content words overlap at least this much are grouped. */
const SIMILAR = 0.6;

/**
 * Groups items (already grouped by exact key, largest first) by similarity: each joins the first group
 * whose first (largest) member it resembles, else starts a group. Greedy, and order-stable.
 */
export function groupSimilar<T extends { readonly key: string }>(items: readonly T[]): T[][] {
  const groups: { words: Set<string>; members: T[] }[] = [];
  for (const item of items) {
    const words = contentWords(item.key);
    const home = groups.find((g) => similarity(g.words, words) >= SIMILAR);
    if (home === undefined) groups.push({ words, members: [item] });
    else home.members.push(item);
  }
  return groups.map((g) => g.members);
}
