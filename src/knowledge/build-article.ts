import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanArticle, splitSentences } from "./clean-article.js";
import { knowledgeDir, REFERENCE_PACK } from "./load.js";

/**
 * `npm run knowledge:clean [-- <pack-id>]`: regenerates knowledge/<pack>/article.txt (the cleaned article)
 * and knowledge/<pack>/sentences.json (S0, S1, … in article order) from knowledge/<pack>/article.raw.txt.
 * Only needed if the raw article or the cleaning rules change; ids follow article order. This is the
 * reference pack's one-sentence-per-line splitter; packs made by `knowledge:new` are split by it instead.
 */
const pack = process.argv[2] ?? REFERENCE_PACK;
const dir = join(knowledgeDir(), pack);
const cleaned = cleanArticle(readFileSync(join(dir, "article.raw.txt"), "utf8"));
writeFileSync(join(dir, "article.txt"), cleaned);
const sentences = splitSentences(cleaned).map((text, i) => ({ id: `S${i}`, text }));
writeFileSync(join(dir, "sentences.json"), `${JSON.stringify({ sentences }, null, 2)}\n`);
console.log(
  `wrote knowledge/${pack}/article.txt and ${sentences.length} sentences to knowledge/${pack}/sentences.json`,
);
