import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanArticle, splitSentences } from "./clean-article.js";
import { knowledgeDir } from "./load.js";

/**
 * `npm run knowledge:clean`: regenerates knowledge/article.txt (the cleaned article) and
 * knowledge/sentences.json (S0, S1, … in article order) from knowledge/article.raw.txt.
 * Only needed if the raw article or the cleaning rules change; ids follow article order.
 */
const dir = knowledgeDir();
const cleaned = cleanArticle(readFileSync(join(dir, "article.raw.txt"), "utf8"));
writeFileSync(join(dir, "article.txt"), cleaned);
const sentences = splitSentences(cleaned).map((text, i) => ({ id: `S${i}`, text }));
writeFileSync(join(dir, "sentences.json"), `${JSON.stringify({ sentences }, null, 2)}\n`);
console.log(`wrote knowledge/article.txt and ${sentences.length} sentences to knowledge/sentences.json`);
