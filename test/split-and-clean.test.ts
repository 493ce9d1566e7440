import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cleanArticle, repairMojibake } from "../src/knowledge/clean-article.js";
import { draftFacts } from "../src/knowledge/draft-facts.js";
import { splitNewsSentences } from "../src/knowledge/split-sentences.js";

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("the cleaner", () => {
  it("repairs UTF-8 read as Windows-1252 and drops the Â left of a non-breaking space", () => {
    expect(repairMojibake("the reportâ€™s author")).toBe("the report’s author");
    expect(repairMojibake("â€œquotedâ€\u009d, cafÃ©, 20Â°C")).toBe("“quoted”, café, 20°C");
    expect(cleanArticle("The 11.6Â\u00A0km line\n")).toBe("The 11.6 km line\n");
    expect(cleanArticle("imminent.Â\n")).toBe("imminent.\n");
  });

  it("leaves real accented letters, the euro sign and a lone Ã alone", () => {
    expect(cleanArticle("Sinéad Doyle and Mr. Wójcik paid €2.40; Ã stays.\n")).toBe(
      "Sinéad Doyle and Mr. Wójcik paid €2.40; Ã stays.\n",
    );
  });

  it("turns wide spaces into spaces, removes zero-width ones, straightens curly quotes and apostrophes", () => {
    expect(cleanArticle("an estimated\u200B 9,000\u00A0car journeys, the city’s “best” ‘day’\n")).toBe(
      "an estimated 9,000 car journeys, the city's \"best\" 'day'\n",
    );
  });

  it("removes list markers and blank lines, and joins a hard-wrapped paragraph (words unchanged)", () => {
    expect(cleanArticle("Headline\n\n• First point runs\nover two lines.\n- Second point.\n\n\nLast one.\n")).toBe(
      "Headline\nFirst point runs over two lines.\nSecond point.\nLast one.\n",
    );
  });

  it("cleans the second article's planted debris (NOTES: Â+NBSP, NBSP, â€™, curly quotes, ZWSP) and nothing else", () => {
    const raw = fixture("second-article.txt");
    const cleaned = cleanArticle(raw);
    expect(raw).toMatch(/\u00C2\u00A0|â€™|\u200B|[\u201C\u201D\u2019]/);
    expect(cleaned).not.toMatch(/[\u00C2\u00A0\u200B\u2018\u2019\u201C\u201D]|â€/);
    for (const kept of [
      "11.6 km",
      "€96.4 million",
      "report's lead author",
      "estimated 9,000",
      "city's business",
      '"We have been',
      'over," said',
      "Sinéad",
      "Wójcik",
    ]) {
      expect(cleaned).toContain(kept);
    }
    const words = (text: string): number => text.split(/\s+/).filter((w) => w !== "").length;
    expect(words(cleaned)).toBe(words(raw.replace(/[\u00C2\u200B]/g, "").replace(/\u00A0/g, " ")));
  });
});

describe("the sentence splitter", () => {
  it("does not split after titles, abbreviations, initials, No. or inside decimals and amounts", () => {
    const text =
      "Mr. Tan met Dr. J. K. Lee at No. 4 Quay St. at 9 a.m. on Monday. The U.S. firm paid approx. €2.1 million, e.g. 11.6 km of track. Ms. Brennan agreed.";
    expect(splitNewsSentences(text)).toEqual([
      "Mr. Tan met Dr. J. K. Lee at No. 4 Quay St. at 9 a.m. on Monday.",
      "The U.S. firm paid approx. €2.1 million, e.g. 11.6 km of track.",
      "Ms. Brennan agreed.",
    ]);
  });

  it("ends a sentence after a closing quote, keeps a quote with its speaker, and ends one at a.m./p.m. before a capital", () => {
    expect(
      splitNewsSentences(
        'He said the line was "world-class." He declined. "Is it over?" she asked. It left at 5 p.m. Then it rained.',
      ),
    ).toEqual([
      'He said the line was "world-class."',
      "He declined.",
      '"Is it over?" she asked.',
      "It left at 5 p.m.",
      "Then it rained.",
    ]);
  });

  it("makes a headline or standfirst without a full stop a sentence of its own", () => {
    expect(splitNewsSentences("Tram opens late and over budget\nThe line opened. Riders queued.\n")).toEqual([
      "Tram opens late and over budget",
      "The line opened.",
      "Riders queued.",
    ]);
  });

  it("splits the second article exactly as its author did (test/fixtures/second-article.sentences.txt)", () => {
    const expected = fixture("second-article.sentences.txt")
      .trim()
      .split("\n")
      .map((line) => line.replace(/^S\d+: /, ""));
    expect(splitNewsSentences(cleanArticle(fixture("second-article.txt")))).toEqual(expected);
  });
});

describe("draft fact cards", () => {
  const sentences = splitNewsSentences(cleanArticle(fixture("second-article.txt"))).map((text, i) => ({
    id: `S${i}`,
    text,
  }));
  const facts = draftFacts(sentences);
  const named = (name: string) => facts.find((f) => f.name === name);

  it("finds people with their surname and title + surname as aliases, and every sentence naming them", () => {
    const feeney = named("Niamh Feeney");
    expect(feeney?.kind).toBe("person");
    expect(feeney?.aliases).toEqual(expect.arrayContaining(["Feeney", "Dr. Feeney"]));
    expect(feeney?.sentences.length).toBeGreaterThanOrEqual(2);
    for (const id of feeney!.sentences) expect(sentences.find((s) => s.id === id)!.text).toMatch(/Feeney/);
  });

  it("gives an organisation its bracketed acronym as an alias and a description from the article's words", () => {
    const board = named("Metropolitan Transit Board");
    expect(board?.kind).toBe("organisation");
    expect(board?.aliases).toContain("MTB");
    expect(board?.description).toContain("operates the network");
  });

  it("finds dates, money and percentages with their units", () => {
    const kinds = new Map(facts.map((f) => [f.name, f.kind]));
    expect(kinds.get("€212 million")).toBe("number");
    expect(kinds.get("38.5%")).toBe("number");
    expect(kinds.get("11.6 km")).toBe("number");
    expect(kinds.get("February 2023")).toBe("date");
  });

  it("never gives two cards the same name or alias", () => {
    const names = facts.flatMap((f) => [f.name, ...f.aliases].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
  });
});
