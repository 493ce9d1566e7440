import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanArticle } from "../src/knowledge/clean-article.js";
import type { KnowledgeBase } from "../src/knowledge/types.js";
import { SYLLABLES, seededRandom } from "./synthetic-base.js";

/**
 * Writes `count` draft packs to a new temporary knowledge directory, generated from the two articles'
 * sentences for the many-articles benchmark. Pack i takes 30 sentences from the pool (both articles'
 * sentences, from a seeded generator so every run writes the same packs) and swaps two words of each for
 * made-up words, so the packs share the articles' wording the way articles on related subjects do, while
 * each has words of its own. Returns the directory and a question about each pack (one of its sentences).
 */
export function writeManyPacks(
  sources: readonly KnowledgeBase[],
  count: number,
  seed = 7,
): { root: string; questions: string[] } {
  const random = seededRandom(seed);
  const syllables = SYLLABLES;
  const word = (): string =>
    Array.from({ length: 3 }, () => syllables[Math.floor(random() * syllables.length)]).join("");
  const pool = sources.flatMap((kb) => kb.sentences.map((s) => s.text));
  const root = mkdtempSync(join(tmpdir(), "many-packs-"));
  const questions: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `generated-${String(i).padStart(3, "0")}`;
    const sentences = Array.from({ length: 30 }, () => {
      const words = pool[Math.floor(random() * pool.length)]!.split(" ");
      for (let k = 0; k < 2; k++) words[Math.floor(random() * words.length)] = word();
      return words.join(" ");
    });
    const raw = `${[...new Set(sentences)].join("\n")}\n`;
    // One sentence a line, as cleaned (a line starting in lower case joins the one before it).
    const article = cleanArticle(raw);
    const unique = article.trimEnd().split("\n");
    const dir = join(root, id);
    mkdirSync(dir);
    const json = (data: unknown): string => JSON.stringify(data);
    writeFileSync(join(dir, "article.raw.txt"), raw);
    writeFileSync(join(dir, "article.txt"), article);
    writeFileSync(join(dir, "sentences.json"), json({ sentences: unique.map((text, n) => ({ id: `S${n}`, text })) }));
    writeFileSync(
      join(dir, "meta.json"),
      json({
        title: `Generated article ${i}`,
        outlet: null,
        outletNote: "Generated for the benchmark.",
        writtenWhen: "Generated for the benchmark.",
        covers: unique[0],
        sentenceIds: "S0 onwards, in order.",
        status: "draft",
      }),
    );
    writeFileSync(join(dir, "qa.yaml"), "entries: []\n");
    writeFileSync(join(dir, "facts.json"), json({ facts: [] }));
    questions.push(unique[Math.floor(random() * unique.length)]!.split(" ").slice(0, 8).join(" "));
  }
  return { root, questions };
}
