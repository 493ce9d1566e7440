import { AnswerEngine } from "../../src/answer/engine.js";
import { packFromText } from "../../src/knowledge/new-pack.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";

/**
 * A small article written for the tests, with the layout pasted articles have: a headline, a standfirst, a
 * byline, paragraphs with quotes, a heading over a bulleted list, and FAQ lines. Tests build their packs from it
 * (the way knowledge:new does) rather than asserting on the reference pack's data.
 */
export const FIXTURE_ARTICLE = `Riverside library to close for eight weeks of roof repairs
Millbrook's central library will shut on 3 June so that its leaking roof can be replaced, the council said on Tuesday.
By Dana Reyes, Local Reporter

The £420,000 project is paid for by the county heritage fund and a grant from the Wexley Trust.
Council leader Sam Okoro said the roof had leaked every winter since 2019.
"We cannot keep putting buckets under the shelves," he said.
The children's section will move to the community centre on Mill Lane while the work goes on.
About 1,200 people use the library each week, according to the council.

What changes for readers
- Loans due during the closure are extended until 5 August.
- The mobile library will stop at the market square every Saturday from 9 a.m. to 1 p.m.
- Printing will be available at the town hall.

Q: Can I return books during the closure?
A: Yes, the book drop at the front door stays open every day.
Q: Will there be any fines?
A: No fines will be charged on loans that fall due while the library is shut.
`;

const FIXTURE_ID = "millbrook-library";

/** Curated entries for the fixture, in the qa.yaml format. */
const FIXTURE_QA = `entries:
  - id: when-closing
    question: When does the library close?
    answer: On 3 June, for eight weeks.
    sentences: [S1]
    pinned: true
    phrasings:
      - library closing date
      - when will millbrook library shut
  - id: who-pays
    question: Who is paying for the repairs?
    answer: The county heritage fund and a grant from the Wexley Trust.
    sentences: [S3]
    phrasings:
      - how is the roof paid for
      - where does the money come from
`;

export function fixtureDraft(): KnowledgeBase {
  return packFromText(FIXTURE_ARTICLE, FIXTURE_ID);
}

export function fixtureCurated(): KnowledgeBase {
  return packFromText(FIXTURE_ARTICLE, FIXTURE_ID, FIXTURE_QA);
}

/** The id of the fixture's sentence containing `text`. */
export function sentenceWith(kb: KnowledgeBase, text: string): string {
  const found = kb.sentences.find((s) => s.text.includes(text));
  if (found === undefined) throw new Error(`no sentence contains ${JSON.stringify(text)}`);
  return found.id;
}

export function fixtureEngine(curated = false): AnswerEngine {
  return new AnswerEngine(curated ? fixtureCurated() : fixtureDraft());
}
