import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Library } from "../src/answer/library.js";
import { KnowledgeError } from "../src/knowledge/errors.js";
import {
  articlesFromEnv,
  listPackIds,
  loadKnowledge,
  loadPacks,
  REFERENCE_PACK,
  REPO_ROOT,
} from "../src/knowledge/load.js";
import { buildPack } from "../src/knowledge/new-pack.js";
import { runScript } from "./support/run-script.js";

const SECOND = readFileSync(join(REPO_ROOT, "test/fixtures/second-article.txt"), "utf8");
const NEW = "src/knowledge/new.ts";

/** A knowledge directory holding the reference pack and the second article's draft, written by buildPack. */
function twoPackDir(): string {
  const root = mkdtempSync(join(tmpdir(), "packs-"));
  cpSync(join(REPO_ROOT, "knowledge", REFERENCE_PACK), join(root, REFERENCE_PACK), { recursive: true });
  const pack = buildPack(SECOND, { id: "tram" });
  mkdirSync(join(root, "tram"));
  for (const [name, text] of Object.entries(pack.files)) writeFileSync(join(root, "tram", name), text);
  return root;
}

function problemsOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    return (error as KnowledgeError).message;
  }
  throw new Error("expected the packs to be rejected");
}

describe("packs under knowledge/", () => {
  it("the repository holds the reference article as a curated pack", () => {
    expect(listPackIds(join(REPO_ROOT, "knowledge"))).toContain(REFERENCE_PACK);
    const kb = loadKnowledge(join(REPO_ROOT, "knowledge", REFERENCE_PACK));
    expect(kb.id).toBe(REFERENCE_PACK);
    expect(kb.status).toBe("curated");
  });

  it("loads every pack, or the ones ARTICLES names", () => {
    const root = twoPackDir();
    expect(loadPacks(root, undefined).map((kb) => kb.id)).toEqual([REFERENCE_PACK, "tram"]);
    expect(loadPacks(root, articlesFromEnv("tram")).map((kb) => kb.id)).toEqual(["tram"]);
    expect(articlesFromEnv(" a, b ,,a ")).toEqual(["a", "b"]);
    expect(articlesFromEnv("")).toBeUndefined();
    expect(problemsOf(() => loadPacks(root, ["tram", "nope"]))).toContain(
      'ARTICLES names pack "nope", which does not exist',
    );
  });

  it("a draft pack is valid with no Q&A entries; a curated one is not, and its error names the pack, file and entry", () => {
    const root = twoPackDir();
    const tram = loadKnowledge(join(root, "tram"));
    expect(tram.status).toBe("draft");
    expect(tram.qa).toEqual([]);
    const meta = JSON.parse(readFileSync(join(root, "tram", "meta.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(root, "tram", "meta.json"), JSON.stringify({ ...meta, status: "curated" }));
    const message = problemsOf(() => loadPacks(root, undefined));
    expect(message).toContain('The knowledge pack "tram" is invalid');
    expect(message).toContain("knowledge/tram/qa.yaml: entries: must list at least one entry");
  });

  it("one broken pack stops the whole load, naming the pack, the file, the entry and the problem", () => {
    const root = twoPackDir();
    const facts = JSON.parse(readFileSync(join(root, "tram", "facts.json"), "utf8")) as {
      facts: { id: string; sentences: string[] }[];
    };
    facts.facts[0]!.sentences = ["S999"];
    writeFileSync(join(root, "tram", "facts.json"), JSON.stringify(facts));
    expect(problemsOf(() => loadPacks(root, undefined))).toContain(
      `knowledge/tram/facts.json: entry "${facts.facts[0]!.id}": cites unknown sentence "S999"`,
    );
  });

  it("the bot refuses to start on a broken pack: exit 3, the message, no stack trace", async () => {
    const root = twoPackDir();
    writeFileSync(join(root, "tram", "sentences.json"), "{ not json");
    const r = await runScript("src/main.ts", [], { env: { KNOWLEDGE_DIR: root } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/knowledge\/tram\/sentences\.json: is not valid JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("knowledge:check lists a draft's uncited sentences as hints, not errors", async () => {
    const r = await runScript("src/knowledge/check.ts", [], { env: { KNOWLEDGE_DIR: twoPackDir() } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tram \(draft\) OK: 41 sentences/);
    expect(r.stdout).toMatch(/hint: 41 sentences no Q&A entry cites yet/);
    expect(r.stdout).toMatch(/S0: Kilbarra's Green Line tram opens/);
    expect(r.stdout).toMatch(new RegExp(`${REFERENCE_PACK} \\(curated\\) OK`));
  });
});

describe("npm run knowledge:new", () => {
  const root = (): string => mkdtempSync(join(tmpdir(), "kn-"));
  const run = (dir: string, args: string[], input?: string) =>
    runScript(NEW, args, { env: { KNOWLEDGE_DIR: dir }, ...(input === undefined ? {} : { input }) });

  it("writes a draft pack that loads, answers and reports what it found", async () => {
    const dir = root();
    const r = await run(dir, ["--id", "kilbarra-tram", "test/fixtures/second-article.txt"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Wrote knowledge\/kilbarra-tram\/ \(draft\)/);
    expect(r.stdout).toMatch(/41 sentences \(S0–S40\), \d+ draft fact cards \(.*persons?.*\)/);
    expect(r.stdout).toContain("npm run --silent ask -- --article kilbarra-tram");
    expect(readdirSync(join(dir, "kilbarra-tram")).sort()).toEqual([
      "article.raw.txt",
      "article.txt",
      "facts.json",
      "meta.json",
      "qa.yaml",
      "sentences.json",
    ]);
    expect(readFileSync(join(dir, "kilbarra-tram", "article.raw.txt"), "utf8")).toBe(SECOND);
    const kb = loadKnowledge(join(dir, "kilbarra-tram"));
    expect(kb.meta.title).toBe("Kilbarra's Green Line tram opens 14 months late and €212 million over budget");
    expect(kb.meta.outlet).toBeNull();
    expect(kb.sentences[0]!.text).toBe(kb.meta.title); // the headline is citable
    expect(kb.meta.covers).toBe(kb.sentences[1]!.text); // the standfirst
    expect(kb.facts.length).toBeGreaterThan(10);
    const answer = new Library([kb]).answer("Who leads the Green Party group on the council?", "kilbarra-tram");
    expect(answer.answer.outcome === "answered" || answer.answer.outcome === "unsure").toBe(true);
  });

  it("reads stdin with -, takes --title, derives the id from the title, refuses to overwrite without --force", async () => {
    const dir = root();
    const r = await run(dir, ["--title", "Tram Opening, Kilbarra", "-"], SECOND);
    expect(r.code).toBe(0);
    const meta = JSON.parse(readFileSync(join(dir, "tram-opening-kilbarra", "meta.json"), "utf8")) as { title: string };
    expect(meta.title).toBe("Tram Opening, Kilbarra");
    const again = await run(dir, ["--title", "Tram Opening, Kilbarra", "-"], SECOND);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/knowledge\/tram-opening-kilbarra already exists; pass --force/);
    const forced = await run(
      dir,
      ["--force", "--title", "Tram Opening, Kilbarra", "-"],
      "New headline\nOne sentence. Two sentences. Three.\n",
    );
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "tram-opening-kilbarra", "article.txt"), "utf8")).toContain("New headline");
  });

  const refusals: [string, string[], string | Buffer, RegExp][] = [
    ["empty input", ["-"], "", /the input is empty/],
    ["whitespace only", ["-"], " \n\t\n  ", /the input is empty/],
    ["fewer than 3 sentences", ["-"], "Headline\nOne sentence only.\n", /has 2 sentences; a pack needs at least 3/],
    [
      "an id that is not a lowercase slug",
      ["--id", "Bad_ID", "test/fixtures/second-article.txt"],
      "",
      /the id "Bad_ID" is not a lowercase slug/,
    ],
    ["a missing file", ["no-such-file.txt"], "", /cannot read no-such-file.txt \(ENOENT\)/],
    ["an unknown option", ["--colour", "-"], SECOND, /unknown option --colour/],
  ];
  it.each(refusals)("refuses %s with exit 2 and writes nothing", async (_name, args, input, message) => {
    const dir = root();
    const r = await runScript(NEW, args, { env: { KNOWLEDGE_DIR: dir }, input: String(input) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("Nothing was written.");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses binary, non-UTF-8 and over-200 KB files with exit 2 and writes nothing", async () => {
    const files = mkdtempSync(join(tmpdir(), "kn-input-"));
    const cases: [string, Buffer, RegExp][] = [
      [
        "binary.txt",
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
        /not UTF-8 text|binary file/,
      ],
      ["latin1.txt", Buffer.from("Caf\xe9 opens. It is good. Very good.\n", "latin1"), /not UTF-8 text/],
      ["nul.txt", Buffer.from("Headline\u0000\nOne. Two. Three.\n"), /binary file/],
      ["huge.txt", Buffer.from(`${"A sentence of news text. ".repeat(9000)}\n`), /the limit is 200 KB/],
    ];
    for (const [name, bytes, message] of cases) {
      writeFileSync(join(files, name), bytes);
      const dir = root();
      const r = await run(dir, [join(files, name)]);
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(message);
      expect(readdirSync(dir), name).toEqual([]);
      expect(existsSync(join(dir, ".new-"))).toBe(false);
    }
  });
});
