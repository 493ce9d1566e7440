import { describe, expect, it } from "vitest";
import { answerSpan, bodyOf, polarity, spanAnswer } from "../../src/answer/compose-span.js";
import type { Sentence } from "../../src/knowledge/types.js";
import type { QuestionKind } from "../../src/search/question-type.js";
import { findSpans } from "../../src/search/spans.js";

const sentence = (text: string): Sentence => ({ id: "S1", index: 1, text, role: "body", context: [] });
const answer = (kind: QuestionKind, question: string, text: string): string =>
  spanAnswer({ kind, question, sentence: sentence(text), spans: findSpans(text) });

describe("short answers as typed spans of the cited sentence", () => {
  it("who → the person, with the role the sentence gives them", () => {
    expect(answer("who", "who is sam okoro", "Council leader Sam Okoro said the roof had leaked.")).toBe(
      "Council leader Sam Okoro.",
    );
    expect(answer("who", "who scored first", "Striker Callum Frayne scored in the ninth minute.")).toMatch(
      /Callum Frayne/,
    );
  });

  it("when → the date or time phrase", () => {
    expect(answer("when", "when does it close", "The library will shut on 3 June so the roof can be fixed.")).toBe(
      "On 3 June.",
    );
  });

  it("how much / how many → the amount with its unit or noun, not one the question already says", () => {
    expect(answer("money", "how much does the project cost", "The £420,000 project is paid for by the fund.")).toBe(
      "£420,000.",
    );
    expect(
      answer("how-many", "how many people use it each week", "About 1,200 people use the library each week."),
    ).toBe("1,200 people.");
  });

  it("why → the reason clause, never cut mid-phrase", () => {
    expect(answer("why", "why is it closing", "It will shut so that its leaking roof can be replaced.")).toBe(
      "So that its leaking roof can be replaced.",
    );
  });

  it("yes/no → Yes or No with the settling sentence", () => {
    expect(answer("yesno", "can i return books", "A: Yes, the book drop stays open.")).toBe(
      "Yes — Yes, the book drop stays open.",
    );
    expect(polarity("is the deposit 100 pounds", "We hold a refundable 50 pounds deposit.")).toBe("no");
    expect(polarity("will there be fines", "No fines will be charged.")).toBe("no");
    expect(polarity("didn't they extend the loans", "Loans are extended until 5 August.")).toBe("yes");
  });

  it("falls back to the sentence itself when it holds no span of the kind asked", () => {
    expect(answer("when", "when did it start", "The roof leaks badly.")).toBe("The roof leaks badly.");
    expect(answerSpan("where", findSpans("Nothing here."), "where")).toBeUndefined();
  });

  it("drops a FAQ line's marker", () => {
    expect(bodyOf("A: Yes, the book drop stays open.")).toBe("Yes, the book drop stays open.");
  });
});
