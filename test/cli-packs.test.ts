import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REFERENCE_PACK, REPO_ROOT } from "../src/knowledge/load.js";
import { buildPack } from "../src/knowledge/new-pack.js";
import { runScript } from "./support/run-script.js";
import { anyString, stringMatching } from "./support/json.js";

/** A knowledge directory with the reference pack and the second article as `tram`. */
function root(): string {
  const dir = mkdtempSync(join(tmpdir(), "cli-packs-"));
  cpSync(join(REPO_ROOT, "knowledge", REFERENCE_PACK), join(dir, REFERENCE_PACK), { recursive: true });
  mkdirSync(join(dir, "tram"));
  const pack = buildPack(readFileSync(join(REPO_ROOT, "test/fixtures/second-article.txt"), "utf8"), { id: "tram" });
  for (const [name, text] of Object.entries(pack.files)) writeFileSync(join(dir, "tram", name), text);
  return dir;
}

describe("the CLI with several articles", () => {
  const dir = root();

  it("ask --article answers from that pack; JSON citations carry the article", async () => {
    const r = await runScript("src/cli/ask.ts", ["--article", "tram", "--json", "How long is the Green Line?"], {
      env: { KNOWLEDGE_DIR: dir },
    });
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.stdout) as { article: string; citations: unknown[]; closest: unknown[] };
    expect(obj.article).toBe("tram");
    for (const c of [...obj.citations, ...obj.closest])
      expect(c).toEqual({ id: stringMatching(/^S\d+$/), article: "tram", text: anyString() });
    expect(obj.citations.length + obj.closest.length).toBeGreaterThan(0);
  });

  it("without --article, each question goes to the article that answers it (--batch)", async () => {
    const input = "When did Putin first visit North Korea?\nWho operates the tram network?\n";
    const r = await runScript("src/cli/ask.ts", ["--json", "--batch"], { env: { KNOWLEDGE_DIR: dir }, input });
    const rows = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { article: string });
    expect(rows.map((row) => row.article)).toEqual([REFERENCE_PACK, "tram"]);
  });

  it("ask --article with an unknown pack or no value is a usage error", async () => {
    const unknown = await runScript("src/cli/ask.ts", ["--article", "nope", "hi"], { env: { KNOWLEDGE_DIR: dir } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No article "nope". Loaded: putin-north-korea-2024, tram/);
    const missing = await runScript("src/cli/ask.ts", ["hi", "--article"], { env: { KNOWLEDGE_DIR: dir } });
    expect(missing.code).toBe(2);
  });

  it("the terminal lists the articles with /articles, switches with /article <id>, and goes back with /article", async () => {
    const input = [
      "/articles",
      "/article tram",
      "how many stations are there",
      "/article",
      "/article nope",
      "/source",
      "exit",
    ].join("\n");
    const r = await runScript("src/main.ts", [], {
      input: `${input}\n`,
      env: { KNOWLEDGE_DIR: dir, DISCORD_TOKEN: "your-bot-token-here" },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 articles loaded:\n\s+putin-north-korea-2024\s+curated\s+26 sentences/);
    expect(r.stdout).toMatch(/tram\s+draft\s+41 sentences\s+Kilbarra's Green Line/);
    expect(r.stdout).toContain("Answering from tram: Kilbarra's Green Line");
    expect(r.stdout).toMatch(/\[tram\] Kilbarra's Green Line[^\n]*\n[\s\S]*17 stations/);
    expect(r.stdout).toContain("Answering from every article (2).");
    expect(r.stdout).toContain('No article "nope". /articles lists them.');
  });
});
