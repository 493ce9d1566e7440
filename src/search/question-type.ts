import type { SpanType } from "./spans.js";
import { SPAN_BIT } from "./spans.js";

/**
 * What kind of answer a question asks for, from its wording: "when" wants a time, "how much does it cost"
 * an amount of money, "how many" a quantity or number, "who" a person or organisation, "where" a place.
 * Questions that do not say ("what did she say about the lease?") ask for nothing in particular.
 */
export type QuestionKind =
  | "when"
  | "how-long"
  | "money"
  | "how-much"
  | "how-many"
  | "percent"
  | "age"
  | "measure"
  | "who"
  | "where"
  | "why"
  | "how"
  | "yesno"
  | "what"
  | "other";

const AUX =
  "is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|shall|may|might|must|isnt|wasnt|didnt|doesnt|dont|arent|werent|hasnt|havent|wont|cant|couldnt|wouldnt|shouldnt";
const LEAD =
  "(?:so|wait|but|and|ok|okay|hey|yo|bot|um|hmm|like|also|then|lol|bro|ngl|tbh|fr|real quick|quick q|quick question|just|pls|please|articlebot|also)";
const YES_NO = new RegExp(`^(?:${LEAD} )*(?:${AUX})\\b`);
const IF_THEN_YES_NO = new RegExp(`^if \\w.* (?:${AUX}) (?:i|we|you|they|he|she|it|there)\\b`);
const MONEY_WORDS =
  /\b(?:cost|costs|costing|price|prices|priced|pay|paid|paying|pays|spend|spent|charge|charged|charges|fee|fees|fine|fines|worth|money|budget|funding|funded|fund|grant|salary|wage|earn|earned|raise|raised|sell for|sold for|deposit|refund|bill)\b/;

export function questionKind(normalizedQuestion: string): QuestionKind {
  const q = normalizedQuestion;
  // "Does Ray drop in even when…?" is a yes/no question, whatever else it says.
  if (
    YES_NO.test(q) &&
    !/^(?:\w+ )?(?:is|are|was|were|did|does|do) (?:it|that|this)? ?(?:when|where|who|why|how)\b/.test(q)
  )
    return "yesno";
  // "If I'm staying at home, can I rent out a room?": a condition first, then the yes/no question.
  if (IF_THEN_YES_NO.test(q) && !/\b(?:what|when|where|who|whom|whose|why|how|which)\b/.test(q)) return "yesno";
  if (/\bhow old\b|\bwhat age\b|\baged?\b.*\b(?:how|what)\b|\bminimum age\b/.test(q)) return "age";
  if (
    /\b(?:what|which) (?:percentage|percent|proportion|share|fraction)\b|\bhow much percent\b|\bwhat per ?cent\b/.test(
      q,
    )
  )
    return "percent";
  if (/\bhow (?:much|many) (?:money|pounds|dollars|euros)\b/.test(q)) return "money";
  if (/\bhow much\b/.test(q)) return MONEY_WORDS.test(q) ? "money" : "how-much";
  if (/\bhow many\b|\bnumber of\b|\bwhat (?:amount|quantity|number)\b|\bhow (?:many|much) (?:times|people)\b/.test(q))
    return "how-many";
  if (
    /\bhow (?:far|big|tall|high|heavy|fast|wide|deep|large|long is|long was)\b|\bwhat (?:size|distance|weight|speed|range)\b/.test(
      q,
    ) ||
    /\bhow long (?:will|would|is|are|was|were) [\w ]+ be$/.test(q)
  )
    return "measure";
  if (/\bhow long\b/.test(q)) return "how-long";
  if (
    /\b(?:when|what time|what date|what day|which day|what year|which year|what month|which month|since when|until when|how soon|what hour)\b/.test(
      q,
    )
  )
    return "when";
  if (
    /\bwhat (?:does|did|do|will|would) (?:it|that|this|they|he|she|[\w ]+) cost\b|\bwhat(?:s| is| was)? the (?:price|cost|fee|fine|deposit)\b/.test(
      q,
    )
  )
    return "money";
  if (/\bwho(?:se|m)?\b/.test(q)) return "who";
  if (/\bwhere\b|\bwhat (?:town|city|country|place|venue|stadium|ground|address|street)\b/.test(q)) return "where";
  if (/\bwhy\b|\bwhat for\b|\bhow come\b|\breason\b|\bwhat (?:caused|led to)\b/.test(q)) return "why";
  if (YES_NO.test(q)) return "yesno";
  if (/\bhow (?:do|does|did|can|could|will|would|should|is|are|was|were|to)\b/.test(q)) return "how";
  if (/\bwhat|which\b/.test(q)) return "what";
  return "other";
}

/** The span types that answer a kind of question (0: any sentence may). */
export function expectedSpanMask(kind: QuestionKind): number {
  const bits = (...types: SpanType[]): number => types.reduce((m, t) => m | SPAN_BIT[t], 0);
  switch (kind) {
    case "when":
      return bits("time");
    case "how-long":
      return bits("duration", "time");
    case "money":
      return bits("money");
    case "how-much":
      return bits("money", "quantity", "percent", "number");
    case "how-many":
      return bits("quantity", "number", "percent");
    case "percent":
      return bits("percent");
    case "age":
      return bits("age", "number", "quantity", "duration");
    case "measure":
      return bits("quantity", "number", "duration");
    case "who":
      return bits("person", "organisation");
    default:
      return 0;
  }
}
