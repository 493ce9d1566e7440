import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanArticle, splitSentences } from "../src/knowledge/clean-article.js";
import { KnowledgeError } from "../src/knowledge/errors.js";
import { loadKnowledge, REPO_ROOT } from "../src/knowledge/load.js";
import type { FactRecord, QaEntryRecord, SentenceRecord } from "../src/knowledge/schema.js";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { parseJson } from "./support/json.js";

const KNOWLEDGE = join(REPO_ROOT, "knowledge", "putin-north-korea-2024");
const raw = readFileSync(join(KNOWLEDGE, "article.raw.txt"), "utf8");
const article = readFileSync(join(KNOWLEDGE, "article.txt"), "utf8");
const kb = loadKnowledge(KNOWLEDGE);

/** The data files as a test reads them; an edit may add fields no schema allows (`colour`), to break them on purpose. */
interface PackJson {
  "qa.yaml": { entries: QaEntryRecord[]; outOfScope?: string[] };
  "facts.json": { facts: (FactRecord & { [extra: string]: unknown })[] };
  "sentences.json": { sentences: SentenceRecord[] };
}

/** A copy of knowledge/ in a temp dir, with one file changed by `edit`. */
function brokenCopy<F extends keyof PackJson>(file: F, edit: (data: PackJson[F]) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), "kb-")), "putin-north-korea-2024");
  cpSync(KNOWLEDGE, dir, { recursive: true });
  const path = join(dir, file);
  const yaml = file.endsWith(".yaml");
  const text = readFileSync(path, "utf8");
  const data = yaml ? (parseYaml(text) as PackJson[F]) : parseJson<PackJson[F]>(text);
  edit(data);
  writeFileSync(path, yaml ? stringifyYaml(data) : JSON.stringify(data));
  return dir;
}

