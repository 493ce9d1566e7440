/**
 * A light answer-type check, as classic question-answering systems do: some questions say what kind
 * of answer they want ("how many" → a quantity, "how old" → an age). If the matched entry's answer
 * and cited sentences contain nothing of that kind, the article does not answer the question, however
 * well the other words match ("How old is Kim Jong Un?" matches the Kim Jong Un card but the article
 * never gives an age).
 */
export type AnswerType = "age" | "distance" | "quantity" | "time" | "any";

const NUMBER_WORDS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|hundred|hundreds|thousand|thousands|million|millions|dozen|dozens";

const PATTERNS: Readonly<Record<Exclude<AnswerType, "any">, { asks: RegExp; answers: RegExp }>> = {
  age: {
    asks: /\bhow old\b|\b(?:what|whats) (?:is )?(?:the |his |her )?age\b|\bwhen was [\w ]+ born\b|\bbirthday\b/,
    answers: /\b\d+ years? old\b|\baged? \d+\b|\bborn\b/,
  },
  distance: {
    asks: /\bhow far\b|\bdistance\b|\bhow many (?:km|kilomet\w*|miles?)\b/,
    answers: /\b\d+ ?(?:km|kilomet\w*|miles?)\b/,
  },
  quantity: {
    asks: /\bhow (?:many|much)\b|\bnumber of\b|\bwhat (?:amount|quantity)\b/,
    // Standalone numbers ("F-16" is a name, not a quantity), number words and vague quantities.
    answers: new RegExp(
      `(?<![\\w-])\\d[\\d,.]*(?![\\w-])|\\b(?:${NUMBER_WORDS}|multiple|numerous|several|many|few|some|second|twice|once|string of|both)\\b`,
    ),
  },
  time: {
    asks: /\bwhen\b|\bwhat (?:year|date|day|month|time)\b|\bhow long\b|\bwhich (?:year|month|day)\b/,
    answers: new RegExp(
      `\\b(?:\\d{4}|tomorrow|today|yesterday|last (?:week|month|year)|earlier this year|this year|ago|since|after|before|decades?|years?|months?|weeks?|days?|century|january|february|march|april|may|june|july|august|september|october|november|december|${NUMBER_WORDS})\\b`,
      "i",
    ),
  },
};

/** The kind of answer a question asks for; "any" when it doesn't say. */
export function expectedAnswerType(normalizedQuestion: string): AnswerType {
  for (const type of ["age", "distance", "quantity", "time"] as const) {
    if (PATTERNS[type].asks.test(normalizedQuestion)) return type;
  }
  return "any";
}

/** Whether any of the texts (an answer and its cited sentences) offers an answer of that type. */
export function offersAnswerType(type: AnswerType, texts: readonly string[]): boolean {
  if (type === "any") return true;
  const { answers } = PATTERNS[type];
  return texts.some((text) => answers.test(text.toLowerCase()));
}
