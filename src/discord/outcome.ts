import type { Outcome as AnswerOutcome } from "../answer/types.js";

/**
 * How one request ended, for its structured log line and the metrics: the engine's own outcomes for a
 * question (answered, corrected, unsure, not covered), not answered (a missing fact card, a stale button,
 * a rate limit, an error), or nothing to answer (a ping, an autocomplete, /help). A union of names in a
 * leaf module, so a new ending is added here only.
 */
export type Outcome = "answered" | "corrected" | "unsure" | "not-covered" | "not-answered" | "nothing-to-answer";

export function outcomeOf(answered: boolean): Outcome {
  return answered ? "answered" : "not-answered";
}

/** The outcome of a question the engine answered (or not). */
export function outcomeOfAnswer(answer: { readonly outcome: AnswerOutcome }): Outcome {
  return answer.outcome === "not_covered" ? "not-covered" : answer.outcome;
}

/** The log line's `answered` field: true, false, or null when there was nothing to answer. */
export function answeredField(outcome: Outcome): boolean | null {
  switch (outcome) {
    case "answered":
    case "corrected":
      return true;
    case "unsure":
    case "not-covered":
    case "not-answered":
      return false;
    case "nothing-to-answer":
      return null;
  }
}

/** The engine's outcome, for the metrics' label, when the request was a question. */
export function engineOutcomeOf(outcome: Outcome): AnswerOutcome | undefined {
  switch (outcome) {
    case "answered":
    case "corrected":
    case "unsure":
      return outcome;
    case "not-covered":
      return "not_covered";
    default:
      return undefined;
  }
}
