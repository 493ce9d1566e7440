import { describe, expect, it } from "vitest";
import { answerSpan, bodyOf, spanAnswer } from "../../src/answer/compose-span.js";
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
      "Yes, the book drop stays open.",
    );
    expect(answer("yesno", "can i bring my dog", "Dogs on a lead are welcome in the garden.")).toBe(
      "Yes — Dogs on a lead are welcome in the garden.",
    );
  });

  it("falls back to the sentence itself when it holds no span of the kind asked", () => {
    expect(answer("when", "when did it start", "The roof leaks badly.")).toBe("The roof leaks badly.");
    expect(answerSpan("where", findSpans("Nothing here."), "where")).toBeUndefined();
  });

  it("drops a FAQ line's marker", () => {
    expect(bodyOf("A: Yes, the book drop stays open.")).toBe("Yes, the book drop stays open.");
  });
});

describe("short answers: names, places, ages and changes", () => {
  it("describes a person with the role before the name and the description after it", () => {
    expect(
      answer("who", "who is harold msimang", "The panel, chaired by retired judge Harold Msimang, meets monthly."),
    ).toBe("Retired judge Harold Msimang.");
    expect(
      answer(
        "who",
        "who is delphine okafor",
        "Complaints go to the compliance manager, Delphine Okafor, and residents can call the hotline.",
      ),
    ).toBe("Compliance manager Delphine Okafor.");
    expect(
      answer(
        "who",
        "who is peter cawood",
        "Opposition leader Peter Cawood, one of the two councillors who voted against, objected.",
      ),
    ).toBe("Opposition leader Peter Cawood, one of the two councillors who voted against.");
  });

  it("answers where with the whole place, and how old with the age", () => {
    expect(answer("where", "where can i get a copy", "Copies are at Harwick Library on Station Road.")).toBe(
      "Harwick Library on Station Road.",
    );
    expect(answer("age", "how old is haverty", "He was replaced by 19-year-old Milo Haverty four minutes later.")).toBe(
      "19-year-old.",
    );
  });

  it("answers a change with its new value, or its old one when asked what it was before", () => {
    const text = "Shield health reduced from 2,000 to 1,800.";
    expect(answer("how-much", "how much health does the shield have", text)).toBe("1,800.");
    expect(answer("how-much", "how much health did the shield have before", text)).toBe("2,000.");
  });
});
