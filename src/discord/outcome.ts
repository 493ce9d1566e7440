/**
 * How one request ended, for its structured log line: answered, not answered (the article doesn't say, an
 * unknown topic, a stale button, a rate limit, an error), or nothing to answer (a ping, an autocomplete).
 * A union of names in a leaf module, so a new ending is added here and in `answeredField` only.
 */
export type Outcome = "answered" | "not-answered" | "nothing-to-answer";

export function outcomeOf(answered: boolean): Outcome {
  return answered ? "answered" : "not-answered";
}

/** The log line's `answered` field: true, false, or null when there was nothing to answer. */
export function answeredField(outcome: Outcome): boolean | null {
  switch (outcome) {
    case "answered":
      return true;
    case "not-answered":
      return false;
    case "nothing-to-answer":
      return null;
  }
}
