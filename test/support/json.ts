import { expect } from "vitest";

/**
 * Typed reading of JSON in tests. `parseJson<T>` states the shape a test expects (the assertions that follow
 * check it); the matchers below are vitest's asymmetric matchers, which vitest types as `any`.
 */
export const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/** One quoted sentence in the CLI's --json output (src/answer/format-json.ts). */
interface QuoteJson {
  id: string;
  article?: string;
  text: string;
}

/** The CLI's --json answer object (src/answer/format-json.ts). */
export interface AnswerJson {
  question: string;
  outcome: string;
  answered: boolean;
  answer: string;
  article?: string;
  citations: QuoteJson[];
  closest: QuoteJson[];
  confidence: number;
  suggestions: string[];
}

export const stringMatching = (pattern: string | RegExp): unknown => expect.stringMatching(pattern);
export const stringContaining = (text: string): unknown => expect.stringContaining(text);
export const anything = (): unknown => expect.anything();
export const anyString = (): unknown => expect.any(String);