function problemsOf(dir: string): string {
  try {
    loadKnowledge(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    return (error as KnowledgeError).message;
  }
  throw new Error("expected the knowledge base to be rejected");
}

describe("the cleaned article", () => {
  it("is exactly the cleaning of the raw article", () => {
    expect(cleanArticle(raw)).toBe(article);
  });

  it("has no encoding debris left", () => {
    expect(raw).toMatch(/\u00C2/);
    expect(raw).toMatch(/\u00A0/);
    expect(article).not.toMatch(/[\u00C2\u00A0\u2018\u2019\u201C\u201D]/);
  });

  it("changes no word: the raw text's words, debris removed, are the cleaned text's words", () => {
    const words = (text: string): string[] =>
      text
        .replace(/\u00C2/g, "")
        .replace(/[\u2018\u2019]/g, "'")
        .split(/[\s\u00A0]+/)
        .filter((w) => w !== "" && w !== "-");
    expect(words(article)).toEqual(words(raw));
  });

  it("keeps the article's own spellings and the standfirst", () => {
    expect(article).toContain("Kim Yo Jon,");
    expect(article).not.toContain("Kim Yo Jong");
    expect(article.split("\n")[0]).toBe(
      "Trip comes nine months after Kim visited the Kremlin chief in Russia's Far East",
    );
  });
});

describe("sentences", () => {
  it("are numbered S0… in article order, starting with the standfirst", () => {
    expect(kb.sentences.map((s) => s.id)).toEqual(kb.sentences.map((_, i) => `S${i}`));
    expect(kb.sentences[0]!.text).toMatch(/^Trip comes nine months/);
    expect(kb.sentences).toHaveLength(26);
  });

  it("each appears verbatim in the cleaned article, and joined they cover all of it", () => {
    for (const s of kb.sentences) expect(article).toContain(s.text);
    const joined = kb.sentences.map((s) => s.text).join(" ");
    expect(joined.replace(/\s+/g, " ")).toBe(article.trim().replace(/\s+/g, " "));
  });

  it("are what splitting the cleaned article gives", () => {
    expect(kb.sentences.map((s) => s.text)).toEqual(splitSentences(article));
  });
});

describe("the curated base", () => {
  it("has at least 120 Q&A entries, each with phrasings and 1–3 citations", () => {
    expect(kb.qa.length).toBeGreaterThanOrEqual(120);
    for (const e of kb.qa) {
      expect(e.phrasings.length).toBeGreaterThan(0);
      expect(e.sentences.length).toBeGreaterThanOrEqual(1);
      expect(e.sentences.length).toBeLessThanOrEqual(3);
    }
  });

  it("cites every sentence from at least one entry", () => {
    const cited = new Set(kb.qa.flatMap((e) => e.sentences));
    expect(kb.sentences.filter((s) => !cited.has(s.id))).toEqual([]);
  });

  it("has a fact card for each person, place, organisation, weapon and date the article mentions", () => {
    const names = kb.facts.flatMap((f) => [f.name, ...f.aliases]).map((n) => n.toLowerCase());
    for (const wanted of [
      "vladimir putin",
      "kim jong un",
      "kim jong il",
      "kim yo jong",
      "yoon suk yeol",
      "volodymyr zelensky",
      "baek won-soon",
      "russia",
      "north korea",
      "south korea",
      "ukraine",
      "china",
      "saudi arabia",
      "uae",
      "un security council",
      "f-16",
      "march",
      "may",
      "september",
      "2000",
      "last week",
      "last month",
      "nine months",
      "24 years",
      "a quarter century",
    ]) {
      expect(names, wanted).toContain(wanted);
    }
  });

  it("says the outlet is not named rather than guessing one", () => {
    expect(kb.meta.outlet).toBeNull();
    expect(kb.meta.outletNote).toMatch(/not name/);
  });
});

describe("validation errors name the file, the entry and the problem", () => {
  it("unknown sentence id, with the line of the entry", () => {
    const dir = brokenCopy("qa.yaml", (d) => (d.entries[0]!.sentences = ["S99"]));
    expect(problemsOf(dir)).toMatch(
      new RegExp(
        `knowledge/putin-north-korea-2024/qa.yaml:\\d+: entry "${kb.qa[0]!.id}": cites unknown sentence "S99"`,
      ),
    );
  });

  it("duplicate id across files", () => {
    const dir = brokenCopy("facts.json", (d) => (d.facts[0]!.id = kb.qa[3]!.id));
    expect(problemsOf(dir)).toMatch(
      new RegExp(`knowledge/putin-north-korea-2024/facts.json: entry "${kb.qa[3]!.id}": duplicate id`),
    );
  });

  it("empty field, on the line where the field is", () => {
    const dir = brokenCopy("qa.yaml", (d) => (d.entries[2]!.answer = "  "));
    const message = problemsOf(dir);
    const line = /qa\.yaml:(\d+): entry "[^"]+": answer: must not be empty/.exec(message)?.[1];
    expect(message).toContain(`entry "${kb.qa[2]!.id}": answer: must not be empty`);
    expect(readFileSync(join(dir, "qa.yaml"), "utf8").split("\n")[Number(line) - 1]).toMatch(/^\s*answer:/);
  });

  it("a phrasing repeated within an entry, or shared by two entries", () => {
    const [first, second] = [kb.qa[0]!, kb.qa[1]!];
    const within = brokenCopy("qa.yaml", (d) => d.entries[0]!.phrasings.push(first.phrasings[0]!.toUpperCase()));
    expect(problemsOf(within)).toContain(
      `entry "${first.id}": phrasing "${first.phrasings[0]!.toUpperCase()}" is repeated`,
    );
    const across = brokenCopy("qa.yaml", (d) => d.entries[1]!.phrasings.push(`${first.question}!!`));
    expect(problemsOf(across)).toContain(
      `entry "${second.id}": phrasing "${first.question}!!" is also a phrasing of entry "${first.id}"`,
    );
  });

  it("a question marked out of scope that is also a phrasing", () => {
    const dir = brokenCopy("qa.yaml", (d) => (d.outOfScope = [kb.qa[0]!.phrasings[0]!]));
    expect(problemsOf(dir)).toContain(`is also a phrasing of entry "${kb.qa[0]!.id}"`);
  });

  it("YAML that does not parse names the file and the line", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "kb-")), "putin-north-korea-2024");
    cpSync(KNOWLEDGE, dir, { recursive: true });
    writeFileSync(join(dir, "qa.yaml"), "entries:\n  - id: a\n    question: [unclosed\n");
    expect(problemsOf(dir)).toMatch(/knowledge\/putin-north-korea-2024\/qa\.yaml:\d+: is not valid YAML/);
  });

  it("a lexicon spelling claimed by two names, with its line", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "kb-")), "putin-north-korea-2024");
    cpSync(KNOWLEDGE, dir, { recursive: true });
    writeFileSync(
      join(dir, "lexicon.yaml"),
      "names:\n  - term: aa\n    words: a\n    spellings: [x y]\n  - term: bb\n    words: b\n    spellings: [x y]\n",
    );
    expect(problemsOf(dir)).toMatch(/lexicon\.yaml:\d+: entry "bb": spelling "x y" is also a spelling of "aa"/);
  });

  it("a sentence that is not verbatim in the article", () => {
    const dir = brokenCopy(
      "sentences.json",
      (d) => (d.sentences[4]!.text = d.sentences[4]!.text.replace("Putin", "Mr Putin")),
    );
    expect(problemsOf(dir)).toContain(
      'knowledge/putin-north-korea-2024/sentences.json: entry "S4": text is not verbatim in the cleaned article',
    );
  });

  it("a sentence no entry cites", () => {
    const dir = brokenCopy("qa.yaml", (d) => {
      d.entries = d.entries.filter((e) => !e.sentences.includes("S11"));
    });
    expect(problemsOf(dir)).toContain(
      'knowledge/putin-north-korea-2024/sentences.json: entry "S11": is not cited by any entry of knowledge/putin-north-korea-2024/qa.yaml',
    );
  });

  it("an alias shared by two facts", () => {
    const first = kb.facts[0]!;
    const dir = brokenCopy("facts.json", (d) => d.facts[1]!.aliases.push(first.name.toUpperCase()));
    expect(problemsOf(dir)).toContain(
      `alias "${first.name.toLowerCase()}" is also a name or alias of fact "${first.id}"`,
    );
  });

  it("a related fact that does not exist, and an unknown field", () => {
    const dir = brokenCopy("facts.json", (d) => {
      d.facts[0]!.related = ["no-such-fact"];
      d.facts[1]!.colour = "blue";
    });
    const message = problemsOf(dir);
    expect(message).toContain(`entry "${kb.facts[0]!.id}": related fact "no-such-fact" does not exist`);
    expect(message).toContain(`entry "${kb.facts[1]!.id}": Unrecognized key: "colour"`);
  });

  it("invalid JSON names the file", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "kb-")), "putin-north-korea-2024");
    cpSync(KNOWLEDGE, dir, { recursive: true });
    writeFileSync(join(dir, "facts.json"), "{ not json");
    expect(problemsOf(dir)).toMatch(/knowledge\/putin-north-korea-2024\/facts.json: is not valid JSON/);
  });
});
