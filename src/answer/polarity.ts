/**
 * Yes or no, read from the sentence that settles a yes/no question. "Yes" unless the sentence says otherwise:
 * a different number for the same thing ("is the deposit £100?" — "a £50 deposit"), or the opposite polarity in
 * the part of the sentence the question is about.
 *
 * Negation is read clause by clause: "We can't take cash, and a receipt is emailed to you after every ride"
 * answers "will I get a receipt?" with yes, because the clause about the receipt is not negated (negatedFor).
 * The question's own negation counts only in its main clause and
 * not in its opening auxiliary: "didn't they extend the loans?" asks what "did they extend the loans?" asks, and
 * "can I pick my own gears if I do not like the automatic mode?" is not a negative question.
 */
const NEGATION =
  /\b(?:not|never|no longer|none|nobody|nothing|neither|nor|no|cannot|can't|cant|won't|wont|isn't|isnt|aren't|arent|wasn't|wasnt|weren't|werent|doesn't|doesnt|don't|dont|didn't|didnt|hasn't|hasnt|haven't|havent|without|instead of|unable|unavailable|unhappy|ineligible|fail(?:s|ed)? to|refus(?:e|es|ed) to)\b/;

/** Where a sentence's clauses meet: punctuation, and the conjunctions that start a clause of their own. */
const CLAUSE_BREAK =
  /\s*(?:[,;:()]|\s[-–—]\s)\s*|\s+(?=(?:and|but|while|whereas|although|though|so|which|who|because|unless)\s)/;

/** A question's subordinate clause ("if …", "when …") and what follows it: not what it asks yes or no about. */
const SUBORDINATE = /\s(?:if|when|unless|because|since|although|though|after|before|while)\s.*$/;

/** The opening auxiliary, negated or not, and "is it true that": the question's form, not its content. */
const OPENING =
  /^(?:\w+\s)?(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should)(?:n'?t|\snot)?\s(?:it\s(?:true|the case)\s(?:that\s)?)?/;

const WORD = /[\p{L}\p{N}]+/gu;

/** Short words that tie clauses to nothing in particular. */
const COMMON = new Set([
  "the",
  "and",
  "for",
  "are",
  "was",
  "were",
  "with",
  "that",
  "this",
  "from",
  "has",
  "have",
  "had",
  "its",
  "their",
  "they",
  "you",
  "your",
  "can",
  "will",
  "not",
]);

function contentWords(text: string): string[] {
  return [...new Set(text.match(WORD) ?? [])].filter((w) => w.length > 2 && !COMMON.has(w));
}

/** Does the clause use the word, or a form of it ("pick" — "picks", "expire" — "expiring")? */
function uses(clauseWords: readonly string[], word: string): boolean {
  const stem = Math.min(word.length, 5);
  return clauseWords.some((w) => w.slice(0, stem) === word.slice(0, stem) && Math.abs(w.length - word.length) <= 3);
}

/**
 * Is what the question asks about negated in the sentence? A negated clause counts when it holds a question word
 * that no other, positive clause of the sentence holds: "pay 5p a minute and nothing to unlock" negates "pay to
 * unlock"; "we can't take cash, and a receipt is emailed" does not negate "get a receipt".
 */
function negatedFor(sentence: string, question: string): boolean {
  const clauses = sentence.split(CLAUSE_BREAK).filter((c) => c !== undefined && c.trim() !== "");
  const asked = contentWords(question);
  const read = clauses.map((c) => ({ negated: NEGATION.test(c), words: c.match(WORD) ?? [] }));
  const positive = read.filter((c) => !c.negated);
  const relevant = read.filter((c) => asked.some((w) => uses(c.words, w)));
  if (relevant.length === 0) return NEGATION.test(sentence);
  return read.some((c) => c.negated && asked.some((w) => uses(c.words, w) && !positive.some((p) => uses(p.words, w))));
}

/** A number the question gives for something the sentence counts differently ("100 pounds" — "50 pounds"). */
function numberDiffers(question: string, sentence: string): boolean {
  const COUNT = /\b(\d[\d,.]*)\s*(%|per ?cent|[a-z]+)/g;
  const said = new Map<string, Set<string>>();
  for (const m of sentence.matchAll(COUNT))
    (said.get(m[2]!) ?? said.set(m[2]!, new Set()).get(m[2]!)!).add(m[1]!.replace(/,/g, ""));
  for (const m of question.matchAll(COUNT)) {
    const values = said.get(m[2]!);
    if (values !== undefined && !values.has(m[1]!.replace(/,/g, ""))) return true;
  }
  return false;
}

/** "No" in phrases that do not deny anything: "at no extra cost", "no later than", "no more than two". */
const NOT_NEGATION =
  /\b(?:(?:at|for|with) no (?:extra |additional )?(?:cost|charge)|no (?:later|earlier|more|fewer|less) than|no matter|not only|no doubt)\b/g;

export function polarity(question: string, sentence: string): "yes" | "no" {
  const q = question.toLowerCase();
  const s = sentence.toLowerCase().replace(NOT_NEGATION, " ");
  // A FAQ answer that says it: "No, our bikes are built for one rider only."
  const said = /^(yes|no)\b/.exec(s);
  if (said !== null) return said[1] as "yes" | "no";
  if (numberDiffers(q, s)) return "no";
  const asked = q.replace(OPENING, "").replace(SUBORDINATE, "");
  return NEGATION.test(asked) !== negatedFor(s, asked) ? "no" : "yes";
}
